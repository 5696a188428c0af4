"""The kinds of board and their rules: an evening (`workshop`) or a group's plan
workspace (`workspace`). `BoardService` looks the kind up here and otherwise runs one
and the same path for both (lock, op id, load, rules, save, commit, broadcast).

Each kind says how its stored state is read, what context its rules need (read inside
the command's transaction, so a revoked grant or a removed member counts at once), which
rules apply, and what a screen's snapshot holds.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .domain.board.actors import Actor, BoardRef
from .domain.board.events import Outcome
from .domain.board.policy import GroupRef, admit_workspace
from .domain.board.policy import admit as admit_evening
from .domain.evening.aggregate import apply
from .domain.evening.context import Context
from .domain.evening.snapshot import snapshot_state
from .domain.evening.state import WorkshopState
from .domain.workspace.aggregate import apply_workspace
from .domain.workspace.context import WorkspaceContext
from .domain.workspace.snapshot import history_entry, workspace_snapshot
from .domain.workspace.state import WorkspaceState
from .models import WORKSHOP, WORKSPACE, Board, BoardEvent, Member, ResidentGroup
from .store.groups import facts

if TYPE_CHECKING:
    from .service import BoardService



@dataclass(frozen=True)
class Aggregate:
    load: Callable[[dict], Any]
    context: Callable[[Session, Board, BoardService], Any]
    apply: Callable[[Any, Any, Actor, Any], Outcome]
    snapshot: Callable[[Board, Any, Actor, BoardService], dict]


def _meta(board: Board) -> dict:
    return {"id": board.id, "title": board.title, "code": board.join_code}


def workspace_state_of(session: Session, group_id: int) -> dict | None:
    """The stored state of the group's plan workspace, or None before its first hand-over."""
    return session.scalar(select(Board.state).where(Board.group_id == group_id,
                                                    Board.kind == WORKSPACE))


def evening_ref(session: Session, board: Board) -> BoardRef:
    """The evening's id and owner, and which facilitators its group grants access now."""
    group = facts(session, board.group_id)
    return BoardRef(board.id, board.owner_id, group.granted_user_ids if group else frozenset())


def _workshop_context(session: Session, board: Board, service: BoardService) -> Context:
    group = session.get(ResidentGroup, board.group_id)
    return Context(evening_ref(session, board), service.formats[board.format_slug],
                   service.clock(), group_name=group.name if group else "",
                   read_workspace=lambda: workspace_state_of(session, board.group_id))


def _workshop_snapshot(board: Board, state: WorkshopState, actor: Actor,
                       service: BoardService) -> dict:
    return snapshot_state(state, _meta(board), service.formats[board.format_slug], actor,
                          service.clock())


def group_ref(session: Session, board: Board) -> GroupRef:
    """Who is in the board's group now, and which facilitators it grants access."""
    group = facts(session, board.group_id)
    members = session.scalars(select(Member.id).where(Member.group_id == board.group_id))
    return GroupRef(board.id, board.group_id, frozenset(members),
                    group.granted_user_ids if group else frozenset())


def log_since_take_over(session: Session, board_id: int, evening_id: int) -> list[tuple[str, dict]]:
    """The workspace's log from the evening's latest `evening_taken_over` on (empty when
    it was never taken over): what taking the hand-over back must check."""
    takes = session.execute(select(BoardEvent.version, BoardEvent.data).where(
        BoardEvent.board_id == board_id, BoardEvent.name == "evening_taken_over")
        .order_by(BoardEvent.version.desc())).all()
    start = next((v for v, data in takes
                  if (data.get("evening") or {}).get("board_id") == evening_id), None)
    if start is None:
        return []
    return [(name, data) for name, data in session.execute(
        select(BoardEvent.name, BoardEvent.data).where(
            BoardEvent.board_id == board_id, BoardEvent.version >= start)
        .order_by(BoardEvent.version)).all()]


def _workspace_context(session: Session, board: Board,
                       service: BoardService) -> WorkspaceContext:
    return WorkspaceContext(group_ref(session, board), service.clock(),
                            lambda evening_id: log_since_take_over(session, board.id,
                                                                   evening_id))


def _workspace_snapshot(board: Board, state: WorkspaceState, actor: Actor,
                        service: BoardService) -> dict:
    history = [history_entry(v, name, data) for v, name, data in service.history(board.id)
               if v <= board.version]  # the log may have moved on since the state was read
    return workspace_snapshot(state, _meta(board), history, service.clock())


def admit(session: Session, board: Board, actor: Actor) -> None:
    """Raise DomainError unless `actor` may still watch `board` live (connect, resync):
    the domain's policy decides, with the group's grants and members read now."""
    if board.kind == WORKSPACE:
        admit_workspace(actor, group_ref(session, board))
    else:
        admit_evening(actor, evening_ref(session, board))


AGGREGATES: dict[str, Aggregate] = {
    WORKSHOP: Aggregate(WorkshopState.from_dict, _workshop_context, apply,
                        _workshop_snapshot),
    WORKSPACE: Aggregate(WorkspaceState.from_dict, _workspace_context, apply_workspace,
                         _workspace_snapshot),
}
