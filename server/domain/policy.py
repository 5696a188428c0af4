"""Who may do what: the authorization matrix, in one table.

Every command names the roles allowed to send it. On top of that an actor acts only
on the board its token was issued for, and a facilitator only on a board they own.
"""
from __future__ import annotations

from .actors import FACILITATOR, PARTICIPANT, Actor, BoardRef
from .errors import DomainError

ALLOWED_ROLES: dict[str, frozenset[str]] = {
    "add_card": frozenset({PARTICIPANT}),
    "edit_card": frozenset({PARTICIPANT}),
    "withdraw_card": frozenset({PARTICIPANT}),
    "open_input": frozenset({FACILITATOR}),
    "close_input": frozenset({FACILITATOR}),
    "go_to_step": frozenset({FACILITATOR}),
    "start_timer": frozenset({FACILITATOR}),
    "pause_timer": frozenset({FACILITATOR}),
    "extend_timer": frozenset({FACILITATOR}),
    "reset_timer": frozenset({FACILITATOR}),
    "hide_card": frozenset({FACILITATOR}),
    "unhide_card": frozenset({FACILITATOR}),
    "show_authors": frozenset({FACILITATOR}),
}


def authorize(actor: Actor, command_name: str, board: BoardRef) -> None:
    """Raise DomainError('forbidden') unless `actor` may run `command_name` on `board`."""
    if actor.board_id != board.id:
        raise DomainError("forbidden")
    if actor.role not in ALLOWED_ROLES.get(command_name, frozenset()):
        raise DomainError("forbidden")
    if actor.role == FACILITATOR and actor.user_id != board.owner_id:
        raise DomainError("forbidden")
    if actor.role == PARTICIPANT and not actor.participant_id:
        raise DomainError("forbidden")
