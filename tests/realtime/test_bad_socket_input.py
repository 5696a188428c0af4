"""What odd phones and odd clients send over the socket: broken Unicode, control
characters, events named like Socket.IO's own, and commands nested a thousand deep.
Each gets a clear ack, nothing half-stored, and the socket keeps working."""
from __future__ import annotations

import logging

import pytest

from server import socketio
from tests.conftest import new_op


def open_input(console):
    assert console.command("open_input")["ok"]


def test_a_lone_surrogate_in_a_card_is_refused_with_a_translated_message(evening):
    console, phone, english = evening.console(), evening.phone(), evening.phone(lang="en")
    open_input(console)
    console.received()

    ack = phone.command("add_card", {"text": "Meer groen \ud83c in de straat"})
    ack_en = english.command("add_card", {"text": "x\ud800"})

    assert ack["ok"] is False and ack["error"]["code"] == "bad_text"
    assert "teken" in ack["error"]["message"]
    assert ack_en["error"]["code"] == "bad_text" and "character" in ack_en["error"]["message"]
    assert console.events() == []  # nothing was stored, nothing broadcast


def test_control_characters_are_removed_and_text_is_nfc_normalised(evening):
    console, phone = evening.console(), evening.phone()
    open_input(console)

    ack = phone.command("add_card", {"text": "Cafe\u0301\x00 op\x07 het\r\nplein\x9b\tja"})

    assert ack["ok"], ack
    [event] = [e for e in phone.events() if e["name"] == "card_added"]
    assert event["data"]["card"]["text"] == "Caf\u00e9 op het\nplein\tja"


def raw_command(screen, json_text: str) -> dict:
    """Send a command packet exactly as a client would write it on the wire."""
    screen.io.callback_counter += 1
    ack_id = screen.io.callback_counter
    socketio.server._handle_eio_message(screen.io.eio_sid, f"2{ack_id}{json_text}")
    ack, screen.io.acks = screen.io.acks, None
    assert ack is not None, "the server sent no ack"
    return ack["args"][0]


def test_a_command_nested_a_thousand_deep_gets_an_error_ack_and_no_traceback(evening,
                                                                            caplog):
    console, phone = evening.console(), evening.phone()
    open_input(console)
    deep = "[" * 1000 + "]" * 1000
    caplog.set_level(logging.DEBUG)

    ack = raw_command(phone, '["command", {"op_id": "%s", "name": "add_card", '
                             '"args": {"text": %s}}]' % (new_op(), deep))
    plain_deep = raw_command(phone, '["command", ' + "{\"a\":" * 1000 + "1" + "}" * 1000 + "]")

    assert ack["ok"] is False and ack["error"]["code"] == "too_deep"
    assert plain_deep["error"]["code"] == "too_deep"
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"
    assert phone.command("add_card", {"text": "Daarna gewoon verder"})["ok"]


def test_brackets_inside_a_text_do_not_count_as_nesting(evening):
    console, phone = evening.console(), evening.phone()
    open_input(console)

    ack = phone.command("add_card", {"text": "[" * 200 + "{" * 50})

    assert ack["ok"], ack


def test_a_client_sent_connect_or_disconnect_event_is_ignored(evening):
    console, phone = evening.console(), evening.phone()
    open_input(console)

    phone.io.emit("disconnect", "client namespace disconnect")
    phone.io.emit("connect", {"token": "forged"})
    ack = phone.command("add_card", {"text": "Ik ben er nog"})

    assert ack["ok"], ack
    assert console.command("close_input")["ok"]
    console.io.emit("disconnect")
    assert console.command("open_input")["ok"]


def test_a_real_disconnect_still_forgets_the_socket(evening):
    from server.realtime.handlers import _clients

    phone = evening.phone()
    sid = socketio.server.manager.sid_from_eio_sid(phone.io.eio_sid, "/")
    assert sid in _clients
    phone.io.disconnect()

    assert sid not in _clients


def boot_of(html: str) -> dict:
    import json
    import re

    return json.loads(re.search(r'<script type="application/json" id="boot">(.*?)</script>',
                                html, re.S).group(1))


