"""The first answer to every command (`processed_commands`): what makes a command run
exactly once. A resent `op_id` is answered from here and changes nothing."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import ProcessedCommand


def stored_ack(session: Session, board_id: int, sender: str, op_id: str) -> dict | None:
    """The first answer to this sender's op_id (or to one stored before senders were
    recorded, migration 0006), or None."""
    return session.scalar(select(ProcessedCommand.ack).where(
        ProcessedCommand.board_id == board_id, ProcessedCommand.op_id == op_id,
        ProcessedCommand.sender.in_((sender, ""))
    ).order_by(ProcessedCommand.sender.desc()).limit(1))


def record_ack(session: Session, board_id: int, sender: str, op_id: str, ack: dict) -> None:
    """Keep the answer of a command that changed the board, in the same transaction as
    the change: a unique key on (board, sender, op_id) refuses a second commit of it."""
    session.add(ProcessedCommand(board_id=board_id, sender=sender, op_id=op_id, ack=ack))
