"""Who may do what with a resident group's plans: the group owns them.

The source documents make residents the principal (inhoudelijk opdrachtgever) and the
community worker a supporting third party. So a facilitator reaches a group's plans only
through a grant the group can take back, and only the group's coordinators manage who is
in. Pure rules: the web layer works out who is asking and asks `allowed`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .errors import DomainError

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
    "export": frozenset({COORDINATOR, MEMBER, GRANTED_FACILITATOR}),
    "import": frozenset({COORDINATOR}),
    "delete_everything": frozenset({COORDINATOR}),
    "set_retention": frozenset({COORDINATOR}),
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
                   now: datetime) -> str | None:
    """Why an invite cannot be used any more (`invite_revoked`, `invite_expired`), or None."""
    if revoked_at is not None:
        return "invite_revoked"
    if now >= expires_at:
        return "invite_expired"
    return None


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
