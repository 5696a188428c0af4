"""The group's yearly cycle through the real app: a council meeting opens on the group's
open actions (and follows a member's change on "refresh"), a yearly evaluation evening
fills the year and its new meanings at hand-over, and the next evening starts from them.
Everything goes through HTTP pages and Socket.IO as the screens do."""
from __future__ import annotations

import re

from server.models import Board
from tests.conftest import Evening, Screen, boot_token, csrf_from
from tests.http.test_group_access import group_id_of, invite_link, join_group
from tests.realtime.test_workspace import (
    build_evening,
    confirmed_version,
    ok,
    plans_screen,
    post_hand_over,
)


def new_evening(evening: Evening, console: Screen, gid: int, fmt: str, title: str) -> int:
    """A facilitator makes another evening for the same group, from the console page."""
    page = console.http.get("/console").get_data(as_text=True)
    response = console.http.post("/workshops", data={
        "title": title, "format": fmt, "group_id": gid, "csrf_token": csrf_from(page)})
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(re.search(r"/console/w/(\d+)$", response.headers["Location"]).group(1))


def screen(app, http, path: str) -> Screen:
    return Screen(app, http, boot_token(http.get(path).get_data(as_text=True)))


def projector_of(app, board_id: int) -> Screen:
    with app.extensions["weefwerk.service"].sessions() as db:
        key = db.get(Board, board_id).projector_key
    return screen(app, app.test_client(), f"/p/{key}")


def snapshot(screen_: Screen) -> dict:
    return screen_.io.emit("resync", {"since": -1}, callback=True)["snapshot"]["state"]


def handed_group(app):
    """An evening handed over to its group, with a member who can follow the plan up."""
    evening = Evening(app)
    built = build_evening(evening)
    assert post_hand_over(evening, built["console"]).status_code == 302
    gid = group_id_of(app, evening.board_id)
    member = join_group(app, invite_link(app, gid, "coordinator"), "Fatima")
    return evening, built["console"], gid, member


def test_a_council_meeting_opens_on_the_open_actions_and_follows_a_change(app):
    evening, console, gid, member = handed_group(app)
    board_id = new_evening(evening, console, gid, "council-review", "Raad december")
    projector = projector_of(app, board_id)
    review = snapshot(projector)["reviews"]["0"]
    [plan] = review["plans"]
    [action] = plan["actions"]
    assert (plan["title"], action["what"], action["owner"], action["status"]) == (
        "Koffieochtend", "Sleutel regelen", "Fatima", "idee")

    # during the meeting a member marks the action done in the workspace
    fatima = plans_screen(app, {"gid": gid, "fatima": member}, "fatima")
    [ws_action] = snapshot(fatima)["actions"]
    ok(fatima.command("set_action_status", {"action_id": ws_action["id"], "status": "gereed",
                                            "base": ws_action["fields"]["status"]["v"]}))
    projector.events()
    facilitator = screen(app, console.http, f"/console/w/{board_id}")
    ok(facilitator.command("refresh_review"))
    [event] = projector.events()
    assert event["name"] == "review_filled" and event["data"]["step"] == 0
    assert event["data"]["review"]["plans"] == [] and event["data"]["review"]["total"] == 0
    assert snapshot(projector)["reviews"]["0"]["total"] == 0

    # a phone may not ask for it; off the review step the facilitator is told why
    phone = phone_of(app, board_id)
    assert phone.command("refresh_review")["error"]["code"] == "forbidden"
    ok(facilitator.command("go_to_step", {"step": 1}))
    refused = facilitator.command("refresh_review")
    assert refused["error"]["code"] == "technique_not_active"
    # the process report and the evening's plan page read a log with review copies in it
    for page in ("report", "plans"):
        assert console.http.get(f"/console/w/{board_id}/{page}").status_code == 200


def phone_of(app, board_id: int) -> Screen:
    """A resident joining the evening by its code, as `Evening.phone` does."""
    with app.extensions["weefwerk.service"].sessions() as db:
        code = db.get(Board, board_id).join_code
    http = app.test_client()
    page = http.get(f"/j/{code}").get_data(as_text=True)
    assert http.post(f"/j/{code}", data={"csrf_token": csrf_from(page)}).status_code == 302
    return screen(app, http, f"/j/{code}")


def test_a_year_evaluation_fills_the_year_and_seeds_the_next_evening(app):
    evening, console, gid, member = handed_group(app)
    board_id = new_evening(evening, console, gid, "year-evaluation", "Jaarevaluatie")
    facilitator = screen(app, console.http, f"/console/w/{board_id}")
    assert snapshot(facilitator)["reviews"]["0"]["source"] == "year_actions"
    phone = phone_of(app, board_id)

    def f(command, /, **args):
        return ok(facilitator.command(command, args))

    def card(text, **args):
        return ok(phone.command("add_card", {"text": text, "publish": True, **args})
                  )["result"]["card_id"]

    f("go_to_step", step=2)  # what did it bring
    f("open_input")
    f("create_cluster", card_ids=[card("Meer mensen kennen elkaar")], name="Meer contact")
    f("go_to_step", step=5)  # what helps us, what holds us back
    f("open_input")
    force = f("create_cluster", card_ids=[card("De bieb wil meedoen", kind="potential")],
              name="Bibliotheek als partner")["result"]["cluster_id"]
    f("promote_clusters", cluster_ids=[force])
    page = console.http.get(f"/console/w/{board_id}/hand-over").get_data(as_text=True)
    assert "1 nieuwe betekenis voor volgend jaar" in page  # no plans: the year gets it
    handed = console.http.post(f"/console/w/{board_id}/hand-over", data={
        "csrf_token": csrf_from(page), "version": confirmed_version(page)})
    assert handed.status_code == 302

    workspace = snapshot(plans_screen(app, {"gid": gid, "fatima": member}, "fatima"))
    [meaning] = workspace["meanings"]
    assert (meaning["text"], meaning["kind"]) == ("Bibliotheek als partner", "force")
    [(year, entry)] = workspace["years"].items()
    assert entry["evaluation"]["achieved"] == "- Meer contact"
    assert int(year) == meaning["year"]

    next_id = new_evening(evening, console, gid, "participatory-planning", "Nieuw jaar")
    cards = snapshot(projector_of(app, next_id))["cards"]
    assert [(c["step"], c["text"], c["origin"]) for c in cards] == [
        (3, "Bibliotheek als partner", "data")]
