"""Dot voting: hidden ballots within the budget, replaced never added, revealed at once."""
from __future__ import annotations

import json

import pytest

from server.domain.board.errors import DomainError
from server.domain.board.events import PUBLIC, STAFF, redact
from server.domain.evening.snapshot import snapshot_state
from tests.unit.board import CHALLENGES, FUTURE, Board

PHONES = 4


@pytest.fixture
def board() -> Board:
    """The challenges step (3 dots, at most 2 per item) with two clusters to vote on."""
    board = Board().at(CHALLENGES)
    a, b, c = board.write("a", "b", "c")
    board.ids = [board.cluster([a, b], "Eenzaamheid"), board.cluster([c], "Oversteken")]
    board.f("close_input")
    return board


def test_the_items_are_the_steps_clusters_and_each_round_starts_empty(board):
    [event] = board.f("open_vote")
    assert event.data == {"step": CHALLENGES, "round": 1, "items": board.ids, "budget": 3,
                          "max_per_item": 2}
    assert board.state.votes[str(CHALLENGES)]["ballots"] == {}


def test_without_clusters_the_visible_cards_are_the_items():
    board = Board().at(CHALLENGES)
    a, b = board.write("a", "b")
    board.f("hide_card", card_id=b)
    event = board.f("open_vote")[-1]
    assert event.data["items"] == [a]


def test_opening_the_vote_closes_card_input_so_the_room_is_asked_one_thing():
    """The projector said "send your ideas now" next to "vote now": the vote closes it."""
    board = Board().at(CHALLENGES)
    board.write("a")
    assert board.state.input_open
    closed, opened = board.f("open_vote")
    assert (closed.name, closed.data) == ("input_closed", {"step": CHALLENGES})
    assert opened.name == "vote_opened"
    assert board.state.input_open is False
    assert board.f_refused("open_input") == "input_during_vote"
    assert board.state.input_open is False
    board.f("reveal_votes")
    [reopened] = board.f("open_input")
    assert reopened.name == "input_opened"


def test_a_vote_opened_with_input_closed_logs_no_input_event(board):
    assert [e.name for e in board.f("open_vote")] == ["vote_opened"]


def test_a_vote_needs_something_to_vote_on():
    board = Board().at(CHALLENGES)
    assert board.f_refused("open_vote") == "nothing_to_vote_on"


def test_a_step_without_voting_cannot_open_a_vote():
    board = Board().at(FUTURE)
    board.write("a")
    assert board.f_refused("open_vote") == "technique_not_active"


def test_a_ballot_is_hidden_state_with_only_a_volatile_count_as_event(board):
    board.f("open_vote")
    logged_before = len(board.logged)
    [event] = board.p(1, "cast_votes", votes={board.ids[0]: 2, board.ids[1]: 1})
    assert not event.logged and event.name == "ballot_cast"
    assert event.data == {"step": CHALLENGES, "round": 1, "voters": 1, "cast": 1}
    assert len(board.logged) == logged_before
    ballots = board.state.votes[str(CHALLENGES)]["ballots"]
    assert ballots == {"participant-1": {board.ids[0]: 2, board.ids[1]: 1}}


@pytest.mark.parametrize("votes, code", [
    ({"FIRST": 2, "SECOND": 2}, "over_budget"),
    ({"FIRST": 3}, "too_many_on_item"),
    ({"FIRST": -1}, "bad_value"),
    ({"FIRST": 1.5}, "invalid_args"),
    ({"FIRST": "2"}, "invalid_args"),
    ({"FIRST": True}, "invalid_args"),
    ({"k999": 1}, "not_found"),
    ({"c1": 1}, "not_found"),  # a card, while the clusters are the items
])
def test_a_ballot_outside_the_rules_is_refused_whole(board, votes, code):
    board.f("open_vote")
    board.p(1, "cast_votes", votes={board.ids[0]: 1})
    names = {"FIRST": board.ids[0], "SECOND": board.ids[1]}
    votes = {names.get(k, k): v for k, v in votes.items()}
    assert board.p_refused(1, "cast_votes", votes=votes) == code


def test_votes_must_be_a_mapping():
    board = Board()
    with pytest.raises(DomainError) as refused:
        board.p(1, "cast_votes", votes=[1, 2])
    assert refused.value.code == "invalid_args"


def test_there_is_no_voting_outside_a_round(board):
    assert board.p_refused(1, "cast_votes", votes={}) == "vote_not_open"
    assert board.f_refused("reveal_votes") == "vote_not_open"
    board.f("open_vote")
    board.f("reveal_votes")
    assert board.p_refused(1, "cast_votes", votes={board.ids[0]: 1}) == "vote_not_open"


def test_a_new_ballot_replaces_the_earlier_one_and_an_empty_one_withdraws_it(board):
    board.f("open_vote")
    board.p(1, "cast_votes", votes={board.ids[0]: 2})
    [event] = board.p(1, "cast_votes", votes={board.ids[1]: 1})
    assert event.data["voters"] == 1
    assert board.state.votes[str(CHALLENGES)]["ballots"]["participant-1"] == {board.ids[1]: 1}
    [event] = board.p(1, "cast_votes", votes={board.ids[0]: 0})
    assert event.data["voters"] == 0


