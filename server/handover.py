"""Handing an evening over to its resident group, and taking a mistaken hand-over back
(docs/workspace.md, "Hand-over").

A hand-over changes two boards: the evening closes (`close_evening`) and the group's
workspace takes the copy (`take_over_evening`). Both go through `BoardService.apply_in`
in ONE write transaction, so either both happen or neither does; the events of both are
broadcast after the commit. The evening is locked first, then the group's row (to make
its workspace on first use), then the workspace: taking back locks in the same order.

The facilitator confirms on a page that shows the evening's counts at its version; the
op id is made from that version (`handover-<evening>-v<version>`), so a double click is
handed over exactly once, and a confirmation of counts that changed since is refused
(`confirmation_outdated`) instead of handing over something else than was shown. After
taking back, the evening's version has moved on, so a later hand-over gets a new op id.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from .board_kinds import evening_format_of
from .db import write_transaction
from .domain.board.actors import SYSTEM, Actor
from .domain.board.commands import CloseEvening, ReopenEvening, ReturnEvening, TakeOverEvening
from .domain.board.errors import DomainError
from .domain.evening.closing import HandoverSummary, check_ready, evening_copy, summary_of
from .domain.evening.own_format import evening_format
from .domain.evening.state import WorkshopState
from .models import WORKSHOP, WORKSPACE, Board
from .service import BoardService
from .store.boards import board_by_id, create_workspace, locked_board, workspace_of
from .store.groups import group_by_id, locked_group

SERVER_SENDER = Actor(SYSTEM, 0).sender  # whose op_ids the hand-over's commands are


def handover_op_id(evening_board_id: int, version: int) -> str:
    return f"handover-{evening_board_id}-v{version}"


def takeback_op_id(evening_board_id: int, version: int) -> str:
    return f"takeback-{evening_board_id}-v{version}"


@dataclass(frozen=True)
class Preview:
    """What the confirmation page says: the counts at `version`, the group's name, and
    the code of the refusal the hand-over would get now (None when it may go)."""

    summary: HandoverSummary
    group: str
    version: int
    refusal: DomainError | None
    legacy: bool = False  # in the workspace but not closed: handed over before closing existed


def ensure_workspace(service: BoardService, group_id: int, owner_id: int) -> int:
    """The id of the group's workspace board, made now when it has none (the import)."""
    with write_transaction(service.sessions) as session:
        return _workspace(session, group_id, owner_id).id


def _workspace(session: Session, group_id: int, owner_id: int) -> Board:
    """The group's workspace, made when it has none. The group's row is locked while
    looking, so two first hand-overs make one workspace."""
    group = locked_group(session, group_id)
    if group is None:
        raise DomainError("not_found", item="group")
    board = workspace_of(session, group_id) or create_workspace(session, owner_id, group)
    session.flush()
    return board


def discard_unused_workspace(service: BoardService, board_id: int) -> None:
    """Remove a workspace made for a first import that was then refused: a refused import
    changes nothing, not even an empty board. Only a workspace that never took a command
    (version 0) goes; one that a hand-over filled in the meantime stays."""
    with write_transaction(service.sessions) as session:
        board = locked_board(session, board_id)
        if board is not None and board.kind == WORKSPACE and board.version == 0:
            session.delete(board)


def _copy(service: BoardService, evening: Board) -> dict:
    return evening_copy(evening.state or {}, evening.id, evening.title,
                        evening_format((evening.state or {}).get("format_copy"),
                                       evening.format_slug, service.formats))


def preview(service: BoardService, evening_board_id: int) -> Preview:
    """The evening's hand-over as it would be now, for the confirmation page."""
    with service.sessions() as session:
        evening = _evening(session, evening_board_id, lock=False)
        group = group_by_id(session, evening.group_id)
        summary = summary_of(_copy(service, evening))
        fmt = evening_format_of(evening, evening.state, service.formats)
        refusal, legacy = None, _legacy(session, evening)
        try:
            if legacy:
                raise DomainError("already_taken_over")
            check_ready(WorkshopState.from_dict(evening.state or {}), fmt, summary)
        except DomainError as refused:
            refusal = refused
        return Preview(summary, group.name if group else "", evening.version, refusal, legacy)


