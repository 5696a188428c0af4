"""Promotion: named clusters become typed results that later steps and plans build on."""
from __future__ import annotations

import pytest

from tests.unit.board import ACTIONS, CHALLENGES, FORCES, FUTURE, STRATEGIES, TRENDS, Board


def trend_board() -> tuple[Board, str]:
    """Trends: a cluster of mostly rising cards about housing, with 4 dots revealed."""
    board = Board().at(TRENDS)
    ids = [board.p(n, "add_card", text=f"trend {n}", kind=kind, theme=theme)[0]
           .data["card"]["id"]
           for n, (kind, theme) in enumerate([("falling", "zorg"), ("rising", "wonen"),
                                              ("rising", "wonen"), ("steady", None)])]
    board.f("hide_card", card_id=ids[3])
    cluster = board.cluster(ids, "Meer ouderen")
    board.f("open_vote")
    board.p(1, "cast_votes", votes={cluster: 2})
    board.p(2, "cast_votes", votes={cluster: 2})
    board.f("reveal_votes")
    return board, cluster


def vision(board: Board, title: str = "Een huiskamer in de buurt") -> dict:
    """A vision element promoted in step 3; leaves the board on step 3."""
    board.at(FUTURE)
    [result] = board.promote(board.cluster(board.write(title), title))
    return result


def test_a_trend_takes_the_clusters_name_cards_dots_and_commonest_kind_and_theme():
    board, cluster = trend_board()
    [trend] = board.promote(cluster)
    assert trend["type"] == "trend" and trend["title"] == "Meer ouderen"
    assert trend["cluster_id"] == cluster and trend["step"] == TRENDS
    assert trend["card_ids"] == ["c1", "c2", "c3"]  # the hidden card is left out
    assert (trend["votes"], trend["direction"], trend["theme"]) == (4, "rising", "wonen")
    assert board.state.results[trend["id"]] == trend


def test_a_challenge_starts_without_trends_and_a_vision_element_with_nothing_more():
    board = Board().at(CHALLENGES)
    [challenge] = board.promote(board.cluster(board.write("Eenzaamheid"), "Eenzaamheid"))
    assert challenge["trends"] == [] and challenge["votes"] == 0
    element = vision(board)
    assert set(element) == {"id", "type", "step", "title", "cluster_id", "card_ids", "votes"}


def test_a_force_takes_its_polarity_from_the_kinds_and_its_vision_element_from_the_focus():
    board = Board()
    home = vision(board)
    board.at(FORCES, open_input=False)
    board.f("set_focus", result_id=home["id"])
    board.f("open_input")
    cards = board.write("Geen ruimte", "Geen sleutel", kind="barrier")
    cards += board.write("Vrijwilligers", kind="potential", by=1)
    [force] = board.promote(board.cluster(cards, "Geen plek"))
    assert force["polarity"] == "barrier" and force["vision_elements"] == [home["id"]]
    assert (force["strength"], force["reach"]) == (None, None)


def test_a_strategy_takes_its_matrix_placement_and_equity_answer():
    board = Board().at(STRATEGIES)
    cluster = board.cluster(board.write("Buurtkamer"), "Buurtkamer in de school")
    board.f("place_on_matrix", cluster_id=cluster, impact=5, effort=3)
    board.f("set_equity", cluster_id=cluster, helps_least_heard=True, note="Ouderen")
    [strategy] = board.promote(cluster)
    assert (strategy["impact"], strategy["effort"]) == (5, 3)
    assert strategy["equity"] == {"helps_least_heard": True, "note": "Ouderen"}
    assert (strategy["weakens"], strategy["uses"], strategy["serves"]) == ([], [], [])


@pytest.mark.parametrize("impact, effort", [(0, 3), (6, 3), (3, None), (3, "2")])
def test_the_matrix_axes_run_from_one_to_five(impact, effort):
    board = Board().at(STRATEGIES)
    cluster = board.cluster(board.write("x"))
    code = board.f_refused("place_on_matrix", cluster_id=cluster, impact=impact, effort=effort)
    assert code in ("bad_value", "invalid_args")


def test_an_unnamed_cluster_is_titled_after_its_first_card():
    board = Board().at(CHALLENGES)
    [result] = board.promote(board.cluster(board.write("Veilig oversteken bij de school")))
    assert result["title"] == "Veilig oversteken bij de school"


def test_a_cluster_is_promoted_once():
    board, cluster = trend_board()
    board.promote(cluster)
    assert board.f_refused("promote_clusters", cluster_ids=[cluster]) == "already_promoted"


def test_promotion_waits_for_the_vote_and_needs_a_step_that_produces_results():
    board = Board().at(CHALLENGES)
    cluster = board.cluster(board.write("x"))
    board.f("open_vote")
    assert board.f_refused("promote_clusters", cluster_ids=[cluster]) == "vote_in_progress"
    board.at(ACTIONS)
    assert board.f_refused("promote_clusters", cluster_ids=[cluster]) == "technique_not_active"


def test_a_cluster_of_another_step_is_not_promoted_here():
    board, cluster = trend_board()
    board.at(CHALLENGES)
    assert board.f_refused("promote_clusters", cluster_ids=[cluster]) == "bad_value"


def test_results_stay_when_the_facilitator_goes_back_a_step():
    board, cluster = trend_board()
    [trend] = board.promote(cluster)
    board.at(CHALLENGES)
    board.at(TRENDS)
    assert board.state.results == {trend["id"]: trend}


