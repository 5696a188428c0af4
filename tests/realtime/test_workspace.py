"""The group's plan workspace over Socket.IO: an evening built through the real service is
handed over; members follow the actions up live; outsiders are refused at connect.
"""
from __future__ import annotations

import re

import pytest

from server import socketio
from server.domain.board.actors import FACILITATOR, MEMBER, SYSTEM, Actor
from server.domain.board.errors import DomainError
from server.handover import hand_over, handover_op_id
from server.models import Board, Member
from server.realtime.tokens import issue
from server.store.groups import grant
from tests.conftest import Evening, Screen, boot_token, csrf_from, new_op, sign_in_as
from tests.http.test_group_access import group_id_of, invite_link, join_group


def ok(ack):
    assert ack["ok"], ack
    return ack


def build_evening(evening: Evening) -> dict:
    """Strategies and a challenge from phones' cards (one named, one hidden), a plan with
    one action written on a phone: the evening as the real service stores it."""
    console, phone = evening.console(), evening.phone(name="Fatima")

    def f(command, /, **args):
        return ok(console.command(command, args))

    f("go_to_step", step=1)
    f("open_input")
    cards = [ok(phone.command("add_card", {"text": t}))["result"]["card_id"]
             for t in ("Eenzaamheid", "Niemand kent elkaar", "Geheim kaartje")]
    challenge = f("create_cluster", card_ids=cards, name="Eenzaamheid")["result"]["cluster_id"]
    f("promote_clusters", cluster_ids=[challenge])
    f("hide_card", card_id=cards[2])
    f("go_to_step", step=4)
    f("open_input")
    koffie = ok(phone.command("add_card", {"text": "Koffie op dinsdag"}))["result"]["card_id"]
    strategy = f("create_cluster", card_ids=[koffie], name="Koffieochtend")["result"]["cluster_id"]
    f("promote_clusters", cluster_ids=[strategy])
    state = console.io.emit("resync", {"since": -1}, callback=True)["snapshot"]["state"]
    results = {r["title"]: r["id"] for r in state["results"]}
    f("go_to_step", step=5)
    f("open_input")
    plan_id = f("create_plan", source_id=results["Koffieochtend"],
                issue_id=results["Eenzaamheid"])["result"]["plan_id"]
    ok(phone.command("add_action", {"plan_id": plan_id, "fields": {
        "what": "Sleutel regelen", "owner": "Fatima", "due": "2020-02-01"}}))
    return {"console": console, "phone": phone}


def confirmed_version(html: str) -> str:
    """The evening's version the confirmation page shows its counts for."""
    match = re.search(r'name="version" value="(\d+)"', html)
    assert match, "the page has no confirmation form"
    return match.group(1)


def post_hand_over(evening: Evening, console: Screen):
    """Hand over as the facilitator does: the confirmation page, then "Yes, hand over"."""
    html = console.http.get(f"/console/w/{evening.board_id}/hand-over").get_data(as_text=True)
    return console.http.post(f"/console/w/{evening.board_id}/hand-over",
                             data={"csrf_token": csrf_from(html),
                                   "version": confirmed_version(html)})


def workspace_id(app, gid: int) -> int:
    with app.extensions["weefwerk.service"].sessions() as db:
        return db.query(Board).filter_by(group_id=gid, kind="workspace").one().id


def plans_screen(app, handed: dict, who: str) -> Screen:
    client = handed[who]
    html = client.get(f"/g/{handed['gid']}/plans").get_data(as_text=True)
    return Screen(app, client, boot_token(html))


@pytest.fixture
def handed(app):
    """An evening handed over; two members of the group and one of another group."""
    evening = Evening(app)
    built = build_evening(evening)
    response = post_hand_over(evening, built["console"])
    gid = group_id_of(app, evening.board_id)
    assert response.status_code == 302 and response.headers["Location"].endswith(
        f"/g/{gid}/plans")
    other = Evening(app, login="bram")
    return {"evening": evening, "gid": gid, "console": built["console"],
            "workspace": workspace_id(app, gid),
            "fatima": join_group(app, invite_link(app, gid, "coordinator"), "Fatima"),
            "henk": join_group(app, invite_link(app, gid), "Henk"),
            "stranger": join_group(app, invite_link(app, group_id_of(app, other.board_id)),
                                   "Els")}


