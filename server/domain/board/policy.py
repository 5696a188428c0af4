"""Who may do what: the authorization matrix, one table per kind of board.

Every command names the roles allowed to send it. On top of that an actor acts only
on the board its token was issued for; a facilitator acts on an evening only while they
own it *and* its group grants them access, on a group's workspace only while the group
grants them access, and a member only while they are still in the group.

The same grant decides who may watch: `admit` is asked at connect and on every resync,
so a socket or a projector link opened before a grant was taken back sees nothing new.
"""
from __future__ import annotations

from dataclasses import dataclass

from .actors import FACILITATOR, MEMBER, PARTICIPANT, PROJECTOR, SYSTEM, Actor, BoardRef
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
    "import_data_cards": _F,
    "add_paper_card": _F,
    "hide_card": _F,
    "unhide_card": _F,
    "show_authors": _F,
    "set_join_panel": _F,
    # the evening's own copy of its format (evening/own_format.py)
    "adapt_format": _F,
    "use_format": _F,
    # the parking lot: anyone in the room parks, the facilitator deals with it
    "park_item": _P_OR_F,
    "answer_parked": _F,
    "close_parked": _F,
    "mark_parked_later": _F,
    "hide_parked": _F,
    "unhide_parked": _F,
    # pacing
    "open_input": _F,
    "close_input": _F,
    "go_to_step": _F,
    "start_timer": _F,
    "pause_timer": _F,
    "extend_timer": _F,
    "reset_timer": _F,
    "set_focus": _F,
    "refresh_review": _F,
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
    # the hand-over route closes the evening, taking the hand-over back reopens it
    "close_evening": frozenset({SYSTEM}),
    "reopen_evening": frozenset({SYSTEM}),
}


def authorize(actor: Actor, command_name: str, board: BoardRef) -> None:
    """Raise DomainError('forbidden') unless `actor` may run `command_name` on `board`."""
    if actor.board_id != board.id:
        raise DomainError("forbidden")
    if actor.role not in ALLOWED_ROLES.get(command_name, frozenset()):
        raise DomainError("forbidden")
    if actor.role == FACILITATOR and actor.user_id != board.owner_id:
        raise DomainError("forbidden")
    if actor.role == FACILITATOR and actor.user_id not in board.granted_user_ids:
        raise DomainError("not_granted")
    if actor.role == PARTICIPANT and not actor.participant_id:
        raise DomainError("forbidden")


def admit(actor: Actor, board: BoardRef) -> None:
    """Raise DomainError unless `actor` may watch the evening live (connect, resync, the
    projector link). The facilitator's console and the projector show what only the
    facilitator may see, and the review of the group's plans: both need the owner to
    hold the group's grant. Phones stay: the evening is the residents'. A group's
    members follow its workspace, not its evenings."""
    if actor.board_id != board.id:
        raise DomainError("forbidden")
    if actor.role == FACILITATOR and actor.user_id != board.owner_id:
        raise DomainError("forbidden")
    if actor.role == MEMBER:
        raise DomainError("forbidden")
    if actor.role in (FACILITATOR, PROJECTOR) and board.owner_id not in board.granted_user_ids:
        raise DomainError("not_granted")


_M_OR_F = frozenset({MEMBER, FACILITATOR})

# The plan workspace of a resident group: members and granted facilitators follow the
# plans up; only the server copies an evening in (the hand-over route).
WORKSPACE_ROLES: dict[str, frozenset[str]] = {
    "take_over_evening": frozenset({SYSTEM}),
    "import_plan": frozenset({SYSTEM}),
    "return_evening": frozenset({SYSTEM}),
    # a coordinator's choice on the plan page (its gate, `group/access.py`), sent by the
    # server in the coordinator's name, as an import is
    "set_share_progress": frozenset({SYSTEM}),
    "set_action_status": _M_OR_F,
    "update_action": _M_OR_F,
    "add_action": _M_OR_F,
    "add_action_update": _M_OR_F,
    "set_plan_year": _M_OR_F,
    "set_year_phase": _M_OR_F,
    "evaluate_year": _M_OR_F,
    "add_meaning": _M_OR_F,
}


@dataclass(frozen=True)
class GroupRef:
    """What the workspace rules need to know about its group, read in the command's
    transaction: who is in it now, and which facilitators it grants access."""

    board_id: int
    group_id: int
    member_ids: frozenset[int]
    granted_user_ids: frozenset[int]


def authorize_workspace(actor: Actor, command_name: str, group: GroupRef) -> None:
    """Raise DomainError unless `actor` may run `command_name` on the group's
    workspace: a member still in the group, a facilitator the group still grants.

    A facilitator the group does not grant is told so (`not_granted`, as on an evening
    and at connect): only a facilitator the group once let in holds a workspace socket,
    so the refusal's message, that the group took the access back, is the true one."""
    if actor.board_id != group.board_id:
        raise DomainError("forbidden")
    if actor.role not in WORKSPACE_ROLES.get(command_name, frozenset()):
        raise DomainError("forbidden")
    if actor.role == MEMBER and actor.member_id not in group.member_ids:
        raise DomainError("forbidden")
    if actor.role == FACILITATOR and actor.user_id not in group.granted_user_ids:
        raise DomainError("not_granted")


def admit_workspace(actor: Actor, group: GroupRef) -> None:
    """Raise DomainError unless `actor` may watch the group's workspace live (connect,
    resync): a member still in the group, a facilitator the group still grants, or the
    group's own screen. Phones belong to evenings."""
    if actor.board_id != group.board_id:
        raise DomainError("forbidden")
    if actor.role == PARTICIPANT:
        raise DomainError("forbidden")
    if actor.role == MEMBER and actor.member_id not in group.member_ids:
        raise DomainError("forbidden")
    if actor.role == FACILITATOR and actor.user_id not in group.granted_user_ids:
        raise DomainError("not_granted")
