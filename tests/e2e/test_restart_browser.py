"""The server is killed in the middle of the evening and started again: every screen
comes back by itself and the evening goes on where it was.

The server is `serve.py` (eventlet, as in production) on one fixed loopback port, with
the same secret and database each time, killed with SIGKILL (no goodbye to any socket)
and started again on that port. The console, the projector and two phones are chromium
pages; the test never reloads them. A mark put on each page's `window` before the kill
must still be there after: a reload (by the test or by the page) would wipe it.

Twice: once on the first step with input open and the timer running, once with the
second vote round of that step open and one ballot in. Each time the step, input, the
timer (the same end time, still running), the vote round and what was sent come back,
and a phone can act again afterwards. The timer is kept as an end time in the board's
state (server/domain/evening/pacing.py), so it runs on through the restart: the time
the server was away counts as time gone (docs/reliability.md, "Restarts").
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
from playwright.sync_api import Page, expect

from server import create_app
from tests.databases import database_url, dispose_after_test
from tests.e2e.conftest import ROOT, WAIT_MS, Server, free_port
from tests.e2e.test_live_board_browser import (
    PHONE,
    PROJECTOR,
    add_group,
    by,
    join_by_code,
    open_input,
    open_projector,
    prepare_evening,
    send_card,
    set_up_first_account,
)

# the evening's core, two consoles racing and a restart: on PostgreSQL too (docs/testing.md)
pytestmark = [pytest.mark.e2e, pytest.mark.both_engines]

START_SECONDS = 30
BACK_MS = 30_000  # the reconnect waits up to 5 s between tries, the start a few seconds
MARK = "window.__notReloaded"
# what a browser logs by itself while its server is away
AWAY_NOISE = ("WebSocket connection to", "net::ERR_CONNECTION_REFUSED",
              "net::ERR_CONNECTION_RESET", "net::ERR_EMPTY_RESPONSE")


class RestartableServer:
    """`serve.py` on a port of its own that stays the same across restarts, with one
    secret (the tokens and cookies the pages hold stay valid) and one database."""

    def __init__(self, directory: Path) -> None:
        self.port = free_port()
        self.info = Server(f"http://127.0.0.1:{self.port}", directory / "server.log",
                           database_url(directory))
        self.env = dict(os.environ, HOST="127.0.0.1", PORT=str(self.port),
                        WEEFWERK_SECRET_KEY="restart-" + uuid.uuid4().hex,
                        DATABASE_URL=self.info.database_url, WEEFWERK_ASYNC_MODE="eventlet",
                        RATELIMIT_STORAGE_URL="memory://", PYTHONUNBUFFERED="1")
        for name in ("SOCKETIO_MESSAGE_QUEUE", "WEEFWERK_PUBLIC_URL", "WEEFWERK_SECURE_COOKIES"):
            self.env.pop(name, None)
        self.proc: subprocess.Popen | None = None
        self.starts = 0

    def start(self) -> None:
        self.starts += 1
        with open(self.info.log, "a") as out:
            out.write(f"--- start {self.starts} ---\n")
            out.flush()
            self.proc = subprocess.Popen([sys.executable, str(ROOT / "serve.py")], cwd=ROOT,
                                         env=self.env, stdin=subprocess.DEVNULL, stdout=out,
                                         stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError("the server stopped while starting:\n" + self.info.output())
            try:
                if requests.get(self.info.url + "/", timeout=1).ok:
                    return
            except requests.ConnectionError:
                time.sleep(0.1)
        raise AssertionError("the server did not answer in time:\n" + self.info.output())

    def kill(self) -> None:
        """SIGKILL: the process gets no chance to close a socket or finish anything."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def restartable(browser, tmp_path):
    server = RestartableServer(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.info.close_contexts()
        server.stop()
        if "Traceback" in server.info.output():
            print("--- server log ---\n" + server.info.output()[-6000:])


@pytest.fixture
def screens(browser, restartable):
    """`screens(**options)` opens a device on the restartable server. Script errors fail
    the test; the connection errors a browser logs while the server is away do not."""
    expect.set_options(timeout=WAIT_MS)
    problems: list[str] = []

    def watch(page: Page) -> None:
        page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
        page.on("console", lambda message: problems.append(f"{page.url}: {message.text}")
                if message.type == "error" and not any(n in message.text for n in AWAY_NOISE)
                else None)

    def make(**options):
        options.setdefault("viewport", {"width": 1280, "height": 800})
        context = browser.new_context(base_url=restartable.info.url, **options)
        context.set_default_timeout(WAIT_MS)
        context.on("page", watch)
        restartable.info.contexts.append(context)
        return context

    yield make
    restartable.info.close_contexts()
    assert not problems, "the pages reported script errors:\n" + "\n".join(problems)


class BoardOnDisk:
    """The board as the server stored it, read from its database (not through it)."""

    def __init__(self, server: Server, board_id: int) -> None:
        self.app = create_app({"DATABASE_URL": server.database_url, "ASYNC_MODE": "threading",
                               "SECRET_KEY": "reader-" + uuid.uuid4().hex,
                               "SOCKETIO_MESSAGE_QUEUE": None,
                               "RATELIMIT_STORAGE_URL": "memory://",
                               "MIGRATE_ON_START": False})
        dispose_after_test(self.app.extensions["weefwerk.engine"])
        self.board_id = board_id

    def state(self):
        return self.app.extensions["weefwerk.service"].load(self.board_id)[1]


def mark(pages: list[Page]) -> None:
    for page in pages:
        page.evaluate(f"() => {{ {MARK} = true; }}")


def restart_and_wait(server: RestartableServer, pages: list[Page]) -> None:
    """Kill the server, see every page notice, start it again, see every page back."""
    server.kill()
    for page in pages:
        expect(by(page, "connection")).not_to_have_attribute("data-state", "online")
    server.start()
    for page in pages:
        expect(by(page, "connection")).to_have_attribute("data-state", "online", timeout=BACK_MS)
        assert page.evaluate(f"() => {MARK} === true"), f"{page.url} was reloaded"


def timer_ms(page: Page) -> int:
    minutes, seconds = by(page, "timer").inner_text().split(":")
    return (int(minutes) * 60 + int(seconds)) * 1000


def test_every_screen_comes_back_by_itself_where_the_evening_was(restartable, screens):
    console = screens().new_page()
    set_up_first_account(console)
    add_group(console)
    code = prepare_evening(console)
    board_id = int(re.search(r"/console/w/(\d+)$", console.url).group(1))
    disk = BoardOnDisk(restartable.info, board_id)
    projector = open_projector(screens(viewport=PROJECTOR), console)
    fatima, karim = (join_by_code(screens(**PHONE), code, name) for name in ("Fatima", ""))
    phones = [fatima, karim]
    pages = [console, projector, *phones]
    question = by(console, "step-question").inner_text()

    # input open, the timer running, a card from each phone
    open_input(console, *phones)
    by(console, "timer-start").click()
    for page in (console, projector):
        expect(by(page, "timer")).to_have_attribute("data-state", "running")
    send_card(fatima, "Meer jonge gezinnen in de buurt")
    send_card(karim, "Minder winkels op het plein")
    for phone in phones:
        expect(by(phone, "my-card")).to_have_attribute("data-state", "sent")
    expect(by(projector, "projector-card")).to_have_count(2)
    ends_at = disk.state().timer.ends_at
    assert ends_at is not None
    shown_before = timer_ms(console)

    mark(pages)
    restart_and_wait(restartable, pages)

    for page in pages:
        expect(by(page, "step-question")).to_have_text(question)
    for page in (console, *phones):
        expect(by(page, "input-state")).to_have_attribute("data-state", "open")
    for page in (console, projector):
        expect(by(page, "timer")).to_have_attribute("data-state", "running")
        assert 0 < timer_ms(page) <= shown_before  # ran on through the restart
    assert disk.state().timer.ends_at == ends_at  # the same end time, stored
    expect(by(projector, "projector-card")).to_have_count(2)
    for phone in phones:
        expect(by(phone, "my-card")).to_have_count(1)
        expect(by(phone, "my-card")).to_have_attribute("data-state", "sent")
    # a phone acts again: its card reaches every screen
    send_card(karim, "De bibliotheek is dicht")
    expect(by(karim, "my-card").filter(has_text="bibliotheek")).to_have_attribute(
        "data-state", "sent")
    expect(by(projector, "projector-card")).to_have_count(3)
    expect(by(console, "console-card")).to_have_count(3)

    # a second vote round open (the first revealed), one ballot in
    by(console, "open-vote").click()
    expect(by(console, "reveal-votes")).to_be_visible()
    by(console, "reveal-votes").click()
    expect(by(console, "vote-panel")).to_have_attribute("data-phase", "revealed")
    by(console, "open-vote").click()
    expect(by(console, "vote-panel")).to_have_attribute("data-phase", "open")
    expect(by(console, "vote-panel")).to_have_attribute("data-round", "2")
    first = by(fatima, "vote-item").first
    item_id = first.get_attribute("data-item-id")
    first.get_by_test_id("dot-plus").click()
    by(fatima, "vote-send").click()
    expect(by(fatima, "vote-status")).to_have_attribute("data-state", "in")
    expect(by(console, "vote-count")).to_have_attribute("data-voters", "1")

    restart_and_wait(restartable, pages)

    expect(by(console, "vote-panel")).to_have_attribute("data-phase", "open")
    expect(by(console, "vote-panel")).to_have_attribute("data-round", "2")
    expect(by(projector, "projector-vote")).to_have_attribute("data-state", "open")
    expect(by(projector, "projector-vote")).to_have_attribute("data-round", "2")
    expect(by(console, "vote-count")).to_have_attribute("data-voters", "1")
    for phone in phones:
        expect(by(phone, "vote-panel")).to_have_attribute("data-state", "open")
        expect(by(phone, "vote-panel")).to_have_attribute("data-round", "2")
        expect(by(phone, "input-state")).to_have_attribute("data-state", "closed")
        expect(by(phone, "step-question")).to_have_text(question)
    expect(by(fatima, "vote-status")).to_have_attribute("data-state", "in")
    expect(fatima.locator(f'[data-testid="vote-item"][data-item-id="{item_id}"]')
           ).to_have_attribute("data-dots", "1")  # the ballot came back from the server
    for page in (console, projector):
        expect(by(page, "timer")).to_have_attribute("data-state", "running")
    assert disk.state().timer.ends_at == ends_at
    # the other phone votes after the restart, and the room counts two
    by(karim, "vote-item").first.get_by_test_id("dot-plus").click()
    by(karim, "vote-send").click()
    expect(by(karim, "vote-status")).to_have_attribute("data-state", "in")
    expect(by(console, "vote-count")).to_have_attribute("data-voters", "2")
    expect(by(projector, "projector-vote")).to_have_attribute("data-state", "open")
    assert "Traceback" not in restartable.info.output()
