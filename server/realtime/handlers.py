"""Socket.IO handlers, kept thin: identify → parse → service → ack.

Who a socket is comes from `auth.py`, what a command goes through from `commands.py`,
snapshots and resyncs from `catch_up.py`, what is sent to the rooms from `broadcast.py`.
Which socket is which actor is process-local, like the socket itself; `doors.py` keeps
which sockets to close when access ends (a grant taken back, a member removed, a logout).
"""
from __future__ import annotations

from typing import Any, cast

from flask import request
from flask_socketio import emit, join_room

from ..domain.board.actors import Actor
from ..extensions import socketio
from ..i18n.locale import LANGUAGES
from ..i18n.messages import error_ack
from . import beat, doors
from .auth import authenticate, current_sid
from .broadcast import room
from .catch_up import resync, snapshot_for
from .commands import run_command
from .presence import presence

_clients: dict[str, tuple[Actor, str]] = {}  # sid -> (actor, language)


@socketio.on("connect")
def on_connect(auth=None, *_extra):
    """Sent by every client opening a socket (auth: {token, lang}). Answers `snapshot`.
    An event a connected client *sends* under this name is ignored (see `_client_sent`)."""
    if _client_sent("connect"):
        return None
    actor = authenticate(auth if isinstance(auth, dict) else {})
    lang = auth.get("lang") if auth.get("lang") in LANGUAGES else "nl"
    _clients[current_sid()] = (actor, lang)
    join_room(room(actor.board_id, actor.audience))
    emit("snapshot", snapshot_for(actor))
    presence.joined(current_sid(), actor)
    beat.start_once()  # with several processes only


@socketio.on("disconnect")
def on_disconnect(reason=None, *_extra):
    """Sent when a socket closes. Updates the board's `presence` (coalesced). A client's
    own event named `disconnect` is ignored: only the real close forgets the socket."""
    if _client_sent("disconnect"):
        return None
    _clients.pop(current_sid(), None)
    doors.closed(current_sid())
    presence.left(current_sid())


@socketio.on("command")
def on_command(payload=None, *extra):
    """Sent by a phone or the console: `{op_id, name, args}`. Acks; broadcasts `event`s.
    More than one argument is `bad_request` (it failed inside Socket.IO, unanswered)."""
    actor, lang = _clients.get(current_sid(), (None, "nl"))
    if actor is None or extra:
        return error_ack("bad_request", {"field": "payload" if actor else "connect"}, lang)
    return run_command(actor, lang, payload)


@socketio.on("resync")
def on_resync(payload=None, *extra):
    """Sent by a client that saw a gap: `{since}`. Acks with the missed events or a snapshot
    (more than one argument: `bad_request`, as for `command`)."""
    actor, lang = _clients.get(current_sid(), (None, "nl"))
    if actor is None or extra:
        return error_ack("bad_request", {"field": "payload" if actor else "connect"}, lang)
    return resync(actor, lang, payload)


def _client_sent(name: str) -> bool:
    """Whether this `connect` / `disconnect` is an event a client sent itself.

    Flask-SocketIO hands a client's event named like a reserved one to the same handler.
    A real connect comes before the socket is known here; a real disconnect comes while
    python-socketio already counts the socket as leaving (so no longer connected).
    """
    if name == "connect":
        return current_sid() in _clients
    namespace = cast(Any, request).namespace  # set by Flask-SocketIO, like the sid
    return socketio.server.manager.is_connected(current_sid(), namespace or "/")