def test_the_phone_boxes_take_exactly_what_the_server_accepts(evening):
    from server.domain.plan.fields import ACTION_FIELDS, PLAN_FIELDS

    phone = evening.phone()
    limits = boot_of(phone.http.get(f"/j/{evening.code}").get_data(as_text=True))["limits"]

    assert limits["action"]["owner"] == 120 and limits["action"]["what"] == 200
    assert limits["plan"]["notes"] == 2000
    for table, kind in ((PLAN_FIELDS, "plan"), (ACTION_FIELDS, "action")):
        for name, limit in limits[kind].items():
            table[name]("x" * limit, name)  # exactly the limit is accepted…
            try:
                table[name]("x" * (limit + 1), name)  # …one more is not
            except Exception as refusal:
                assert refusal.code == "field_too_long"
            else:
                raise AssertionError(f"{kind}.{name} took more than {limit}")


def test_a_too_long_text_gets_a_message_naming_the_field_in_words(app):
    from tests.conftest import Evening
    from tests.http.test_bad_input_pages import plan_id_of
    from tests.http.test_workspace_print import full_evening

    evening = Evening(app)
    console = full_evening(evening)
    nl, en = evening.phone(), evening.phone(lang="en")
    plan_id = plan_id_of(console, evening.board_id)

    ack_nl = nl.command("add_action", {"plan_id": plan_id,
                                       "fields": {"what": "Flyers", "owner": "x" * 121}})
    ack_en = en.command("update_plan", {"plan_id": plan_id, "field": "owner",
                                        "value": "y" * 121, "base": 1})

    assert ack_nl["error"] == {"code": "field_too_long", "message":
                               "De tekst bij ‘Wie doet het’ mag hoogstens 120 tekens zijn."}
    assert ack_en["error"]["message"] == ("The text at ‘Owner: who makes sure it happens’ can "
                                          "be at most 120 characters.")


def test_a_command_or_resync_with_an_extra_argument_is_refused_and_answered(evening, caplog):
    """Found by the fuzz (docs/testing.md): `["command", {…}, "extra"]` made the handler
    fail inside Socket.IO with a TypeError: a traceback in the log and no answer."""
    console, phone = evening.console(), evening.phone()
    open_input(console)
    console.received()
    caplog.set_level(logging.DEBUG)
    card = '{"op_id": "%s", "name": "add_card", "args": {"text": "Twee keer"}}' % new_op()

    acks = [raw_command(phone, f'["command", {card}, "extra"]'),
            raw_command(phone, '["command", 1, 2]'),
            raw_command(phone, '["resync", {"since": 0}, {"since": 1}]')]
    for own in ('["connect", {"token": "x"}, 2]', '["disconnect", "x", 2]'):  # ignored
        socketio.server._handle_eio_message(phone.io.eio_sid, "2" + own)

    assert [ack["error"]["code"] for ack in acks] == ["bad_request"] * 3
    assert console.events() == []
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"
    assert phone.command("add_card", {"text": "Daarna gewoon verder"})["ok"]


@pytest.mark.parametrize("text", ['{"a":1}', "[]", "[1]", "[null]", "notjson", '["command"',
                                  '"command"', '[{"a":1}]', '[["command"]]'])
def test_a_packet_socket_io_cannot_read_gets_bad_request_and_no_traceback(evening, caplog,
                                                                          text):
    """Before wire_packet.py these raised inside python-socketio: no answer, and a
    traceback in the server's log for every such packet a stranger sent."""
    console, phone = evening.console(), evening.phone()
    open_input(console)
    caplog.set_level(logging.DEBUG)

    ack = raw_command(phone, text)

    assert ack["ok"] is False and ack["error"]["code"] == "bad_request"
    assert not [r for r in caplog.records if r.exc_info or "Traceback" in r.getMessage()]
    assert phone.command("add_card", {"text": "Nog steeds hier"})["ok"]


@pytest.mark.parametrize("wire", ["5-0[\"command\",{}]", "4{}", "9", "2", "x", "21-"])
def test_binary_unknown_and_empty_packets_break_nothing(evening, caplog, wire):
    console, phone = evening.console(), evening.phone()
    open_input(console)
    caplog.set_level(logging.DEBUG)

    socketio.server._handle_eio_message(phone.io.eio_sid, wire)
    phone.io.acks = None

    assert not [r for r in caplog.records if r.exc_info or "Traceback" in r.getMessage()]
    assert phone.command("add_card", {"text": "Nog steeds hier"})["ok"]