def _legacy(session: Session, evening: Board) -> bool:
    """Whether the evening is in its group's workspace without being closed: handed over
    (often empty, in its first minute) before a hand-over closed the evening. Taking that
    back is how its real plans can still reach the group."""
    if (evening.state or {}).get("handed_over"):
        return False
    workspace = workspace_of(session, evening.group_id)
    return workspace is not None and any(
        e.get("board_id") == evening.id for e in (workspace.state or {}).get("evenings", []))


def _evening(session: Session, board_id: int, lock: bool = True) -> Board:
    evening = locked_board(session, board_id) if lock else board_by_id(session, board_id)
    if evening is None or evening.kind != WORKSHOP:
        raise DomainError("not_found", item="board")
    return evening


def hand_over(service: BoardService, evening_board_id: int, by_name: str,
              seen_version: int) -> tuple[int, dict]:
    """Close the evening and copy it into its group's workspace, as one change; the
    workspace id and the ack. `seen_version` is the evening's version the facilitator
    confirmed."""
    op_id = handover_op_id(evening_board_id, seen_version)
    with write_transaction(service.sessions) as session:
        evening = _evening(session, evening_board_id)
        closed_now = bool((evening.state or {}).get("handed_over"))
        replay = service.stored_ack(evening_board_id, SERVER_SENDER, op_id, session)
        if replay is not None and closed_now:  # the second click: the first one's answer
            workspace = workspace_of(session, evening.group_id)
            assert workspace is not None, "the first click's hand-over made it"
            return workspace.id, service.stored_ack(workspace.id, SERVER_SENDER, op_id, session) or replay
        if replay is not None or evening.version != seen_version:
            raise DomainError("confirmation_outdated")  # taken back since, or changed
        copy = _copy(service, evening)
        workspace = _workspace(session, evening.group_id, evening.owner_id)
        closed = service.apply_in(session, evening.id, op_id, CloseEvening(),
                                  Actor(SYSTEM, evening.id, display_name=by_name))
        ack, taken = service.apply_in(session, workspace.id, op_id,
                                      TakeOverEvening(evening=copy),
                                      Actor(SYSTEM, workspace.id, display_name=by_name))
        workspace_id = workspace.id
    service.broadcast(evening_board_id, closed[1])
    service.broadcast(workspace_id, taken)
    return workspace_id, ack


def take_back(service: BoardService, evening_board_id: int, by_name: str,
              seen_version: int) -> dict:
    """Remove the evening from its group's workspace again and reopen it, as one change,
    unless the group already changed what it brought (`group_changed_plans`)."""
    op_id = takeback_op_id(evening_board_id, seen_version)
    with write_transaction(service.sessions) as session:
        evening = _evening(session, evening_board_id)
        closed_now, legacy = bool((evening.state or {}).get("handed_over")), False
        workspace = workspace_of(session, evening.group_id)
        replay = service.stored_ack(evening_board_id, SERVER_SENDER, op_id, session) or (
            service.stored_ack(workspace.id, SERVER_SENDER, op_id, session)
            if workspace is not None else None)
        if replay is not None and not closed_now:  # the second click
            return replay
        if workspace is None or not (closed_now or (legacy := _legacy(session, evening))):
            raise DomainError("not_handed_over")
        if replay is not None or evening.version != seen_version:
            raise DomainError("confirmation_outdated")
        ack, returned = service.apply_in(session, workspace.id, op_id,
                                         ReturnEvening(evening=_copy(service, evening)),
                                         Actor(SYSTEM, workspace.id, display_name=by_name))
        reopened: list = []
        if not legacy:  # a legacy hand-over never closed the evening
            ack, reopened = service.apply_in(session, evening.id, op_id, ReopenEvening(),
                                             Actor(SYSTEM, evening.id,
                                                       display_name=by_name))
        workspace_id = workspace.id
    service.broadcast(workspace_id, returned)
    if reopened:
        service.broadcast(evening_board_id, reopened)
    return ack
