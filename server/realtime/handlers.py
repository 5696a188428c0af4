"""Socket.IO handlers, kept thin: identify → parse → service → ack.

Rooms are derived on the server from the verified token: `board:<id>:staff` for the
facilitator, `board:<id>:public` for projector and phones. Which socket is which
actor is process-local, like the socket itself; `doors.py` keeps which sockets to close
when access ends (a grant taken back, a member removed, a logout).
"""
from __future__ import annotations

import json
import logging

from flask import current_app, request, session
from flask_socketio import ConnectionRefusedError, emit, join_room

from ..board_kinds import admit
from ..domain.board.actors import FACILITATOR, MEMBER, PARTICIPANT, Actor
from ..domain.board.errors import DomainError
from ..domain.board.events import PUBLIC, STAFF, Event, redact
from ..domain.board.text import MAX_DEPTH
from ..extensions import socketio
from ..i18n.locale import LANGUAGES
from ..i18n.messages import error_ack
from ..models import WORKSHOP, WORKSPACE, Board, Member, Participant, User
from ..store import sign_ins
from ..store.groups import facts
from . import doors
from .coalesce import Coalescer
from .doors import Door
from .presence import presence
from .tokens import verify
from .wire_json import TOO_DEEP

log = logging.getLogger(__name__)
_clients: dict[str, tuple[Actor, str]] = {}  # sid -> (actor, language)


def room(board_id: int, audience: str) -> str:
    return f"board:{board_id}:{audience}"


TALLY_SECONDS = 0.33  # at most three `tally` messages a second per board
tallies = Coalescer("tally", TALLY_SECONDS)


def broadcast(board_id: int, events: list[tuple[int | None, Event]]) -> None:
    """Send committed events to both audiences of a board, each redacted for it.

    A volatile event (version None: a hidden ballot) is never sent as such; it only
    moves the coalesced `tally`, which says how many have voted and nothing more.
    """
    for version, event in events:
        if version is None:
            count = {k: event.data[k] for k in ("step", "round", "voters")}
            tallies.push(board_id, lambda count=count: count)
            continue
        for audience in (STAFF, PUBLIC):
            socketio.emit("event", wire_event(version, event, audience),
                          to=room(board_id, audience))


def wire_event(version: int, event: Event, audience: str) -> dict:
    return {"version": version, "name": event.name, "data": redact(event, audience)}


@socketio.on("connect")
def on_connect(auth=None):
    """Sent by every client opening a socket (auth: {token, lang}). Answers `snapshot`.
    An event a connected client *sends* under this name is ignored (see `_client_sent`)."""
    if _client_sent("connect"):
        return None
    actor = authenticate(auth if isinstance(auth, dict) else {})
    lang = auth.get("lang") if auth.get("lang") in LANGUAGES else "nl"
    _clients[request.sid] = (actor, lang)
    join_room(room(actor.board_id, actor.audience))
    emit("snapshot", snapshot_for(actor))
    presence.joined(request.sid, actor)


@socketio.on("disconnect")
def on_disconnect(reason=None):
    """Sent when a socket closes. Updates the board's `presence` (coalesced). A client's
    own event named `disconnect` is ignored: only the real close forgets the socket."""
    if _client_sent("disconnect"):
        return None
    _clients.pop(request.sid, None)
    doors.closed(request.sid)
    presence.left(request.sid)


@socketio.on("command")
def on_command(payload=None):
    """Sent by a phone or the console: `{op_id, name, args}`. Acks; broadcasts `event`s."""
    actor, lang = _clients.get(request.sid, (None, "nl"))
    if actor is None:
        return error_ack("bad_request", {"field": "connect"}, lang)
    return run_command(actor, lang, payload)


@socketio.on("resync")
def on_resync(payload=None):
    """Sent by a client that saw a gap: `{since}`. Acks with the missed events or a snapshot."""
    actor, lang = _clients.get(request.sid, (None, "nl"))
    if actor is None:
        return error_ack("bad_request", {"field": "connect"}, lang)
    return resync(actor, lang, payload)


def _client_sent(name: str) -> bool:
    """Whether this `connect` / `disconnect` is an event a client sent itself.

    Flask-SocketIO hands a client's event named like a reserved one to the same handler.
    A real connect comes before the socket is known here; a real disconnect comes while
    python-socketio already counts the socket as leaving (so no longer connected).
    """
    if name == "connect":
        return request.sid in _clients
    return socketio.server.manager.is_connected(request.sid, request.namespace or "/")


def run_command(actor: Actor, lang: str, payload: object) -> dict:
    if payload is TOO_DEEP:
        return error_ack("too_deep", {"limit": MAX_DEPTH}, lang)
    if not isinstance(payload, dict):
        return error_ack("bad_request", {"field": "payload"}, lang)
    if command_bytes(payload) > current_app.config["COMMAND_MAX_BYTES"]:
        return error_ack("payload_too_large", None, lang)  # permanent: the outbox drops it
    kind = "staff_command" if actor.role == FACILITATOR else "command"
    if not current_app.extensions["weefwerk.limits"].hit(kind, actor_key(actor)):
        return error_ack("rate_limited", None, lang)
    service = current_app.extensions["weefwerk.service"]
    try:
        return service.handle(actor.board_id, payload.get("op_id"), payload.get("name"),
                              payload.get("args"), actor)
    except DomainError as refusal:
        return error_ack(refusal.code, refusal.params, lang)
    except Exception:  # keep serving everyone else; the client keeps its outbox entry
        log.exception("command failed")
        return error_ack("server_error", None, lang)


