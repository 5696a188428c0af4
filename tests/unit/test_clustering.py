"""Clustering: the facilitator groups and names the current step's cards, and can undo."""
from __future__ import annotations

import pytest

from tests.unit.board import ACTIONS, CHALLENGES, FUTURE, TRENDS, Board


@pytest.fixture
def board() -> Board:
    return Board().at(CHALLENGES)


def test_creating_a_cluster_puts_the_cards_in_it_under_its_name(board):
    cards = board.write("Eenzaam", "Alleen thuis", "Weinig contact")
    [event] = board.f("create_cluster", card_ids=cards[:2], name="  Eenzaamheid ")
    cluster = event.data["cluster"]
    assert cluster["name"] == "Eenzaamheid" and cluster["step"] == CHALLENGES
    assert event.data["cards"] == {cards[0]: cluster["id"], cards[1]: cluster["id"]}
    assert [board.card(c)["cluster"] for c in cards] == [cluster["id"], cluster["id"], None]


def test_a_new_cluster_takes_cards_out_of_their_old_one_and_drops_it_when_empty(board):
    a, b = board.write("a", "b")
    old = board.cluster([a])
    [event] = board.f("create_cluster", card_ids=[a, b])
    assert event.data["removed"] == [old]
    assert old not in board.state.clusters


def test_cards_of_another_step_cannot_be_clustered_here(board):
    [earlier] = board.write("uit stap 2")
    board.at(FUTURE)
    [here] = board.write("hier")
    assert board.f_refused("create_cluster", card_ids=[here, earlier]) == "bad_value"
    board.at(CHALLENGES)
    there = board.cluster([earlier])
    board.at(FUTURE)
    assert board.f_refused("move_card", card_id=here, cluster_id=there) == "bad_value"
    assert board.f_refused("rename_cluster", cluster_id=there, name="x") == "bad_value"


@pytest.mark.parametrize("card_ids", [[], "c1", [1], ["x" * 41], [f"c{i}" for i in range(201)]])
def test_card_ids_must_be_a_short_list_of_ids(board, card_ids):
    assert board.f_refused("create_cluster", card_ids=card_ids) == "invalid_args"


def test_unknown_cards_and_clusters_are_not_found(board):
    [card] = board.write("a")
    assert board.f_refused("create_cluster", card_ids=["c999"]) == "not_found"
    assert board.f_refused("move_card", card_id=card, cluster_id="k999") == "not_found"


def test_moving_the_last_card_out_removes_its_cluster(board):
    a, b = board.write("a", "b")
    first, second = board.cluster([a]), board.cluster([b])
    [event] = board.f("move_card", card_id=a, cluster_id=second)
    assert event.data == {"card_id": a, "cluster_id": second, "removed": [first]}
    [event] = board.f("move_card", card_id=b, cluster_id=None)
    assert board.card(b)["cluster"] is None and event.data["removed"] == []


@pytest.mark.parametrize("name, code", [("", "bad_value"), ("   ", "bad_value"),
                                        ("x" * 121, "field_too_long")])
def test_a_cluster_name_has_one_to_120_characters(board, name, code):
    cluster = board.cluster(board.write("a"))
    assert board.f_refused("rename_cluster", cluster_id=cluster, name=name) == code


def test_merging_moves_every_card_into_the_other_cluster(board):
    a, b, c = board.write("a", "b", "c")
    source, target = board.cluster([a, b]), board.cluster([c])
    [event] = board.f("merge_clusters", cluster_id=source, into=target)
    assert event.data["cards"] == {a: target, b: target}
    assert source not in board.state.clusters
    assert board.f_refused("merge_clusters", cluster_id=target, into=target) == "bad_value"


def test_splitting_makes_a_new_cluster_of_the_cards_that_leave(board):
    a, b, c = board.write("a", "b", "c")
    source = board.cluster([a, b], "Samen")
    [event] = board.f("split_cluster", cluster_id=source, card_ids=[b])
    new = event.data["cluster"]["id"]
    assert event.data["cards"] == {b: new} and board.card(a)["cluster"] == source
    assert board.f_refused("split_cluster", cluster_id=source, card_ids=[a]) == "bad_value"
    assert board.f_refused("split_cluster", cluster_id=source, card_ids=[c]) == "bad_value"


def test_undo_brings_back_a_merged_cluster_with_its_name_and_cards(board):
    a, b = board.write("a", "b")
    source, target = board.cluster([a], "Eerste"), board.cluster([b], "Tweede")
    board.f("merge_clusters", cluster_id=source, into=target)
    [event] = board.f("undo_clustering")
    assert [k["id"] for k in event.data["clusters"]] == [source]
    assert event.data["cards"] == {a: source}
    assert [k["id"] for k in board.state.step_clusters(CHALLENGES)] == [source, target]
    assert board.state.clusters[source]["name"] == "Eerste"


