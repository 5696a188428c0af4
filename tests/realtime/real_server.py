"""The real entry point (`serve.py`, eventlet unless a test asks for gevent) in a
subprocess, for the tests that must see what production does: green threads, the green
library's own WSGI server, real frames."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from server.domain.board.actors import FACILITATOR, Actor
from tests.conftest import Evening, csrf_from, make_app, new_op
from tests.databases import database_url

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(tmp_path, secret: str, port: int,
                 async_mode: str = "eventlet") -> subprocess.Popen:
    env = dict(os.environ, HOST="127.0.0.1", PORT=str(port), WEEFWERK_SECRET_KEY=secret,
               DATABASE_URL=database_url(tmp_path), WEEFWERK_ASYNC_MODE=async_mode)
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


def stop(proc: subprocess.Popen) -> str:
    """Stop the server; what it printed."""
    proc.terminate()
    proc.wait(timeout=10)
    output = proc.stdout.read()
    proc.stdout.close()
    return output


def join(base: str, code: str) -> str:
    """A phone joins by the evening's link, as a browser would; its participant token."""
    with requests.Session() as http:  # closed: its kept-alive socket goes with it
        page = http.get(f"{base}/j/{code}").text
        http.post(f"{base}/j/{code}", data={"display_name": "", "csrf_token": csrf_from(page)})
        return re.search(r'"token":\s*"([^"]+)"', http.get(f"{base}/j/{code}").text).group(1)


def open_evening(tmp_path, name: str = "real",
                 async_mode: str = "eventlet") -> tuple[Evening, subprocess.Popen, str]:
    """An evening with input open, and the real server on its database: the evening,
    the server's process and its base URL. Stop the process with `stop`."""
    secret = f"{name}-" + new_op()
    app = make_app(tmp_path, SECRET_KEY=secret)
    evening = Evening(app)
    facilitator = Actor(FACILITATOR, evening.board_id, user_id=evening.user_id)
    app.extensions["weefwerk.service"].handle(evening.board_id, new_op(), "open_input", {},
                                              facilitator)
    port = free_port()
    return (evening, start_server(tmp_path, secret, port, async_mode),
            f"http://127.0.0.1:{port}")
