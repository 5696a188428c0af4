"""Shared fixtures: a fresh app per test on an empty database of its own (SQLite, or
PostgreSQL on `make test`'s second run: tests/databases.py), and an `Evening` helper that
sets up a facilitator, a group and a workshop and connects screens to it."""
from __future__ import annotations

import os
import posixpath
import re
import sqlite3
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from jinja2 import BytecodeCache

from server import create_app, socketio
from server.models import User
from server.passwords import CHEAPEST_FOR_TESTS, hasher_for
from server.store.boards import create_group, create_workshop
from tests.databases import (
    ENGINE,
    ON_POSTGRESQL,
    check_engine_setting,
    database_url,
    dispose_after_test,
    postgres,
    postgres_in_use,
)

ROOT = Path(__file__).resolve().parent.parent
SESSIONS = ROOT / "sessions"


def pytest_configure(config):
    """Under pytest-xdist (`make test` runs two workers) each worker gets a PostgreSQL
    database of its own (the tests drop and recreate its schema, so two workers must never
    share one): `<name>_<worker>`, created on first use; and a Redis database of its own
    (the counters of joins and commands are keyed by board and address, and both workers'
    first evening is board 1). Set here, before any test module reads the URLs."""
    check_engine_setting()
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    url = os.environ.get("TEST_DATABASE_URL")
    if worker and url and not url.endswith("_" + worker):
        os.environ["TEST_DATABASE_URL"] = _database_of_its_own(url, worker)
    redis_url = os.environ.get("TEST_REDIS_URL")
    if worker and redis_url:
        os.environ["TEST_REDIS_URL"] = redis_of_its_own(redis_url, worker)


def redis_of_its_own(url: str, worker: str) -> str:
    """`redis://host:port/<n>` → database n + 1 + the worker's number (gw0 → n + 1), so no
    worker shares the one the run was given (no number: 0)."""
    parts = urlsplit(url)
    number = parts.path.strip("/")
    start = int(number) if number.isdigit() else 0
    mine = start + 1 + int(worker.removeprefix("gw"))
    return urlunsplit(parts._replace(path=f"/{mine}"))


def pytest_collection_modifyitems(config, items):
    """The PostgreSQL run leaves the browser tests to the SQLite run, but for the few
    marked `both_engines` (the evening's core, two consoles racing, a restart): a browser
    test checks what the screens make of the events, and what the server stores and sends
    is the same code on both engines, which the real-time, HTTP, integration and
    authorization tests check on both (docs/testing.md)."""
    if not ON_POSTGRESQL:
        return
    left = [item for item in items
            if item.get_closest_marker("e2e") and not item.get_closest_marker("both_engines")]
    if left:
        config.hook.pytest_deselected(items=left)
        kept = set(map(id, left))
        items[:] = [item for item in items if id(item) not in kept]
        config.stash[BROWSER_TESTS_LEFT] = len(left)


BROWSER_TESTS_LEFT = pytest.StashKey[int]()


def _database_of_its_own(url: str, worker: str) -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from server.db import normalize_url

    base = make_url(normalize_url(url))
    name = f"{base.database}_{worker}"
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            known = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                 {"name": name}).first()
            if known is None:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def pytest_report_header(config):
    where = os.environ["TEST_DATABASE_URL"] if ON_POSTGRESQL else "a file per test"
    return f"weefwerk: the tests' database: {ENGINE} ({where})"


def pytest_terminal_summary(terminalreporter):
    left = terminalreporter.config.stash.get(BROWSER_TESTS_LEFT, 0)
    if left:
        terminalreporter.write_line(
            f"weefwerk: {left} browser tests ran in the SQLite run only (docs/testing.md)")
    databases = postgres_in_use()
    if databases is not None and databases.connections_ended:
        terminalreporter.write_line(
            f"weefwerk: {databases.connections_ended} PostgreSQL connection(s) left open "
            "in a transaction by a test were ended to empty its database")


def pytest_unconfigure(config):
    databases = postgres_in_use()
    if databases is not None:
        databases.close()


@pytest.fixture(autouse=True)
def databases_of_this_test():
    """On PostgreSQL: the test's directories get their databases afresh, and the
    connections its apps pooled are closed after it."""
    if not ON_POSTGRESQL:
        yield
        return
    databases = postgres()
    databases.new_test()
    yield
    databases.end_test()


# argon2 at its cheapest: still hashing and verifying for real, without the production
# cost that would otherwise take half of the suite's time (server/passwords.py)
CHEAP_PASSWORDS = {"PASSWORD_HASHING": CHEAPEST_FOR_TESTS}
hasher = hasher_for(CHEAP_PASSWORDS)


