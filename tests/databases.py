"""Which database the suite runs on, and an empty one for every test.

`make test` runs the whole suite twice: on SQLite, and again on PostgreSQL when
`TEST_DATABASE_URL` is set, with `WEEFWERK_TEST_ENGINE=postgresql`. A test asks for a
database by the directory it would keep an SQLite file in (`database_url(tmp_path)`), so
the same test reads the same on both engines:

- on SQLite it is a file `test.db` in that directory;
- on PostgreSQL it is a database that this run migrated once and that is emptied for the
  test: every row of every table but Alembic's own deleted, and the sequences started
  again, so ids start at 1 as in a new SQLite file (`_emptying_statement` says why not
  TRUNCATE or a template database). The first directory of a test gets
  `TEST_DATABASE_URL` itself, a second one (a test that models two installations)
  `<name>_2`, and so on; the same directory twice is the same database, as the same
  file would be.

The browser tests' servers get databases of their own (`dedicated`), which the tests'
own apps never empty underneath them.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import OperationalError

from server.db import normalize_url

ENGINES = ("sqlite", "postgresql")
ENGINE = os.environ.get("WEEFWERK_TEST_ENGINE", "sqlite")
ON_POSTGRESQL = ENGINE == "postgresql"


def check_engine_setting() -> None:
    """Refuse a run that asks for PostgreSQL without saying where it is: quietly falling
    back to SQLite would report a PostgreSQL run that never happened."""
    if ENGINE not in ENGINES:
        raise pytest.UsageError(f"WEEFWERK_TEST_ENGINE={ENGINE!r}: use one of {ENGINES}")
    if ON_POSTGRESQL and not os.environ.get("TEST_DATABASE_URL"):
        raise pytest.UsageError("WEEFWERK_TEST_ENGINE=postgresql needs TEST_DATABASE_URL, "
                                "e.g. postgresql://postgres@127.0.0.1:5432/weefwerk_test")


def database_url(directory: Path) -> str:
    """The database a test keeps in `directory`, on this run's engine."""
    if ON_POSTGRESQL:
        return postgres().for_directory(directory)
    return f"sqlite:///{directory / 'test.db'}"


def dispose_after_test(engine: Engine) -> None:
    """Close `engine`'s pooled connections when the test ends (on PostgreSQL, where they
    count against the server's limit; an SQLite file costs nothing to leave open)."""
    if ON_POSTGRESQL:
        postgres().keep_for_disposal(engine)


