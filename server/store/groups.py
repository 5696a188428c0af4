"""Resident groups in the database: members, invites and facilitator grants.

The rules (who may do what) live in `domain/group/access.py`; this module only finds and
stores. Invite secrets are shown once and stored as a SHA-256 hash; passcodes are hashed
with argon2, like facilitator passwords.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any, cast

from argon2.exceptions import VerificationError
from sqlalchemy import CursorResult, Executable, func, select, update
from sqlalchemy.orm import Session

from ..domain.board.errors import DomainError
from ..domain.group.access import (
    COORDINATOR,
    GroupFacts,
    Visitor,
    check_member,
    invite_problem,
    member_name_key,
    removal_problem,
)
from ..models import WORKSHOP, Board, FacilitatorGrant, Invite, Member, ResidentGroup, utcnow
from ..passwords import hasher

INVITE_DAYS = 14


def _written(session: Session, statement: Executable) -> CursorResult[Any]:
    """Run an UPDATE; its result says how many rows it changed (an UPDATE's result is a
    cursor result, which SQLAlchemy's `Session.execute` does not type as such)."""
    return cast("CursorResult[Any]", session.execute(statement))


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def group_by_id(session: Session, group_id: int) -> ResidentGroup | None:
    return session.get(ResidentGroup, group_id)


def locked_group(session: Session, group_id: int) -> ResidentGroup | None:
    """The group with its row locked until the caller's transaction ends: two first
    hand-overs at once make one workspace."""
    return session.scalar(select(ResidentGroup).where(ResidentGroup.id == group_id)
                          .with_for_update())


def member_by_id(session: Session, member_id: int | None) -> Member | None:
    return session.get(Member, member_id) if member_id is not None else None


def invite_by_id(session: Session, invite_id: int) -> Invite | None:
    return session.get(Invite, invite_id)


def facts(session: Session, group_id: int) -> GroupFacts | None:
    if session.get(ResidentGroup, group_id) is None:
        return None
    granted = session.scalars(select(FacilitatorGrant.user_id).where(
        FacilitatorGrant.group_id == group_id, FacilitatorGrant.active.is_(True)))
    return GroupFacts(group_id, frozenset(granted))


def visitor(session: Session, user_id: int | None, member_ids: dict) -> Visitor:
    """Who the browser session says it is, checked against the members that still exist."""
    ids = [int(v) for v in member_ids.values() if isinstance(v, int)]
    rows = session.execute(select(Member.group_id, Member.role).where(Member.id.in_(ids)))
    return Visitor(user_id=user_id, memberships=tuple((g, r) for g, r in rows))


def grant(session: Session, group_id: int, user_id: int, active: bool = True) -> None:
    row = session.scalar(select(FacilitatorGrant).where(
        FacilitatorGrant.group_id == group_id, FacilitatorGrant.user_id == user_id))
    if row is None:
        session.add(FacilitatorGrant(group_id=group_id, user_id=user_id, active=active))
    else:
        row.active, row.changed_at = active, utcnow()


def grants_of(session: Session, group_id: int) -> list[FacilitatorGrant]:
    return list(session.scalars(select(FacilitatorGrant).where(
        FacilitatorGrant.group_id == group_id).order_by(FacilitatorGrant.id)))


def granted_groups(session: Session, user_id: int) -> list[ResidentGroup]:
    """The groups that currently let this facilitator in."""
    return list(session.scalars(select(ResidentGroup).join(
        FacilitatorGrant, FacilitatorGrant.group_id == ResidentGroup.id).where(
        FacilitatorGrant.user_id == user_id, FacilitatorGrant.active.is_(True))
        .order_by(ResidentGroup.name)))


def create_invite(session: Session, group_id: int, role: str, days: int = INVITE_DAYS,
                  made_by_user_id: int | None = None) -> tuple[Invite, str]:
    """A new invite and its secret; the secret is never stored and cannot be shown again.
    `made_by_user_id` names the facilitator who made it (None for a coordinator)."""
    secret = secrets.token_urlsafe(24)
    invite = Invite(group_id=group_id, secret_hash=_digest(secret), role=role,
                    expires_at=utcnow() + timedelta(days=days), uses=0,
                    made_by_user_id=made_by_user_id)
    session.add(invite)
    session.flush()
    return invite, secret


def withdraw_invites_made_by(session: Session, group_id: int, user_id: int) -> int:
    """Withdraw the group's open invite links a facilitator made: with their grant gone,
    a link they kept must not let them back in as a member. How many were withdrawn."""
    result = _written(session, update(Invite).where(
        Invite.group_id == group_id, Invite.made_by_user_id == user_id,
        Invite.revoked_at.is_(None)).values(revoked_at=utcnow())
        .execution_options(synchronize_session=False))
    return result.rowcount


def invites_of(session: Session, group_id: int) -> list[Invite]:
    return list(session.scalars(select(Invite).where(Invite.group_id == group_id)
                                .order_by(Invite.created_at.desc())))


def usable_invite(session: Session, secret: str, now: datetime | None = None) -> Invite:
    """The invite behind a link, or a refusal: unknown, revoked or expired."""
    invite = session.scalar(select(Invite).where(Invite.secret_hash == _digest(secret)))
    if invite is None:
        raise DomainError("invite_unknown")
    problem = invite_problem(invite.expires_at, invite.revoked_at, now or utcnow(),
                             invite.role, invite.uses)
    if problem:
        raise DomainError(problem)
    return invite


def accept_invite(session: Session, invite: Invite, display_name: str,
                  passcode: str) -> Member:
    """Make a member from an invite; a name already taken in the group is refused."""
    name, passcode = check_member(display_name, passcode)
    key = member_name_key(name)
    taken = session.scalar(select(Member.id).where(Member.group_id == invite.group_id,
                                                   Member.name_key == key))
    if taken is not None:
        raise DomainError("name_taken")
    member = Member(group_id=invite.group_id, display_name=name, name_key=key,
                    role=invite.role, passcode_hash=hasher().hash(passcode))
    _count_use(session, invite)
    session.add(member)
    session.flush()
    return member


def _count_use(session: Session, invite: Invite) -> None:
    """One more use, in one conditional UPDATE: two people accepting the same coordinator
    link at the same moment cannot both become coordinator (`invite_used`)."""
    single_use = invite.role == COORDINATOR
    query = update(Invite).where(Invite.id == invite.id).values(uses=Invite.uses + 1)
    if single_use:
        query = query.where(Invite.uses == 0)
    if _written(session, query.execution_options(synchronize_session=False)).rowcount != 1:
        raise DomainError("invite_used")
    session.expire(invite, ["uses"])


def sign_in(session: Session, group_id: int, display_name: str, passcode: str) -> Member:
    """The member with this name and passcode; the same refusal for either being wrong."""
    member = session.scalar(select(Member).where(
        Member.group_id == group_id, Member.name_key == member_name_key(display_name)))
    try:
        if member is None:
            raise VerificationError()
        hasher().verify(member.passcode_hash, passcode)
    except VerificationError:
        raise DomainError("bad_sign_in") from None
    return member


def coordinator_count(session: Session, group_id: int) -> int:
    return session.scalar(select(func.count(Member.id)).where(
        Member.group_id == group_id, Member.role == COORDINATOR)) or 0


def remove_member(session: Session, group_id: int, member_id: int) -> Member:
    """Take a member out of the group; the last coordinator stays (`last_coordinator`)."""
    member = session.get(Member, member_id)
    if member is None or member.group_id != group_id:
        raise DomainError("not_found")
    problem = removal_problem(member.role, coordinator_count(session, group_id))
    if problem:
        raise DomainError(problem)
    session.delete(member)
    session.flush()
    return member


def evenings_run_by(session: Session, group_id: int, user_id: int) -> list[int]:
    """The ids of the group's evenings this facilitator runs (their consoles' rooms)."""
    return list(session.scalars(select(Board.id).where(
        Board.group_id == group_id, Board.owner_id == user_id, Board.kind == WORKSHOP)))


def members_of(session: Session, group_id: int) -> list[Member]:
    return list(session.scalars(select(Member).where(Member.group_id == group_id)
                                .order_by(Member.display_name)))
