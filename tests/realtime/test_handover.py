"""The hand-over is deliberate: only at the end of the evening, confirmed on a page that
says what goes to which group, refused when there is nothing; the evening is closed
afterwards; a mistaken hand-over is taken back while the group changed nothing.
Everything through the real pages and sockets, as the console, phones and members do."""
from __future__ import annotations

from server.domain.board.actors import SYSTEM, Actor
from server.domain.evening.closing import evening_copy
from server.handover import ensure_workspace
from server.models import Board
from tests.conftest import Evening, Screen, csrf_from
from tests.http.test_group_access import group_id_of, invite_link, join_group
from tests.realtime.test_workspace import (
    build_evening,
    confirmed_version,
    ok,
    plans_screen,
    post_hand_over,
)


def confirm_page(evening: Evening, console: Screen):
    return console.http.get(f"/console/w/{evening.board_id}/hand-over")


def board(app, board_id: int) -> Board:
    """The stored board, readable after its session (its items loaded: `.state` works)."""
    with app.extensions["weefwerk.service"].sessions() as db:
        stored = db.get(Board, board_id)
        stored.items  # noqa: B018 - loads them
        db.expunge_all()
    return stored


def workspaces(app) -> list[Board]:
    with app.extensions["weefwerk.service"].sessions() as db:
        return db.query(Board).filter_by(kind="workspace").all()


def snapshot(screen: Screen) -> dict:
    return screen.io.emit("resync", {"since": -1}, callback=True)["snapshot"]["state"]


def take_back(evening: Evening, console: Screen):
    """"Overdracht terugdraaien" on the console of the closed evening."""
    html = console.http.get(f"/console/w/{evening.board_id}").get_data(as_text=True)
    return console.http.post(f"/console/w/{evening.board_id}/take-back", data={
        "csrf_token": csrf_from(html), "version": confirmed_version(html)})


def handed_over(app):
    evening = Evening(app)
    built = build_evening(evening)
    phone = evening.phone(name="Henk")
    assert post_hand_over(evening, built["console"]).status_code == 302
    return evening, built["console"], phone, group_id_of(app, evening.board_id)


def test_a_hand_over_in_the_first_minute_is_refused_and_changes_nothing(app):
    evening = Evening(app)
    console = evening.console()
    page = console.http.get(f"/console/w/{evening.board_id}").get_data(as_text=True)
    assert f'action="/console/w/{evening.board_id}/hand-over"' not in page  # not in the header
    confirm = confirm_page(evening, console)
    text = confirm.get_data(as_text=True)
    assert confirm.status_code == 409
    assert "Ga eerst naar de laatste stap (stap 6)" in text
    assert 'data-testid="confirm-hand-over"' not in text
    # the form sent anyway (an old tab, by hand) is refused the same way
    sent = console.http.post(f"/console/w/{evening.board_id}/hand-over", data={
        "csrf_token": csrf_from(text), "version": board(app, evening.board_id).version})
    assert sent.status_code == 302 and sent.headers["Location"].endswith("/hand-over")
    again = console.http.get(sent.headers["Location"]).get_data(as_text=True)
    assert "Ga eerst naar de laatste stap" in again
    assert workspaces(app) == [] and board(app, evening.board_id).version == 0
    assert snapshot(console)["handed_over"] is None


def test_the_last_step_without_a_plan_has_nothing_to_hand_over(app):
    evening = Evening(app)
    console = evening.console()
    ok(console.command("go_to_step", {"step": 5}))
    confirm = confirm_page(evening, console)
    assert confirm.status_code == 409
    assert "Er is nog niets om over te dragen" in confirm.get_data(as_text=True)
    version = board(app, evening.board_id).version
    console.http.post(f"/console/w/{evening.board_id}/hand-over", data={
        "csrf_token": csrf_from(confirm.get_data(as_text=True)), "version": version})
    assert workspaces(app) == [] and board(app, evening.board_id).version == version


def test_the_confirmation_says_which_group_and_how_many_plans_and_actions(app):
    evening = Evening(app)
    console = build_evening(evening)["console"]
    confirm = confirm_page(evening, console)
    text = confirm.get_data(as_text=True)
    assert confirm.status_code == 200
    assert "de plannen overdragen aan Bewonersraad Kanaleneiland?" in text
    assert "1 projectplan" in text and "1 actie" in text
    assert "Ja, overdragen" in text and 'data-testid="hand-over-back"' in text
    assert workspaces(app) == []  # looking hands nothing over


