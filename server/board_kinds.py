"""The kinds of board and their rules: an evening (`workshop`) or a group's plan
workspace (`workspace`). `BoardService` looks the kind up here and otherwise runs one
and the same path for both (lock, op id, load, rules, save, commit, broadcast).

Each kind says how its stored state is read, what context its rules need (read inside
the command's transaction, so a revoked grant or a removed member counts at once), which
rules apply, what a screen's snapshot holds, and whom the policy admits to watch it.
A kind takes only what it uses from the service (`KindTools`: formats, clock, history),
never the service itself, so this module and `service.py` do not import each other; its
queries are the store's.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from .domain.board.actors import Actor
from .domain.board.events import Outcome
from .domain.board.policy import admit as admit_evening
from .domain.board.policy import admit_workspace
from .domain.evening.aggregate import apply
from .domain.evening.context import Context
from .domain.evening.own_format import evening_format
from .domain.evening.snapshot import snapshot_state
from .domain.evening.state import WorkshopState
from .domain.formats.types import Format
from .domain.workspace.aggregate import apply_workspace
from .domain.workspace.context import WorkspaceContext
from .domain.workspace.snapshot import history_entry, workspace_snapshot
from .domain.workspace.state import WorkspaceState
from .models import WORKSHOP, WORKSPACE, Board
from .store.boards import workspace_of
from .store.groups import group_by_id
from .store.logs import log_since_take_over
from .store.refs import evening_ref, group_ref


@dataclass(frozen=True)
class KindTools:
    """What a kind reads from the service: the formats by slug, the clock (ms), and a
    board's newest log entries `(version, name, data)`, oldest first."""

    formats: Mapping[str, Format]
    clock: Callable[[], int]
    history: Callable[[int], list[tuple[int, str, dict]]]


@dataclass(frozen=True)
class Aggregate:
    load: Callable[[dict], Any]
    context: Callable[[Session, Board, Any, KindTools], Any]
    apply: Callable[[Any, Any, Actor, Any], Outcome]
    snapshot: Callable[[Board, Any, Actor, KindTools], dict]
    admit: Callable[[Session, Board, Actor], None]


def _meta(board: Board) -> dict:
    return {"id": board.id, "title": board.title, "code": board.join_code}


def workspace_state_of(session: Session, group_id: int) -> dict | None:
    """The stored state of the group's plan workspace, or None before its first hand-over."""
    workspace = workspace_of(session, group_id)
    return workspace.state if workspace is not None else None


def evening_format_of(board: Board, state: WorkshopState | dict | None,
                      formats: Mapping[str, Format]) -> Format:
    """The format an evening runs on: its own copy (`evening/own_format.py`), or, for an
    evening made before there were copies, the shipped format of its slug."""
    copy = state.get("format_copy") if isinstance(state, dict) else \
        state.format_copy if state is not None else None
    fmt = evening_format(copy, board.format_slug, formats)
    if fmt is None:
        raise KeyError(board.format_slug)
    return fmt


def _workshop_context(session: Session, board: Board, state: WorkshopState,
                      tools: KindTools) -> Context:
    group = group_by_id(session, board.group_id)
    return Context(evening_ref(session, board), evening_format_of(board, state, tools.formats),
                   tools.clock(), group_name=group.name if group else "",
                   read_workspace=lambda: workspace_state_of(session, board.group_id))


def _workshop_snapshot(board: Board, state: WorkshopState, actor: Actor,
                       tools: KindTools) -> dict:
    return snapshot_state(state, _meta(board), evening_format_of(board, state, tools.formats), actor,
                          tools.clock())


def _admit_to_evening(session: Session, board: Board, actor: Actor) -> None:
    admit_evening(actor, evening_ref(session, board))


def _workspace_context(session: Session, board: Board, state: WorkspaceState,
                       tools: KindTools) -> WorkspaceContext:
    return WorkspaceContext(group_ref(session, board), tools.clock(),
                            lambda evening_id: log_since_take_over(session, board.id,
                                                                   evening_id))


def _workspace_snapshot(board: Board, state: WorkspaceState, actor: Actor,
                        tools: KindTools) -> dict:
    history = [history_entry(v, name, data) for v, name, data in tools.history(board.id)
               if v <= board.version]  # the log may have moved on since the state was read
    return workspace_snapshot(state, _meta(board), history, tools.clock())


def _admit_to_workspace(session: Session, board: Board, actor: Actor) -> None:
    admit_workspace(actor, group_ref(session, board))


def admit(session: Session, board: Board, actor: Actor) -> None:
    """Raise DomainError unless `actor` may still watch `board` live (connect, resync):
    the domain's policy decides, with the group's grants and members read now."""
    AGGREGATES[board.kind].admit(session, board, actor)


AGGREGATES: dict[str, Aggregate] = {
    WORKSHOP: Aggregate(WorkshopState.from_dict, _workshop_context, apply,
                        _workshop_snapshot, _admit_to_evening),
    WORKSPACE: Aggregate(WorkspaceState.from_dict, _workspace_context, apply_workspace,
                         _workspace_snapshot, _admit_to_workspace),
}