class SharedTemplateCode(BytecodeCache):
    """Compiled Jinja templates kept for the whole run, shared by every test app.

    Each test builds its own app, and each app its own Jinja environment, which would
    parse and compile every template it renders again: a quarter of an HTTP test's time.
    Jinja keys the code by template name and a checksum of its source, so an edited
    template is compiled afresh; every test app has the same Jinja settings."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CODE = SharedTemplateCode()


def make_app(tmp_path: Path, **extra):
    """An app as a test wants it; its database is the one kept in `tmp_path` on this run's
    engine unless `extra` names another. It migrates at start unless told not to."""
    if "DATABASE_URL" not in extra:
        extra["DATABASE_URL"] = database_url(tmp_path)
    config = {"TESTING": True, **CHEAP_PASSWORDS, "SECRET_KEY": "test-secret-" + uuid.uuid4().hex,
              "ASYNC_MODE": "threading",
              "SOCKETIO_MESSAGE_QUEUE": None, "RATELIMIT_STORAGE_URL": "memory://",
              "COMMAND_RATE": "1000/minute",
              # every command proves the rules changed no item behind the tracking's
              # back (server/store/changes.py)
              "CHECK_ITEM_TRACKING": True}
    config.update(extra)
    app = create_app(config)
    app.jinja_env.bytecode_cache = TEMPLATE_CODE
    dispose_after_test(app.extensions["weefwerk.engine"])
    return app


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory) -> Path:
    """An empty SQLite database at the newest schema, made once per run by the app's own
    start-up migrations; the `app` fixture copies it instead of migrating each time."""
    directory = tmp_path_factory.mktemp("migrated")
    make_app(directory).extensions["weefwerk.engine"].dispose()
    return directory / "test.db"


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup API (the app runs in WAL mode, so the
    file alone need not hold every committed page)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


@pytest.fixture
def app(request, tmp_path):
    """A fresh app on an empty database at the newest schema: on SQLite its own copy of
    the migrated file, on PostgreSQL the run's migrated database emptied. Migrating on
    start is left to the tests that start apps with `make_app`
    (tests/integration/test_migrations.py)."""
    if not ON_POSTGRESQL:
        copy_database(request.getfixturevalue("migrated_database"), tmp_path / "test.db")
    return make_app(tmp_path, MIGRATE_ON_START=False)


def sign_in_as(app, http, user_id: int, **transaction) -> None:
    """Log `http` in as the facilitator `user_id` the way the login page does: the user
    in the cookie, backed by a live sign-in on the server (server/store/sign_ins.py).
    `transaction` goes to `session_transaction` (e.g. the `base_url` a test browses)."""
    from datetime import timedelta

    from server.store import sign_ins

    with app.extensions["weefwerk.service"].sessions() as db:
        with http.session_transaction(**transaction) as s:
            s["user_id"] = user_id
            sign_ins.start(db, s, timedelta(days=30))
        db.commit()


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "page has no CSRF token"
    return match.group(1)


def new_op() -> str:
    return uuid.uuid4().hex


class Screen:
    """One connected client (console, projector or phone) with its HTTP client."""

    def __init__(self, app, http, token, lang="nl"):
        self.http = http
        self.io = socketio.test_client(app, flask_test_client=http,
                                       auth={"token": token, "lang": lang})
        assert self.io.is_connected(), "socket connection was refused"

    def command(self, name, args=None, op_id=None):
        return self.io.emit("command", {"op_id": op_id or new_op(), "name": name,
                                        "args": args or {}}, callback=True)

    def received(self, kind=None):
        packets = self.io.get_received()
        return [p for p in packets if kind is None or p["name"] == kind]

    def events(self):
        return [p["args"][0] for p in self.received("event")]


class Evening:
    """A facilitator with a group and one workshop evening, plus helpers to join it."""

    def __init__(self, app, login="anna", format_slug="participatory-planning"):
        self.app = app
        service = app.extensions["weefwerk.service"]
        with service.sessions() as db:
            user = User(name=login.title(), login=login, password_hash=hasher.hash("x" * 12))
            db.add(user)
            db.flush()
            group = create_group(db, user, "Bewonersraad Kanaleneiland")
            fmt = app.extensions["weefwerk.formats"][format_slug]
            board = create_workshop(db, user, group, "Bewonersavond", fmt)
            db.commit()
            self.user_id, self.board_id, self.code = user.id, board.id, board.join_code
            self.projector_key = board.projector_key

    def console(self) -> Screen:
        http = self.app.test_client()
        sign_in_as(self.app, http, self.user_id)
        html = http.get(f"/console/w/{self.board_id}").get_data(as_text=True)
        return Screen(self.app, http, boot_token(html))

    def projector(self) -> Screen:
        http = self.app.test_client()
        html = http.get(f"/p/{self.projector_key}").get_data(as_text=True)
        return Screen(self.app, http, boot_token(html))

    def phone(self, name: str = "", lang: str = "nl") -> Screen:
        http = self.app.test_client()
        page = http.get(f"/j/{self.code}").get_data(as_text=True)
        response = http.post(f"/j/{self.code}", data={"display_name": name,
                                                     "csrf_token": csrf_from(page)})
        assert response.status_code == 302, response.get_data(as_text=True)
        html = http.get(f"/j/{self.code}").get_data(as_text=True)
        return Screen(self.app, http, boot_token(html), lang=lang)


def phone_later_parts() -> dict[str, list[str]]:
    """The parts a phone loads once its board is shown, as static/js/views/phone/later.js
    lists them (`PARTS`): name -> its modules, as paths under static/."""
    source = (Path(__file__).resolve().parents[1] / "static/js/views/phone/later.js").read_text()
    table = source[source.index("export const PARTS = {"):source.index("};")]
    return {name: [posixpath.normpath(posixpath.join("js/views/phone", spec))
                   for spec in re.findall(r'"([^"]+)"', body)]
            for name, body in re.findall(r"^  (\w+): \[(.*?)\]", table, re.M | re.S)}


def hashed_static_url(app, filename: str) -> str:
    """Where pages link a static file: under the static tree's hash (server/static_files.py)."""
    return f"/static/v/{app.extensions['weefwerk.static'].version}/{filename}"


def script_strings(http, boot: dict) -> dict:
    """The translated strings a live page's script imports (its boot block's
    `strings_url`, a module `export default {...};`), as the dict they are."""
    import json

    body = http.get(boot["strings_url"]).get_data(as_text=True)
    return json.loads(body.removeprefix("export default ").rstrip().removesuffix(";"))


def boot_token(html: str) -> str:
    match = re.search(r'"token":\s*"([^"]+)"', html)
    assert match, "page has no boot token"
    return match.group(1)


@pytest.fixture
def evening(app):
    return Evening(app)
