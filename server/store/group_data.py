"""A resident group's own data, taken elsewhere or deleted (docs/export.md, docs/privacy.md).

The rules of what goes into the document are in `domain/group/export.py`; this module
reads and deletes rows. Deleting is explicit and in order (items, events, processed
commands and participants of every board of the group, the boards, then members,
invites, grants and the group), so it does not depend on the database cascading
foreign keys.
"""
from __future__ import annotations

import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..domain.group.export import export_document
from ..models import (
    Board,
    BoardEvent,
    BoardItem,
    FacilitatorGrant,
    Invite,
    Member,
    Participant,
    ProcessedCommand,
    ResidentGroup,
)
from .boards import workspace_of
from .logs import whole_log


def export_group(session: Session, group_id: int, now: datetime.datetime) -> dict | None:
    """The group's plan document, or None when the group does not exist."""
    group = session.get(ResidentGroup, group_id)
    if group is None:
        return None
    board = workspace_of(session, group_id)
    history = whole_log(session, board.id) if board is not None else []
    return export_document(group.name, board.state if board else None, history, now)


def delete_group(session: Session, group_id: int) -> bool:
    """Delete the group and everything it owns; False when there was no such group.
    The caller commits."""
    if session.get(ResidentGroup, group_id) is None:
        return False
    boards = select(Board.id).where(Board.group_id == group_id).scalar_subquery()
    per_board: tuple[Any, ...] = (BoardItem, BoardEvent, ProcessedCommand, Participant)
    per_group: tuple[Any, ...] = (Member, Invite, FacilitatorGrant)
    for table in per_board:
        session.execute(delete(table).where(table.board_id.in_(boards)))
    session.execute(delete(Board).where(Board.group_id == group_id))
    for table in per_group:
        session.execute(delete(table).where(table.group_id == group_id))
    session.execute(delete(ResidentGroup).where(ResidentGroup.id == group_id))
    session.expunge_all()
    return True