def test_links_are_checked_by_the_type_they_point_to():
    board = Board()
    home = vision(board)
    board.at(FORCES)
    barrier = board.cluster(board.write("Geen ruimte", kind="barrier"), "Geen ruimte")
    potential = board.cluster(board.write("Vrijwilligers", kind="potential", by=1), "Hulp")
    [barrier, potential] = board.promote(barrier, potential)
    board.at(STRATEGIES)
    [strategy] = board.promote(board.cluster(board.write("Buurtkamer"), "Buurtkamer"))

    def update(**changes):
        return board.f("update_result", result_id=strategy["id"], changes=changes)

    def refused(**changes):
        return board.f_refused("update_result", result_id=strategy["id"], changes=changes)

    assert refused(weakens=[potential["id"]]) == "wrong_result_type"
    assert refused(uses=[barrier["id"]]) == "wrong_result_type"
    assert refused(serves=[barrier["id"]]) == "wrong_result_type"
    assert refused(serves=["r999"]) == "not_found"
    assert refused(serves=home["id"]) == "invalid_args"
    [event] = update(weakens=[barrier["id"]], uses=[potential["id"]], serves=[home["id"]])
    assert event.data["result"]["weakens"] == [barrier["id"]]
    assert board.state.results[strategy["id"]]["serves"] == [home["id"]]


@pytest.mark.parametrize("changes, code", [
    ({"strength": 11}, "bad_value"),
    ({"strength": 0}, "bad_value"),
    ({"reach": "everywhere"}, "bad_value"),
    ({"polarity": "neutral"}, "bad_value"),
    ({"title": ""}, "bad_value"),
    ({"direction": "up"}, "invalid_args"),  # not a field of a force
    ({"votes": 100}, "invalid_args"),
    ({}, "invalid_args"),
])
def test_a_result_accepts_only_its_own_fields_within_their_bounds(changes, code):
    board = Board().at(FORCES)
    [force] = board.promote(board.cluster(board.write("x", kind="barrier")))
    assert board.f_refused("update_result", result_id=force["id"], changes=changes) == code


def test_a_trend_theme_must_be_one_of_its_steps_themes():
    board, cluster = trend_board()
    [trend] = board.promote(cluster)
    assert board.f_refused("update_result", result_id=trend["id"],
                           changes={"theme": "haven"}) == "bad_value"
    board.f("update_result", result_id=trend["id"], changes={"theme": "zorg", "direction": None})
    assert (board.state.results[trend["id"]]["theme"], board.state.results[trend["id"]][
        "direction"]) == ("zorg", None)


def test_a_result_a_plan_uses_cannot_be_removed():
    board = Board().at(CHALLENGES)
    [challenge] = board.promote(board.cluster(board.write("Eenzaamheid"), "Eenzaamheid"))
    board.at(STRATEGIES)
    [strategy] = board.promote(board.cluster(board.write("Koffie"), "Koffieochtend"))
    board.at(ACTIONS)
    board.f("create_plan", source_id=strategy["id"], issue_id=challenge["id"])
    assert board.f_refused("remove_result", result_id=strategy["id"]) == "in_use"
    assert board.f_refused("remove_result", result_id=challenge["id"]) == "in_use"


def test_removing_a_result_drops_the_links_to_it_and_the_focus_on_it():
    board = Board()
    home = vision(board)
    board.at(FORCES)
    board.f("set_focus", result_id=home["id"])
    [force] = board.promote(board.cluster(board.write("Geen ruimte", kind="barrier")))
    assert force["vision_elements"] == [home["id"]]
    events = board.f("remove_result", result_id=home["id"])
    assert [e.name for e in events] == ["result_updated", "focus_set", "result_removed"]
    assert board.state.results[force["id"]]["vision_elements"] == []
    assert board.state.focus is None and home["id"] not in board.state.results
    [again] = board.at(FUTURE).promote(home["cluster_id"])  # and may be promoted again
    assert again["id"] != home["id"]


def test_the_focus_is_a_vision_element_or_nothing():
    board, cluster = trend_board()
    [trend] = board.promote(cluster)
    assert board.f_refused("set_focus", result_id=trend["id"]) == "wrong_result_type"
    assert board.f_refused("set_focus", result_id="r999") == "not_found"
    [event] = board.f("set_focus", result_id=None)
    assert event.data == {"result_id": None}


def test_moving_to_another_step_drops_the_focus_so_later_cards_are_not_tied_to_it():
    from pathlib import Path

    from server.domain.board.actors import FACILITATOR, Actor, BoardRef
    from server.domain.board.commands import parse_command
    from server.domain.evening.aggregate import apply
    from server.domain.evening.context import Context
    from server.domain.evening.state import WorkshopState
    from server.domain.formats.load import load_formats

    fmt = load_formats(Path(__file__).resolve().parents[2] / "sessions")["participatory-planning"]
    state = WorkshopState.new(fmt)
    state.focus = "r1"
    boss = Actor(FACILITATOR, 1, user_id=1)
    [event] = apply(state, parse_command("go_to_step", {"step": 4}), boss,
                    Context(BoardRef(1, 1, frozenset({1})), fmt, 0)).events
    assert state.focus is None and event.data["focus"] is None
