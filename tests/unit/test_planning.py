"""Project plans and actions: versioned fields, checked dates and money, short plans."""
from __future__ import annotations

import pytest

from server.domain.board.errors import DomainError
from tests.unit.board import ACTIONS, CHALLENGES, FUTURE, GROUP, STRATEGIES, Board, custom_format


def planning_board(fmt=None) -> tuple[Board, dict]:
    """On the action-planning step with input open and one plan from a strategy."""
    board = Board(fmt) if fmt else Board()
    step = STRATEGIES if fmt is None else 0
    board.at(step)
    [source] = board.promote(board.cluster(board.write("Koffie"), "Koffieochtend"))
    board.at(ACTIONS if fmt is None else 1)
    [event] = board.f("create_plan", source_id=source["id"])
    return board, event.data["plan"]


def add_action(board: Board, plan: dict, by: int | None = 1, **fields) -> str:
    fields = {"what": "Sleutel regelen"} | fields
    run = board.f if by is None else (lambda *a, **k: board.p(by, *a, **k))
    [event] = run("add_action", plan_id=plan["id"], fields=fields)
    return event.data["action"]["id"]


def test_a_new_plan_is_owned_by_the_resident_group_and_titled_after_its_source():
    board, plan = planning_board()
    fields = plan["fields"]
    assert fields["owner"] == {"value": GROUP, "v": 0}
    assert fields["title"] == {"value": "Koffieochtend", "v": 0}
    assert set(fields) == {"title", "owner", "involved", "goal", "result_by", "notes"}
    assert plan["issue_id"] is None and plan["action_ids"] == []


def test_a_plan_from_a_challenge_has_it_as_its_issue_and_sources_are_checked_by_type():
    board = Board().at(CHALLENGES)
    [challenge] = board.promote(board.cluster(board.write("Eenzaamheid"), "Eenzaamheid"))
    board.at(FUTURE)
    [element] = board.promote(board.cluster(board.write("Huiskamer"), "Huiskamer"))
    board.at(ACTIONS)
    [event] = board.f("create_plan", source_id=challenge["id"])
    assert event.data["plan"]["issue_id"] == challenge["id"]
    assert board.f_refused("create_plan", source_id=element["id"]) == "wrong_result_type"
    assert board.f_refused("create_plan", source_id=challenge["id"],
                           issue_id=element["id"]) == "wrong_result_type"
    assert board.f_refused("create_plan", source_id="r999") == "not_found"


def test_plans_are_made_in_the_action_planning_step():
    board = Board().at(CHALLENGES)
    [challenge] = board.promote(board.cluster(board.write("x"), "x"))
    assert board.f_refused("create_plan", source_id=challenge["id"]) == "technique_not_active"


def test_an_edit_from_an_outdated_version_is_superseded_and_changes_nothing():
    board, plan = planning_board()
    [event] = board.p(1, "update_plan", plan_id=plan["id"], field="goal",
                      value="Elke dinsdag open", base=0)
    assert event.data == {"plan_id": plan["id"], "field": "goal", "value": "Elke dinsdag open",
                          "v": 1}
    assert board.p_refused(2, "update_plan", plan_id=plan["id"], field="goal",
                           value="Elke maand", base=0) == "superseded"
    assert board.state.plans[plan["id"]]["fields"]["goal"] == {"value": "Elke dinsdag open",
                                                               "v": 1}
    board.p(2, "update_plan", plan_id=plan["id"], field="goal", value="Elke maand", base=1)
    assert board.state.plans[plan["id"]]["fields"]["goal"]["v"] == 2


def test_actions_have_versioned_fields_too():
    board, plan = planning_board()
    action = add_action(board, plan)
    board.p(1, "update_action", action_id=action, field="owner", value="Fatima", base=0)
    assert board.p_refused(2, "update_action", action_id=action, field="owner",
                           value="Kees", base=0) == "superseded"
    assert board.state.actions[action]["fields"]["owner"] == {"value": "Fatima", "v": 1}


