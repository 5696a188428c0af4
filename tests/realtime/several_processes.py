"""Several real server processes (`serve.py`, eventlet) on one PostgreSQL database and
one Redis, and screens that keep a board the way `static/js/socket.js` does.

The servers are production's entry point in subprocesses, each with its own port, all
with `DATABASE_URL` on the test database and `SOCKETIO_MESSAGE_QUEUE` on the Redis. Each
test run gets a channel of its own (`WEEFWERK_QUEUE_CHANNEL`): Redis's publish/subscribe
ignores the database index, so without it two runs on one Redis would hear each other.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
import requests
import socketio as sio_client
from sqlalchemy import create_engine, text

from server.db import normalize_url
from server.domain.board.actors import FACILITATOR, Actor
from tests.conftest import Evening, csrf_from, make_app, new_op
from tests.databases import ON_POSTGRESQL
from tests.realtime.real_server import ROOT, free_port, join

WAIT_SECONDS = 15


def in_the_postgresql_run_only() -> None:
    """Skip unless this is `make test`'s PostgreSQL run: several processes share one
    PostgreSQL database whatever the run's engine, so on the SQLite run the test would
    only repeat itself."""
    if not ON_POSTGRESQL:
        pytest.skip("several processes share one PostgreSQL database: this runs once, in "
                    "the PostgreSQL run (WEEFWERK_TEST_ENGINE=postgresql)")


def needs_postgres_and_redis() -> tuple[str, str]:
    """The test database and Redis, or a skip that says which one is missing. These tests
    use PostgreSQL whichever engine the run is on, so they run once: in `make test`'s
    PostgreSQL run (on the SQLite run they would repeat the very same test)."""
    database, queue = os.environ.get("TEST_DATABASE_URL"), os.environ.get("TEST_REDIS_URL")
    if database:
        in_the_postgresql_run_only()
    if not database:
        pytest.skip("TEST_DATABASE_URL is not set: several processes share PostgreSQL")
    if not queue:
        pytest.skip("TEST_REDIS_URL is not set: several processes share a Redis queue")
    return database, queue


def evening_on_postgres(tmp_path: Path, database: str, secret: str) -> Evening:
    """An empty schema (as the other PostgreSQL tests reset it), migrated by the app's
    own start-up, with one evening whose input is open."""
    engine = create_engine(normalize_url(database))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    app = make_app(tmp_path, DATABASE_URL=database, SECRET_KEY=secret)
    evening = Evening(app)
    facilitator = Actor(FACILITATOR, evening.board_id, user_id=evening.user_id)
    app.extensions["weefwerk.service"].handle(evening.board_id, new_op(), "open_input", {},
                                              facilitator)
    app.extensions["weefwerk.engine"].dispose()
    return evening


class Server:
    """One `serve.py` process; its output goes to a file (a pipe nobody reads would fill
    up and stop the server while Redis is away and it logs every failed publish)."""

    def __init__(self, tmp_path: Path, name: str, secret: str, database: str, queue: str,
                 channel: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = tmp_path / f"server-{name}.log"
        env = dict(os.environ, HOST="127.0.0.1", PORT=str(self.port),
                   WEEFWERK_SECRET_KEY=secret, DATABASE_URL=database,
                   SOCKETIO_MESSAGE_QUEUE=queue, WEEFWERK_QUEUE_CHANNEL=channel,
                   WEEFWERK_ASYNC_MODE="eventlet", WEEFWERK_COMMAND_RATE="1000/minute")
        env.pop("RATELIMIT_STORAGE_URL", None)  # the default: the queue's Redis
        with self.log.open("w") as out:
            self.proc = subprocess.Popen([sys.executable, str(ROOT / "serve.py")], cwd=ROOT,
                                         env=env, stdout=out, stderr=subprocess.STDOUT)

    def wait_until_up(self) -> None:
        deadline = time.time() + 30
        while time.time() < deadline and self.proc.poll() is None:
            try:
                if requests.get(self.base + "/", timeout=1).ok:
                    return
            except requests.ConnectionError:
                time.sleep(0.2)
        self.stop()
        raise AssertionError("server did not start:\n" + self.output())

    def output(self) -> str:
        return self.log.read_text()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


def start_servers(tmp_path: Path, names: list[str], secret: str, database: str,
                  queue: str) -> list[Server]:
    """Start the processes side by side (a start is a few seconds of imports each)."""
    channel = "weefwerk-test-" + uuid.uuid4().hex[:8]
    servers = [Server(tmp_path, name, secret, database, queue, channel) for name in names]
    try:
        for server in servers:
            server.wait_until_up()
    except AssertionError:
        for server in servers:
            server.stop()
        raise
    return servers


def console_token(base: str, board_id: int) -> tuple[str, str]:
    """The facilitator (Evening's `anna`) signs in on `base`: the console's token and the
    cookie its socket must come with."""
    with requests.Session() as http:  # closed: its kept-alive socket goes with it
        page = http.get(f"{base}/login").text
        signed_in = http.post(f"{base}/login", data={"login": "anna", "password": "x" * 12,
                                                     "csrf_token": csrf_from(page)})
        assert signed_in.ok, signed_in.status_code
        html = http.get(f"{base}/console/w/{board_id}").text
        cookie = "; ".join(f"{k}={v}" for k, v in http.cookies.items())
    return re.search(r'"token":\s*"([^"]+)"', html).group(1), cookie


def projector_token(base: str, key: str) -> str:
    html = requests.get(f"{base}/p/{key}").text
    return re.search(r'"token":\s*"([^"]+)"', html).group(1)


class Screen:
    """A client that keeps a board as `static/js/socket.js` and `store.js` do: the
    snapshot, then each `event` applied only at `version + 1`; a gap, or a `version`
    message ahead of it, makes it `behind`, and `catch_up` sends the `resync` the script
    would send (from the test's thread: python-socketio cannot wait for an answer inside
    its own handler). `live` lists every event version as it arrived on the socket.
    A `version` can come before the event it announces (that event still on its way
    through Redis): the screen is behind only until the event arrives, as the script's
    resync would find nothing new."""

    def __init__(self, name: str, base: str, token: str, cookie: str | None = None) -> None:
        self.name, self.token = name, token
        self.lock = threading.Lock()
        self.version: int | None = None
        self.cards: dict[str, str] = {}
        self.live: list[int] = []
        self.gap = False  # an event came ahead of one never received
        self.told = 0  # the highest `version` message heard
        self.participants: int | None = None
        self.tally: dict | None = None
        self.io = sio_client.Client(reconnection=False)
        self.io.on("snapshot", self._snapshot)
        self.io.on("event", self._event)
        self.io.on("version", self._version)
        self.io.on("presence", self._presence)
        self.io.on("tally", self._tally)
        self.io.connect(base, auth={"token": token}, transports=["websocket"],
                        headers={"Cookie": cookie} if cookie else {}, wait_timeout=10)

    def _snapshot(self, snapshot: dict) -> None:
        with self.lock:
            self._replace(snapshot)

    def _replace(self, snapshot: dict) -> None:
        self.version = snapshot["version"]
        self.cards = {c["id"]: c["text"] for c in snapshot["state"]["cards"]}
        self.participants = snapshot["state"].get("participants", self.participants)
        self.gap = False

    @property
    def behind(self) -> bool:
        return self.gap or (self.version is not None and self.version < self.told)

    def _event(self, event: dict) -> None:
        with self.lock:
            self.live.append(event["version"])
            self._apply(event)

    def _apply(self, event: dict) -> None:
        if self.version is None or event["version"] > self.version + 1:
            self.gap = True
        elif event["version"] == self.version + 1:
            if event["name"] == "card_added":
                card = event["data"]["card"]
                self.cards[card["id"]] = card["text"]
            self.version = event["version"]

    def _version(self, data: dict) -> None:
        with self.lock:
            self.told = max(self.told, data["version"])

    def _presence(self, data: dict) -> None:
        with self.lock:
            self.participants = data["participants"]

    def _tally(self, data: dict) -> None:
        with self.lock:  # the rule of store.setTally: a lower `cast` of the round is older
            kept = self.tally
            if kept and (kept["step"], kept["round"]) == (data["step"], data["round"]) \
                    and data["cast"] < kept["cast"]:
                return
            self.tally = data

    def catch_up(self) -> None:
        """The `resync` the script sends when it is behind."""
        with self.lock:
            if not self.behind or self.version is None:
                return
            since = self.version
        ack = self.io.call("resync", {"since": since}, timeout=10)
        with self.lock:
            if not ack.get("ok"):
                return
            if "snapshot" in ack:
                self._replace(ack["snapshot"])
            else:
                self.gap = False
                for event in ack["events"]:
                    self._apply(event)

    def command(self, name: str, args: dict | None = None) -> dict:
        return self.io.call("command", {"op_id": new_op(), "name": name, "args": args or {}},
                            timeout=10)

    def seen(self) -> tuple[int | None, dict[str, str]]:
        with self.lock:
            return self.version, dict(self.cards)

    def close(self) -> None:
        self.io.disconnect()


def phone(name: str, base: str, code: str) -> Screen:
    return Screen(name, base, join(base, code))


def wait_for(what: str, done: Callable[[], bool], seconds: float = WAIT_SECONDS,
             tick: Callable[[], None] | None = None) -> None:
    """Poll until `done()`; `tick` runs between looks (e.g. the screens' catching up)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if tick:
            tick()
        if done():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")
