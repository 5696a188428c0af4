"""What the domain's policy needs to know about a board's group, read in the caller's
transaction (a command's, a connect's, a resync's), so a grant taken back or a member
removed counts at once: `BoardRef` for an evening, `GroupRef` for a workspace."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.board.actors import BoardRef
from ..domain.board.policy import GroupRef
from ..models import Board, Member
from .groups import facts


def evening_ref(session: Session, board: Board) -> BoardRef:
    """The evening's id and owner, and which facilitators its group grants access now."""
    group = facts(session, board.group_id)
    return BoardRef(board.id, board.owner_id, group.granted_user_ids if group else frozenset())


def group_ref(session: Session, board: Board) -> GroupRef:
    """Who is in the board's group now, and which facilitators it grants access."""
    group = facts(session, board.group_id)
    members = session.scalars(select(Member.id).where(Member.group_id == board.group_id))
    return GroupRef(board.id, board.group_id, frozenset(members),
                    group.granted_user_ids if group else frozenset())
