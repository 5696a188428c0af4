"""The end of an evening in plain Python: a hand-over only on the last step and only with
something in it; a closed evening refuses every command; taking a hand-over back removes
exactly what the evening brought, and only while the group has not built on it."""
from __future__ import annotations

from typing import Any

import pytest

from server.domain.board.actors import SYSTEM, Actor
from server.domain.board.commands import COMMANDS, parse_command
from server.domain.board.errors import DomainError
from server.domain.board.events import Event
from server.domain.evening.aggregate import HANDLERS, apply
from server.domain.evening.closing import evening_copy
from server.domain.evening.context import Context
from server.domain.workspace.aggregate import apply_workspace
from server.domain.workspace.context import WorkspaceContext
from server.domain.workspace.state import WorkspaceState
from tests.unit.board import ACTIONS, GROUP, Board
from tests.unit.test_review_formats import EVALUATION, THIS_YEAR, an_evaluation_evening
from tests.unit.test_workspace import EVENING_ID, NOW, Space, an_evening

SERVER = Actor(SYSTEM, 1, display_name="Anna")


def closed_evening() -> Board:
    board = an_evening()
    board.run(SERVER, "close_evening")
    return board


def test_a_hand_over_before_the_last_step_is_refused():
    board = an_evening()
    board.f("go_to_step", step=0)
    refusal = board.refused(SERVER, "close_evening")
    assert (refusal.code, refusal.params) == ("not_at_end", {"step": 6})


def test_the_last_step_without_a_plan_has_nothing_to_hand_over():
    assert Board().at(ACTIONS).refused(SERVER, "close_evening").code == "nothing_to_hand_over"


def test_an_evaluation_evening_without_plans_may_be_handed_over_at_its_end():
    board = an_evaluation_evening()  # ends on its last step with a trend and a force
    [event] = board.run(SERVER, "close_evening")
    assert event.data["handed_over"]["plans"] == 0


def test_closing_stops_input_and_the_timer_and_says_where_the_plans_went():
    board = an_evening()
    board.f("start_timer")
    [event] = board.run(SERVER, "close_evening")
    assert event.name == "evening_closed"
    assert event.data["handed_over"] == {"group": "Bewonersraad Kanaleneiland", "by": "Anna",
                                         "at": 1_000_000, "plans": 1, "actions": 1}
    assert board.state.input_open is False and board.state.timer.running is False
    assert board.refused(SERVER, "close_evening").code == "already_taken_over"


PHONE_COMMANDS = ("add_card", "edit_card", "withdraw_card", "cast_votes")


@pytest.mark.parametrize("name", sorted(n for n, cls in COMMANDS.items() if cls in HANDLERS
                                        and n not in ("close_evening", "reopen_evening")))
def test_a_closed_evening_refuses_every_command(name):
    """Refused before its own rule looks at the arguments: nothing may change any more."""
    board = closed_evening()
    who = board.phone(1) if name in PHONE_COMMANDS else board.facilitator
    empty = COMMANDS[name].__new__(COMMANDS[name])  # no arguments needed to be refused
    with pytest.raises(DomainError) as refused:
        apply(board.state, empty, who, Context(board.ref, board.fmt, 1, GROUP))
    assert refused.value.code == "evening_closed"


def test_reopening_opens_the_evening_again_once():
    board = closed_evening()
    [event] = board.run(SERVER, "reopen_evening")
    assert event.data == {"handed_over": None} and board.state.handed_over is None
    board.f("open_input")
    assert board.refused(SERVER, "reopen_evening").code == "not_handed_over"


class LoggedSpace(Space):
    """A workspace whose rules see its log, as the store gives it to taking back."""

    def __init__(self) -> None:
        super().__init__()
        self.log: list[tuple[str, dict]] = []

    def since_take_over(self, board_id: int) -> list[tuple[str, dict]]:
        starts = [i for i, (name, data) in enumerate(self.log) if name == "evening_taken_over"
                  and data["evening"]["board_id"] == board_id]
        return self.log[starts[-1]:] if starts else []

    def run(self, actor: Actor, command: str, /, **args: Any) -> list[Event]:
        trial = WorkspaceState.from_dict(self.state.to_dict())
        events = apply_workspace(trial, parse_command(command, args), actor,
                                 WorkspaceContext(self.group, NOW, self.since_take_over)).events
        self.state = trial
        self.log += [(e.name, e.data) for e in events]
        return events

    def take_over_fed(self, evening: Board) -> None:
        """An evaluation evening's hand-over: with its format, so it fills the year."""
        copy = evening_copy(evening.state.to_dict(), EVENING_ID, "", EVALUATION)
        self.run(self.system, "take_over_evening", evening=copy)

    def take_back(self, evening: Board, board_id: int = EVENING_ID, fmt=None) -> list[Event]:
        copy = evening_copy(evening.state.to_dict(), board_id, "", fmt)
        return self.run(self.system, "return_evening", evening=copy)


