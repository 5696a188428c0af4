"""What odd phones and odd clients send over the socket: broken Unicode, control
characters, events named like Socket.IO's own, and commands nested a thousand deep.
Each gets a clear ack, nothing half-stored, and the socket keeps working."""
from __future__ import annotations

import logging

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
    from server.realtime import _clients

    phone = evening.phone()
    sid = socketio.server.manager.sid_from_eio_sid(phone.io.eio_sid, "/")
    assert sid in _clients
    phone.io.disconnect()

    assert sid not in _clients
