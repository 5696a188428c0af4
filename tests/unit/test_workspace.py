"""The resident group's plan workspace: the hand-over copy, statuses, ORID updates, years,
phases, evaluations and meanings, and who may do what. Every refusal changes nothing."""
from __future__ import annotations

from typing import Any

import pytest

from server.domain.board.actors import FACILITATOR, MEMBER, PARTICIPANT, PROJECTOR, SYSTEM, Actor
from server.domain.board.commands import COMMANDS, parse_command
from server.domain.board.errors import DomainError
from server.domain.board.events import Event
from server.domain.board.policy import WORKSPACE_ROLES, GroupRef
from server.domain.evening.closing import evening_copy
from server.domain.plan.fields import STATUSES
from server.domain.workspace.aggregate import HANDLERS, apply_workspace
from server.domain.workspace.context import WorkspaceContext
from server.domain.workspace.state import WorkspaceState
from tests.unit.board import ACTIONS, CHALLENGES, FUTURE, GROUP, STRATEGIES, Board

NOW = 1_795_000_000_000
EVENING_ID, WORKSPACE_ID = 12, 20


def an_evening() -> Board:
    """Results of three kinds with links, a named card, a hidden card, a stray card,
    one plan with one action."""
    b = Board().at(CHALLENGES)
    cards = b.write("Eenzaamheid onder ouderen", "Niemand kent elkaar")
    named = b.run(b.phone(7, "Fatima"), "add_card", text="Geen plek om te zitten")
    cards.append(named[0].data["card"]["id"])
    b.write("Los kaartje")
    [challenge] = b.promote(b.cluster(cards, "Eenzaamheid"))
    b.f("hide_card", card_id=cards[1])
    b.at(FUTURE)
    [vision] = b.promote(b.cluster(b.write("Een huiskamer"), "Huiskamer"))
    b.at(STRATEGIES)
    [strategy] = b.promote(b.cluster(b.write("Koffie op dinsdag"), "Koffieochtend"))
    b.f("update_result", result_id=strategy["id"], changes={"serves": [vision["id"]]})
    b.at(ACTIONS)
    plan = b.f("create_plan", source_id=strategy["id"], issue_id=challenge["id"])[0].data["plan"]
    b.f("update_plan", plan_id=plan["id"], field="result_by", value="2027-06-01", base=0)
    b.f("add_action", plan_id=plan["id"], fields={"what": "Sleutel regelen",
                                                   "start": "2027-01-10", "due": "2027-02-01"})
    return b


class Space:
    """A workspace with two members, a granted facilitator (user 10), and the server."""

    def __init__(self) -> None:
        self.state = WorkspaceState.new(3, GROUP)
        self.group = GroupRef(WORKSPACE_ID, 3, frozenset({1, 2}), frozenset({10}))
        self.fatima = Actor(MEMBER, WORKSPACE_ID, member_id=1, display_name="Fatima")
        self.henk = Actor(MEMBER, WORKSPACE_ID, member_id=2, display_name="Henk")
        self.anna = Actor(FACILITATOR, WORKSPACE_ID, user_id=10, display_name="Anna")
        self.system = Actor(SYSTEM, WORKSPACE_ID, display_name="Anna")

    def run(self, actor: Actor, command: str, /, **args: Any) -> list[Event]:
        trial = WorkspaceState.from_dict(self.state.to_dict())
        events = apply_workspace(trial, parse_command(command, args), actor,
                                 WorkspaceContext(self.group, NOW)).events
        self.state = trial
        return events

    def refused(self, actor: Actor, command: str, /, **args: Any) -> str:
        before = self.state.to_dict()
        with pytest.raises(DomainError) as refusal:
            self.run(actor, command, **args)
        assert self.state.to_dict() == before
        return refusal.value.code

    def take_over(self, evening: Board, board_id: int = EVENING_ID) -> Event:
        copy = evening_copy(evening.state.to_dict(), board_id, "Bewonersavond maart")
        [event] = self.run(self.system, "take_over_evening", evening=copy)
        return event

    def action(self) -> dict:
        return next(iter(self.state.actions.values()))


@pytest.fixture
def space() -> Space:
    space = Space()
    space.take_over(an_evening())
    return space


