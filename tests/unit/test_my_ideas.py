"""What became of one resident's cards: their own cards only, the cluster and result each
went into, and the group's actions that trace back to it with the status the group set
since; nothing of the group's progress when the group does not share it."""
from __future__ import annotations

import json

import pytest

from server.domain.board.actors import MEMBER, SYSTEM, Actor
from server.domain.board.commands import parse_command
from server.domain.board.policy import GroupRef
from server.domain.evening.closing import evening_copy
from server.domain.group.retention import redacted_state
from server.domain.plan.my_ideas import my_ideas, shares_progress
from server.domain.workspace.aggregate import apply_workspace
from server.domain.workspace.context import WorkspaceContext
from server.domain.workspace.state import WorkspaceState
from tests.unit.board import ACTIONS, CHALLENGES, FORCES, FUTURE, GROUP, STRATEGIES, Board

EVENING_ID, WORKSPACE_ID = 1, 20
NOW = 1_795_000_000_000


class Evening:
    """Phone 1 (Fatima) and phone 2 write into the same challenge; phone 1 alone writes
    the strategy, phone 2 alone a force. One plan from the strategy, with two actions;
    a stray card of phone 1 that went nowhere and a hidden one."""

    def __init__(self) -> None:
        b = self.board = Board()
        b.at(CHALLENGES)
        self.lonely = b.write("Eenzaamheid onder ouderen", by=1)
        self.theirs = b.write("Niemand kent de buren", by=2)
        self.stray = b.write("Losse gedachte", by=1)
        self.hidden = b.write("Iets kwetsends", by=1)
        b.f("hide_card", card_id=self.hidden[0])
        [self.challenge] = b.promote(b.cluster(self.lonely + self.theirs, "Eenzaamheid"))
        b.at(FUTURE)
        [self.vision] = b.promote(b.cluster(b.write("Een levendig plein", by=2), "Plein"))
        b.at(FORCES)
        [self.force] = b.promote(b.cluster(b.write("Geen bankjes", by=2), "Bankjes"))
        b.f("update_result", result_id=self.force["id"], changes={"polarity": "barrier"})
        b.at(STRATEGIES)
        self.coffee = b.write("Koffie op dinsdag", by=1)
        [self.strategy] = b.promote(b.cluster(self.coffee, "Koffieochtend"))
        b.f("update_result", result_id=self.strategy["id"],
            changes={"serves": [self.vision["id"]], "weakens": [self.force["id"]]})
        b.at(ACTIONS)
        [made] = b.f("create_plan", source_id=self.strategy["id"],
                     issue_id=self.challenge["id"])
        self.plan = made.data["plan"]["id"]
        for what in ("Sleutel regelen", "Flyers maken"):
            b.f("add_action", plan_id=self.plan,
                fields={"what": what, "owner": "Henk Jansen", "due": "2027-02-01"})

    def hand_over(self) -> Space:
        self.board.run(Actor(SYSTEM, EVENING_ID, display_name="Anna"), "close_evening")
        space = Space()
        space.run(space.system, "take_over_evening",
                  evening=evening_copy(self.board.state.to_dict(), EVENING_ID, "Maart"))
        return space

    def ideas(self, phone: int, space: Space | None = None):
        workspace = space.state.to_dict() if space else None
        return my_ideas(self.board.state.to_dict(), EVENING_ID, f"participant-{phone}",
                        workspace)


class Space:
    """The group's workspace, a member and the server."""

    def __init__(self) -> None:
        self.state = WorkspaceState.new(3, GROUP)
        self.group = GroupRef(WORKSPACE_ID, 3, frozenset({1}), frozenset())
        self.member = Actor(MEMBER, WORKSPACE_ID, member_id=1, display_name="Fatima")
        self.system = Actor(SYSTEM, WORKSPACE_ID, display_name="Kees")

    def run(self, actor: Actor, command: str, /, **args) -> None:
        apply_workspace(self.state, parse_command(command, args), actor,
                        WorkspaceContext(self.group, NOW))

    def action_id(self, what: str) -> str:
        return next(a["id"] for a in self.state.actions.values()
                    if a["fields"]["what"]["value"] == what)


@pytest.fixture(scope="module")
def evening() -> Evening:
    return Evening()


def test_before_the_hand_over_only_the_evenings_results_and_no_actions(evening):
    ideas = evening.ideas(1)
    assert (ideas.handed_over, ideas.shared) == (False, False)
    lonely, stray, coffee = ideas.cards
    assert (lonely.id, lonely.text, lonely.cluster) == (
        evening.lonely[0], "Eenzaamheid onder ouderen", "Eenzaamheid")
    assert [(r.type, r.title) for r in lonely.results] == [("challenge", "Eenzaamheid")]
    assert (stray.text, stray.cluster, stray.results) == ("Losse gedachte", None, ())
    assert [r.type for r in coffee.results] == ["strategy"]
    assert all(card.actions == () for card in ideas.cards)


