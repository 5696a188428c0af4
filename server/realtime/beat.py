"""A process's beat, when several processes serve the boards (a message queue is set).

Every BEAT_SECONDS each process

1. renews the residents it holds in the shared presence and announces a board's
   count where it differs from what this process announced last, and every board's
   every sixth beat (`presence.beat`): a process that crashed drops out of the count,
   a restarted Redis gets its entries back, a lost `presence` is put right;
2. tells its own sockets each board's newest version, as the `version` message
   (docs/protocol.md), when it moved since the last beat. An event broadcast while
   the queue was away (Redis restarting, the listener reconnecting, a subscriber
   Redis dropped for falling behind) never reaches the other processes' clients,
   and a client that missed the *last* event of a quiet moment has no later event to
   show it the gap. `version` shows it; its `resync` fills the gap from the database.
   It goes to this process's sockets only (`ignore_queue`), so it needs no Redis:
   clients catch up even while Redis is away.

With one process (no queue) every event reaches every socket the moment it is
committed, and no beat runs.
"""
from __future__ import annotations

import logging
import threading
from typing import Any, cast

from flask import Flask, current_app

from ..domain.board.events import PUBLIC, STAFF
from ..extensions import socketio
from ..store.logs import version_of
from .broadcast import room
from .presence import presence

BEAT_SECONDS = 5.0

log = logging.getLogger(__name__)
_lock = threading.Lock()
_started: set[str] = set()  # the message queues this process already beats for
_told: dict[int, int] = {}  # board -> the version this process last told its sockets


def start_once() -> None:
    """Start this process's beat, at its first socket, when a message queue is set."""
    app: Flask = cast(Any, current_app)._get_current_object()  # the app, not its proxy
    queue = app.config["SOCKETIO_MESSAGE_QUEUE"]
    if not queue:
        return
    with _lock:
        if queue in _started:
            return
        _started.add(queue)
    socketio.start_background_task(_beat_for_ever, app)


def _beat_for_ever(app: Flask) -> None:
    while True:
        socketio.sleep(BEAT_SECONDS)
        try:
            with app.app_context():
                beat(app)
        except Exception:  # one failed beat (the database restarting) must not stop the next
            log.exception("beat failed")


def beat(app: Flask) -> None:
    """One beat: presence renewed and announced, and every board's version told where it
    moved since the last one. A version already told needs no telling again: a screen
    that missed an event committed before it has been told already, and one committed
    after it moves the version."""
    presence.beat()
    with app.extensions["weefwerk.service"].sessions() as session:
        versions = {board_id: version_of(session, board_id)
                    for board_id in presence.boards_here()}
    for board_id in set(_told) - set(versions):
        del _told[board_id]
    for board_id, version in versions.items():
        if version is None or _told.get(board_id) == version:  # gone, or nothing new
            continue
        _told[board_id] = version
        for audience in (STAFF, PUBLIC):
            socketio.emit("version", {"version": version}, to=room(board_id, audience),
                          ignore_queue=True)