def test_taking_back_removes_what_the_evening_brought_and_nothing_else():
    space, evening = LoggedSpace(), an_evening()
    space.take_over(an_evening(), board_id=7)  # an earlier evening the group keeps
    kept = space.state.to_dict()
    space.take_over(evening)
    [event] = space.take_back(evening)
    after = space.state.to_dict()
    assert {k: after[k] for k in ("results", "cards", "plans", "actions", "evenings")} == {
        k: kept[k] for k in ("results", "cards", "plans", "actions", "evenings")}
    assert event.name == "evening_returned" and event.data["evening"]["board_id"] == EVENING_ID
    assert len(event.data["removed"]["plans"]) == 1


@pytest.mark.parametrize("change", ["status", "update", "new_action", "year"])
def test_taking_back_is_refused_once_the_group_built_on_a_plan(change):
    space, evening = LoggedSpace(), an_evening()
    space.take_over(evening)
    action, plan = space.action(), next(iter(space.state.plans.values()))
    if change == "status":
        space.run(space.fatima, "set_action_status", action_id=action["id"], status="bezig",
                  base=action["fields"]["status"]["v"])
    elif change == "update":
        space.run(space.henk, "add_action_update", action_id=action["id"], did="Gebeld")
    elif change == "new_action":
        space.run(space.anna, "add_action", plan_id=plan["id"], fields={"what": "Flyers"})
    else:
        space.run(space.fatima, "set_plan_year", plan_id=plan["id"], year=2028)
    copy = evening_copy(evening.state.to_dict(), EVENING_ID, "")
    assert space.refused(space.system, "return_evening", evening=copy) == "group_changed_plans"


def test_a_change_to_another_evenings_plan_does_not_stop_taking_back():
    space, evening = LoggedSpace(), an_evening()
    space.take_over(an_evening(), board_id=7)
    space.take_over(evening)
    [older] = [a for a in space.state.actions.values() if a["from"]["board_id"] == 7]
    space.run(space.fatima, "set_action_status", action_id=older["id"], status="gereed",
              base=older["fields"]["status"]["v"])
    space.take_back(evening)
    assert [p["from"]["board_id"] for p in space.state.plans.values()] == [7]


def test_taking_back_an_evaluation_evening_empties_what_it_filled_in_the_year():
    space = LoggedSpace()
    space.run(space.fatima, "evaluate_year", year=THIS_YEAR, did="Zelf geschreven",
              achieved="", learned="", meaning="")
    evening = an_evaluation_evening()
    space.take_over_fed(evening)
    assert space.state.meanings and space.state.years[str(THIS_YEAR)]["evaluation"]["achieved"]
    [event] = space.take_back(evening, fmt=EVALUATION)
    evaluation = space.state.years[str(THIS_YEAR)]["evaluation"]
    assert evaluation["did"] == "Zelf geschreven" and evaluation["achieved"] == ""
    assert space.state.meanings == {}
    assert event.data["years"][str(THIS_YEAR)]["evaluation"] == evaluation


def test_taking_back_is_refused_after_the_group_evaluated_the_year_the_evening_filled():
    space, evening = LoggedSpace(), an_evaluation_evening()
    space.take_over_fed(evening)
    space.run(space.fatima, "evaluate_year", year=THIS_YEAR, did="Anders", achieved="",
              learned="", meaning="")
    copy = evening_copy(evening.state.to_dict(), EVENING_ID, "", EVALUATION)
    assert space.refused(space.system, "return_evening", evening=copy) == "group_changed_plans"


def test_an_evening_that_is_not_in_the_workspace_cannot_be_taken_back():
    space = LoggedSpace()
    copy = evening_copy(an_evening().state.to_dict(), EVENING_ID, "")
    assert space.refused(space.system, "return_evening", evening=copy) == "not_handed_over"


def test_a_data_cards_source_goes_with_the_hand_over_into_the_workspace():
    evening = an_evening().state.to_dict()
    card_id = next(r["card_ids"][0] for r in evening["results"].values() if r.get("card_ids"))
    evening["cards"][card_id].update(origin="data", source="Buurtscan 2026")
    copied = evening_copy(evening, EVENING_ID, "")
    [card] = [c for c in copied["cards"] if c["id"] == card_id]
    assert card["source"] == "Buurtscan 2026"
    assert all("source" not in c for c in copied["cards"] if c["id"] != card_id)
    space = Space()
    space.run(space.system, "take_over_evening", evening=copied)
    [kept] = [c for c in space.state.cards.values() if c["from"]["id"] == card_id]
    assert (kept["origin"], kept["source"]) == ("data", "Buurtscan 2026")
    assert sum("source" in c for c in space.state.cards.values()) == 1
    card["source"] = "x" * 161  # longer than the evening ever allows
    fresh = Space()
    assert fresh.refused(fresh.system, "take_over_evening", evening=copied) == "field_too_long"