def test_a_resident_sees_only_their_own_cards_never_hidden_ones(evening):
    mine = {card.id for card in evening.ideas(1).cards}
    assert mine == {evening.lonely[0], evening.stray[0], evening.coffee[0]}
    theirs = {card.text for card in evening.ideas(2).cards}
    assert theirs == {"Niemand kent de buren", "Een levendig plein", "Geen bankjes"}
    assert evening.ideas(9).cards == ()  # a phone that wrote nothing
    assert my_ideas(evening.board.state.to_dict(), EVENING_ID, "", None).cards == ()


def test_after_the_hand_over_each_card_shows_the_actions_behind_it_with_the_groups_status():
    evening = Evening()
    space = evening.hand_over()
    key = space.action_id("Sleutel regelen")
    space.run(space.member, "set_action_status", action_id=key, status="bezig", base=0)
    ideas = evening.ideas(1, space)
    assert (ideas.handed_over, ideas.shared) == (True, True)
    lonely, stray, coffee = ideas.cards
    # the challenge is the plan's issue, the strategy its source: both trace to the plan
    for card in (lonely, coffee):
        assert [(a.what, a.status, a.due, a.plan) for a in card.actions] == [
            ("Sleutel regelen", "bezig", "2027-02-01", "Koffieochtend"),
            ("Flyers maken", "idee", "2027-02-01", "Koffieochtend")]
    assert stray.actions == ()
    # phone 2's force is weakened by the strategy, its vision element served: both trace
    assert {a.what for c in evening.ideas(2, space).cards for a in c.actions} == {
        "Sleutel regelen", "Flyers maken"}
    assert [(r.type, r.polarity) for c in evening.ideas(2, space).cards for r in c.results] == [
        ("challenge", None), ("vision_element", None), ("force", "barrier")]


def test_an_action_the_group_adds_later_traces_back_too():
    evening = Evening()
    space = evening.hand_over()
    plan = next(iter(space.state.plans))
    space.run(space.member, "add_action", plan_id=plan, fields={"what": "Buurtkrant"})
    [lonely, _stray, _coffee] = evening.ideas(1, space).cards
    assert [a.what for a in lonely.actions][-1] == "Buurtkrant"


def test_no_names_leave_not_the_owner_nor_who_changed_a_status():
    evening = Evening()
    space = evening.hand_over()
    key = space.action_id("Flyers maken")
    space.run(space.member, "set_action_status", action_id=key, status="gereed", base=0)
    text = json.dumps([repr(card) for card in evening.ideas(1, space).cards])
    for name in ("Henk Jansen", "Fatima", "Kees", "Anna", "participant-"):
        assert name not in text


def test_when_the_group_does_not_share_its_progress_only_the_results_show():
    evening = Evening()
    space = evening.hand_over()
    space.run(space.system, "set_share_progress", on=False)
    ideas = evening.ideas(1, space)
    assert (ideas.handed_over, ideas.shared) == (True, False)
    assert [r.type for c in ideas.cards for r in c.results] == ["challenge", "strategy"]
    assert all(card.actions == () for card in ideas.cards)
    space.run(space.system, "set_share_progress", on=True)
    assert evening.ideas(1, space).shared is True


def test_sharing_is_on_by_default_also_for_a_workspace_stored_before_the_switch():
    assert WorkspaceState().share_progress is True
    assert shares_progress({"results": {}}) is True
    assert shares_progress(None) is True
    assert shares_progress({"share_progress": False}) is False


def test_another_evenings_copies_in_the_workspace_do_not_count():
    """Two evenings handed over to the same group: the ids of one never stand for the
    other's, so a card of evening 1 never shows evening 13's actions."""
    evening = Evening()
    space = evening.hand_over()
    other = Evening()
    other.board.run(Actor(SYSTEM, EVENING_ID, display_name="Anna"), "close_evening")
    copy = evening_copy(other.board.state.to_dict(), 13, "April")
    for action in copy["actions"]:
        action["fields"]["what"]["value"] = "Van de andere avond"
    space.run(space.system, "take_over_evening", evening=copy)
    whats = {a.what for c in evening.ideas(1, space).cards for a in c.actions}
    assert whats == {"Sleutel regelen", "Flyers maken"}


def test_after_the_retention_period_the_answer_says_the_cards_are_gone():
    evening = Evening()
    space = evening.hand_over()
    assert evening.ideas(1, space).removed is False
    assert evening.ideas(9, space).removed is False  # wrote nothing: that is not "removed"
    cleaned = redacted_state(evening.board.state.to_dict())
    ideas = my_ideas(cleaned, EVENING_ID, "participant-1", space.state.to_dict())
    assert (ideas.cards, ideas.removed) == ((), True)
