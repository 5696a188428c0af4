"""An evening's own copy of its format, adapted by the facilitator (docs/formats.md)."""
from __future__ import annotations

import dataclasses
import tomllib

import pytest

from server.domain.evening.format_changes import begun
from server.domain.evening.own_format import COPY, evening_format, take_copy, where_in_form
from server.domain.evening.snapshot import snapshot_state
from server.domain.formats.catalogue import CATALOGUE
from server.domain.formats.document import (
    format_document,
    format_from_document,
    format_from_toml,
    format_toml,
)
from server.domain.formats.load import load_formats
from server.domain.formats.types import FormatError

from .board import ACTIONS, CHALLENGES, FORCES, FORMATS, FUTURE, PLANNING, STRATEGIES, TRENDS, Board

ANY_LENGTH = {"nl": "Van trends tot acties.", "en": "From trends to actions."}
NEW_QUESTION = {"nl": "Wat is er in de Rivierenbuurt veranderd?",
                "en": "What has changed in the Rivierenbuurt?"}


def own_board() -> Board:
    board = Board()
    take_copy(board.state, board.fmt)
    return board


def shown_steps(board: Board) -> list[dict]:
    return snapshot_state(board.state, {}, evening_format(
        board.state.format_copy, board.fmt.slug, FORMATS), board.projector, 0)["steps"]


@pytest.mark.parametrize("slug", sorted(FORMATS))
def test_every_shipped_format_round_trips_through_its_document_and_toml(slug, tmp_path):
    fmt = FORMATS[slug]
    text = format_toml(format_document(fmt))
    assert format_from_toml(slug, text)[0] == fmt
    (tmp_path / f"{slug}.toml").write_text(text, encoding="utf-8")
    assert load_formats(tmp_path)[slug] == fmt  # the `sessions/` loader takes the file


def test_a_new_evening_runs_on_its_copy_not_on_a_later_change_of_the_format():
    board = own_board()
    changed = dataclasses.replace(PLANNING, steps=PLANNING.steps[1:])
    board.fmt = changed  # the file in sessions/ changed after the evening was made
    assert len(shown_steps(board)) == len(PLANNING.steps)
    [event] = board.f("go_to_step", step=5)  # the copy's sixth step still exists
    assert event.data["step"] == 5


def test_a_question_changed_before_the_evening_shows_everywhere_and_says_what_changed():
    board = own_board()
    old = PLANNING.steps[TRENDS].question
    [event] = board.f("adapt_format", steps={"0": {
        "question.nl": NEW_QUESTION["nl"], "question.en": NEW_QUESTION["en"], "minutes": 15}})
    assert event.name == "format_adapted"
    assert event.data["fields"]["trends"]["question.nl"] == {"from": old["nl"], "to": NEW_QUESTION["nl"]}
    assert event.data["steps"][TRENDS]["question"] == NEW_QUESTION
    assert event.data["timer"]["remaining_ms"] == 15 * 60_000 == board.state.timer.remaining_ms
    assert shown_steps(board)[TRENDS]["question"] == NEW_QUESTION
    assert board.state.format_copy[COPY]["steps"][TRENDS]["minutes"] == 15


def test_the_vote_budget_changed_is_the_budget_the_vote_opens_with():
    board = own_board()
    board.f("adapt_format", steps={"0": {"vote.budget": 6, "vote.max_per_item": 3}})
    board.at(TRENDS)
    board.write("Meer ouderen", "Minder winkels")
    board.f("close_input")
    [opened] = board.f("open_vote")
    assert (opened.data["budget"], opened.data["max_per_item"]) == (6, 3)


@pytest.mark.parametrize(("changes", "field"), [
    ({"minutes": 0}, "minutes"),
    ({"question.nl": "  "}, "question.nl"),
    ({"vote.max_per_item": 9}, "vote.max_per_item"),
    ({"minutes": "twintig"}, "minutes"),
])
def test_a_change_the_loader_refuses_names_the_field_and_changes_nothing(changes, field):
    board = own_board()
    refusal = board.refused(board.facilitator, "adapt_format", steps={"0": changes})
    assert refusal.code == "format_invalid"
    assert ("trends", field) in {where_in_form(line)[:2] for line in refusal.params["errors"]}


