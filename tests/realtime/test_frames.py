"""A command too big for the server gets an answer the outbox understands.

The socket's frame cap (16 KB, `max_http_buffer_size`) closes the connection without a
word; commands are capped lower (`COMMAND_MAX_BYTES`, 12 KB, also in the page's boot
data), so one between the two caps is refused with `payload_too_large`, a permanent
refusal: the outbox drops it and tells the resident instead of sending it for ever.
"""
from __future__ import annotations

import socketio as sio_client

from tests.conftest import new_op
from tests.realtime.real_server import join, open_evening, stop

BETWEEN_THE_CAPS = "x" * (13 * 1024)


def test_a_command_over_the_command_cap_is_refused_and_changes_nothing(evening):
    console, phone = evening.console(), evening.phone()
    console.command("open_input")
    ack = phone.command("add_card", {"text": BETWEEN_THE_CAPS})
    assert ack["ok"] is False
    assert ack["error"]["code"] == "payload_too_large"
    assert ack["error"]["message"] == ("Dit is te lang om te versturen. Maak het korter en "
                                       "probeer het opnieuw.")
    assert phone.command("add_card", {"text": "Meer groen"})["version"] == 2


def test_a_lone_surrogate_from_an_old_phone_keyboard_is_measured_not_a_crash(evening):
    console, phone = evening.console(), evening.phone()
    console.command("open_input")
    ack = phone.command("add_card", {"text": "kapot \ud800 bankje"})
    assert isinstance(ack, dict) and isinstance(ack.get("ok"), bool)


def test_the_phone_page_tells_its_outbox_the_cap(evening):
    html = evening.phone().http.get(f"/j/{evening.code}").get_data(as_text=True)
    assert '"max_command_bytes": 12288' in html


def test_the_real_server_answers_such_a_command_instead_of_closing_the_socket(tmp_path):
    evening, proc, base = open_evening(tmp_path, "frames")
    try:
        phone = sio_client.Client()
        phone.connect(base, auth={"token": join(base, evening.code)}, transports=["websocket"])
        ack = phone.call("command", {"op_id": new_op(), "name": "add_card",
                                     "args": {"text": BETWEEN_THE_CAPS}}, timeout=10)
        still_connected = phone.connected
        phone.disconnect()
    finally:
        stop(proc)
    assert ack["error"]["code"] == "payload_too_large"
    assert still_connected
