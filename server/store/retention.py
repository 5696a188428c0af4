"""Removing raw cards after the hand-over: the runner (rules in `domain/group/retention.py`).

`apply_retention(session, now)` looks at every group that set a retention period
(`ResidentGroup.retention_days`, default 90, 0 = keep) and, for each of its evenings
handed over longer ago than that, removes the evening's cards, ballots, the card texts in
its log and its participants' names. The group's plan workspace stays as it is. An
evening that was never handed over is cleaned the same way once it has not changed for
that long (its results and plans stay on the evening's own plan page): otherwise the raw
cards of every evening nobody handed over would be kept for ever. Running it twice
changes nothing more.

It runs at every app start and from `python -m server.store.retention` (for a daily cron job):
that entry builds no Flask app, it only reads the database settings.
"""
from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from ..domain.group.retention import CARD_EVENTS, due_evenings, redacted_event, redacted_state
from ..models import WORKSHOP, Board, BoardEvent, Participant, ResidentGroup
from .boards import workspace_of

INSTANCE = Path(__file__).resolve().parents[2] / "instance"  # the app's own instance/


def epoch_ms(now: datetime.datetime) -> int:
    if now.tzinfo is None:
        now = now.replace(tzinfo=datetime.UTC)
    return int(now.timestamp() * 1000)


def redact_evening(session: Session, board: Board) -> bool:
    """Remove one evening's raw cards, ballots, card texts in its log and names; whether
    anything was left to remove."""
    changed = False
    state = redacted_state(board.state)
    if state != board.state:
        board.state, changed = state, True
    events = session.scalars(select(BoardEvent).where(
        BoardEvent.board_id == board.id,
        BoardEvent.name.in_((*CARD_EVENTS, "card_edited"))))
    for event in events:
        data = redacted_event(event.name, event.data)
        if data is not None:
            event.data, changed = data, True
    named = cast("CursorResult[Any]", session.execute(update(Participant).where(
        Participant.board_id == board.id, Participant.display_name.is_not(None))
        .values(display_name=None)))  # an UPDATE's result counts its rows
    return changed or named.rowcount > 0


def idle_evenings(session: Session, group_id: int, handed_over: set,
                  unchanged_since: datetime.datetime) -> list[int]:
    """The group's evenings that were never handed over and have not changed since."""
    if unchanged_since.tzinfo is not None:  # stored as naive UTC
        unchanged_since = unchanged_since.astimezone(datetime.UTC).replace(tzinfo=None)
    ids = session.scalars(select(Board.id).where(
        Board.group_id == group_id, Board.kind == WORKSHOP,
        Board.updated_at < unchanged_since))
    return [board_id for board_id in ids if board_id not in handed_over]


def apply_retention(session: Session, now: datetime.datetime) -> int:
    """Apply every group's retention period; the number of evenings cleaned. The caller
    commits."""
    cleaned = 0
    groups = session.execute(select(ResidentGroup.id, ResidentGroup.retention_days)
                             .where(ResidentGroup.retention_days > 0)).all()
    for group_id, days in groups:
        workspace = workspace_of(session, group_id)
        handed = (workspace.state or {}).get("evenings") or [] if workspace else []
        due = due_evenings(handed, days, epoch_ms(now))
        due += idle_evenings(session, group_id, {e.get("board_id") for e in handed},
                             now - datetime.timedelta(days=days))
        for board_id in due:
            board = session.get(Board, board_id)
            if board is None or board.kind != WORKSHOP or board.group_id != group_id:
                continue
            cleaned += redact_evening(session, board)
    session.flush()
    return cleaned


def main(argv: list[str] | None = None) -> int:
    """`python -m server.store.retention`: apply retention to the configured database."""
    from ..config import from_environment
    from ..db import make_engine, make_sessionmaker, write_transaction

    INSTANCE.mkdir(parents=True, exist_ok=True)
    config = from_environment(INSTANCE)
    engine = make_engine(config["DATABASE_URL"], None)
    with write_transaction(make_sessionmaker(engine)) as session:
        cleaned = apply_retention(session, datetime.datetime.now(datetime.UTC))
    print(f"retention: {cleaned} evening(s) cleaned")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