def test_undo_reverses_a_rename_and_then_a_creation(board):
    cards = board.write("a")
    cluster = board.cluster(cards, "Oud")
    board.f("rename_cluster", cluster_id=cluster, name="Nieuw")
    board.f("undo_clustering")
    assert board.state.clusters[cluster]["name"] == "Oud"
    [event] = board.f("undo_clustering")
    assert event.data["removed"] == [cluster] and board.card(cards[0])["cluster"] is None
    assert board.f_refused("undo_clustering") == "nothing_to_undo"


def test_undo_keeps_a_matrix_placement_made_since(board):
    board = Board().at(4)
    a, b = board.write("a", "b")
    cluster = board.cluster([a], "Plan")
    board.f("move_card", card_id=b, cluster_id=cluster)
    board.f("place_on_matrix", cluster_id=cluster, impact=4, effort=2)
    board.f("undo_clustering")
    assert board.card(b)["cluster"] is None
    assert (board.state.clusters[cluster]["impact"], board.state.clusters[cluster]["effort"]) \
        == (4, 2)


def test_undo_goes_back_at_most_twenty_commands(board):
    cluster = board.cluster(board.write("a"), "n0")
    for n in range(1, 26):
        board.f("rename_cluster", cluster_id=cluster, name=f"n{n}")
    for _ in range(20):
        board.f("undo_clustering")
    assert board.state.clusters[cluster]["name"] == "n5"
    assert board.f_refused("undo_clustering") == "nothing_to_undo"


def test_undo_works_per_step(board):
    board.cluster(board.write("challenge"), "Opgave")
    board.at(FUTURE)
    assert board.f_refused("undo_clustering") == "nothing_to_undo"


def test_a_withdrawn_card_leaves_its_cluster_and_undo_does_not_bring_it_back(board):
    a, b = board.write("a", "b")
    lonely = board.cluster([a])
    board.cluster([b])
    board.f("move_card", card_id=b, cluster_id=lonely)
    [event] = board.p(0, "withdraw_card", card_id=a)
    assert event.data["removed"] == []
    [event] = board.p(0, "withdraw_card", card_id=b)
    assert event.data["removed"] == [lonely]
    board.f("undo_clustering")
    assert a not in board.state.cards and b not in board.state.cards
    assert board.state.step_clusters(CHALLENGES) == []


@pytest.mark.parametrize("command, args", [
    ("create_cluster", {"card_ids": ["c1"]}),
    ("move_card", {"card_id": "c1", "cluster_id": None}),
    ("rename_cluster", {"cluster_id": "CLUSTER", "name": "x"}),
    ("merge_clusters", {"cluster_id": "CLUSTER", "into": "OTHER"}),
    ("split_cluster", {"cluster_id": "CLUSTER", "card_ids": ["c1"]}),
    ("undo_clustering", {}),
])
def test_clusters_are_locked_while_the_vote_is_open(board, command, args):
    a, b, _ = board.write("a", "b", "c")
    ids = {"CLUSTER": board.cluster([a, b]), "OTHER": board.cluster(board.write("d"))}
    board.f("open_vote")
    args = {k: ids.get(v, v) if isinstance(v, str) else v for k, v in args.items()}
    assert board.f_refused(command, **args) == "vote_in_progress"
    board.f("reveal_votes")
    if command == "undo_clustering":
        assert board.f_refused(command) == "nothing_to_undo"  # the vote fixed the grouping
    else:
        board.f(command, **args)


def test_a_step_has_room_for_at_most_its_max_clusters():
    board = Board().at(FUTURE)  # max_clusters = 8 in the shipped format
    cards = [board.write(f"beeld {n}", by=n)[0] for n in range(9)]
    for card in cards[:8]:
        board.cluster([card])
    assert board.f_refused("create_cluster", card_ids=[cards[8]]) == "too_many_clusters"
    first = board.state.step_clusters(FUTURE)[0]["id"]
    board.f("move_card", card_id=cards[1], cluster_id=first)
    assert board.cluster([cards[8]])


def test_steps_without_clustering_refuse_it():
    board = Board().at(ACTIONS)
    assert board.f_refused("undo_clustering") == "technique_not_active"


def test_a_participant_cannot_cluster():
    board = Board().at(TRENDS)
    cards = board.write("a", kind="rising")
    assert board.p_refused(0, "create_cluster", card_ids=cards) == "forbidden"
