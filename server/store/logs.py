"""A board's log (`board_events`): appending a command's events under the board's next
versions (the service does, inside the command's transaction), reading back what a
client missed or a workspace shows as history, the whole log for an evening's process
report and a group's export, and the part of a workspace's log that taking a hand-over
back must check."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.board.events import Event
from ..models import Board, BoardEvent

TAKEN_OVER = "evening_taken_over"  # the workspace event a hand-over appends


def append(session: Session, board: Board, events: list[Event],
           role: str) -> list[tuple[int | None, Event]]:
    """Number `events` with the board's next versions and add them to its log (in the
    caller's transaction, with the board row locked): `(version, event)` each."""
    numbered: list[tuple[int | None, Event]] = []
    for event in events:
        board.version += 1
        session.add(BoardEvent(board_id=board.id, version=board.version, name=event.name,
                               data=event.data, actor_role=role))
        numbered.append((board.version, event))
    return numbered


def newest(session: Session, board_id: int, limit: int) -> list[tuple[int, str, dict]]:
    """The newest `limit` entries of the board's log, oldest first."""
    rows = session.execute(
        select(BoardEvent.version, BoardEvent.name, BoardEvent.data)
        .where(BoardEvent.board_id == board_id)
        .order_by(BoardEvent.version.desc()).limit(limit)).all()
    return [(v, n, d) for v, n, d in reversed(rows)]


def version_of(session: Session, board_id: int) -> int | None:
    """The board's version (its newest log entry), or None when the board is gone."""
    return session.scalar(select(Board.version).where(Board.id == board_id))


def entries_after(session: Session, board_id: int, since: int) -> list[tuple[int, Event]]:
    """The log entries after version `since`, in order, as events."""
    return [(v, Event(n, d)) for v, n, d in session.execute(
        select(BoardEvent.version, BoardEvent.name, BoardEvent.data)
        .where(BoardEvent.board_id == board_id, BoardEvent.version > since)
        .order_by(BoardEvent.version))]


def whole_log(session: Session, board_id: int) -> list[tuple[int, str, dict]]:
    """Every entry of the board's log, oldest first: `(version, name, data)`."""
    return [(v, n, d) for v, n, d in session.execute(
        select(BoardEvent.version, BoardEvent.name, BoardEvent.data)
        .where(BoardEvent.board_id == board_id).order_by(BoardEvent.version))]


def log_with_roles(session: Session,
                   board_id: int) -> list[tuple[int, str, dict, str, datetime]]:
    """Every entry of the board's log with who sent it (a role, never a name) and when:
    what the process report counts."""
    return [(v, n, d, role, at) for v, n, d, role, at in session.execute(
        select(BoardEvent.version, BoardEvent.name, BoardEvent.data, BoardEvent.actor_role,
               BoardEvent.created_at)
        .where(BoardEvent.board_id == board_id).order_by(BoardEvent.version))]


def log_since_take_over(session: Session, board_id: int,
                        evening_id: int) -> list[tuple[str, dict]]:
    """The workspace's log from the evening's latest `evening_taken_over` on (empty when
    it was never taken over): what taking the hand-over back must check."""
    takes = session.execute(select(BoardEvent.version, BoardEvent.data).where(
        BoardEvent.board_id == board_id, BoardEvent.name == TAKEN_OVER)
        .order_by(BoardEvent.version.desc())).all()
    start = next((v for v, data in takes
                  if (data.get("evening") or {}).get("board_id") == evening_id), None)
    if start is None:
        return []
    return [(name, data) for name, data in session.execute(
        select(BoardEvent.name, BoardEvent.data).where(
            BoardEvent.board_id == board_id, BoardEvent.version >= start)
        .order_by(BoardEvent.version)).all()]