def test_a_new_action_starts_as_an_idea_and_joins_its_plan():
    board, plan = planning_board()
    action = add_action(board, plan, hours=6, euros=25.5, start="2027-01-10", due="2027-02-01")
    fields = board.state.actions[action]["fields"]
    assert fields["status"] == {"value": "idee", "v": 0}
    assert (fields["hours"]["value"], fields["euros"]["value"]) == (6, 25.5)
    assert board.state.plans[plan["id"]]["action_ids"] == [action]
    board.p(1, "remove_action", action_id=action)
    assert board.state.plans[plan["id"]]["action_ids"] == [] and not board.state.actions


def test_the_due_date_may_not_lie_before_the_start():
    board, plan = planning_board()
    with pytest.raises(DomainError) as refused:
        add_action(board, plan, start="2027-03-01", due="2027-02-01")
    assert refused.value.code == "due_before_start"
    action = add_action(board, plan, start="2027-03-01")
    assert board.p_refused(1, "update_action", action_id=action, field="due",
                           value="2027-02-28", base=0) == "due_before_start"
    board.p(1, "update_action", action_id=action, field="due", value="2027-03-01", base=0)
    assert board.p_refused(1, "update_action", action_id=action, field="start",
                           value="2027-03-02", base=1) == "due_before_start"


@pytest.mark.parametrize("field, value, code", [
    ("hours", -1, "negative_amount"),
    ("euros", -0.01, "negative_amount"),
    ("hours", 1.5, "bad_value"),
    ("hours", True, "invalid_args"),  # no field takes true/false
    ("euros", 10.005, "bad_value"),
    ("euros", float("nan"), "bad_value"),
    ("euros", "25", "bad_value"),
    ("start", "2027-02-30", "bad_date"),
    ("start", "1-3-2027", "bad_date"),
    ("due", 20270301, "bad_date"),
    ("status", "klaar", "bad_value"),
    ("what", "", "bad_value"),
    ("what", "x" * 201, "field_too_long"),
    ("colour", "red", "invalid_args"),
])
def test_values_outside_what_a_field_allows_are_refused(field, value, code):
    board, plan = planning_board()
    action = add_action(board, plan)
    assert board.p_refused(1, "update_action", action_id=action, field=field, value=value,
                           base=0) == code


def test_an_action_needs_to_say_what_is_done():
    board, plan = planning_board()
    assert board.p_refused(1, "add_action", plan_id=plan["id"], fields={}) == "invalid_args"
    assert board.p_refused(1, "add_action", plan_id=plan["id"],
                           fields={"what": "  "}) == "bad_value"


@pytest.mark.parametrize("field, value, code", [
    ("result_by", "morgen", "bad_date"),
    ("title", "", "bad_value"),
    ("notes", "x" * 2001, "field_too_long"),
    ("owner", 3, "invalid_args"),
    ("issue_id", "r1", "invalid_args"),
])
def test_plan_fields_are_checked_like_action_fields(field, value, code):
    board, plan = planning_board()
    assert board.p_refused(1, "update_plan", plan_id=plan["id"], field=field, value=value,
                           base=0) == code


def test_a_plan_holds_at_most_max_actions():
    board, plan = planning_board(custom_format(action_plan={"max_actions": 2}))
    add_action(board, plan)
    add_action(board, plan)
    assert board.p_refused(1, "add_action", plan_id=plan["id"],
                           fields={"what": "Nog een"}) == "too_many_actions"


def test_residents_edit_plans_only_while_input_is_open_in_action_planning():
    board, plan = planning_board()
    action = add_action(board, plan)
    board.f("close_input")
    args = {"plan_id": plan["id"], "field": "goal", "value": "x", "base": 0}
    assert board.p_refused(1, "update_plan", **args) == "input_closed"
    assert board.p_refused(1, "remove_action", action_id=action) == "input_closed"
    board.at(STRATEGIES)
    assert board.p_refused(1, "update_plan", **args) == "technique_not_active"
    assert board.p_refused(1, "add_action", plan_id=plan["id"],
                           fields={"what": "x"}) == "technique_not_active"
    board.f("update_plan", **args)  # the facilitator may still write it down
    add_action(board, plan, by=None)


def test_unknown_plans_and_actions_are_not_found():
    board, plan = planning_board()
    assert board.p_refused(1, "update_plan", plan_id="p999", field="goal", value="x",
                           base=0) == "not_found"
    assert board.p_refused(1, "remove_action", action_id="a999") == "not_found"
