"""Who may do what: the authorization matrix, in one table.

Every command names the roles allowed to send it. On top of that an actor acts only
on the board its token was issued for, and a facilitator only on a board they own.
"""
from __future__ import annotations

from .actors import FACILITATOR, PARTICIPANT, Actor, BoardRef
from .errors import DomainError

_P = frozenset({PARTICIPANT})
_F = frozenset({FACILITATOR})
_P_OR_F = frozenset({PARTICIPANT, FACILITATOR})

ALLOWED_ROLES: dict[str, frozenset[str]] = {
    # cards
    "add_card": _P,
    "edit_card": _P,
    "withdraw_card": _P,
    "add_data_card": _F,
    "add_paper_card": _F,
    "hide_card": _F,
    "unhide_card": _F,
    "show_authors": _F,
    # pacing
    "open_input": _F,
    "close_input": _F,
    "go_to_step": _F,
    "start_timer": _F,
    "pause_timer": _F,
    "extend_timer": _F,
    "reset_timer": _F,
    "set_focus": _F,
    # clustering and matrix
    "create_cluster": _F,
    "move_card": _F,
    "rename_cluster": _F,
    "merge_clusters": _F,
    "split_cluster": _F,
    "undo_clustering": _F,
    "place_on_matrix": _F,
    "set_equity": _F,
    # voting: residents vote, the facilitator opens and reveals but never votes
    "open_vote": _F,
    "cast_votes": _P,
    "reveal_votes": _F,
    # results
    "promote_clusters": _F,
    "update_result": _F,
    "remove_result": _F,
    # plans: the table's residents write them (gated by step and input in `planning`)
    "create_plan": _F,
    "update_plan": _P_OR_F,
    "add_action": _P_OR_F,
    "update_action": _P_OR_F,
    "remove_action": _P_OR_F,
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
