"""The live board over Socket.IO (Flask-SocketIO's test client, threading mode)."""
from __future__ import annotations

from tests.conftest import Evening, new_op


def open_input(console):
    ack = console.command("open_input")
    assert ack["ok"], ack
    return ack


def test_every_screen_gets_a_snapshot_when_it_connects(evening):
    phone = evening.phone()
    snapshot = phone.received("snapshot")[0]["args"][0]
    assert snapshot["version"] == 0
    assert snapshot["state"]["board"]["code"] == evening.code
    assert len(snapshot["state"]["steps"]) == 6
    assert snapshot["state"]["input_open"] is False


def test_a_card_added_by_one_phone_reaches_every_client_in_the_room(evening):
    console, projector = evening.console(), evening.projector()
    phone_a, phone_b = evening.phone(), evening.phone("Fatima")
    open_input(console)
    for screen in (console, projector, phone_a, phone_b):
        screen.received()

    ack = phone_b.command("add_card", {"text": "Meer bankjes in het park"})

    assert ack == {"ok": True, "version": 2, "result": {"card_id": "c1"}}
    for screen in (console, projector, phone_a, phone_b):
        [event] = screen.events()
        assert event["version"] == 2
        assert event["name"] == "card_added"
        assert event["data"]["card"]["text"] == "Meer bankjes in het park"


def test_no_client_of_another_workshop_receives_the_card(app, evening):
    other = Evening(app, login="bram")
    stranger_phone, stranger_projector = other.phone(), other.projector()
    console, phone = evening.console(), evening.phone()
    open_input(console)
    stranger_phone.received(), stranger_projector.received()

    phone.command("add_card", {"text": "Alleen voor onze buurt"})

    assert stranger_phone.events() == []
    assert stranger_projector.events() == []


def test_author_names_reach_the_room_only_while_the_facilitator_shows_them(evening):
    console, projector, phone = evening.console(), evening.projector(), evening.phone("Fatima")
    open_input(console)
    phone.command("add_card", {"text": "Speeltuin opknappen"})
    [before] = [e for e in projector.events() if e["name"] == "card_added"]
    [staff_view] = [e for e in console.events() if e["name"] == "card_added"]

    console.command("show_authors", {"shown": True})
    [shown] = [e for e in projector.events() if e["name"] == "authors_shown"]

    assert before["data"]["card"]["author_name"] is None
    assert staff_view["data"]["card"]["author_name"] == "Fatima"
    assert shown["data"]["names"] == {"c1": "Fatima"}


def test_a_resent_op_id_returns_the_first_answer_and_creates_nothing_new(evening):
    console, phone, projector = evening.console(), evening.phone(), evening.projector()
    open_input(console)
    projector.received()
    op_id = new_op()

    first = phone.command("add_card", {"text": "Eén keer"}, op_id=op_id)
    again = phone.command("add_card", {"text": "Eén keer"}, op_id=op_id)

    assert again == first
    assert len(projector.events()) == 1
    service = evening.app.extensions["weefwerk.service"]
    _board, state, _fmt = service.load(evening.board_id)
    assert [c["text"] for c in state.cards.values()] == ["Eén keer"]


def test_resync_returns_exactly_the_missed_events(evening):
    console, phone = evening.console(), evening.phone()
    open_input(console)  # version 1
    for text in ("een", "twee", "drie"):
        phone.command("add_card", {"text": text})  # versions 2, 3, 4

    answer = phone.io.emit("resync", {"since": 2}, callback=True)

    assert answer["ok"] is True
    assert [e["version"] for e in answer["events"]] == [3, 4]
    assert [e["data"]["card"]["text"] for e in answer["events"]] == ["twee", "drie"]


def test_resync_from_an_unknown_version_answers_with_a_snapshot(evening):
    phone = evening.phone()
    answer = phone.io.emit("resync", {"since": 99}, callback=True)
    assert answer["ok"] is True
    assert answer["snapshot"]["version"] == 0


def test_a_participant_cannot_run_facilitator_commands(evening):
    console, phone = evening.console(), evening.phone()
    for name, args in [("open_input", {}), ("go_to_step", {"step": 1}),
                       ("hide_card", {"card_id": "c1"}), ("show_authors", {"shown": True}),
                       ("start_timer", {})]:
        ack = phone.command(name, args)
        assert ack["ok"] is False and ack["error"]["code"] == "forbidden", (name, ack)
    console.received()
    assert console.events() == []


def test_a_projector_cannot_send_commands(evening):
    projector = evening.projector()
    ack = projector.command("open_input")
    assert ack["error"]["code"] == "forbidden"


def test_hidden_cards_disappear_for_the_room_but_stay_for_the_facilitator(evening):
    console, phone = evening.console(), evening.phone()
    open_input(console)
    phone.command("add_card", {"text": "Iets onaardigs"})
    console.command("hide_card", {"card_id": "c1"})

    late_projector = evening.projector()
    late_console = evening.console()

    public_cards = late_projector.received("snapshot")[0]["args"][0]["state"]["cards"]
    staff_cards = late_console.received("snapshot")[0]["args"][0]["state"]["cards"]
    assert public_cards == []
    assert staff_cards[0]["hidden"] is True


def test_refusals_come_back_in_the_phones_language(evening):
    dutch_phone, english_phone = evening.phone(), evening.phone(lang="en")

    dutch = dutch_phone.command("add_card", {"text": "te vroeg"})
    english = english_phone.command("add_card", {"text": "too early"})

    assert dutch["error"]["code"] == english["error"]["code"] == "input_closed"
    assert dutch["error"]["message"] == "De invoer is gesloten voor deze stap."
    assert english["error"]["message"] == "Input is closed for this step."


def test_malformed_payloads_get_an_error_ack_and_change_nothing(evening):
    console, phone = evening.console(), evening.phone()
    open_input(console)
    cases = [
        ("not a dict", "bad_request"),
        ({"name": "add_card", "args": {"text": "x"}}, "bad_request"),  # no op_id
        ({"op_id": "short", "name": "add_card", "args": {"text": "x"}}, "bad_request"),
        ({"op_id": new_op(), "name": "make_coffee", "args": {}}, "unknown_command"),
        ({"op_id": new_op(), "name": "add_card", "args": {"text": 42}}, "invalid_args"),
        ({"op_id": new_op(), "name": "add_card", "args": {}}, "invalid_args"),
        ({"op_id": new_op(), "name": "add_card", "args": "text"}, "invalid_args"),
        ({"op_id": new_op(), "name": "add_card", "args": {"text": "   "}}, "empty_text"),
        ({"op_id": new_op(), "name": "add_card", "args": {"text": "x" * 281}}, "text_too_long"),
    ]
    console.received()
    for payload, code in cases:
        ack = phone.io.emit("command", payload, callback=True)
        assert ack["ok"] is False and ack["error"]["code"] == code, (payload, ack)
        assert ack["error"]["message"]
    assert console.events() == []
    assert phone.io.is_connected()


def test_phones_are_rate_limited_sooner_than_the_facilitator_who_clusters(tmp_path):
    from tests.conftest import make_app

    app = make_app(tmp_path, COMMAND_RATE="3/minute", STAFF_COMMAND_RATE="100/minute")
    evening = Evening(app)
    console, phone = evening.console(), evening.phone()
    for _ in range(10):
        assert console.command("extend_timer", {"seconds": 60})["ok"]
    open_input(console)
    acks = [phone.command("add_card", {"text": f"kaart {i}"}) for i in range(4)]
    assert [a["ok"] for a in acks] == [True, True, True, False]
    assert acks[-1]["error"]["code"] == "rate_limited"
