"""Smoke test: the real entry point (`serve.py`, eventlet) serves sockets end to end."""
from __future__ import annotations

import time

import socketio as sio_client

from tests.conftest import new_op
from tests.realtime.real_server import join, open_evening, stop


def test_the_eventlet_server_delivers_a_card_to_another_phone(tmp_path):
    evening, proc, base = open_evening(tmp_path, "smoke")
    try:
        received = []
        watcher, writer = sio_client.Client(), sio_client.Client()
        watcher.on("event", received.append)
        watcher.connect(base, auth={"token": join(base, evening.code)}, transports=["websocket"])
        writer.connect(base, auth={"token": join(base, evening.code)}, transports=["websocket"])
        ack = writer.call("command", {"op_id": new_op(), "name": "add_card",
                                      "args": {"text": "via eventlet"}}, timeout=10)
        deadline = time.time() + 5
        while not received and time.time() < deadline:
            time.sleep(0.05)
        watcher.disconnect()
        writer.disconnect()
    finally:
        stop(proc)
    assert ack["ok"] is True and ack["version"] == 2
    assert received and received[0]["data"]["card"]["text"] == "via eventlet"