def test_counts_that_changed_since_the_confirmation_are_confirmed_again(app):
    evening = Evening(app)
    console = build_evening(evening)["console"]
    phone = evening.phone(name="Henk")
    html = confirm_page(evening, console).get_data(as_text=True)
    [plan] = snapshot(console)["plans"]
    ok(phone.command("add_action", {"plan_id": plan["id"], "fields": {"what": "Flyers"}}))
    sent = console.http.post(f"/console/w/{evening.board_id}/hand-over", data={
        "csrf_token": csrf_from(html), "version": confirmed_version(html)})
    again = console.http.get(sent.headers["Location"]).get_data(as_text=True)
    assert "Er is iets veranderd sinds je keek" in again and "2 acties" in again
    assert workspaces(app) == []
    assert post_hand_over(evening, console).status_code == 302  # confirmed once more


def test_after_the_hand_over_the_evening_is_closed_on_every_screen(app):
    evening = Evening(app)
    console = build_evening(evening)["console"]
    phone, projector = evening.phone(name="Henk"), evening.projector()
    phone.received(), projector.received()
    assert post_hand_over(evening, console).status_code == 302
    for screen in (phone, projector):
        [closed] = [e for e in screen.events() if e["name"] == "evening_closed"]
        assert closed["data"]["handed_over"]["group"] == "Bewonersraad Kanaleneiland"
        assert closed["data"]["input_open"] is False
    assert snapshot(phone)["handed_over"]["plans"] == 1
    refused = phone.command("add_card", {"text": "Nog een idee"})
    assert refused["error"] == {"code": "evening_closed", "message":
                                "De avond is afgesloten; de plannen staan nu bij de groep."}
    for name, args in (("open_input", {}), ("go_to_step", {"step": 0})):
        assert console.command(name, args)["error"]["code"] == "evening_closed"
    assert projector.command("open_input")["error"]["code"] == "forbidden"
    page = console.http.get(f"/console/w/{evening.board_id}").get_data(as_text=True)
    assert 'data-testid="evening-closed"' in page and 'data-testid="take-back"' in page
    assert 'data-testid="hand-over"' not in page
    plans = console.http.get(f"/console/w/{evening.board_id}/plans").get_data(as_text=True)
    gid = group_id_of(app, evening.board_id)
    assert 'data-testid="handed-over-notice"' in plans and f'href="/g/{gid}/plans"' in plans


def test_a_failed_copy_leaves_the_evening_open(app):
    """An evening a workspace already holds (handed over before the rule existed): the
    copy is refused inside the transaction, so the evening is not closed either."""
    evening = Evening(app)
    console = build_evening(evening)["console"]
    service = app.extensions["weefwerk.service"]
    gid = group_id_of(app, evening.board_id)
    space = ensure_workspace(service, gid, evening.user_id)
    stored = board(app, evening.board_id)
    copy = evening_copy(stored.state, stored.id, stored.title,
                        service.formats[stored.format_slug])
    ok(service.handle(space, "legacy-handover-1", "take_over_evening", {"evening": copy},
                      Actor(SYSTEM, space, display_name="Anna")))
    version = stored.version
    assert post_hand_over(evening, console).status_code == 302
    assert board(app, evening.board_id).version == version
    assert snapshot(console)["handed_over"] is None
    assert board(app, space).version == 1


def test_an_evening_handed_over_before_closing_existed_can_be_taken_back(app):
    """The old one-click hand-over in the first minute: the evening sits empty in the
    workspace and its real plans could never follow. Taking it back lets them."""
    evening = Evening(app)
    console = evening.console()
    service = app.extensions["weefwerk.service"]
    space = ensure_workspace(service, group_id_of(app, evening.board_id), evening.user_id)
    stored = board(app, evening.board_id)
    ok(service.handle(space, f"handover-{evening.board_id}", "take_over_evening", {
        "evening": evening_copy(stored.state, stored.id, stored.title)},
        Actor(SYSTEM, space, display_name="Anna")))
    build_evening(evening)
    page = confirm_page(evening, console).get_data(as_text=True)
    assert "Deze avond is al aan de groep overgedragen" in page
    form = {"csrf_token": csrf_from(page), "version": confirmed_version(page)}
    assert console.http.post(f"/console/w/{evening.board_id}/take-back",
                             data=form).status_code == 302
    assert console.http.post(f"/console/w/{evening.board_id}/take-back",
                             data=form).status_code == 302  # a double click: once
    assert board(app, space).version == 2
    assert post_hand_over(evening, console).status_code == 302
    assert len(board(app, space).state["plans"]) == 1


