"""The council meeting and the yearly evaluation as formats: a review of the group's own
plans on an evening (`domain/evening/review.py`), and an evaluation evening that files its
answers and new meanings in the group's workspace at hand-over (`domain/formats/feeds.py`)."""
from __future__ import annotations

import datetime
import json

import pytest

from server.domain.evening.closing import evening_copy
from server.domain.evening.review import MAX_ACTIONS, review_of
from server.domain.evening.seeding import latest_meanings, seed_meanings
from server.domain.formats.feeds import feeds_problem
from server.domain.formats.load import parse_format
from server.domain.formats.types import FormatError
from server.domain.group.export import export_document
from server.domain.group.import_check import check_document
from server.domain.workspace.handover import year_of_evaluation
from tests.unit.board import FORMATS, PLANNING, Board
from tests.unit.test_workspace import NOW, Space, an_evening

REVIEW = FORMATS["council-review"]
EVALUATION = FORMATS["year-evaluation"]
THIS_YEAR = datetime.datetime.fromtimestamp(NOW / 1000, datetime.UTC).year


def a_workspace() -> Space:
    """A group workspace with one plan of two actions: one open, one done."""
    space = Space()
    space.take_over(an_evening())
    plan = next(iter(space.state.plans.values()))
    space.run(space.fatima, "add_action", plan_id=plan["id"],
              fields={"what": "Flyers rondbrengen", "owner": "Henk", "status": "gereed"})
    return space


def action_named(space: Space, what: str) -> dict:
    return next(a for a in space.state.actions.values()
                if a["fields"]["what"]["value"] == what)


def test_open_actions_leave_done_and_dropped_ones_out():
    space = a_workspace()
    review = review_of(space.state.to_dict(), "open_actions", 5)
    [plan] = review["plans"]
    assert [a["what"] for a in plan["actions"]] == ["Sleutel regelen"]
    assert plan["actions"][0] == {"id": action_named(space, "Sleutel regelen")["id"],
                                  "what": "Sleutel regelen", "owner": "", "due": "2027-02-01",
                                  "status": "idee"}
    assert review["total"] == 1 and review["at"] == 5 and review["year"] is None
    assert plan["title"] == "Koffieochtend"


def test_the_year_review_shows_every_action_of_the_newest_plan_year():
    space = a_workspace()
    plan = next(iter(space.state.plans.values()))  # the evening wrote 2027 as its year
    review = review_of(space.state.to_dict(), "year_actions", 5)
    assert review["year"] == 2027 == plan["year"]
    statuses = {a["what"]: a["status"] for a in review["plans"][0]["actions"]}
    assert statuses == {"Sleutel regelen": "idee", "Flyers rondbrengen": "gereed"}
    space.run(space.fatima, "set_plan_year", plan_id=plan["id"], year=2026)
    space.take_over(an_evening(), board_id=13)  # a second plan, for 2027
    review = review_of(space.state.to_dict(), "year_actions", 5)
    assert review["year"] == 2027 and review["total"] == 1


def test_a_review_without_a_workspace_is_empty_and_a_long_one_is_counted():
    assert review_of(None, "open_actions", 1) == {"source": "open_actions", "year": None,
                                                  "at": 1, "plans": [], "total": 0}
    space = a_workspace()
    state = space.state.to_dict()
    [plan] = state["plans"].values()
    template = next(iter(state["actions"].values()))
    for n in range(MAX_ACTIONS + 5):
        state["actions"][f"x{n}"] = {**template, "id": f"x{n}"}
        plan["action_ids"].append(f"x{n}")
    review = review_of(state, "open_actions", 1)
    assert review["total"] == MAX_ACTIONS + 6
    assert len(review["plans"][0]["actions"]) == MAX_ACTIONS


