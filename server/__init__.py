"""Weefwerk: real-time participatory planning evenings.

`create_app(config=None)` builds the Flask app; `socketio` is the module-level
Socket.IO server it binds to. Nothing here imports eventlet: the async mode is one
setting, chosen by the entry point (`serve.py`).
"""
from __future__ import annotations

import socket
from datetime import UTC
from pathlib import Path

import socketio as python_socketio
from flask import Flask
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from . import passwords
from .config import from_environment, shared_redis
from .db import make_engine, make_sessionmaker
from .domain.board.text import isolate
from .domain.formats.load import load_formats
from .extensions import socketio
from .i18n.locale import LANGUAGES, current_language, init_babel
from .migrate import upgrade
from .network import lan_address
from .security import RateLimits, add_security_headers, socket_origins
from .session_cookie import PageOnlySessions
from .static_files import serve_static_files

FORMATS_DIR = Path(__file__).resolve().parent.parent / "sessions"

__all__ = ["create_app", "socketio"]


def create_app(config: dict | None = None) -> Flask:
    """Build the app: config, database (migrated), formats, pages, sockets."""
    app = Flask(__name__, static_folder="../static", template_folder="../templates",
                instance_relative_config=True)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.update(from_environment(Path(app.instance_path)))
    app.config.update(config or {})

    engine = make_engine(app.config["DATABASE_URL"], app.config["ASYNC_MODE"])
    if app.config["MIGRATE_ON_START"]:
        upgrade(engine)
    formats = load_formats(Path(app.config["FORMATS_DIR"] or FORMATS_DIR))
    _wire_services(app, engine, formats)
    if app.config.get("RETENTION_ON_START", True):
        _apply_retention(app)

    init_babel(app)
    CSRFProtect(app)
    app.after_request(add_security_headers)
    app.session_interface = PageOnlySessions()  # no cookie on files (session_cookie.py)
    serve_static_files(app)  # hashed URLs, long cache, compressed (docs/performance.md)
    app.context_processor(_template_globals)
    app.jinja_env.filters["isolate"] = isolate  # user text in a <title> (domain/board/text.py)

    from . import pages  # noqa: F401  (importing the package registers every route)
    from .pages.blueprint import DatabaseId, bp

    app.url_map.converters["int"] = DatabaseId  # before the routes: they read it when added
    app.register_blueprint(bp)
    from . import errors  # noqa: F401  (registers handlers)
    from .realtime import handlers, wire_json  # noqa: F401
    from .realtime.wire_packet import WirePacket

    errors.register(app)
    # async_handlers=False: a socket's events run one after another in the task that reads
    # that socket, so its commands are applied in the order it sent them
    # (docs/protocol.md, "Order"); other sockets are read by their own tasks.
    socketio.init_app(app, async_mode=app.config["ASYNC_MODE"],
                      max_http_buffer_size=app.config["SOCKET_MAX_MESSAGE_BYTES"],
                      json=wire_json, serializer=WirePacket, async_handlers=False,
                      cors_allowed_origins=socket_origins(app.config["PUBLIC_URL"]),
                      **_between_processes(app))
    _trust_proxies(app, int(app.config["PROXY_HOPS"]))
    return app


def _between_processes(app: Flask) -> dict:
    """What several server processes share (docs/deploy.md, "Several processes"): the
    message queue that carries every broadcast to every process, and, when it is Redis,
    the presence counts in that Redis. With no queue (one process), nothing: presence
    stays in memory.

    Our own RedisManager rather than Flask-SocketIO's: its connections time out on
    connecting (a Redis host that is gone must not hold up a command's broadcast for
    the operating system's minutes) and probe an idle connection after 30 s (the
    listener on a connection that died without a word, a host gone or a NAT entry
    dropped, would otherwise wait hours for the kernel's default keepalive; the beat's
    `version` keeps the screens up to date meanwhile, realtime/beat.py)."""
    from .realtime.presence import SharedPresence, presence

    queue, channel = app.config["SOCKETIO_MESSAGE_QUEUE"], app.config["QUEUE_CHANNEL"]
    redis_url = shared_redis(queue)
    presence.share_through(SharedPresence(redis_url, channel) if redis_url else None)
    if redis_url:
        probes = {getattr(socket, name): value for name, value in (
            ("TCP_KEEPIDLE", 30), ("TCP_KEEPINTVL", 10), ("TCP_KEEPCNT", 3))
            if hasattr(socket, name)}  # Linux names; elsewhere the system's defaults
        options = {"socket_connect_timeout": 2, "socket_keepalive": True,
                   "socket_keepalive_options": probes}
        return {"client_manager": python_socketio.RedisManager(
            redis_url, channel=channel, redis_options=options)}
    return {"message_queue": queue, "channel": channel}


def _trust_proxies(app: Flask, hops: int) -> None:
    """Behind `hops` trusted proxies, read the client's address, scheme and host from
    their X-Forwarded-* headers (docs/deploy.md). Off (0) by default: without a proxy
    those headers come from the client and anyone could claim any address. Wrapped
    around Socket.IO's middleware too, so its origin check sees the same host."""
    if hops > 0:
        # Flask documents wrapping its WSGI callable this way, but its stubs declare
        # `wsgi_app` a method, which mypy will not let an instance replace.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def _wire_services(app: Flask, engine, formats) -> None:
    from .realtime.broadcast import broadcast
    from .service import BoardService

    app.extensions["weefwerk.engine"] = engine
    app.extensions["weefwerk.formats"] = formats
    app.extensions["weefwerk.service"] = BoardService(
        make_sessionmaker(engine), formats, broadcast,
        check_tracking=bool(app.config.get("CHECK_ITEM_TRACKING")))
    app.extensions["weefwerk.limits"] = RateLimits.from_config(app.config)
    app.extensions["weefwerk.lan"] = lan_address  # tests put their own finder here
    app.extensions[passwords.EXTENSION] = passwords.hasher_for(app.config)


def _apply_retention(app: Flask) -> None:
    """Remove raw cards whose retention period is over (docs/privacy.md)."""
    from datetime import datetime

    from .db import write_transaction
    from .store.retention import apply_retention

    with write_transaction(app.extensions["weefwerk.service"].sessions) as session:
        apply_retention(session, datetime.now(UTC))


def _template_globals() -> dict:
    from .pages.blueprint import current_user

    lang = current_language()
    user = current_user()
    return {"current_lang": lang, "other_lang": next(x for x in LANGUAGES if x != lang),
            "current_user": {"id": user.id, "name": user.name} if user else None}