def test_taking_back_removes_the_plans_and_reopens_the_evening(app):
    evening, console, phone, gid = handed_over(app)
    member = join_group(app, invite_link(app, gid, "coordinator"), "Fatima")
    fatima = plans_screen(app, {"gid": gid, "fatima": member}, "fatima")
    assert len(snapshot(fatima)["plans"]) == 1
    fatima.received()
    response = take_back(evening, console)
    assert response.status_code == 302
    page = console.http.get(response.headers["Location"]).get_data(as_text=True)
    assert "De overdracht is teruggedraaid" in page and 'data-testid="hand-over"' in page
    [returned] = [e for e in fatima.events() if e["name"] == "evening_returned"]
    assert returned["data"]["evening"]["board_id"] == evening.board_id
    state = snapshot(fatima)
    assert (state["plans"], state["actions"], state["results"], state["cards"],
            state["evenings"]) == ([], [], [], [], [])
    assert [h["name"] for h in state["history"]] == ["evening_taken_over", "evening_returned"]
    assert snapshot(phone)["handed_over"] is None
    ok(console.command("open_input"))  # the room goes on
    ok(phone.command("add_action", {"plan_id": snapshot(phone)["plans"][0]["id"],
                                    "fields": {"what": "Flyers"}}))
    # a second hand-over takes the evening as it is now, once
    assert post_hand_over(evening, console).status_code == 302
    state = snapshot(fatima)
    assert len(state["plans"]) == 1 and len(state["actions"]) == 2
    assert len(state["evenings"]) == 1


def test_taking_back_is_refused_once_the_group_changed_a_plan(app):
    evening, console, _phone, gid = handed_over(app)
    member = join_group(app, invite_link(app, gid, "coordinator"), "Fatima")
    fatima = plans_screen(app, {"gid": gid, "fatima": member}, "fatima")
    [action] = snapshot(fatima)["actions"]
    ok(fatima.command("set_action_status", {"action_id": action["id"], "status": "bezig",
                                            "base": action["fields"]["status"]["v"]}))
    before = [board(app, b.id).version for b in workspaces(app)]
    response = take_back(evening, console)
    page = console.http.get(response.headers["Location"]).get_data(as_text=True)
    assert "De groep heeft al iets in deze plannen veranderd" in page
    assert 'data-testid="evening-closed"' in page  # still closed, still with the group
    assert [board(app, b.id).version for b in workspaces(app)] == before
    assert len(snapshot(fatima)["plans"]) == 1


def test_a_change_elsewhere_in_the_workspace_does_not_stop_taking_back(app):
    evening, console, _phone, gid = handed_over(app)
    member = join_group(app, invite_link(app, gid, "coordinator"), "Fatima")
    fatima = plans_screen(app, {"gid": gid, "fatima": member}, "fatima")
    ok(fatima.command("set_year_phase", {"year": 2027, "phase": 1}))
    take_back(evening, console)
    state = snapshot(fatima)
    assert state["plans"] == [] and state["years"]["2027"]["phase"] == 1


def test_a_double_click_on_taking_back_counts_once(app):
    evening, console, _phone, _gid = handed_over(app)
    html = console.http.get(f"/console/w/{evening.board_id}").get_data(as_text=True)
    form = {"csrf_token": csrf_from(html), "version": confirmed_version(html)}
    first = console.http.post(f"/console/w/{evening.board_id}/take-back", data=form)
    version = board(app, evening.board_id).version
    second = console.http.post(f"/console/w/{evening.board_id}/take-back", data=form)
    assert first.status_code == second.status_code == 302
    page = console.http.get(second.headers["Location"]).get_data(as_text=True)
    assert "De overdracht is teruggedraaid" in page
    assert board(app, evening.board_id).version == version