def test_a_council_evening_opens_on_the_open_actions_and_refreshes_them():
    space = a_workspace()
    board = Board(REVIEW)
    board.workspace = space.state.to_dict()
    [changed, filled] = board.f("go_to_step", step=0)
    assert changed.name == "step_changed" and filled.name == "review_filled"
    assert filled.data["step"] == 0
    assert board.state.reviews["0"]["plans"][0]["actions"][0]["status"] == "idee"
    # a member marks the action done during the meeting; the facilitator refreshes
    action = action_named(space, "Sleutel regelen")
    space.run(space.henk, "set_action_status", action_id=action["id"], status="gereed",
              base=action["fields"]["status"]["v"])
    board.workspace = space.state.to_dict()
    [event] = board.f("refresh_review")
    assert event.data["review"]["plans"] == [] and board.state.reviews["0"]["total"] == 0


def test_only_the_facilitator_refreshes_and_only_during_such_a_review():
    board = Board(REVIEW)
    board.workspace = a_workspace().state.to_dict()
    assert board.p_refused(1, "refresh_review") == "forbidden"
    board.at(1)
    assert board.f_refused("refresh_review") == "technique_not_active"
    assert board.f("go_to_step", step=2)[-1].name == "step_changed"  # no review there
    assert "2" not in board.state.reviews
    assert Board(PLANNING).f_refused("refresh_review") == "technique_not_active"


def test_feeds_is_checked_in_a_format_file():
    assert feeds_problem("meanings", "challenge") is not None
    assert feeds_problem("evaluation_felt", None) is not None
    assert feeds_problem("evaluation_learned", None) is None
    step = {"key": "a", "title": {"nl": "a", "en": "a"}, "question": {"nl": "?", "en": "?"},
            "minutes": 5, "techniques": ["cards", "cluster"], "produces": "challenge",
            "feeds": "meanings"}
    data = {"title": {"nl": "T", "en": "T"}, "description": {"nl": "-", "en": "-"},
            "steps": [step]}
    with pytest.raises(FormatError, match="feeds: 'meanings' needs the step to produce"):
        parse_format("bad", data, "bad.toml")


def an_evaluation_evening() -> Board:
    """Cards in each ORID step (one without consent, one hidden), a trend and a force."""
    b = Board(EVALUATION)
    did, achieved, _learned, trends, forces = 1, 2, 3, 4, 5
    b.at(did)
    b.p(1, "add_card", text="Buurtfeest in juni", publish=True)
    b.p(2, "add_card", text="Mijn buurman hielp niet", publish=False)
    b.at(achieved)
    cards = [b.p(1, "add_card", text=t, publish=True)[0].data["card"]["id"]
             for t in ("Meer mensen kennen elkaar", "Kinderen spelen buiten")]
    b.cluster(cards, "Meer contact")
    hidden = b.p(1, "add_card", text="Scheldwoord", publish=True)[0].data["card"]["id"]
    b.f("hide_card", card_id=hidden)
    b.at(trends)
    trend_card = b.p(1, "add_card", text="Meer eenzame ouderen", kind="rising",
                     publish=True)[0].data["card"]["id"]
    b.promote(b.cluster([trend_card], "Eenzaamheid neemt toe"))
    b.at(forces)
    force_card = b.p(1, "add_card", text="De bibliotheek wil meedoen", kind="potential",
                     publish=True)[0].data["card"]["id"]
    b.promote(b.cluster([force_card], "Bibliotheek als partner"))
    return b


def test_an_evaluation_evening_fills_the_year_and_its_new_meanings():
    space = Space()
    space.take_over(an_evening())  # a plan for 2027, but NOW is earlier: this year counts
    copy = evening_copy(an_evaluation_evening().state.to_dict(), 40, "Jaarevaluatie",
                        EVALUATION)
    [event] = space.run(space.system, "take_over_evening", evening=copy)
    year = year_of_evaluation(space.state, NOW)
    assert year == THIS_YEAR < 2027
    evaluation = space.state.years[str(year)]["evaluation"]
    assert evaluation["did"] == "- Buurtfeest in juni"  # no text without consent
    assert evaluation["achieved"] == "- Meer contact"  # the cluster, not the hidden card
    assert evaluation["learned"] == "" and evaluation["meaning"] == ""
    assert evaluation["by"] == "Anna" and evaluation["at"] == NOW
    meanings = sorted((m["kind"], m["text"], m["year"]) for m in space.state.meanings.values())
    assert meanings == [("force", "Bibliotheek als partner", year),
                        ("trend", "Eenzaamheid neemt toe", year)]
    assert all(m["from"]["board_id"] == 40 for m in space.state.meanings.values())
    assert event.data["years"] == {str(year): space.state.years[str(year)]}
    assert len(event.data["meanings"]) == 2