def command_bytes(payload: dict) -> int:
    """A command's size as the browser measures it: compact JSON in UTF-8."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return len(text.encode("utf-8", "surrogatepass"))  # a lone surrogate is no crash here


def resync(actor: Actor, lang: str, payload: object) -> dict:
    since = payload.get("since") if isinstance(payload, dict) else None
    if not isinstance(since, int) or isinstance(since, bool):
        return error_ack("invalid_args", {"field": "since"}, lang)
    refusal = refusal_now(actor)
    if refusal:
        return error_ack(refusal, None, lang)
    events = current_app.extensions["weefwerk.service"].events_since(actor.board_id, since)
    if events is None:
        return {"ok": True, "snapshot": snapshot_for(actor)}
    return {"ok": True, "events": [wire_event(v, e, actor.audience) for v, e in events]}


def snapshot_for(actor: Actor) -> dict:
    snapshot = current_app.extensions["weefwerk.service"].snapshot(actor.board_id, actor)
    if snapshot is None:
        raise ConnectionRefusedError("board_gone")
    snapshot["state"]["participants"] = presence.count(actor.board_id)
    return snapshot


def actor_key(actor: Actor) -> str:
    who = actor.participant_id or actor.member_id or actor.user_id or ''
    return f"{actor.board_id}:{actor.role}:{who}"


def authenticate(auth: dict) -> Actor:
    """The actor behind a connect's token, or refuse the connection. The browser's
    sign-in must still be live (server/sign_ins.py) and the domain's policy must admit
    the actor now (a grant taken back closes the console and the projector)."""
    claims = verify(current_app.config["SECRET_KEY"], auth.get("token"))
    if claims is None:
        raise ConnectionRefusedError("bad_token")
    service = current_app.extensions["weefwerk.service"]
    with service.sessions() as db:
        signed_in = sign_ins.current(db, session, current_app.permanent_session_lifetime) \
            if sign_ins.needs_check(session) else None
        board = db.get(Board, claims["b"])
        if board is None:
            raise ConnectionRefusedError("board_gone")
        actor = _actor(db, board, claims["r"], claims["s"])
        try:
            admit(db, board, actor)
        except DomainError as refusal:
            raise ConnectionRefusedError(refusal.code) from None
    doors.opened(request.sid, Door(actor, board.kind, board.group_id, board.owner_id,
                                   signed_in))
    return actor


def refusal_now(actor: Actor) -> str | None:
    """Why the policy no longer admits `actor` on its board, or None (asked on every
    resync: a socket left open on another process gets nothing after access ended).
    Phones are always admitted to their own evening (`policy.admit`): after a message
    queue blip a whole hall resyncs at once, so they skip the extra queries."""
    if actor.role == PARTICIPANT:
        return None
    with current_app.extensions["weefwerk.service"].sessions() as db:
        board = db.get(Board, actor.board_id)
        if board is None:
            return "not_found"
        try:
            admit(db, board, actor)
        except DomainError as refusal:
            return refusal.code
    return None


def _actor(db, board: Board, role: object, subject: object) -> Actor:
    """Who the token and the browser's session say this is, or refuse (the role's own
    checks: the owner's login, a member still in the group, a known phone)."""
    board_id = board.id
    if role == FACILITATOR and board.kind == WORKSPACE:
        return _granted_facilitator(db, board, subject)
    if role == FACILITATOR:
        if session.get("user_id") != subject or board.owner_id != subject:
            raise ConnectionRefusedError("not_owner")
        _granted_facilitator(db, board, subject)  # the group can take access back
        return Actor(FACILITATOR, board_id, user_id=subject)
    if role == MEMBER:
        return _member(db, board, subject)
    if role == PARTICIPANT:
        participant = db.get(Participant, subject) if isinstance(subject, str) else None
        if participant is None or participant.board_id != board_id or \
                board.kind != WORKSHOP:
            raise ConnectionRefusedError("unknown_participant")
        return Actor(PARTICIPANT, board_id, participant_id=participant.id,
                     display_name=participant.display_name)
    return Actor(role, board_id)


def _granted_facilitator(db, board: Board, user_id: object) -> Actor:
    """A facilitator on a group's workspace: signed in, and granted access right now."""
    group = facts(db, board.group_id)
    if session.get("user_id") != user_id or group is None or \
            user_id not in group.granted_user_ids:
        raise ConnectionRefusedError("not_granted")
    user = db.get(User, user_id)
    return Actor(FACILITATOR, board.id, user_id=user_id, display_name=user.name if user else "")


def _member(db, board: Board, member_id: object) -> Actor:
    """A member on their group's workspace: still in the group, and signed in here."""
    member = db.get(Member, member_id) if isinstance(member_id, int) else None
    signed_in = (session.get("members") or {}).get(str(board.group_id))
    if board.kind != WORKSPACE or member is None or member.group_id != board.group_id \
            or signed_in != member.id:
        raise ConnectionRefusedError("not_a_member")
    return Actor(MEMBER, board.id, member_id=member.id, display_name=member.display_name)