class PostgresDatabases:
    """The PostgreSQL databases of one run: each migrated once, emptied for each test."""

    def __init__(self, base_url: str) -> None:
        self.base: URL = make_url(normalize_url(base_url))
        self._heads: dict[str, str] = {}  # database -> the Alembic head it was migrated to
        self._emptying: dict[str, str] = {}  # database -> the SQL that empties it
        self._admins: dict[str, Engine] = {}
        self._handed: dict[Path, str] = {}  # this test's directories -> their URL
        self._engines: list[Engine] = []  # the engines this test's apps opened
        self.connections_ended = 0

    def url(self, suffix: str = "") -> str:
        name = f"{self.base.database}{suffix}"
        return self.base.set(database=name).render_as_string(hide_password=False)

    def for_directory(self, directory: Path) -> str:
        if directory not in self._handed:
            suffix = f"_{len(self._handed) + 1}" if self._handed else ""
            self._handed[directory] = self.fresh(suffix)
        return self._handed[directory]

    def dedicated(self, suffix: str) -> str:
        """A database outside the per-test hand-out, e.g. for a server a whole run shares."""
        return self.fresh(suffix)

    def fresh(self, suffix: str) -> str:
        """The database `<name><suffix>`, at the newest schema and without a row."""
        url = self.url(suffix)
        admin = self._admin(url)
        if url not in self._heads or self._heads[url] != self._current_head(admin):
            self._migrate(url, admin)  # first use in this run, or a test moved its schema
        self._empty(url, admin)
        return url

    def drop(self, suffix: str) -> None:
        """Remove the database `<name><suffix>` (a test's own, made with `dedicated`)."""
        url = self.url(suffix)
        admin = self._admins.pop(url, None)
        if admin is not None:
            admin.dispose()
        self._heads.pop(url, None)
        self._emptying.pop(url, None)
        server = create_engine(self.base.set(database="postgres"), isolation_level="AUTOCOMMIT")
        try:
            with server.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}"'))
        finally:
            server.dispose()

    def new_test(self) -> None:
        self._handed.clear()

    def keep_for_disposal(self, engine: Engine) -> None:
        self._engines.append(engine)

    def end_test(self) -> None:
        """Close the connections this test's apps pooled: a run of a thousand tests would
        otherwise hold PostgreSQL's hundred connections long before the garbage collector
        found the apps."""
        for engine in self._engines:
            engine.dispose()
        self._engines.clear()

    def close(self) -> None:
        self.end_test()
        for admin in self._admins.values():
            admin.dispose()

    def _admin(self, url: str) -> Engine:
        if url not in self._admins:
            self._create_if_missing(make_url(url).database or "")
            self._admins[url] = create_engine(url, pool_size=1, max_overflow=0)
        return self._admins[url]

    def _create_if_missing(self, name: str) -> None:
        server = create_engine(self.base.set(database="postgres"), isolation_level="AUTOCOMMIT")
        try:
            with server.connect() as conn:
                known = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                     {"name": name}).first()
                if known is None:
                    conn.execute(text(f'CREATE DATABASE "{name}"'))
        finally:
            server.dispose()

    @staticmethod
    def _current_head(admin: Engine) -> str | None:
        with admin.connect() as conn:
            if conn.execute(text("SELECT to_regclass('public.alembic_version')")).scalar():
                return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return None

    def _migrate(self, url: str, admin: Engine) -> None:
        """Start from an empty schema, whatever an earlier run or a migration test left,
        and migrate it the way the app does at start."""
        from server.migrate import upgrade

        self._end_other_connections(admin)
        with admin.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine = create_engine(url)
        try:
            upgrade(engine)
        finally:
            engine.dispose()
        head = self._current_head(admin)
        assert head is not None, f"migrating {url} left no Alembic version"
        self._heads[url] = head
        self._emptying[url] = self._emptying_statement(admin)

    def _empty(self, url: str, admin: Engine) -> None:
        statement = self._emptying[url]
        try:
            self._run_emptying(admin, statement)
        except OperationalError:
            # a connection a test left open in a transaction holds a lock on a row or a
            # table: end it, counted in the run's summary, rather than wait on it for ever
            self._end_other_connections(admin)
            self._run_emptying(admin, statement)

    @staticmethod
    def _run_emptying(admin: Engine, statement: str) -> None:
        with admin.begin() as conn:
            conn.execute(text("SET LOCAL lock_timeout = '5s'"))
            conn.exec_driver_sql(statement)

    @staticmethod
    def _emptying_statement(admin: Engine) -> str:
        """DELETE every row, the referring tables before the tables they refer to, and
        start every sequence at 1 again. On the suite's nearly empty tables that is
        about 2 ms where TRUNCATE took 25 to 55 ms (it makes new files for every table)
        and a copy of a template database 100 to 240 ms (CONTRIBUTING.md)."""
        with admin.connect() as conn:
            tables = set(conn.execute(text(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                "AND tablename <> 'alembic_version'")).scalars())
            refers = conn.execute(text(
                "SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint "
                "WHERE contype = 'f' AND connamespace = 'public'::regnamespace")).all()
            sequences = conn.execute(text(
                "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'")).scalars()
            order = referring_first(tables, [(a.strip('"'), b.strip('"')) for a, b in refers])
            return "".join([f'DELETE FROM "{name}";' for name in order]
                           + [f"SELECT setval('\"{name}\"', 1, false);" for name in sequences])

    def _end_other_connections(self, admin: Engine) -> None:
        with admin.connect() as conn:
            ended = conn.execute(text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()")).scalar()
            conn.commit()
        self.connections_ended += ended or 0


def referring_first(tables: set[str], refers: list[tuple[str, str]]) -> list[str]:
    """`tables` ordered so that a table comes before every table it refers to (a table
    that refers to itself is its own business: DELETE of all its rows is one statement)."""
    waiting = {name: {b for a, b in refers if a == name and b != name} for name in tables}
    order: list[str] = []
    while waiting:
        free = sorted(name for name in waiting
                      if not any(name in waiting[other] for other in waiting if other != name))
        assert free, f"the foreign keys among {sorted(waiting)} go round in a circle"
        order.extend(free)
        for name in free:
            del waiting[name]
    return order


_POSTGRES: PostgresDatabases | None = None


def postgres() -> PostgresDatabases:
    """This run's PostgreSQL databases, made on first use (after `pytest_configure` gave a
    pytest-xdist worker its own `TEST_DATABASE_URL`)."""
    global _POSTGRES
    if _POSTGRES is None:
        _POSTGRES = PostgresDatabases(os.environ["TEST_DATABASE_URL"])
    return _POSTGRES


def postgres_in_use() -> PostgresDatabases | None:
    return _POSTGRES
