"""Who may do what: every command × every role × own or another board.

The expected table is written out here from the protocol's "who" column, apart from
`policy.ALLOWED_ROLES`, so a wrong row in the code makes a test fail.
"""
from __future__ import annotations

import pytest

from server.domain.board.actors import FACILITATOR, PARTICIPANT, PROJECTOR, Actor, BoardRef
from server.domain.board.commands import COMMANDS
from server.domain.board.errors import DomainError
from server.domain.board.policy import ALLOWED_ROLES, WORKSPACE_ROLES, authorize

BOARD = BoardRef(id=1, owner_id=10, granted_user_ids=frozenset({10}))
OWNER, OTHER_FACILITATOR = "facilitator (owner)", "facilitator (not the owner)"
ACTORS = (PARTICIPANT, PROJECTOR, OWNER, OTHER_FACILITATOR)

PARTICIPANT_ONLY = {"add_card", "edit_card", "withdraw_card", "cast_votes"}
BOTH = {"update_plan", "add_action", "update_action", "remove_action", "park_item"}
FACILITATOR_ONLY = {
    "add_data_card", "add_paper_card", "hide_card", "unhide_card", "show_authors", "set_join_panel",
    "open_input", "close_input", "go_to_step", "start_timer", "pause_timer", "extend_timer",
    "reset_timer", "set_focus", "create_cluster", "move_card", "rename_cluster",
    "merge_clusters", "split_cluster", "undo_clustering", "open_vote", "reveal_votes",
    "place_on_matrix", "set_equity", "promote_clusters", "update_result", "remove_result",
    "create_plan", "refresh_review", "import_data_cards",
    "answer_parked", "close_parked", "mark_parked_later", "hide_parked", "unhide_parked",
    "adapt_format", "use_format",
}
# the evening's half of a hand-over and of taking it back: only the server sends them
# (role `system`, never from a token), so none of the four may
SERVER_ONLY = {"close_evening", "reopen_evening"}
# commands of a group's plan workspace only (tests/unit/test_workspace_policy.py): on an
# evening nobody may send them
WORKSPACE_ONLY = {"take_over_evening", "import_plan", "set_action_status", "add_action_update",
                  "set_plan_year", "set_year_phase", "evaluate_year", "add_meaning",
                  "return_evening", "set_share_progress"}


def actor(who: str, board_id: int) -> Actor:
    if who == OWNER:
        return Actor(FACILITATOR, board_id, user_id=10)
    if who == OTHER_FACILITATOR:
        return Actor(FACILITATOR, board_id, user_id=11)
    if who == PARTICIPANT:
        return Actor(PARTICIPANT, board_id, participant_id="p1")
    return Actor(PROJECTOR, board_id)


def allowed(command: str, who: str) -> bool:
    if command in WORKSPACE_ONLY or command in SERVER_ONLY:
        return False
    if command in PARTICIPANT_ONLY:
        return who == PARTICIPANT
    if command in BOTH:
        return who in (PARTICIPANT, OWNER)
    return who == OWNER


def test_the_expected_table_names_every_command_once():
    groups = [PARTICIPANT_ONLY, BOTH, FACILITATOR_ONLY, SERVER_ONLY, WORKSPACE_ONLY]
    assert sum(len(g) for g in groups) == len(set().union(*groups)) == len(COMMANDS)
    assert set().union(*groups) == set(COMMANDS) == set(ALLOWED_ROLES) | set(WORKSPACE_ROLES)
    assert WORKSPACE_ONLY == set(WORKSPACE_ROLES) - set(ALLOWED_ROLES)


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("who", ACTORS)
@pytest.mark.parametrize("board_id", [1, 2], ids=["own board", "other board"])
def test_only_the_listed_roles_may_run_a_command_and_only_on_their_own_board(
        command, who, board_id):
    if board_id == BOARD.id and allowed(command, who):
        authorize(actor(who, board_id), command, BOARD)
    else:
        with pytest.raises(DomainError) as refused:
            authorize(actor(who, board_id), command, BOARD)
        assert refused.value.code == "forbidden"


def test_a_participant_without_an_id_may_do_nothing():
    with pytest.raises(DomainError):
        authorize(Actor(PARTICIPANT, 1), "add_card", BOARD)


def test_the_projector_is_read_only():
    assert all(PROJECTOR not in roles for roles in ALLOWED_ROLES.values())


def test_an_unknown_command_name_is_refused():
    with pytest.raises(DomainError):
        authorize(actor(OWNER, 1), "drop_board", BOARD)
