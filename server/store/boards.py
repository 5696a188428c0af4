"""Creating and finding boards, groups and participants (HTTP-side, outside the live flow)."""
from __future__ import annotations

import secrets
import time
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, defer

from ..domain.board.codes import new_join_code
from ..domain.evening.own_format import take_copy
from ..domain.evening.review import fill_all
from ..domain.evening.seeding import latest_meanings, seed_meanings
from ..domain.evening.state import WorkshopState
from ..domain.formats.types import Format
from ..domain.workspace.state import WorkspaceState
from ..models import WORKSHOP, WORKSPACE, Board, Participant, ResidentGroup, User
from .groups import grant, granted_groups

MAX_TITLE = 120


def create_group(session: Session, user: User, name: str) -> ResidentGroup:
    """A new group; the facilitator who made it has access until the group takes it back."""
    group = ResidentGroup(name=name, created_by_id=user.id)
    session.add(group)
    session.flush()
    grant(session, group.id, user.id)
    return group


def create_workshop(session: Session, user: User, group: ResidentGroup, title: str,
                    fmt: Format) -> Board:
    """A new evening with a fresh, unused join code and projector key; it opens with the
    group's newest yearly meanings as data cards (`domain/evening/seeding.py`), and a review of
    the group's plans already filled in (`domain/evening/review.py`)."""
    state = WorkshopState.new(fmt)
    take_copy(state, fmt)  # its own copy: later changes to the format never reach it
    now_ms = int(time.time() * 1000)
    workspace = workspace_of(session, group.id)
    plans = (workspace.state or {}) if workspace else None
    seed_meanings(state, fmt, latest_meanings(meanings_of(plans)), now_ms)
    fill_all(state, fmt, plans, now_ms)
    return _add_with_free_code(session, lambda: Board(
        kind=WORKSHOP, group_id=group.id, owner_id=user.id, title=title,
        format_slug=fmt.slug, state=state.to_dict()))


def meanings_of(workspace_state: dict | None) -> list[dict]:
    """The new meanings recorded in the group's workspace state (none without one)."""
    meanings = (workspace_state or {}).get("meanings", {})
    return list(meanings.values()) if isinstance(meanings, dict) else []


def create_workspace(session: Session, owner_id: int, group: ResidentGroup) -> Board:
    """The group's plan workspace, with a join code and projector key made like an
    evening's (the code is never accepted for joining: only evenings are joined)."""
    return _add_with_free_code(session, lambda: Board(
        kind=WORKSPACE, group_id=group.id, owner_id=owner_id, title=group.name[:MAX_TITLE],
        format_slug="", state=WorkspaceState.new(group.id, group.name).to_dict()))


def _add_with_free_code(session: Session, new_board: Callable[[], Board]) -> Board:
    """Add the board made by `new_board` with a fresh join code and projector key,
    trying again on the rare clash with a code in use (the unique constraint decides,
    so two evenings made at once never share a code)."""
    for _ in range(20):
        board = new_board()
        board.join_code, board.projector_key = new_join_code(), secrets.token_urlsafe(24)
        board.version = 0
        try:
            with session.begin_nested():
                session.add(board)
            return board
        except IntegrityError:
            continue
    raise RuntimeError("could not find a free join code")


def board_by_id(session: Session, board_id: int) -> Board | None:
    return session.get(Board, board_id)


def locked_board(session: Session, board_id: int) -> Board | None:
    """The board with its row locked until the caller's write transaction ends (SQLite:
    the write transaction itself), so what is read about it stays true until the commit.
    Its state document is read only when the caller reads `board.state` (in the same
    transaction): the service may hold the state in memory already
    (`server/live_state.py`)."""
    return session.scalar(select(Board).where(Board.id == board_id)
                          .options(defer(Board.head)).with_for_update())


def board_row(session: Session, board_id: int) -> Board | None:
    """The board without its state document, for its version and stamp."""
    return session.scalar(select(Board).where(Board.id == board_id)
                          .options(defer(Board.head)))


def workspace_of(session: Session, group_id: int) -> Board | None:
    """The group's plan workspace, or None before the first hand-over. The one place the
    workspace of a group is looked up."""
    return session.scalar(select(Board).where(Board.group_id == group_id,
                                              Board.kind == WORKSPACE))


def evenings_of_group(session: Session, group_id: int) -> list[Board]:
    """The group's evenings, newest first."""
    return list(session.scalars(select(Board).where(Board.group_id == group_id,
                                                    Board.kind == WORKSHOP)
                                .order_by(Board.created_at.desc())))


def board_by_code(session: Session, code: str) -> Board | None:
    """The evening a typed code names. Its state document is read only if the caller
    asks for it: a hall of phones joining at once must not load a full board each."""
    return session.scalar(select(Board).where(Board.join_code == code,
                                              Board.kind == WORKSHOP)
                          .options(defer(Board.head)))


def board_by_projector_key(session: Session, key: str) -> Board | None:
    return session.scalar(select(Board).where(Board.projector_key == key,
                                              Board.kind == WORKSHOP))


def joined_board_id(session: Session, code: str, board_ids: list[int]) -> int | None:
    """The id of the board with this code among `board_ids` (a browser's own evenings),
    or None: asks nothing about codes outside them."""
    return session.scalar(select(Board.id).where(Board.join_code == code,
                                                 Board.id.in_(board_ids)))


def participant_by_id(session: Session, participant_id: str) -> Participant | None:
    return session.get(Participant, participant_id)


def add_participant(session: Session, board: Board, display_name: str | None) -> Participant:
    participant = Participant(id=secrets.token_hex(16), board_id=board.id,
                              display_name=display_name or None)
    session.add(participant)
    return participant


def participant_count(session: Session, board_id: int) -> int:
    """Phones that joined the evening (each once, however often it reconnects)."""
    return session.scalar(select(func.count()).select_from(Participant)
                          .where(Participant.board_id == board_id)) or 0


def join_evening(session: Session, board_id: int, display_name: str | None,
                 cap: int) -> Participant | None:
    """A new participant, or None when the evening already has `cap` of them.

    The cap keeps someone with the code from scripting hundreds of "phones" to flood
    the board with cards. The board row is locked (SQLite: the write transaction), so
    two phones joining at the same moment cannot both take the last place."""
    board = locked_board(session, board_id)
    if board is None or participant_count(session, board_id) >= cap:
        return None
    return add_participant(session, board, display_name)


def groups_of(session: Session, user: User) -> list[ResidentGroup]:
    """The groups that currently grant this facilitator access."""
    return granted_groups(session, user.id)


def boards_of(session: Session, user: User) -> list[Board]:
    return list(session.scalars(select(Board).where(Board.owner_id == user.id,
                                                    Board.kind == WORKSHOP)
                                .order_by(Board.created_at.desc())))


