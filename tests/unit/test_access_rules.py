"""The rules behind the group's keys and the evening's doors, without a database."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from server.domain.board.actors import FACILITATOR, PARTICIPANT, PROJECTOR, Actor, BoardRef
from server.domain.board.actors import MEMBER as MEMBER_ROLE
from server.domain.board.errors import DomainError
from server.domain.board.policy import GroupRef, admit, admit_workspace, authorize
from server.domain.group.access import (
    COORDINATOR,
    GRANTED_FACILITATOR,
    MEMBER,
    accept_problem,
    invite_problem,
    invite_role_problem,
    removal_problem,
    sign_in_current,
)

NOW = datetime(2026, 12, 4, 20, 0)
LATER = NOW + timedelta(days=14)


def test_a_member_invite_may_be_used_many_times_a_coordinator_invite_once():
    assert invite_problem(LATER, None, NOW, MEMBER, uses=5) is None
    assert invite_problem(LATER, None, NOW, COORDINATOR, uses=0) is None
    assert invite_problem(LATER, None, NOW, COORDINATOR, uses=1) == "invite_used"
    assert invite_problem(LATER, NOW, NOW, COORDINATOR, uses=1) == "invite_revoked"


@pytest.mark.parametrize("maker,has_coordinator,problem", [
    (COORDINATOR, True, None),
    (COORDINATOR, False, None),
    (GRANTED_FACILITATOR, False, None),  # someone has to invite the first coordinator
    (GRANTED_FACILITATOR, True, "coordinators_invite_coordinators"),
])
def test_who_may_invite_a_coordinator(maker, has_coordinator, problem):
    assert invite_role_problem(maker, COORDINATOR, has_coordinator) == problem
    assert invite_role_problem(maker, MEMBER, has_coordinator) is None


def test_a_facilitators_browser_does_not_become_a_coordinator():
    assert accept_problem(COORDINATOR, signed_in_as_facilitator=True) == \
        "facilitator_not_coordinator"
    assert accept_problem(COORDINATOR, signed_in_as_facilitator=False) is None
    assert accept_problem(MEMBER, signed_in_as_facilitator=True) is None


def test_the_last_coordinator_stays():
    assert removal_problem(COORDINATOR, coordinators=1) == "last_coordinator"
    assert removal_problem(COORDINATOR, coordinators=2) is None
    assert removal_problem(MEMBER, coordinators=1) is None


def test_a_sign_in_lasts_its_lifetime_and_no_longer():
    month = timedelta(days=30)
    assert sign_in_current(NOW, NOW + timedelta(days=29), month)
    assert not sign_in_current(NOW, NOW + month, month)
    assert not sign_in_current(NOW, NOW - timedelta(seconds=1), month)


GRANTED = BoardRef(1, owner_id=10, granted_user_ids=frozenset({10}))
WITHDRAWN = BoardRef(1, owner_id=10, granted_user_ids=frozenset({11}))
OWNER = Actor(FACILITATOR, 1, user_id=10)


def test_the_owner_acts_only_while_the_group_grants_them_access():
    authorize(OWNER, "update_plan", GRANTED)
    with pytest.raises(DomainError) as refused:
        authorize(OWNER, "update_plan", WITHDRAWN)
    assert refused.value.code == "not_granted"


@pytest.mark.parametrize("actor", [OWNER, Actor(PROJECTOR, 1)], ids=["console", "projector"])
def test_console_and_projector_watch_only_while_the_owner_is_granted(actor):
    admit(actor, GRANTED)
    with pytest.raises(DomainError) as refused:
        admit(actor, WITHDRAWN)
    assert refused.value.code == "not_granted"


def test_phones_keep_watching_their_evening():
    admit(Actor(PARTICIPANT, 1, participant_id="p1"), WITHDRAWN)


def test_nobody_watches_another_board_or_someone_elses_console():
    with pytest.raises(DomainError):
        admit(Actor(PROJECTOR, 2), GRANTED)
    with pytest.raises(DomainError):
        admit(Actor(FACILITATOR, 1, user_id=11), GRANTED)


def test_a_groups_members_watch_its_workspace_not_its_evenings():
    """The socket only says who a member is; the policy says where they may watch."""
    member = Actor(MEMBER_ROLE, 1, member_id=5)
    admit_workspace(member, GroupRef(1, 7, frozenset({5}), frozenset()))
    with pytest.raises(DomainError):
        admit(member, GRANTED)


def test_a_phone_watches_its_evening_not_the_groups_workspace():
    with pytest.raises(DomainError):
        admit_workspace(Actor(PARTICIPANT, 1, participant_id="p1"),
                        GroupRef(1, 7, frozenset(), frozenset()))
