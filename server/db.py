"""The database engine, tuned per backend.

SQLite is the zero-set-up default: WAL, a busy timeout and `BEGIN IMMEDIATE` for
writes, so two writers queue instead of failing. Under eventlet every SQLite call
blocks the hub, so the pool holds one connection and transactions stay short.
PostgreSQL gets row locks (`SELECT … FOR UPDATE`) from the service.
"""
from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker


def normalize_url(url: str) -> str:
    """Pin PostgreSQL to psycopg2: SQLAlchemy 2.1 maps a bare `postgresql://` to psycopg 3,
    which blocks eventlet's hub (research/tech.md §1); `postgres://` is the Heroku spelling."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg2://" + url[len(prefix):]
    return url


def make_engine(url: str, async_mode: str | None) -> Engine:
    """An engine for `url`; SQLite gets its pragmas and explicit transaction control."""
    url = normalize_url(url)
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    options: dict = {"connect_args": {"check_same_thread": False, "timeout": 10}}
    if async_mode in ("eventlet", "gevent"):
        options.update(pool_size=1, max_overflow=0)
    engine = create_engine(url, **options)
    _tune_sqlite(engine)
    return engine


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN below
        cursor = dbapi_connection.cursor()
        for pragma in ("journal_mode=WAL", "busy_timeout=10000", "foreign_keys=ON",
                       "synchronous=NORMAL"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        immediate = connection.get_execution_options().get("sqlite_immediate")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def write_transaction(factory: sessionmaker[Session]):
    """A session whose transaction takes the write lock up front (SQLite) and commits."""
    with factory() as session:
        session.connection(execution_options={"sqlite_immediate": True})
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