def test_the_handed_over_plans_reach_a_member_without_names_or_hidden_cards(app, handed):
    fatima = plans_screen(app, handed, "fatima")
    [snapshot] = [p["args"][0] for p in fatima.received("snapshot")]
    state = snapshot["state"]
    assert snapshot["version"] == 1
    assert sorted(c["text"] for c in state["cards"]) == [
        "Eenzaamheid", "Koffie op dinsdag", "Niemand kent elkaar"]
    assert all(set(c) == {"id", "text", "origin", "from"} for c in state["cards"])
    [action] = state["actions"]
    assert action["fields"]["what"]["value"] == "Sleutel regelen"
    assert state["evenings"][0]["board_id"] == handed["evening"].board_id
    assert [(h["name"], h["data"]["by"]) for h in state["history"]] == [
        ("evening_taken_over", "Anna")]
    shown = str({k: v for k, v in state.items() if k != "participants"})  # presence count
    assert "author" not in shown and "participant" not in shown


def test_a_status_change_reaches_the_other_member_exactly_once(app, handed):
    fatima, henk = plans_screen(app, handed, "fatima"), plans_screen(app, handed, "henk")
    state = [p["args"][0] for p in henk.received("snapshot")][0]
    [action] = state["state"]["actions"]
    version, base = state["version"], action["fields"]["status"]["v"]
    op_id = new_op()
    args = {"action_id": action["id"], "status": "bezig", "base": base}
    first = ok(fatima.command("set_action_status", args, op_id=op_id))
    [event] = henk.events()
    assert event == {"version": version + 1, "name": "action_updated", "data": {
        "action_id": action["id"], "field": "status", "value": "bezig", "v": base + 1,
        "by": "Fatima", "at": event["data"]["at"]}}
    assert fatima.command("set_action_status", args, op_id=op_id) == first
    socketio.sleep(0.05)
    assert henk.events() == []
    late = henk.command("set_action_status", {**args, "status": "vastgelopen"})
    assert late["ok"] is False and late["error"]["code"] == "superseded"


def test_an_orid_update_is_shared_with_who_wrote_it(app, handed):
    fatima, henk = plans_screen(app, handed, "fatima"), plans_screen(app, handed, "henk")
    [action] = [p["args"][0] for p in henk.received("snapshot")][0]["state"]["actions"]
    ack = ok(fatima.command("add_action_update", {"action_id": action["id"],
                                                  "did": "De school gebeld"}))
    [event] = henk.events()
    assert event["name"] == "action_update_added"
    assert event["data"]["update"]["id"] == ack["result"]["update_id"]
    assert event["data"]["update"]["by"] == "Fatima"


def test_a_member_of_another_group_is_refused_at_connect(app, handed):
    stranger = handed["stranger"]
    assert stranger.get(f"/g/{handed['gid']}/plans").status_code == 302
    with app.extensions["weefwerk.service"].sessions() as db:
        els = db.query(Member).filter_by(display_name="Els").one().id
    token = issue(app.config["SECRET_KEY"], handed["workspace"], MEMBER, els)
    client = socketio.test_client(app, flask_test_client=stranger, auth={"token": token})
    assert not client.is_connected()


def test_a_member_token_needs_the_members_own_sign_in(app, handed):
    html = handed["henk"].get(f"/g/{handed['gid']}/plans").get_data(as_text=True)
    thief = app.test_client()
    client = socketio.test_client(app, flask_test_client=thief,
                                  auth={"token": boot_token(html)})
    assert not client.is_connected()


def test_a_facilitator_whose_grant_was_revoked_is_refused(app, handed):
    facilitator = handed["console"].http
    html = facilitator.get(f"/g/{handed['gid']}/plans").get_data(as_text=True)
    token = boot_token(html)
    granted = Screen(app, facilitator, token)
    [action] = [p["args"][0] for p in granted.received("snapshot")][0]["state"]["actions"]
    with app.extensions["weefwerk.service"].sessions() as db:
        grant(db, handed["gid"], handed["evening"].user_id, active=False)
        db.commit()
    refused = granted.command("set_action_status", {"action_id": action["id"],
                                                    "status": "bezig", "base": 0})
    assert refused["ok"] is False and refused["error"]["code"] == "not_granted"
    assert "toegang" in refused["error"]["message"]  # the group took the access back
    client = socketio.test_client(app, flask_test_client=facilitator, auth={"token": token})
    assert not client.is_connected()
    assert facilitator.get(f"/g/{handed['gid']}/plans").status_code == 403