def test_the_hand_over_copies_results_card_texts_plans_and_actions_renumbered():
    evening, space = an_evening(), Space()
    event = space.take_over(evening)
    state = space.state
    assert event.name == "evening_taken_over" and event.data["by"] == "Anna"
    assert state.evenings == [{"board_id": EVENING_ID, "title": "Bewonersavond maart",
                               "taken_over_at": NOW}]
    texts = sorted(c["text"] for c in state.cards.values())
    assert texts == ["Een huiskamer", "Eenzaamheid onder ouderen", "Geen plek om te zitten",
                     "Koffie op dinsdag"]  # no stray card, no hidden card
    for card in state.cards.values():
        assert set(card) == {"id", "text", "origin", "from"}  # no author, no participant
        assert evening.state.cards[card["from"]["id"]]["text"] == card["text"]
    results = {r["title"]: r for r in state.results.values()}
    assert {r["type"] for r in results.values()} == {"challenge", "vision_element", "strategy"}
    assert all(r["id"] in state.results and r["cluster_id"] is None for r in results.values())
    assert results["Koffieochtend"]["serves"] == [results["Huiskamer"]["id"]]
    assert all(c in state.cards for r in results.values() for c in r["card_ids"])
    [plan] = state.plans.values()
    assert plan["source_id"] == results["Koffieochtend"]["id"]
    assert plan["issue_id"] == results["Eenzaamheid"]["id"]
    assert plan["year"] == 2027 and plan["from"]["board_id"] == EVENING_ID
    [action] = state.actions.values()
    assert plan["action_ids"] == [action["id"]] and action["plan_id"] == plan["id"]
    assert action["fields"]["what"]["value"] == "Sleutel regelen" and action["updates"] == []
    ids = [*state.cards, *state.results, *state.plans, *state.actions]
    assert ids == ["c1", "c2", "c3", "c4", "r5", "r6", "r7", "p8", "a9"]  # from one counter


def test_an_evening_is_taken_over_once():
    evening, space = an_evening(), Space()
    space.take_over(evening)
    copy = evening_copy(evening.state.to_dict(), EVENING_ID, "Nog eens")
    assert space.refused(space.system, "take_over_evening", evening=copy) == "already_taken_over"
    space.take_over(evening, board_id=13)  # another evening is welcome
    assert len(space.state.plans) == 2 and len(space.state.evenings) == 2


def test_every_status_can_be_set_and_each_change_is_versioned(space):
    action_id = space.action()["id"]
    for n, status in enumerate(STATUSES[1:] + STATUSES[:1], start=1):
        [event] = space.run(space.fatima, "set_action_status", action_id=action_id,
                            status=status, base=n - 1)
        assert event.data == {"action_id": action_id, "field": "status", "value": status,
                              "v": n, "by": "Fatima", "at": NOW}
    assert space.refused(space.henk, "set_action_status", action_id=action_id,
                         status="klaar", base=6) == "bad_value"


def test_a_status_change_from_an_old_version_is_superseded(space):
    action_id = space.action()["id"]
    space.run(space.fatima, "set_action_status", action_id=action_id, status="bezig", base=0)
    assert space.refused(space.henk, "set_action_status", action_id=action_id,
                         status="vastgelopen", base=0) == "superseded"
    assert space.action()["fields"]["status"] == {"value": "bezig", "v": 1}


@pytest.mark.parametrize("field, value, code", [
    ("due", "2027-01-01", "due_before_start"),
    ("due", "1 maart", "bad_date"),
    ("euros", -5, "negative_amount"),
    ("hours", 1.5, "bad_value"),
    ("what", "", "bad_value"),
    ("colour", "rood", "invalid_args"),
])
def test_actions_follow_the_evenings_rules(space, field, value, code):
    action_id = space.action()["id"]
    assert space.refused(space.fatima, "update_action", action_id=action_id, field=field,
                         value=value, base=0) == code


def test_an_action_field_is_updated_with_who_did_it(space):
    action_id = space.action()["id"]
    [event] = space.run(space.anna, "update_action", action_id=action_id, field="owner",
                        value="Henk", base=0)
    assert event.data["by"] == "Anna" and event.data["v"] == 1


def test_a_new_action_needs_what_and_starts_without_updates(space):
    plan_id = next(iter(space.state.plans))
    assert space.refused(space.fatima, "add_action", plan_id=plan_id,
                         fields={"owner": "Henk"}) == "invalid_args"
    assert space.refused(space.fatima, "add_action", plan_id="p999",
                         fields={"what": "x"}) == "not_found"
    [event] = space.run(space.fatima, "add_action", plan_id=plan_id,
                        fields={"what": "Flyers maken", "due": "2027-03-01"})
    action = event.data["action"]
    assert action["updates"] == [] and space.state.actions[action["id"]]["updates"] == []
    assert space.state.plans[plan_id]["action_ids"][-1] == action["id"]


def test_an_orid_update_is_kept_on_the_action_with_who_and_when(space):
    action_id = space.action()["id"]
    [event] = space.run(space.henk, "add_action_update", action_id=action_id,
                        did="Gebeld met de school", brought="", learned="Vroeg beginnen")
    update = event.data["update"]
    assert update == {"id": update["id"], "did": "Gebeld met de school", "brought": "",
                      "learned": "Vroeg beginnen", "by": "Henk", "at": NOW}
    assert space.action()["updates"] == [update]


