"""Handing an evening over to its resident group (docs/workspace.md, "Hand-over").

The group's workspace board is made on first use. The copy is built from the evening's
stored state (`domain.takeover.evening_copy`) and goes in through `BoardService.handle`
as the command `take_over_evening`, by the server itself (role `system`), so it takes the
same path as every change: lock, op id, rules, one transaction, broadcast after commit.
The op id is derived from the evening, so a double click is taken over exactly once (the
second click either finds the evening taken over or gets the first click's answer); a
later second hand-over of the same evening is refused (`already_taken_over`).
"""
from __future__ import annotations

from sqlalchemy import select

from .boards import create_workspace, workspace_of
from .db import write_transaction
from .domain.actors import SYSTEM, Actor
from .domain.errors import DomainError
from .domain.takeover import evening_copy
from .models import Board, ResidentGroup
from .service import BoardService


def handover_op_id(evening_board_id: int) -> str:
    return f"handover-{evening_board_id}"


def ensure_workspace(service: BoardService, group_id: int, owner_id: int) -> int:
    """The id of the group's workspace board, made now when it has none. The group's row
    is locked while looking, so two first hand-overs make one workspace."""
    with write_transaction(service.sessions) as session:
        group = session.scalar(select(ResidentGroup).where(ResidentGroup.id == group_id)
                               .with_for_update())
        if group is None:
            raise DomainError("not_found", item="group")
        board = workspace_of(session, group_id) or create_workspace(session, owner_id, group)
        session.flush()
        return board.id


def discard_unused_workspace(service: BoardService, board_id: int) -> None:
    """Remove a workspace made for a first import that was then refused: a refused import
    changes nothing, not even an empty board. Only a workspace that never took a command
    (version 0) goes; one that a hand-over filled in the meantime stays."""
    with write_transaction(service.sessions) as session:
        board = session.scalar(select(Board).where(Board.id == board_id).with_for_update())
        if board is not None and board.kind == "workspace" and board.version == 0:
            session.delete(board)


def hand_over(service: BoardService, evening_board_id: int, by_name: str) -> tuple[int, dict]:
    """Copy the evening into its group's workspace; the workspace id and the ack."""
    with service.sessions() as session:
        evening = session.get(Board, evening_board_id)
        if evening is None or evening.kind != "workshop":
            raise DomainError("not_found", item="board")
        group_id, owner_id = evening.group_id, evening.owner_id
        copy = evening_copy(evening.state or {}, evening.id, evening.title,
                            service.formats.get(evening.format_slug))
    workspace_id = ensure_workspace(service, group_id, owner_id)
    loaded = service.load(workspace_id)
    if loaded is not None and loaded[1].taken_over(evening_board_id):
        raise DomainError("already_taken_over")
    # two clicks at once both pass the check above: the shared op id makes one count
    ack = service.handle(workspace_id, handover_op_id(evening_board_id), "take_over_evening",
                         {"evening": copy}, Actor(SYSTEM, workspace_id, display_name=by_name))
    return workspace_id, ack
