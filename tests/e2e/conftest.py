"""Browser tests: the real server (`serve.py`, eventlet, as in production) on a free
loopback port with a fresh database (an SQLite file, or a PostgreSQL database of its own
on the PostgreSQL run: tests/databases.py), and Debian's chromium driven by Playwright.

Without chromium the tests skip with the reason, unless WEEFWERK_REQUIRE_BROWSER=1
(CI sets it): then a missing browser fails them.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

from tests.databases import ON_POSTGRESQL, database_url, postgres

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
START_SECONDS = 30
WAIT_MS = 10_000


def _no_browser(reason: str):
    if os.environ.get("WEEFWERK_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (WEEFWERK_REQUIRE_BROWSER=1, so this fails instead of skipping)")
    pytest.skip(f"{reason}; install it with `apt-get install chromium` to run the browser tests")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    log: Path
    database_url: str  # for a test that prepares a board on the server's own database
    # the browser contexts looking at it, closed before it stops: a page still loading
    # when the server goes away logs a connection reset, which is no fault of the page
    contexts: list = field(default_factory=list)

    def close_contexts(self) -> None:
        while self.contexts:
            self.contexts.pop().close()

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@contextmanager
def running_server(directory: Path, database: str,
                   settings: dict[str, str] | None = None) -> Iterator[Server]:
    """`serve.py` in eventlet mode on the empty `database`, its log in `directory`, until
    the block ends. `settings` are environment variables on top (tools/screenshots.py
    gives the server a public address, so no loopback warning fills its console)."""
    port = free_port()
    env = dict(os.environ, HOST="127.0.0.1", PORT=str(port),
               WEEFWERK_SECRET_KEY="e2e-" + uuid.uuid4().hex,
               DATABASE_URL=database, WEEFWERK_ASYNC_MODE="eventlet",
               RATELIMIT_STORAGE_URL="memory://", PYTHONUNBUFFERED="1")
    for name in ("SOCKETIO_MESSAGE_QUEUE", "WEEFWERK_PUBLIC_URL", "WEEFWERK_SECURE_COOKIES"):
        env.pop(name, None)
    env.update(settings or {})
    log = directory / "server.log"
    with open(log, "w") as out:  # a file, not a pipe: nobody has to drain it
        proc = subprocess.Popen([sys.executable, str(ROOT / "serve.py")], cwd=ROOT, env=env,
                                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
    running = Server(f"http://127.0.0.1:{port}", log, database)
    try:
        _wait_until_up(proc, running)
        yield running
    finally:
        running.close_contexts()
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        if "Traceback" in running.output():  # shown with the test's report when it fails
            print("--- server log ---\n" + running.output()[-6000:])


def _wait_until_up(proc: subprocess.Popen, running: Server) -> None:
    deadline = time.monotonic() + START_SECONDS
    with requests.Session() as http:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise AssertionError("the server stopped while starting:\n" + running.output())
            try:
                if http.get(running.url + "/", timeout=1).ok:
                    return
            except requests.ConnectionError:
                time.sleep(0.1)
    raise AssertionError("the server did not answer in time:\n" + running.output())


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for the whole run; each test makes its own contexts."""
    executable = shutil.which("chromium")
    if executable is None:
        _no_browser("Debian's chromium is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _no_browser("Playwright for Python is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def server(browser, tmp_path):
    """A server of its own for one test (a first run: no accounts yet)."""
    with running_server(tmp_path, database_url(tmp_path)) as running:
        yield running


@pytest.fixture(scope="session")
def shared_server(browser, tmp_path_factory):
    """One server for every test that needs no server of its own; each test makes its own
    evening on it. Shared by the whole run, not per module: each start and first account
    cost some 8 s, and no test on it counts what the server or its group holds."""
    directory = tmp_path_factory.mktemp("e2e-server")
    # on PostgreSQL a database no test's own app empties while the server runs
    database = postgres().dedicated("_e2e") if ON_POSTGRESQL else database_url(directory)
    with running_server(directory, database) as running:
        yield running


@pytest.fixture
def devices(browser):
    """`devices(server, **options)` opens a fresh browser context: one person's device,
    with its own cookies and storage. Script errors on any page fail the test."""
    from playwright.sync_api import expect

    expect.set_options(timeout=WAIT_MS)
    contexts = []
    problems: list[str] = []

    def watch(page):
        page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
        page.on("console", lambda message: problems.append(f"{page.url}: {message.text}")
                if message.type == "error" and not _network_noise(message.text) else None)

    def make(server: Server, **options):
        options.setdefault("viewport", {"width": 1280, "height": 800})
        context = browser.new_context(base_url=server.url, **options)
        context.set_default_timeout(WAIT_MS)
        context.on("page", watch)
        contexts.append((server, context))
        server.contexts.append(context)
        return context

    yield make
    for server, context in contexts:
        context.close()  # a second close (the server closed it first) does nothing
        if context in server.contexts:
            server.contexts.remove(context)
    assert not problems, "the pages reported script errors:\n" + "\n".join(problems)


def _network_noise(text: str) -> bool:
    """What a browser logs by itself while a test has it offline."""
    return "net::ERR_INTERNET_DISCONNECTED" in text or "WebSocket connection to" in text
