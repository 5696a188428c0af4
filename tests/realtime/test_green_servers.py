"""Smoke test: the real entry point (`serve.py`) serves pages and sockets end to end on
each green library it supports: eventlet, the default, and gevent, the documented
alternative (docs/deploy.md)."""
from __future__ import annotations

import time

import pytest
import requests
import socketio as sio_client

from tests.conftest import new_op
from tests.realtime.real_server import join, open_evening, stop


@pytest.mark.parametrize("async_mode", ["eventlet", "gevent"])
def test_the_server_delivers_a_card_to_another_phone_over_websocket(tmp_path, async_mode):
    evening, proc, base = open_evening(tmp_path, "smoke", async_mode)
    try:
        page = requests.get(f"{base}/j/{evening.code}", timeout=10)
        received = []
        watcher, writer = sio_client.Client(), sio_client.Client()
        watcher.on("event", received.append)
        watcher.connect(base, auth={"token": join(base, evening.code)}, transports=["websocket"])
        writer.connect(base, auth={"token": join(base, evening.code)}, transports=["websocket"])
        transports = (watcher.transport(), writer.transport())
        ack = writer.call("command", {"op_id": new_op(), "name": "add_card",
                                      "args": {"text": f"via {async_mode}"}}, timeout=10)
        deadline = time.time() + 15  # a busy 2-core machine; it stops at the first event
        while not received and time.time() < deadline:
            time.sleep(0.05)
        watcher.disconnect()
        writer.disconnect()
    finally:
        output = stop(proc)
    assert f"Serving with {async_mode}" in output
    assert page.status_code == 200 and 'name="csrf_token"' in page.text
    assert transports == ("websocket", "websocket")
    assert ack["ok"] is True and ack["version"] == 2
    assert received and received[0]["data"]["card"]["text"] == f"via {async_mode}"
