"""Who may do what with a resident group's plans: the group owns them.

The source documents make residents the principal (inhoudelijk opdrachtgever) and the
community worker a supporting third party. So a facilitator reaches a group's plans only
through a grant the group can take back, and only the group's coordinators manage who is
in. Pure rules: the web layer works out who is asking and asks `allowed`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ..board.errors import DomainError

COORDINATOR = "coordinator"
MEMBER = "member"
GRANTED_FACILITATOR = "facilitator"
MEMBER_ROLES = (COORDINATOR, MEMBER)

# action -> the group roles that may do it
GROUP_ACTIONS: dict[str, frozenset[str]] = {
    "view_plans": frozenset({COORDINATOR, MEMBER, GRANTED_FACILITATOR}),
    "update_actions": frozenset({COORDINATOR, MEMBER, GRANTED_FACILITATOR}),
    "invite_members": frozenset({COORDINATOR, GRANTED_FACILITATOR}),
    "revoke_invites": frozenset({COORDINATOR, GRANTED_FACILITATOR}),
    "manage_grants": frozenset({COORDINATOR}),
    "remove_members": frozenset({COORDINATOR}),
    "export": frozenset({COORDINATOR, MEMBER, GRANTED_FACILITATOR}),
    "import": frozenset({COORDINATOR}),
    "delete_everything": frozenset({COORDINATOR}),
    "set_retention": frozenset({COORDINATOR}),
    # whether residents' phones show the group's progress on their ideas (docs/privacy.md)
    "share_progress": frozenset({COORDINATOR}),
    "run_evenings": frozenset({GRANTED_FACILITATOR}),
}


@dataclass(frozen=True)
class Visitor:
    """Who is asking: a signed-in facilitator account and/or member identities per group."""

    user_id: int | None = None
    memberships: tuple[tuple[int, str], ...] = ()  # (group_id, role)


@dataclass(frozen=True)
class GroupFacts:
    """What the rules need to know about one group."""

    group_id: int
    granted_user_ids: frozenset[int]


def role_in(visitor: Visitor, group: GroupFacts) -> str | None:
    """The strongest role `visitor` holds in `group`, or None for a stranger."""
    roles = {role for gid, role in visitor.memberships if gid == group.group_id}
    if COORDINATOR in roles:
        return COORDINATOR
    if MEMBER in roles:
        return MEMBER
    if visitor.user_id is not None and visitor.user_id in group.granted_user_ids:
        return GRANTED_FACILITATOR
    return None


def allowed(visitor: Visitor, group: GroupFacts, action: str) -> bool:
    return role_in(visitor, group) in GROUP_ACTIONS[action]


def require(visitor: Visitor, group: GroupFacts, action: str) -> str:
    """The visitor's role when `action` is allowed; otherwise refuse with `forbidden`."""
    role = role_in(visitor, group)
    if role not in GROUP_ACTIONS[action]:
        raise DomainError("forbidden")
    return role


def invite_problem(expires_at: datetime, revoked_at: datetime | None,
                   now: datetime, role: str = MEMBER, uses: int = 0) -> str | None:
    """Why an invite cannot be used any more (`invite_revoked`, `invite_expired`,
    `invite_used`), or None. A member invite may be shared in the group's chat; a
    coordinator invite makes one coordinator and is used up then."""
    if revoked_at is not None:
        return "invite_revoked"
    if now >= expires_at:
        return "invite_expired"
    if role == COORDINATOR and uses >= 1:
        return "invite_used"
    return None


def invite_role_problem(maker_role: str | None, invite_role: str,
                        has_coordinator: bool) -> str | None:
    """Why `maker_role` may not make an invite for `invite_role`, or None. A granted
    facilitator may invite the group's first coordinator (someone has to), but once the
    group has one, only coordinators make coordinators: a facilitator cannot make
    themselves one and keep the group's keys after it takes their access back."""
    if invite_role == COORDINATOR and maker_role != COORDINATOR and has_coordinator:
        return "coordinators_invite_coordinators"
    return None


def accept_problem(invite_role: str, signed_in_as_facilitator: bool) -> str | None:
    """A browser logged in as a facilitator does not become a coordinator of the group:
    the facilitator supports the group, the group decides (the link is for a resident)."""
    if invite_role == COORDINATOR and signed_in_as_facilitator:
        return "facilitator_not_coordinator"
    return None


def removal_problem(target_role: str, coordinators: int) -> str | None:
    """Why a coordinator may not remove this member, or None: the last coordinator stays,
    or nobody could manage the group any more."""
    if target_role == COORDINATOR and coordinators <= 1:
        return "last_coordinator"
    return None


def sign_in_current(created_at: datetime, now: datetime, lifetime: timedelta) -> bool:
    """A browser's sign-in lasts `lifetime` from the moment of signing in (30 days),
    then one signs in again; logging out ends it earlier."""
    return created_at <= now < created_at + lifetime


MIN_PASSCODE = 6
MAX_PASSCODE = 128
MAX_NAME = 40


def member_name_key(display_name: str) -> str:
    """How two names are compared: case and spacing do not make a different person."""
    return " ".join(display_name.split()).casefold()


def check_member(display_name: str, passcode: str) -> tuple[str, str]:
    """A cleaned name and the passcode, or a refusal saying what is wrong."""
    name = " ".join(display_name.split())
    if not name:
        raise DomainError("name_required")
    if len(name) > MAX_NAME:
        raise DomainError("name_too_long", limit=MAX_NAME)
    if len(passcode) < MIN_PASSCODE:
        raise DomainError("passcode_too_short", limit=MIN_PASSCODE)
    if len(passcode) > MAX_PASSCODE:
        raise DomainError("passcode_too_long", limit=MAX_PASSCODE)
    return name, passcode