def test_vote_options_on_a_step_without_voting_are_refused():
    board = own_board()
    refusal = board.refused(board.facilitator, "adapt_format", steps={"2": {"vote.budget": 3}})
    assert ("future", "options.vote") in [where_in_form(line)[:2]
                                          for line in refusal.params["errors"]]


def test_only_steps_that_have_not_begun_can_be_changed():
    board = own_board()
    board.at(CHALLENGES)
    assert begun(board.state, PLANNING, TRENDS) and begun(board.state, PLANNING, CHALLENGES)
    for step in (TRENDS, CHALLENGES):
        assert board.f_refused("adapt_format", steps={str(step): {"minutes": 5}}) \
            == "step_begun"
    board.f("adapt_format", steps={"2": {"minutes": 15}})  # during the evening
    assert board.f_refused("adapt_format", steps={"9": {"minutes": 5}}) == "bad_step"
    assert board.f_refused("adapt_format", steps={"2": {"colour": 5}}) == "invalid_args"
    assert board.f_refused("adapt_format") == "invalid_args"


def test_skipping_a_step_moves_the_prepared_cards_of_later_steps_with_their_step():
    board = own_board()
    [added] = board.f("add_data_card", step=FUTURE, text="42% woont alleen", source="CBS")
    card_id = added.data["card"]["id"]
    refusal = board.refused(board.facilitator, "adapt_format", skip=[CHALLENGES])
    assert {where_in_form(line)[:2] for line in refusal.params["errors"]} == {
        (None, "description.nl"), (None, "description.en")}  # "2,5 uur" is no longer true
    description = {"nl": "Van trends tot acties in ruim 2 uur.",
                   "en": "From trends to actions in just over 2 hours."}
    [event] = board.f("adapt_format", skip=[CHALLENGES], description=description)
    assert event.data["removed"] == [CHALLENGES]
    assert event.data["skipped"][0]["key"] == "challenges"
    assert event.data["fields"]["description"]["to"] == description
    assert [s["key"] for s in event.data["steps"]] == [
        "trends", "future", "forces", "strategies", "actions"]
    assert board.card(card_id)["step"] == FUTURE - 1
    assert shown_steps(board)[FUTURE - 1]["key"] == "future"


def test_steps_put_in_another_order_take_their_cards_along():
    board = own_board()
    [added] = board.f("add_data_card", step=FUTURE, text="42% woont alleen")
    order = [TRENDS, CHALLENGES, STRATEGIES, FUTURE, FORCES, ACTIONS]
    [event] = board.f("adapt_format", order=order)
    assert event.data["moved"] == {"2": 3, "3": 4, "4": 2}
    assert event.data["order"][2:5] == ["strategies", "future", "forces"]
    assert board.card(added.data["card"]["id"])["step"] == 3
    assert shown_steps(board)[3]["key"] == "future"
    assert board.f_refused("adapt_format", order=[1, 0, 2, 3, 4, 5]) == "step_begun"
    assert board.f_refused("adapt_format", order=[0, 1, 2]) == "invalid_args"
    assert board.f_refused("adapt_format", order=[0, 1, 2, 3, 4, 4]) == "invalid_args"


@pytest.mark.parametrize("technique", sorted(CATALOGUE))
def test_a_step_from_the_catalogue_is_added_at_the_end(technique):
    board = own_board()
    [event] = board.f("adapt_format", add=[{"technique": technique}], description=ANY_LENGTH)
    [added] = event.data["added"]
    assert shown_steps(board)[-1]["key"] == added["key"] == technique.replace("_", "-")
    assert shown_steps(board)[-1]["techniques"][-1] == technique


