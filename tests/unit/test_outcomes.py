"""A rule returns its events and the command's result: the id of what it created, which
the ack carries (`{"ok", "version", "result": {"card_id": ...}}`), and `{}` otherwise."""
from __future__ import annotations

from typing import Any

from server.domain.board.actors import MEMBER, Actor
from server.domain.board.commands import parse_command
from server.domain.board.events import Outcome
from server.domain.board.policy import GroupRef
from server.domain.evening.aggregate import apply
from server.domain.evening.context import Context
from server.domain.workspace.aggregate import apply_workspace
from server.domain.workspace.context import WorkspaceContext
from server.domain.workspace.state import WorkspaceState
from tests.unit.board import ACTIONS, CHALLENGES, GROUP, STRATEGIES, Board


def run(board: Board, actor: Actor, command: str, /, **args: Any) -> Outcome:
    """One command on the board's state, kept, with the whole outcome back."""
    return apply(board.state, parse_command(command, args), actor,
                 Context(board.ref, board.fmt, 1_000_000, GROUP))


def test_a_new_card_cluster_or_split_names_its_id_as_the_result():
    board = Board().at(CHALLENGES)
    written = run(board, board.phone(1), "add_card", text="Eenzaamheid")
    assert written.result == {"card_id": written.events[0].data["card"]["id"]}
    paper = run(board, board.facilitator, "add_paper_card", text="Van papier")
    assert paper.result == {"card_id": paper.events[0].data["card"]["id"]}
    cards = [written.result["card_id"], paper.result["card_id"]]
    made = run(board, board.facilitator, "create_cluster", card_ids=cards)
    cluster_id = made.events[0].data["cluster"]["id"]
    assert made.result == {"cluster_id": cluster_id}
    split = run(board, board.facilitator, "split_cluster", cluster_id=cluster_id,
                card_ids=cards[:1])
    assert split.result == {"cluster_id": split.events[0].data["cluster"]["id"]}
    assert run(board, board.facilitator, "close_input").result == {}


def test_a_new_plan_and_action_name_their_ids_and_an_edit_names_none():
    board = Board().at(STRATEGIES)
    [source] = board.promote(board.cluster(board.write("Koffie"), "Koffieochtend"))
    board.at(ACTIONS)
    plan = run(board, board.facilitator, "create_plan", source_id=source["id"])
    plan_id = plan.events[0].data["plan"]["id"]
    assert plan.result == {"plan_id": plan_id}
    action = run(board, board.facilitator, "add_action", plan_id=plan_id,
                 fields={"what": "Sleutel regelen"})
    assert action.result == {"action_id": action.events[0].data["action"]["id"]}
    edit = run(board, board.facilitator, "update_plan", plan_id=plan_id, field="goal",
               value="Elke dinsdag koffie", base=0)
    assert edit.result == {}


def test_the_workspace_names_a_new_action_update_and_meaning():
    state = WorkspaceState.new(3, GROUP)
    state.plans["p1"] = {"id": "p1", "source_id": None, "issue_id": None, "fields": {},
                         "action_ids": [], "year": None}
    member = Actor(MEMBER, 20, member_id=1, display_name="Fatima")
    ctx = WorkspaceContext(GroupRef(20, 3, frozenset({1}), frozenset()), 1_795_000_000_000)

    def ws(command: str, /, **args: Any) -> Outcome:
        return apply_workspace(state, parse_command(command, args), member, ctx)

    action = ws("add_action", plan_id="p1", fields={"what": "Sleutel regelen"})
    action_id = action.events[0].data["action"]["id"]
    assert action.result == {"action_id": action_id}
    update = ws("add_action_update", action_id=action_id, did="Gebeld")
    assert update.result == {"update_id": update.events[0].data["update"]["id"]}
    meaning = ws("add_meaning", year=2027, text="Meer jongeren", kind="trend")
    assert meaning.result == {"meaning_id": meaning.events[0].data["meaning"]["id"]}
    assert ws("set_year_phase", year=2027, phase=2).result == {}