def test_what_the_group_wrote_itself_is_kept():
    space = Space()
    space.run(space.fatima, "evaluate_year", year=THIS_YEAR, did="Zelf geschreven",
              achieved="", learned="", meaning="")
    copy = evening_copy(an_evaluation_evening().state.to_dict(), 40, "Jaarevaluatie",
                        EVALUATION)
    space.run(space.system, "take_over_evening", evening=copy)
    evaluation = space.state.years[str(THIS_YEAR)]["evaluation"]
    assert evaluation["did"] == "Zelf geschreven"
    assert evaluation["achieved"] == "- Meer contact"


def test_an_ordinary_evening_feeds_no_year():
    space = Space()
    [event] = space.run(space.system, "take_over_evening",
                        evening=evening_copy(an_evening().state.to_dict(), 12, "Avond",
                                             PLANNING))
    assert space.state.years == {} and space.state.meanings == {}
    assert "years" not in event.data and "meanings" not in event.data


def test_a_malformed_feed_is_refused_and_changes_nothing():
    space = Space()
    copy = evening_copy(an_evaluation_evening().state.to_dict(), 40, "J", EVALUATION)
    assert space.refused(space.system, "take_over_evening",
                         evening={**copy, "meanings": [{"text": "x", "kind": "vibe"}]}
                         ) == "invalid_args"
    assert space.refused(space.system, "take_over_evening",
                         evening={**copy, "evaluation": {"felt": "x"}}) == "invalid_args"


def test_next_years_evening_starts_from_the_new_meanings_but_the_evaluation_does_not():
    space = Space()
    space.run(space.system, "take_over_evening",
              evening=evening_copy(an_evaluation_evening().state.to_dict(), 40, "J",
                                   EVALUATION))
    meanings = latest_meanings(list(space.state.meanings.values()))
    planning = Board(PLANNING)
    seed_meanings(planning.state, PLANNING, meanings, NOW)
    seeded = {(c["step"], c["text"], c["origin"]) for c in planning.state.cards.values()}
    assert seeded == {(0, "Eenzaamheid neemt toe", "data"), (3, "Bibliotheek als partner", "data")}
    evaluation = Board(EVALUATION)
    assert seed_meanings(evaluation.state, EVALUATION, meanings, NOW) == []


def test_the_shipped_review_formats_say_what_they_do():
    assert REVIEW.steps[0].options["review"]["source"] == "open_actions"
    assert EVALUATION.steps[0].options["review"]["source"] == "year_actions"
    feeds = [s.feeds for s in EVALUATION.steps]
    assert feeds == [None, "evaluation_did", "evaluation_achieved", "evaluation_learned",
                     "meanings", "meanings"]
    assert all(s.options["cards"]["publication_consent"] for s in EVALUATION.steps[1:])


def test_a_year_filled_by_an_evening_exports_and_imports_whole():
    space = Space()
    space.run(space.system, "take_over_evening",
              evening=evening_copy(an_evaluation_evening().state.to_dict(), 40, "J",
                                   EVALUATION))
    document = json.loads(json.dumps(export_document(
        "Bewonersraad", space.state.to_dict(), [], datetime.datetime(2026, 12, 1))))
    assert check_document(document) == []
    other = Space()
    other.run(other.system, "import_plan", document=document)
    assert other.state.meanings == space.state.meanings
    assert other.state.years == space.state.years
