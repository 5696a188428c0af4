"""Who a socket is: the identity behind a connect's token, and whether the policy still
admits it.

This module establishes identity only: the token is valid, the browser's own session
says the same user or member (its sign-in still live on the server), and a phone's
participant row exists on this board. Whether that identity may watch (the owner's
console, a grant the group still gives, a member still in the group) is the domain's
policy (`domain/board/policy.py`, asked through `board_kinds.admit`), at connect and on
every resync. Everything it reads comes from `store/`.
"""
from __future__ import annotations

from typing import Any, cast

from flask import current_app, request, session
from flask_socketio import ConnectionRefusedError
from sqlalchemy.orm import Session

from ..board_kinds import admit
from ..domain.board.actors import FACILITATOR, MEMBER, PARTICIPANT, Actor
from ..domain.board.errors import DomainError
from ..models import WORKSPACE, Board
from ..store import sign_ins
from ..store.accounts import user_by_id
from ..store.boards import board_row, participant_by_id
from ..store.groups import member_by_id
from . import doors
from .doors import Door
from .tokens import verify


def current_sid() -> str:
    """The socket this event came in on. Flask-SocketIO sets `sid` on the request;
    Flask's own type for the request does not know it."""
    return cast(Any, request).sid


def authenticate(auth: dict) -> Actor:
    """The actor behind a connect's token, or refuse the connection. The browser's
    sign-in must still be live (store/sign_ins.py) and the domain's policy must admit
    the actor now (a grant taken back closes the console and the projector)."""
    claims = verify(current_app.config["SECRET_KEY"], auth.get("token"))
    if claims is None:
        raise ConnectionRefusedError("bad_token")
    with current_app.extensions["weefwerk.service"].sessions() as db:
        signed_in = sign_ins.current(db, session, current_app.permanent_session_lifetime) \
            if sign_ins.needs_check(session) else None
        board = board_row(db, claims["b"])  # who and whose: not its document
        if board is None:
            raise ConnectionRefusedError("board_gone")
        actor = identify(db, board, claims["r"], claims["s"])
        try:
            admit(db, board, actor)
        except DomainError as refusal:
            raise ConnectionRefusedError(refusal.code) from None
    doors.opened(current_sid(), Door(actor, board.kind, board.group_id, board.owner_id,
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
        board = board_row(db, actor.board_id)
        if board is None:
            return "not_found"
        try:
            admit(db, board, actor)
        except DomainError as refusal:
            return refusal.code
    return None


def identify(db: Session, board: Board, role: object, subject: object) -> Actor:
    """Who the token and the browser's own session say this is, or refuse. Identity
    only: the policy then decides whether that actor may watch this board."""
    if role == FACILITATOR:
        return _facilitator(db, board, subject)
    if role == MEMBER:
        return _member(db, board, subject)
    if role == PARTICIPANT:
        return _participant(db, board, subject)
    return Actor(str(role), board.id)  # the projector: its token is all it has


def _facilitator(db: Session, board: Board, user_id: object) -> Actor:
    """The facilitator this browser is logged in as, the one the token names. The refusal
    says what the page is for: a console is its owner's, a workspace the granted ones'."""
    if not isinstance(user_id, int) or session.get("user_id") != user_id:
        raise ConnectionRefusedError("not_granted" if board.kind == WORKSPACE else "not_owner")
    if board.kind != WORKSPACE:
        return Actor(FACILITATOR, board.id, user_id=user_id)
    user = user_by_id(db, user_id)  # the workspace's history names who acted
    return Actor(FACILITATOR, board.id, user_id=user_id, display_name=user.name if user else "")


def _member(db: Session, board: Board, member_id: object) -> Actor:
    """The member this browser is signed in as for the board's group, the one the token
    names (a member removed since has no row any more)."""
    member = member_by_id(db, member_id) if isinstance(member_id, int) else None
    signed_in = (session.get("members") or {}).get(str(board.group_id))
    if member is None or member.group_id != board.group_id or signed_in != member.id:
        raise ConnectionRefusedError("not_a_member")
    return Actor(MEMBER, board.id, member_id=member.id, display_name=member.display_name)


def _participant(db: Session, board: Board, participant_id: object) -> Actor:
    """A phone that joined this board (its participant row is on it)."""
    participant = participant_by_id(db, participant_id) \
        if isinstance(participant_id, str) else None
    if participant is None or participant.board_id != board.id:
        raise ConnectionRefusedError("unknown_participant")
    return Actor(PARTICIPANT, board.id, participant_id=participant.id,
                 display_name=participant.display_name)
