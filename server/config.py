"""Configuration from the environment, with zero-set-up defaults.

With nothing set, Weefwerk runs on a SQLite file in `instance/` and generates its
secret key there on first start, so `make run` works on a fresh machine.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def secret_key(instance_path: Path) -> str:
    """The signing key: from WEEFWERK_SECRET_KEY, else a file made once in instance/."""
    given = os.environ.get("WEEFWERK_SECRET_KEY")
    if given:
        return given
    path = instance_path / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def _number(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def shared_redis(queue: str | None) -> str | None:
    """The message queue's URL when it is Redis: the one place several processes share."""
    return queue if queue and queue.startswith(("redis://", "rediss://")) else None


def from_environment(instance_path: Path) -> dict:
    """Settings read once at start; tests pass their own dict on top."""
    default_db = f"sqlite:///{instance_path / 'weefwerk.db'}"
    queue = os.environ.get("SOCKETIO_MESSAGE_QUEUE") or None
    return {
        "SECRET_KEY": secret_key(instance_path),
        "DATABASE_URL": os.environ.get("DATABASE_URL", default_db),
        "ASYNC_MODE": os.environ.get("WEEFWERK_ASYNC_MODE") or "threading",
        "SOCKETIO_MESSAGE_QUEUE": queue,
        # the queue's channel, and the prefix of the shared presence keys: two
        # installations on one Redis must each have their own (docs/deploy.md)
        "QUEUE_CHANNEL": os.environ.get("WEEFWERK_QUEUE_CHANNEL") or "weefwerk",
        # several processes must share the counters, so with a message queue they
        # default to that Redis; one process keeps them in memory
        "RATELIMIT_STORAGE_URL": os.environ.get("RATELIMIT_STORAGE_URL")
        or shared_redis(queue) or "memory://",
        "PUBLIC_URL": os.environ.get("WEEFWERK_PUBLIC_URL") or None,
        "MIGRATE_ON_START": _flag("WEEFWERK_MIGRATE_ON_START", True),
        "SESSION_COOKIE_SECURE": _flag("WEEFWERK_SECURE_COOKIES", False),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_NAME": "weefwerk",
        "PERMANENT_SESSION_LIFETIME": 30 * 24 * 3600,
        "MAX_CONTENT_LENGTH": 64 * 1024,
        "SOCKET_MAX_MESSAGE_BYTES": 16 * 1024,
        # one command's JSON, checked by the outbox before it sends and by the server:
        # room under the frame cap, so a command just over it gets an answer, not a close
        "COMMAND_MAX_BYTES": 12 * 1024,
        "BABEL_DEFAULT_LOCALE": "nl",
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("WEEFWERK_TIMEZONE", "Europe/Amsterdam"),
        "WTF_CSRF_TIME_LIMIT": None,
        "FORMATS_DIR": os.environ.get("WEEFWERK_FORMATS_DIR") or None,
        "COMMAND_RATE": os.environ.get("WEEFWERK_COMMAND_RATE", "60/minute"),
        # clustering ten ticked cards is ten commands: the facilitator needs more room
        "STAFF_COMMAND_RATE": os.environ.get("WEEFWERK_STAFF_COMMAND_RATE", "600/minute"),
        # wrong join codes: per browser, a ceiling per address, a budget for the code
        # space (docs/deploy.md, "Join codes and rate limits")
        "JOIN_RATE": os.environ.get("WEEFWERK_JOIN_RATE", "10/minute"),
        "JOIN_ADDRESS_RATE": os.environ.get("WEEFWERK_JOIN_ADDRESS_RATE", "100/minute"),
        "JOIN_ALL_RATE": os.environ.get("WEEFWERK_JOIN_ALL_RATE", "300/minute"),
        "MAX_JOINS": _number("WEEFWERK_MAX_JOINS", 500),
        "LOGIN_RATE": os.environ.get("WEEFWERK_LOGIN_RATE", "10/5minutes"),
        # argon2 at production cost, on purpose not from the environment: only the test
        # suite's own config dict makes it cheap (server/passwords.py, docs/deploy.md)
        "PASSWORD_HASHING": "production",
        # trusted proxies in front (X-Forwarded-For/-Proto/-Host); 0 trusts no header
        "PROXY_HOPS": _number("WEEFWERK_PROXY_HOPS", 0),
        # where serve.py listens: a loopback-only server cannot be reached by phones
        "LISTEN_HOST": os.environ.get("HOST", "127.0.0.1"),
    }
