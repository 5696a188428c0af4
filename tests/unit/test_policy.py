"""Who may do what: every command × every role × own or another workshop."""
from __future__ import annotations

import pytest

from server.domain.actors import FACILITATOR, PARTICIPANT, PROJECTOR, ROLES, Actor, BoardRef
from server.domain.commands import COMMANDS
from server.domain.errors import DomainError
from server.domain.policy import ALLOWED_ROLES, authorize

BOARD = BoardRef(id=1, owner_id=10)
PARTICIPANT_COMMANDS = {"add_card", "edit_card", "withdraw_card"}


def actor(role: str, board_id: int = 1, user_id: int | None = None) -> Actor:
    if role == FACILITATOR:
        return Actor(role, board_id, user_id=user_id or 10)
    if role == PARTICIPANT:
        return Actor(role, board_id, participant_id="p1")
    return Actor(role, board_id)


def test_every_command_has_a_row_in_the_policy_table():
    assert set(ALLOWED_ROLES) == set(COMMANDS)


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("role", ROLES)
def test_on_their_own_board_only_the_listed_role_may_run_a_command(command, role):
    expected = PARTICIPANT if command in PARTICIPANT_COMMANDS else FACILITATOR
    if role == expected:
        authorize(actor(role), command, BOARD)
    else:
        with pytest.raises(DomainError) as refused:
            authorize(actor(role), command, BOARD)
        assert refused.value.code == "forbidden"


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("role", ROLES)
def test_nobody_may_run_any_command_on_another_board(command, role):
    with pytest.raises(DomainError) as refused:
        authorize(actor(role, board_id=2), command, BOARD)
    assert refused.value.code == "forbidden"


@pytest.mark.parametrize("command", sorted(set(COMMANDS) - PARTICIPANT_COMMANDS))
def test_a_facilitator_who_does_not_own_the_board_is_refused(command):
    with pytest.raises(DomainError):
        authorize(actor(FACILITATOR, user_id=11), command, BOARD)


def test_the_projector_is_read_only():
    assert all(PROJECTOR not in roles for roles in ALLOWED_ROLES.values())