@pytest.mark.parametrize("args, code", [
    ({}, "bad_value"),
    ({"did": "   ", "brought": ""}, "bad_value"),
    ({"did": "x" * 1001}, "field_too_long"),
    ({"did": 3}, "invalid_args"),
])
def test_an_empty_or_too_long_update_is_refused(space, args, code):
    assert space.refused(space.henk, "add_action_update", action_id=space.action()["id"],
                         **args) == code


def test_a_plan_belongs_to_a_year(space):
    plan_id = next(iter(space.state.plans))
    [event] = space.run(space.fatima, "set_plan_year", plan_id=plan_id, year=2028)
    assert event.name == "plan_updated"
    assert event.data | {"at": 0} == {"plan_id": plan_id, "field": "year", "value": 2028,
                                      "v": None, "by": "Fatima", "at": 0}
    assert space.state.plans[plan_id]["year"] == 2028
    for year in (1999, 2101, True):
        assert space.refused(space.fatima, "set_plan_year", plan_id=plan_id,
                             year=year) in ("bad_value", "invalid_args")


def test_years_have_a_phase_an_evaluation_and_meanings(space):
    [event] = space.run(space.fatima, "set_year_phase", year=2027, phase=2)
    assert event.data == {"year": 2027, "phase": 2, "by": "Fatima", "at": NOW}
    assert space.refused(space.fatima, "set_year_phase", year=2027, phase=5) == "bad_value"
    [event] = space.run(space.henk, "evaluate_year", year=2027, did="Zes koffieochtenden",
                        achieved="Dertig buren", learned="", meaning="Meer jongeren")
    assert space.state.years["2027"] == {"phase": 2, "evaluation": event.data["evaluation"]}
    assert event.data["evaluation"]["by"] == "Henk"
    assert space.refused(space.henk, "evaluate_year", year=2028) == "bad_value"
    [event] = space.run(space.henk, "add_meaning", year=2027, text="Jongeren doen mee",
                        kind="force")
    assert space.state.meanings[event.data["meaning"]["id"]]["kind"] == "force"
    assert space.refused(space.henk, "add_meaning", year=2027, text="x",
                         kind="wens") == "bad_value"
    assert space.refused(space.henk, "add_meaning", year=2027, text=" ",
                         kind="trend") == "bad_value"


def test_the_state_is_a_private_copy_both_ways(space):
    stored = space.state.to_dict()
    loaded = WorkspaceState.from_dict(stored)
    loaded.actions[next(iter(loaded.actions))]["fields"]["status"]["value"] = "gereed"
    assert stored == space.state.to_dict()
    assert WorkspaceState.from_dict(stored).to_dict() == stored
    with pytest.raises(ValueError):
        WorkspaceState.from_dict({**stored, "votes": {}})


OUTSIDERS = {
    "projector": Actor(PROJECTOR, WORKSPACE_ID),
    "participant": Actor(PARTICIPANT, WORKSPACE_ID, participant_id="x"),
    "facilitator without grant": Actor(FACILITATOR, WORKSPACE_ID, user_id=11),
    "member no longer in the group": Actor(MEMBER, WORKSPACE_ID, member_id=9),
    "member of another board": Actor(MEMBER, WORKSPACE_ID + 1, member_id=1),
}


@pytest.mark.parametrize("who", sorted(OUTSIDERS))
def test_only_members_and_granted_facilitators_follow_the_plans_up(space, who):
    """A facilitator the group does not grant hears why: the group took the access back
    (only one it once granted holds a workspace socket)."""
    action_id = space.action()["id"]
    expected = "not_granted" if who == "facilitator without grant" else "forbidden"
    assert space.refused(OUTSIDERS[who], "set_action_status", action_id=action_id,
                         status="bezig", base=0) == expected


@pytest.mark.parametrize("who", ["fatima", "anna"])
def test_nobody_but_the_server_takes_an_evening_over(space, who):
    copy = evening_copy(an_evening().state.to_dict(), 99, "x")
    assert space.refused(getattr(space, who), "take_over_evening", evening=copy) == "forbidden"


def test_evening_commands_are_not_for_the_workspace(space):
    assert space.refused(space.fatima, "add_card", text="Hallo") == "forbidden"
    assert space.refused(space.anna, "remove_action", action_id=space.action()["id"]) \
        == "forbidden"


def test_every_workspace_command_has_a_rule_and_a_row_in_the_policy():
    assert {cls.command_name for cls in HANDLERS} == set(WORKSPACE_ROLES)
    assert set(WORKSPACE_ROLES) <= set(COMMANDS)
    assert all(PROJECTOR not in roles for roles in WORKSPACE_ROLES.values())