def test_a_facilitator_token_for_a_workspace_is_not_an_owner_token(app, handed):
    other = Evening(app, login="carla")
    client = app.test_client()
    sign_in_as(app, client, other.user_id)
    token = issue(app.config["SECRET_KEY"], handed["workspace"], FACILITATOR, other.user_id)
    assert not socketio.test_client(app, flask_test_client=client,
                                    auth={"token": token}).is_connected()


def test_handing_over_twice_is_refused_and_a_double_click_counts_once(app, handed):
    evening, service = handed["evening"], app.extensions["weefwerk.service"]
    http = handed["console"].http
    versions = (service.load(handed["workspace"])[0].version,
                service.load(evening.board_id)[0].version)
    confirmed = versions[1] - 1  # the page the first click came from (before the close)
    page = http.get(f"/console/w/{evening.board_id}/hand-over")
    assert page.status_code == 409 and "al aan de groep" in page.get_data(as_text=True)
    assert 'data-testid="confirm-hand-over"' not in page.get_data(as_text=True)
    # the second click of a double click sends the same form: it gets the first answer
    again = http.post(f"/console/w/{evening.board_id}/hand-over", data={
        "csrf_token": csrf_from(page.get_data(as_text=True)), "version": confirmed})
    assert again.status_code == 302 and again.headers["Location"].endswith(
        f"/g/{handed['gid']}/plans")
    with pytest.raises(DomainError) as refused:
        hand_over(service, evening.board_id, "Anna", versions[1])
    assert refused.value.code == "already_taken_over"
    replay = service.handle(handed["workspace"], handover_op_id(evening.board_id, confirmed),
                            "take_over_evening", {"evening": {}},
                            Actor(SYSTEM, handed["workspace"], display_name="Anna"))
    assert replay["ok"] is True
    assert (service.load(handed["workspace"])[0].version,
            service.load(evening.board_id)[0].version) == versions


def test_a_workspace_cannot_be_joined_by_code_nor_opened_as_an_evening(app, handed):
    with app.extensions["weefwerk.service"].sessions() as db:
        board = db.get(Board, handed["workspace"])
        code, key = board.join_code, board.projector_key
    assert app.test_client().get(f"/j/{code}").status_code == 404
    assert app.test_client().get(f"/p/{key}").status_code == 404
    console = handed["console"].http
    assert console.get(f"/console/w/{handed['workspace']}").status_code == 404
    assert f"/console/w/{handed['workspace']}\"" not in console.get("/console").get_data(
        as_text=True)


def test_next_years_evening_opens_with_this_years_new_meanings_as_data_cards(app, handed):
    fatima = plans_screen(app, handed, "fatima")
    for year, text, kind in [(2026, "Oud inzicht", "trend"), (2027, "Meer jonge gezinnen", "trend"),
                             (2027, "De school wil meedoen", "force")]:
        ok(fatima.command("add_meaning", {"year": year, "text": text, "kind": kind}))

    from server.models import ResidentGroup, User
    from server.store.boards import create_workshop
    with app.extensions["weefwerk.service"].sessions() as db:
        user = db.get(User, handed["evening"].user_id)
        group = db.get(ResidentGroup, handed["gid"])
        fmt = app.extensions["weefwerk.formats"]["participatory-planning"]
        board = create_workshop(db, user, group, "Bewonersavond volgend jaar", fmt)
        db.commit()
        cards = list(board.state["cards"].values())

    placed = {(c["text"], fmt.steps[c["step"]].produces, c["origin"]) for c in cards}
    assert placed == {("Meer jonge gezinnen", "trend", "data"),
                      ("De school wil meedoen", "force", "data")}
    assert all(c["author"] is None and c["author_name"] is None for c in cards)
