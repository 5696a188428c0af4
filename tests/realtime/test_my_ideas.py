"""What became of my ideas, through the real server: a phone after the hand-over asks with
its own token and gets only its own cards, with the status a member has just set on the
workspace's socket; a coordinator turns sharing off and the phone gets only the results;
other tokens get nothing."""
from __future__ import annotations

import re

from server.realtime.tokens import issue
from tests.conftest import Evening, Screen, boot_token, csrf_from
from tests.http.test_group_access import group_id_of, invite_link, join_group
from tests.realtime.test_workspace import build_evening, ok, post_hand_over


def my_ideas(http, board_id: int, token: str):
    return http.get(f"/phone/{board_id}/my-ideas",
                    headers={"Authorization": f"Bearer {token}"})


def phone_token(phone: Screen, code: str) -> str:
    """The token the phone's page gives it, as on the evening (the same link)."""
    return boot_token(phone.http.get(f"/j/{code}").get_data(as_text=True))


def test_a_phone_sees_its_own_cards_with_the_status_a_member_set(app):
    evening = Evening(app)
    built = build_evening(evening)  # Fatima's phone wrote every card of the plan
    other = evening.phone(name="Bert")
    console = built["console"]
    ok(console.command("go_to_step", {"step": 1}))
    ok(console.command("open_input"))
    ok(other.command("add_card", {"text": "Kaartje van Bert"}))
    ok(console.command("go_to_step", {"step": 5}))
    fatima_phone = built["phone"]
    assert post_hand_over(evening, console).status_code == 302
    gid = group_id_of(app, evening.board_id)
    member = join_group(app, invite_link(app, gid), "Henk")
    workspace = Screen(app, member, boot_token(member.get(f"/g/{gid}/plans")
                                               .get_data(as_text=True)))

    token = phone_token(fatima_phone, evening.code)
    first = my_ideas(fatima_phone.http, evening.board_id, token)
    assert first.status_code == 200 and first.headers["Cache-Control"] == "no-store"
    answer = first.get_json()
    assert (answer["handed_over"], answer["shared"]) == (True, True)
    texts = [card["text"] for card in answer["cards"]]
    assert texts == ["Eenzaamheid", "Niemand kent elkaar", "Koffie op dinsdag"]  # not hidden
    koffie = answer["cards"][2]
    assert koffie["cluster"] == "Koffieochtend"
    assert [r["type"] for r in koffie["results"]] == ["strategy"]
    assert [(a["what"], a["status"]) for a in koffie["actions"]] == [("Sleutel regelen", "idee")]
    assert "Fatima" not in first.get_data(as_text=True)  # the action's owner is a name

    [snapshot] = [p["args"][0] for p in workspace.received("snapshot")]
    [action] = snapshot["state"]["actions"]
    ok(workspace.command("set_action_status", {"action_id": action["id"], "status": "bezig",
                                               "base": action["fields"]["status"]["v"]}))
    again = my_ideas(fatima_phone.http, evening.board_id, token).get_json()
    assert [a["status"] for a in again["cards"][2]["actions"]] == ["bezig"]

    berts = my_ideas(other.http, evening.board_id, phone_token(other, evening.code)).get_json()
    assert [card["text"] for card in berts["cards"]] == ["Kaartje van Bert"]
    assert berts["cards"][0]["results"] == [] and berts["cards"][0]["actions"] == []


def test_the_coordinators_switch_off_leaves_only_the_evenings_results(app):
    evening = Evening(app)
    built = build_evening(evening)
    assert post_hand_over(evening, built["console"]).status_code == 302
    gid = group_id_of(app, evening.board_id)
    token = phone_token(built["phone"], evening.code)
    henk = join_group(app, invite_link(app, gid), "Henk")
    page = henk.get(f"/g/{gid}/plans").get_data(as_text=True)
    assert 'data-testid="share-progress-on"' not in page  # a member sees it, cannot change it
    home = henk.get(f"/g/{gid}").get_data(as_text=True)  # its sign-out form's token
    refused = henk.post(f"/g/{gid}/plans/share-progress",
                        data={"csrf_token": csrf_from(home), "on": "0"})
    assert refused.status_code == 403
    facilitator = built["console"].http  # granted, and it ran the evening: still not theirs
    console_page = facilitator.get(f"/console/w/{evening.board_id}").get_data(as_text=True)
    assert facilitator.post(f"/g/{gid}/plans/share-progress", data={
        "csrf_token": csrf_from(console_page), "on": "0"}).status_code == 403
    coordinator = join_group(app, invite_link(app, gid, "coordinator"), "Fatima")
    page = coordinator.get(f"/g/{gid}/plans").get_data(as_text=True)
    assert re.search(r'data-testid="share-progress-on" checked', page)  # on by default
    response = coordinator.post(f"/g/{gid}/plans/share-progress",
                                data={"csrf_token": csrf_from(page), "on": "0"})
    assert response.status_code == 302

    answer = my_ideas(built["phone"].http, evening.board_id, token).get_json()
    assert (answer["handed_over"], answer["shared"]) == (True, False)
    assert [r["title"] for c in answer["cards"] for r in c["results"]] == [
        "Eenzaamheid", "Eenzaamheid", "Koffieochtend"]
    assert all(card["actions"] == [] for card in answer["cards"])
    page = coordinator.get(f"/g/{gid}/plans").get_data(as_text=True)
    assert not re.search(r'data-testid="share-progress-on" checked', page)
    history = Screen(app, coordinator, boot_token(page))
    [snapshot] = [p["args"][0] for p in history.received("snapshot")]
    assert snapshot["state"]["share_progress"] is False
    assert (snapshot["state"]["history"][-1]["name"],
            snapshot["state"]["history"][-1]["data"]["by"]) == ("share_progress_set", "Fatima")

    coordinator.post(f"/g/{gid}/plans/share-progress",
                     data={"csrf_token": csrf_from(page), "on": ["0", "1"]})
    assert my_ideas(built["phone"].http, evening.board_id, token).get_json()["shared"] is True


def test_only_this_boards_phone_token_gets_an_answer(app):
    evening, elsewhere = Evening(app), Evening(app, login="bram")
    phone = evening.phone()
    token = phone_token(phone, evening.code)
    secret = app.config["SECRET_KEY"]
    assert my_ideas(phone.http, evening.board_id, token).status_code == 200
    assert phone.http.get(f"/phone/{evening.board_id}/my-ideas").status_code == 403
    assert my_ideas(phone.http, elsewhere.board_id, token).status_code == 403
    assert my_ideas(phone.http, evening.board_id, "forged").status_code == 403
    projector = issue(secret, evening.board_id, "projector")
    assert my_ideas(phone.http, evening.board_id, projector).status_code == 403
    stranger = issue(secret, evening.board_id, "participant", "not-a-participant")
    assert my_ideas(phone.http, evening.board_id, stranger).status_code == 403
    # before the hand-over: the evening's own results, nothing shared yet
    answer = my_ideas(phone.http, evening.board_id, token).get_json()
    assert answer == {"handed_over": False, "shared": False, "cards": [], "removed": False}
