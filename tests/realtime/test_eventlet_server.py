"""Smoke test: the real entry point (`serve.py`, eventlet) serves sockets end to end."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests
import socketio as sio_client

from server.domain.actors import FACILITATOR, Actor
from tests.conftest import Evening, csrf_from, make_app, new_op

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(tmp_path, secret: str, port: int) -> subprocess.Popen:
    env = dict(os.environ, HOST="127.0.0.1", PORT=str(port), WEEFWERK_SECRET_KEY=secret,
               DATABASE_URL=f"sqlite:///{tmp_path / 'test.db'}", WEEFWERK_ASYNC_MODE="eventlet")
    env.pop("SOCKETIO_MESSAGE_QUEUE", None)
    proc = subprocess.Popen([sys.executable, str(ROOT / "serve.py")], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/", timeout=1).ok:
                return proc
        except requests.ConnectionError:
            time.sleep(0.2)
    proc.kill()
    output = proc.stdout.read()
    proc.stdout.close()
    raise AssertionError("server did not start:\n" + output)


def join(base: str, code: str) -> str:
    http = requests.Session()
    page = http.get(f"{base}/j/{code}").text
    http.post(f"{base}/j/{code}", data={"display_name": "", "csrf_token": csrf_from(page)})
    return re.search(r'"token":\s*"([^"]+)"', http.get(f"{base}/j/{code}").text).group(1)


def test_the_eventlet_server_delivers_a_card_to_another_phone(tmp_path):
    secret = "smoke-" + new_op()
    app = make_app(tmp_path, SECRET_KEY=secret)
    evening = Evening(app)
    facilitator = Actor(FACILITATOR, evening.board_id, user_id=evening.user_id)
    app.extensions["weefwerk.service"].handle(evening.board_id, new_op(), "open_input", {},
                                              facilitator)
    port = free_port()
    proc = start_server(tmp_path, secret, port)
    base = f"http://127.0.0.1:{port}"
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
        proc.terminate()
        proc.wait(timeout=10)
        proc.stdout.close()
    assert ack["ok"] is True and ack["version"] == 2
    assert received and received[0]["data"]["card"]["text"] == "via eventlet"