def test_every_accepted_ballot_moves_the_rounds_cast_count_on_even_when_voters_fall(board):
    """`cast` orders the tallies two processes send (server/realtime/broadcast.py): it
    grows with every accepted ballot, a withdrawal too, and starts again with a round."""
    board.f("open_vote")
    casts = [board.p(n, "cast_votes", votes=votes)[0].data["cast"]
             for n, votes in [(1, {board.ids[0]: 1}), (2, {board.ids[1]: 1}), (1, {})]]
    assert casts == [1, 2, 3]
    assert board.p_refused(1, "cast_votes", votes={"k999": 1}) == "not_found"
    assert board.state.votes[str(CHALLENGES)]["cast"] == 3  # a refused ballot counts not
    board.f("reveal_votes")
    board.f("open_vote")
    assert board.p(1, "cast_votes", votes={board.ids[0]: 1})[0].data["cast"] == 1


def test_opening_a_vote_twice_is_refused_while_it_runs(board):
    board.f("open_vote")
    assert board.f_refused("open_vote") == "vote_in_progress"


def test_a_repeated_round_discards_the_earlier_ballots(board):
    board.f("open_vote")
    board.p(1, "cast_votes", votes={board.ids[0]: 2})
    board.f("reveal_votes")
    [event] = board.f("open_vote")
    vote = board.state.votes[str(CHALLENGES)]
    assert event.data["round"] == 2
    assert (vote["ballots"], vote["voters"], vote["tallies"], vote["revealed"]) \
        == ({}, 0, None, False)


def test_the_reveal_adds_up_every_ballot_and_lists_every_item(board):
    board.f("open_vote")
    for n in range(PHONES):
        board.p(n, "cast_votes", votes={board.ids[0]: 2, board.ids[1]: 1})
    board.p(0, "cast_votes", votes={board.ids[0]: 1})
    [event] = board.f("reveal_votes")
    assert event.data == {"step": CHALLENGES, "round": 1, "voters": PHONES,
                          "tallies": {board.ids[0]: 7, board.ids[1]: 3}}
    snapshot = snapshot_state(board.state, {}, board.fmt, board.projector, 0)
    assert snapshot["votes"][str(CHALLENGES)]["tallies"] == {board.ids[0]: 7, board.ids[1]: 3}


def test_an_item_without_dots_is_revealed_with_zero(board):
    board.f("open_vote")
    board.p(1, "cast_votes", votes={board.ids[0]: 1})
    [event] = board.f("reveal_votes")
    assert event.data["tallies"][board.ids[1]] == 0


def walk(node, key=None):
    """Every (key, value) pair in a nested payload."""
    yield key, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from walk(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from walk(v, key)


def assert_holds_no_votes(payload) -> None:
    """No ballots, no tallies, no participant id, nobody's `mine`."""
    text = json.dumps(payload)
    for n in range(PHONES):
        assert f"participant-{n}" not in text
    for key, value in walk(payload):
        assert key != "ballots"
        assert key != "tallies" or value is None
        assert not (key == "mine" and isinstance(value, dict))  # (cards' mine is a flag)


def test_nobody_sees_a_ballot_or_a_tally_before_the_reveal(board):
    board.f("open_vote")
    ballots = {0: {board.ids[0]: 2}, 1: {board.ids[1]: 1}, 2: {board.ids[0]: 1}}
    for n, votes in ballots.items():
        board.p(n, "cast_votes", votes=votes)
    for actor in (board.projector, board.facilitator):
        assert_holds_no_votes(snapshot_state(board.state, {}, board.fmt, actor, 0))
    other = snapshot_state(board.state, {}, board.fmt, board.phone(3), 0)
    assert other["votes"][str(CHALLENGES)].pop("mine") == {}
    assert_holds_no_votes(other)
    for n, votes in ballots.items():
        shown = snapshot_state(board.state, {}, board.fmt, board.phone(n), 0)
        vote = shown["votes"][str(CHALLENGES)]
        assert vote["mine"] == votes and vote["voters"] == 3 and vote["tallies"] is None
        del vote["mine"]
        assert_holds_no_votes(shown)
    for event in board.logged + board.volatile:
        for audience in (PUBLIC, STAFF):
            assert_holds_no_votes(redact(event, audience))


def test_a_ballot_made_for_an_earlier_round_does_not_count_in_the_new_one(board):
    board.f("open_vote")
    board.f("reveal_votes")
    board.f("open_vote")  # the room votes again
    stale = board.p_refused(1, "cast_votes", votes={board.ids[0]: 1}, round=1)
    assert stale == "vote_not_open"
    assert board.state.votes[str(CHALLENGES)]["ballots"] == {}
    board.p(1, "cast_votes", votes={board.ids[0]: 1}, round=2)
    assert board.state.votes[str(CHALLENGES)]["voters"] == 1
