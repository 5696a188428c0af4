"""Reading a board's log (`board_events`) outside the live flow: the whole log for an
evening's process report and a group's export, and the part of a workspace's log that
taking a hand-over back must check. Appending is the service's (`server/service.py`)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import BoardEvent

TAKEN_OVER = "evening_taken_over"  # the workspace event a hand-over appends


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