def test_a_repeated_step_is_a_copy_with_a_key_of_its_own():
    board = own_board()
    [event] = board.f("adapt_format", add=[{"repeat": FUTURE}, {"repeat": FUTURE}],
                      description=ANY_LENGTH)
    assert [a["key"] for a in event.data["added"]] == ["future-2", "future-3"]
    steps = shown_steps(board)
    assert steps[-1]["question"] == steps[FUTURE]["question"] and len(steps) == 8
    for bad in ({"repeat": 9}, {"technique": "dance"}, {"repeat": True}, "cards"):
        assert board.f_refused("adapt_format", add=[bad]) == "invalid_args"


def test_a_step_that_holds_cards_or_runs_now_is_not_skipped():
    board = own_board()
    board.f("add_data_card", step=FUTURE, text="42% woont alleen")
    assert board.f_refused("adapt_format", skip=[FUTURE]) == "step_has_items"
    assert board.f_refused("adapt_format", skip=[TRENDS]) == "step_begun"


def test_another_whole_format_replaces_the_copy_of_an_evening_that_holds_nothing():
    board = own_board()
    document = format_document(FORMATS["quick-start"])
    [event] = board.f("use_format", document=document)
    assert [s["key"] for s in event.data["steps"]] == ["challenges", "actions"]
    assert board.state.format_copy[COPY] == document
    broken = {**document, "steps": [{**document["steps"][0], "minutes": -1}]}
    refusal = board.refused(board.facilitator, "use_format", document=broken)
    assert refusal.code == "format_invalid"
    board.f("add_data_card", step=0, text="12 lege winkels")
    assert board.f_refused("use_format", document=document) == "format_in_use"
    board.at(1)
    refusal = board.refused(board.facilitator, "use_format", document=document)
    assert (refusal.code, refusal.params) == ("step_begun", {"step": 2})


def test_a_malformed_toml_file_is_refused_with_its_line():
    with pytest.raises(FormatError) as refusal:
        format_from_toml("mijn-avond", 'title = { nl = "Avond"\n')
    assert "line 1" in refusal.value.errors[0]
    with pytest.raises(tomllib.TOMLDecodeError):
        tomllib.loads('title = { nl = "Avond"\n')


def test_an_evening_made_before_copies_runs_on_its_slug():
    assert evening_format({}, "quick-start", FORMATS) is FORMATS["quick-start"]
    assert evening_format({}, "gone", FORMATS) is None
    copy = {COPY: format_document(FORMATS["quick-start"])}
    assert evening_format(copy, "gone", FORMATS) == dataclasses.replace(
        FORMATS["quick-start"], slug="gone")
    assert format_from_document("gone", copy[COPY]).slug == "gone"


def test_the_process_report_names_what_was_changed_and_keeps_cards_with_their_step():
    from server.domain.plan.report import process_report
    from server.domain.plan.report_types import LoggedEvent, StepPlan
    board = own_board()
    [added] = board.f("add_data_card", step=FUTURE, text="42% woont alleen")
    description = {"nl": "Van trends tot acties in ruim 2 uur.",
                   "en": "From trends to actions in just over 2 hours."}
    board.f("adapt_format", steps={"0": {"question.nl": "Wat veranderde er?"}},
            skip=[CHALLENGES], description=description)
    fmt = evening_format(board.state.format_copy, board.fmt.slug, FORMATS)
    log = [LoggedEvent(n, e.name, e.data, "facilitator", board_created(n)) for n, e in
           enumerate(board.logged, start=1)]
    report = process_report(log, [StepPlan(s.title["nl"], s.minutes) for s in fmt.steps])
    changes = {(c.step, c.field) for c in report.format_changes}
    assert changes == {("", "description"), ("trends", "question.nl"),
                       ("challenges", "skipped")}
    assert report.steps[FUTURE - 1].card_total == 1  # the data card stayed with its step
    assert added.data["card"]["step"] == FUTURE


def board_created(n: int):
    from datetime import UTC, datetime, timedelta
    return datetime(2026, 12, 7, 19, 0, tzinfo=UTC) + timedelta(minutes=n)
