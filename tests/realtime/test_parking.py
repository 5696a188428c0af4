"""The parking lot through the real socket and store: a phone parks during a step, the
console answers; a hidden item never reaches the projector or another phone, live or in a
snapshot; what is marked for later reaches the group's workspace through the hand-over."""
from __future__ import annotations

from tests.conftest import Evening, Screen
from tests.http.test_group_access import group_id_of, invite_link, join_group
from tests.realtime.test_workspace import build_evening, ok, plans_screen, post_hand_over

SECRET = "Mijn buurman op nummer 12 is een oplichter"


def parked_events(screen: Screen) -> list[tuple[str, dict]]:
    """The parking lot's events a screen received since it last looked."""
    return [(e["name"], e["data"]) for e in screen.events()
            if e["name"] in ("item_parked", "parked_updated", "parked_hidden",
                             "parked_unhidden")]


def snapshot(screen: Screen) -> dict:
    return screen.io.emit("resync", {"since": -1}, callback=True)["snapshot"]["state"]


def test_a_phone_parks_the_console_answers_and_every_screen_sees_it(evening):
    console, projector = evening.console(), evening.projector()
    asker, other = evening.phone(name="Fatima"), evening.phone(name="Henk")
    ok(console.command("go_to_step", {"step": 1}))  # input stays closed: parking still works
    for screen in (console, projector, asker, other):
        screen.received()
    ack = ok(asker.command("park_item", {"text": "Wanneer komt de bus terug?"}))
    parked_id = ack["result"]["parked_id"]
    ok(console.command("answer_parked", {"parked_id": parked_id,
                                         "answer": "In mei beslist de gemeente"}))
    for screen in (console, projector, other):
        [(_, added), (_, updated)] = parked_events(screen)
        assert added["parked"]["text"] == "Wanneer komt de bus terug?"
        assert updated["parked"]["status"] == "answered"
        assert "author" not in added["parked"] and "Fatima" not in str(added)
    mine = {p["id"]: p for p in snapshot(asker)["parked"]}
    assert mine[parked_id]["mine"] is True and mine[parked_id]["answer"] == (
        "In mei beslist de gemeente")
    assert snapshot(other)["parked"][0]["mine"] is False


def test_a_hidden_item_is_not_leaked_to_the_public(evening):
    console, projector = evening.console(), evening.projector()
    writer, other = evening.phone(), evening.phone()
    parked_id = ok(writer.command("park_item", {"text": "Iets onschuldigs"}))["result"][
        "parked_id"]
    ok(console.command("hide_parked", {"parked_id": parked_id}))
    for screen in (console, projector, writer, other):
        screen.received()
    ok(console.command("answer_parked", {"parked_id": parked_id, "answer": SECRET}))
    [(_, staff_update)] = parked_events(console)
    assert staff_update["parked"]["answer"] == SECRET
    for screen in (projector, writer, other):
        assert parked_events(screen) == [("parked_updated", {"parked_id": parked_id})]
        assert snapshot(screen)["parked"] == []
        replay = screen.io.emit("resync", {"since": 0}, callback=True)
        assert SECRET not in str(replay)
    [staff_item] = snapshot(console)["parked"]
    assert staff_item["hidden"] is True


def test_a_phone_is_refused_past_its_limit(evening):
    phone = evening.phone()
    for n in range(5):
        ok(phone.command("park_item", {"text": f"Vraag {n}"}))
    ack = phone.command("park_item", {"text": "Nog een"})
    assert not ack["ok"] and ack["error"]["code"] == "too_many_parked"


def test_the_items_marked_for_later_reach_the_groups_workspace(app):
    evening = Evening(app)
    built = build_evening(evening)
    console, phone = built["console"], evening.phone()
    later, closed, hidden = (
        ok(phone.command("park_item", {"text": text}))["result"]["parked_id"]
        for text in ("Hoe zit het met parkeren?", "Al beantwoord", SECRET))
    ok(console.command("answer_parked", {"parked_id": later, "answer": "Navragen"}))
    for item in (later, hidden):
        ok(console.command("mark_parked_later", {"parked_id": item}))
    ok(console.command("close_parked", {"parked_id": closed}))
    ok(console.command("hide_parked", {"parked_id": hidden}))
    confirm = console.http.get(f"/console/w/{evening.board_id}/hand-over").get_data(
        as_text=True)
    assert "1 open punt: een geparkeerde vraag" in confirm  # the hidden one does not count
    assert post_hand_over(evening, console).status_code == 302

    gid = group_id_of(app, evening.board_id)
    handed = {"gid": gid, "fatima": join_group(app, invite_link(app, gid, "coordinator"),
                                               "Fatima")}
    [workspace] = [p["args"][0] for p in plans_screen(app, handed, "fatima").received(
        "snapshot")]
    [point] = workspace["state"]["open_points"]
    assert (point["text"], point["answer"], point["from"]["id"]) == (
        "Hoe zit het met parkeren?", "Navragen", later)
    assert SECRET not in str(workspace)
