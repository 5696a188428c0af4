"""Workshop formats: every file in sessions/ loads, and every mistake is reported precisely."""
from __future__ import annotations

import json
import pathlib
import re

import pytest

from server.domain.formats.load import KNOWN_RESULTS, load_format, load_formats, parse_format
from server.domain.formats.options import KNOWN_TECHNIQUES, OPTIONS, THEMES
from server.domain.formats.types import Format, FormatError

ROOT = pathlib.Path(__file__).resolve().parents[2]
SESSIONS = ROOT / "sessions"
FORMAT_FILES = sorted(SESSIONS.glob("*.toml"))
SOURCE = "participatory-planning.toml"
SIX_STEPS = ["trends", "challenges", "future", "forces", "strategies", "actions"]
SIX_RESULTS = ["trend", "challenge", "vision_element", "force", "strategy", "project_plan"]


def texts(nl: str = "Tekst", en: str = "Text") -> dict:
    return {"nl": nl, "en": en}


def valid() -> dict:
    """A small, correct format to break one field at a time."""
    return {
        "title": texts("Avond", "Evening"),
        "description": texts("Een avond.", "An evening."),
        "steps": [
            {"key": "trends", "title": texts(), "question": texts(), "minutes": 20,
             "techniques": ["cards", "cluster", "vote"], "produces": "trend"},
            {"key": "challenges", "title": texts(), "question": texts(), "minutes": 20,
             "techniques": ["cards", "cluster", "vote"], "produces": "challenge",
             "options": {"vote": {"budget": 3}}},
        ],
    }


def errors_of(data: dict, slug: str = "participatory-planning") -> list[str]:
    with pytest.raises(FormatError) as caught:
        parse_format(slug, data, SOURCE)
    return caught.value.errors


def with_step(change, index: int = 1) -> dict:
    data = valid()
    change(data["steps"][index])
    return data


# --- the shipped formats --------------------------------------------------------------

def test_the_sessions_folder_holds_formats():
    assert FORMAT_FILES, "sessions/ should contain at least one *.toml format"


@pytest.mark.parametrize("path", FORMAT_FILES, ids=[p.name for p in FORMAT_FILES])
def test_every_format_file_loads_and_validates(path):
    fmt = load_format(path)
    assert fmt.slug == path.stem
    assert fmt.steps
    json.dumps(fmt.to_public())  # JSON-safe all the way down


def test_the_whole_sessions_folder_loads_by_slug():
    formats = load_formats(SESSIONS)
    assert set(formats) == {p.stem for p in FORMAT_FILES}
    assert {"participatory-planning", "participatory-planning-two-evenings",
            "quick-start"} <= set(formats)


def test_the_one_evening_format_has_the_six_planning_steps_in_order():
    fmt = load_format(SESSIONS / "participatory-planning.toml")
    assert [step.key for step in fmt.steps] == SIX_STEPS
    assert [step.produces for step in fmt.steps] == SIX_RESULTS
    assert all(step.evening == 1 for step in fmt.steps)


def test_the_one_evening_format_fits_in_about_two_and_a_half_hours():
    fmt = load_format(SESSIONS / "participatory-planning.toml")
    assert 110 <= fmt.minutes <= 150
    assert all(15 <= step.minutes <= 30 for step in fmt.steps)


def test_the_one_evening_format_takes_the_two_and_a_half_hours_its_description_says():
    """125 minutes of steps, and welcome, break and closing on top: 150 minutes, which is
    the "about 2.5 hours" ("ongeveer 2,5 uur") the facilitator reads in the form."""
    fmt = load_format(SESSIONS / "participatory-planning.toml")
    assert "2,5 uur" in fmt.description["nl"] and "2.5 hours" in fmt.description["en"]
    assert fmt.minutes == 125 and fmt.extra_minutes == 25
    assert fmt.evening_minutes == [150]


def test_each_evening_of_the_two_evening_format_gets_its_welcome_and_closing():
    fmt = load_format(SESSIONS / "participatory-planning-two-evenings.toml")
    assert fmt.evening_minutes == [105 + 25, 125 + 25]


@pytest.mark.parametrize("path", FORMAT_FILES, ids=lambda p: p.stem)
def test_no_shipped_format_names_its_length_in_its_title(path):
    """The form adds the length after the title; in the title too it would show twice."""
    fmt = load_format(path)
    assert not any(re.search(r"\d", title) for title in fmt.title.values()), fmt.title


def test_a_title_that_names_a_length_is_an_error():
    data = valid()
    data["title"] = texts("Snelle start (45 minuten)", "Quick start (45 minutes)")
    assert errors_of(data) == [
        f"{SOURCE}: title.{lang}: must not name a length: the form adds it from the steps' "
        "minutes and extra_minutes" for lang in ("en", "nl")]


def test_a_description_that_promises_another_length_than_the_steps_is_an_error():
    data = valid()  # two steps of 20 minutes
    data["description"] = texts("Een avond van ongeveer 2,5 uur.", "An evening of about 40 minutes.")
    assert errors_of(data) == [f"{SOURCE}: description.nl: names 150 minutes, but an evening "
                               "takes 40 minutes (the steps' minutes plus extra_minutes)"]
    data["extra_minutes"] = 110
    assert errors_of(data) == [f"{SOURCE}: description.en: names 40 minutes, but an evening "
                               "takes 150 minutes (the steps' minutes plus extra_minutes)"]


@pytest.mark.parametrize("extra", [-1, 121, 2.5, "25"])
def test_extra_minutes_outside_zero_to_120_are_an_error(extra):
    data = valid()
    data["extra_minutes"] = extra
    assert errors_of(data) == [f"{SOURCE}: extra_minutes: must be a whole number from 0 to 120"]


def test_the_barrier_step_has_red_barrier_and_green_potential_cards():
    forces = load_format(SESSIONS / "participatory-planning.toml").steps[3]
    kinds = {kind["key"]: kind["color"] for kind in forces.options["cards"]["kinds"]}
    assert kinds == {"barrier": "red", "potential": "green"}


def test_the_two_evening_format_runs_steps_one_to_three_then_four_to_six():
    fmt = load_format(SESSIONS / "participatory-planning-two-evenings.toml")
    evening_1 = [s.key for s in fmt.steps if s.evening == 1]
    evening_2 = [s.key for s in fmt.steps if s.evening == 2 and not s.uses("review")]
    assert evening_1 == SIX_STEPS[:3]
    assert evening_2 == SIX_STEPS[3:]


def test_the_second_evening_opens_by_reading_back_what_the_first_selected():
    fmt = load_format(SESSIONS / "participatory-planning-two-evenings.toml")
    opener = next(step for step in fmt.steps if step.evening == 2)
    assert opener.techniques == ("review",)
    assert opener.options["review"]["source"] == "previous_evening"


def test_quick_start_takes_about_45_minutes_with_challenges_and_actions_only():
    fmt = load_format(SESSIONS / "quick-start.toml")
    assert [step.produces for step in fmt.steps] == ["challenge", "project_plan"]
    assert 40 <= fmt.minutes <= 50


# --- the model ------------------------------------------------------------------------

def test_options_left_out_get_their_defaults():
    fmt = parse_format("participatory-planning", valid(), SOURCE)
    options = fmt.steps[0].options
    assert dict(options["cards"]) == {"max_length": 280, "max_per_participant": 20,
                                      "kinds": (), "themes": (), "data_cards": True,
                                      "paper_cards": True, "publication_consent": False}
    assert dict(options["cluster"]) == {"max_clusters": 30}
    assert dict(options["vote"]) == {"budget": 3, "max_per_item": 2, "select": 3}


def test_options_hold_exactly_the_techniques_of_the_step():
    fmt = parse_format("participatory-planning", valid(), SOURCE)
    assert set(fmt.steps[0].options) == {"cards", "cluster", "vote"}


def test_the_default_dots_per_item_shrink_to_a_budget_of_one():
    data = with_step(lambda step: step["options"]["vote"].update(budget=1))
    assert parse_format("x", data, SOURCE).steps[1].options["vote"]["max_per_item"] == 1


def test_matrix_and_review_and_action_plan_defaults_are_filled_in():
    data = valid()
    data["steps"][1]["techniques"].append("matrix")
    data["steps"].append({"key": "actions", "title": texts(), "question": texts(),
                          "minutes": 25, "techniques": ["action_plan", "review"],
                          "options": {"review": {"source": "open_actions"}}})
    steps = parse_format("x", data, SOURCE).steps
    assert dict(steps[1].options["matrix"]) == {"axes": ("impact", "effort"),
                                                "equity_question": True}
    assert steps[2].options["action_plan"]["max_actions"] == 12


def test_built_in_themes_come_with_their_labels():
    data = with_step(lambda step: step.setdefault("options", {}).update(
        cards={"themes": ["wonen", {"key": "haven", "label": texts("Haven", "Harbour")}]}), 0)
    themes = parse_format("x", data, SOURCE).steps[0].to_public(0)["options"]["cards"]["themes"]
    assert themes == [{"key": "wonen", "label": dict(THEMES["wonen"])},
                      {"key": "haven", "label": {"nl": "Haven", "en": "Harbour"}}]


def test_a_step_says_which_techniques_it_uses():
    step = parse_format("x", valid(), SOURCE).steps[0]
    assert step.uses("vote") and not step.uses("matrix")


def test_to_public_has_the_agreed_shape():
    fmt = parse_format("participatory-planning", valid(), SOURCE)
    public = fmt.to_public()
    assert set(public) == {"slug", "title", "description", "minutes", "steps"}
    assert public["minutes"] == 40 == fmt.minutes
    assert set(public["steps"][1]) == {"index", "key", "title", "question", "minutes",
                                       "techniques", "produces", "evening", "options", "feeds"}
    assert public["steps"][1]["index"] == 1
    assert public["steps"][1]["techniques"] == ["cards", "cluster", "vote"]
    assert json.loads(json.dumps(public)) == public


def test_evening_defaults_to_the_first():
    assert parse_format("x", valid(), SOURCE).steps[0].evening == 1


def test_the_known_lists_are_the_agreed_ones():
    assert KNOWN_TECHNIQUES == ("cards", "cluster", "vote", "matrix", "action_plan", "review")
    assert KNOWN_RESULTS == ("trend", "challenge", "vision_element", "force", "strategy",
                             "project_plan")
    assert set(OPTIONS) == set(KNOWN_TECHNIQUES)


# --- mistakes, each reported with file, step and field --------------------------------

def test_a_vote_budget_out_of_range_names_file_step_and_field():
    data = with_step(lambda step: step["options"]["vote"].update(budget=25))
    assert errors_of(data) == [
        "participatory-planning.toml: step 2 (challenges): vote.budget: "
        "must be a whole number from 1 to 20"]


def test_an_unknown_technique_is_an_error_naming_the_known_ones():
    data = with_step(lambda step: step.update(techniques=["cards", "cluster", "voting"]), 0)
    [error] = errors_of(data)
    assert error.startswith("participatory-planning.toml: step 1 (trends): techniques: ")
    assert "'voting'" in error
    assert "cards, cluster, vote, matrix, action_plan, review" in error


def test_options_of_an_unknown_technique_are_an_error_not_a_crash():
    data = with_step(lambda step: step["options"].update(dots={"budget": 3}))
    [error] = errors_of(data)
    assert error.startswith("participatory-planning.toml: step 2 (challenges): options.dots: ")


def test_options_for_a_technique_the_step_does_not_use_are_an_error():
    data = with_step(lambda step: step["options"].update(matrix={}))
    [error] = errors_of(data)
    assert "step 2 (challenges): options.matrix: the step does not use 'matrix'" in error


def test_an_unknown_option_key_is_an_error():
    data = with_step(lambda step: step["options"]["vote"].update(budgett=4))
    [error] = errors_of(data)
    assert error.startswith("participatory-planning.toml: step 2 (challenges): vote.budgett: ")
    assert "budget, max_per_item, select" in error


def test_more_dots_per_item_than_the_budget_is_an_error():
    data = with_step(lambda step: step["options"]["vote"].update(budget=3, max_per_item=4))
    assert errors_of(data) == ["participatory-planning.toml: step 2 (challenges): "
                               "vote.max_per_item: must be a whole number from 1 to budget (3)"]


@pytest.mark.parametrize("option, value, field", [
    ("max_length", 10, "cards.max_length"),
    ("max_length", 1001, "cards.max_length"),
    ("max_per_participant", 0, "cards.max_per_participant"),
    ("max_per_participant", "5", "cards.max_per_participant"),
    ("data_cards", "yes", "cards.data_cards"),
    ("paper_cards", 1, "cards.paper_cards"),
    ("publication_consent", "yes", "cards.publication_consent"),
])
def test_a_card_option_of_the_wrong_type_or_range_is_an_error(option, value, field):
    data = with_step(lambda step: step["options"].update(cards={option: value}))
    [error] = errors_of(data)
    assert error.startswith(f"participatory-planning.toml: step 2 (challenges): {field}: must be ")


def test_true_is_not_accepted_as_a_number():
    data = with_step(lambda step: step.update(minutes=True))
    assert errors_of(data) == ["participatory-planning.toml: step 2 (challenges): minutes: "
                               "must be a whole number from 1 to 240"]


@pytest.mark.parametrize("minutes", [0, 241, 12.5, None])
def test_minutes_outside_one_to_240_are_an_error(minutes):
    data = with_step(lambda step: step.update(minutes=minutes))
    [error] = errors_of(data)
    assert "step 2 (challenges): minutes: must be a whole number from 1 to 240" in error


@pytest.mark.parametrize("field", ["title", "question"])
def test_an_empty_english_text_is_an_error(field):
    data = with_step(lambda step: step.update({field: {"nl": "Vraag", "en": "  "}}))
    assert errors_of(data) == [f"participatory-planning.toml: step 2 (challenges): "
                               f"{field}.en: must be a non-empty text"]


def test_a_missing_dutch_question_is_an_error():
    data = with_step(lambda step: step.update(question={"en": "Question"}))
    assert errors_of(data) == ["participatory-planning.toml: step 2 (challenges): "
                               "question.nl: must be a non-empty text"]


def test_a_text_in_an_unsupported_language_is_an_error():
    data = with_step(lambda step: step["title"].update(de="Titel"))
    [error] = errors_of(data)
    assert "step 2 (challenges): title.de: unknown language" in error


def test_a_duplicate_step_key_is_an_error():
    data = with_step(lambda step: step.update(key="trends"))
    assert errors_of(data) == ["participatory-planning.toml: step 2 (trends): key: "
                               "'trends' is already used by step 1"]


def test_a_step_key_that_is_not_a_slug_is_reported_by_step_number():
    data = with_step(lambda step: step.update(key="Central challenges"))
    [error] = errors_of(data)
    assert error.startswith("participatory-planning.toml: step 2: key: must be a short key")


def test_a_technique_listed_twice_is_an_error():
    data = with_step(lambda step: step.update(techniques=["cards", "cluster", "vote", "vote"]))
    assert errors_of(data) == ["participatory-planning.toml: step 2 (challenges): techniques: "
                               "'vote' is listed more than once"]


def test_a_step_without_techniques_is_an_error():
    data = with_step(lambda step: step.update(techniques=[], produces=None, options={}))
    [error] = errors_of(data)
    assert error.startswith("participatory-planning.toml: step 2 (challenges): techniques: "
                            "must be a non-empty list")


def test_an_unknown_result_is_an_error_naming_the_known_ones():
    data = with_step(lambda step: step.update(produces="challenges"))
    [error] = errors_of(data)
    assert error.startswith("participatory-planning.toml: step 2 (challenges): produces: "
                            "unknown result 'challenges'")
    assert ", ".join(KNOWN_RESULTS) in error


def test_a_result_needs_the_technique_it_is_promoted_from():
    data = with_step(lambda step: step.update(techniques=["cards", "vote"]))
    [error] = errors_of(data)
    assert "step 2 (challenges): produces: 'challenge' is promoted from the cluster" in error


def test_an_unknown_step_field_is_an_error():
    data = with_step(lambda step: step.update(minuts=20))
    [error] = errors_of(data)
    assert error.startswith("participatory-planning.toml: step 2 (challenges): minuts: "
                            "unknown field")


def test_a_step_that_is_not_a_table_is_an_error():
    data = valid()
    data["steps"][1] = "challenges"
    assert errors_of(data) == ["participatory-planning.toml: step 2: must be a table ([[steps]])"]


@pytest.mark.parametrize("field", ["title", "description", "steps"])
def test_a_missing_top_level_field_is_an_error(field):
    data = valid()
    del data[field]
    [error] = errors_of(data)
    assert error.startswith(f"participatory-planning.toml: {field}: ")


def test_an_empty_list_of_steps_is_an_error():
    data = valid()
    data["steps"] = []
    assert errors_of(data) == ["participatory-planning.toml: steps: at least one step is "
                               "required ([[steps]] tables)"]


def test_an_unknown_top_level_field_is_an_error():
    data = valid()
    data["version"] = 2
    [error] = errors_of(data)
    assert error.startswith("participatory-planning.toml: version: unknown field")


def test_evenings_must_not_go_back():
    data = valid()
    data["steps"][0]["evening"] = 2
    errors = errors_of(data)
    assert "participatory-planning.toml: step 2 (challenges): evening: must not be earlier " \
           "than the step before it (evening 2)" in errors


def test_evenings_must_not_skip_one():
    data = with_step(lambda step: step.update(evening=3))
    [error] = errors_of(data)
    assert error.startswith("participatory-planning.toml: step 2 (challenges): evening: "
                            "jumps to 3 after evening 1")


def test_the_first_step_is_on_the_first_evening():
    data = valid()
    data["steps"][0]["evening"] = 2
    data["steps"][1]["evening"] = 2
    assert errors_of(data) == ["participatory-planning.toml: step 1 (trends): evening: jumps "
                               "to 2 on the first step; evenings are numbered 1, 2, … "
                               "without gaps"]


def test_reading_back_the_previous_evening_on_the_first_evening_is_an_error():
    data = with_step(lambda step: step.update(techniques=["review"], produces=None,
                                              options={"review": {}}))
    assert errors_of(data) == ["participatory-planning.toml: step 2 (challenges): "
                               "review.source: 'previous_evening' needs the step to be on "
                               "evening 2 or later"]


def test_an_unknown_review_source_is_an_error():
    data = with_step(lambda step: step.update(techniques=["review"], produces=None, evening=2,
                                              options={"review": {"source": "yesterday"}}))
    [error] = errors_of(data)
    assert error.startswith("participatory-planning.toml: step 2 (challenges): review.source: "
                            "must be one of previous_evening, open_actions")


def test_the_matrix_axes_cannot_be_changed():
    data = with_step(lambda step: step.update(techniques=["cards", "cluster", "matrix"],
                                              options={"matrix": {"axes": ["cost", "fun"]}}))
    [error] = errors_of(data)
    assert "step 2 (challenges): matrix.axes: is fixed to ['impact', 'effort']" in error


def test_card_kinds_are_checked_one_by_one():
    kinds = [{"key": "barrier", "label": texts("Barrière", "Barrier"), "color": "crimson"},
             {"key": "barrier", "label": texts("Potentie", "Potential")},
             {"key": "potential", "label": {"nl": "Potentie"}}]
    data = with_step(lambda step: step["options"].update(cards={"kinds": kinds}))
    prefix = "participatory-planning.toml: step 2 (challenges): cards.kinds"
    errors = errors_of(data)
    assert f"{prefix}[1].color: must be one of red, green, blue, yellow, orange, purple, " \
           "teal, grey (got 'crimson')" in errors
    assert f"{prefix}[3].label.en: must be a non-empty text" in errors
    assert len(errors) == 2  # the duplicate key is only judged once the kinds are valid


def test_a_duplicate_card_kind_key_is_an_error():
    kinds = [{"key": "barrier", "label": texts()}, {"key": "barrier", "label": texts()}]
    data = with_step(lambda step: step["options"].update(cards={"kinds": kinds}))
    assert errors_of(data) == ["participatory-planning.toml: step 2 (challenges): "
                               "cards.kinds[2].key: 'barrier' is already used by item 1"]


def test_an_unknown_theme_is_an_error_naming_the_built_in_ones():
    data = with_step(lambda step: step["options"].update(cards={"themes": ["wonen", "weer"]}))
    [error] = errors_of(data)
    assert error.startswith("participatory-planning.toml: step 2 (challenges): "
                            "cards.themes[2]: unknown theme 'weer'")
    assert "cultuur_en_sport" in error


def test_all_mistakes_of_a_file_are_reported_at_once():
    data = valid()
    data["title"] = {"nl": "Avond"}
    data["steps"][0]["minutes"] = 0
    data["steps"][1]["options"]["vote"]["budget"] = 0
    errors = errors_of(data)
    assert errors == [
        "participatory-planning.toml: title.en: must be a non-empty text",
        "participatory-planning.toml: step 1 (trends): minutes: must be a whole number from 1 to 240",
        "participatory-planning.toml: step 2 (challenges): vote.budget: must be a whole number from 1 to 20",
    ]


def test_a_format_error_is_a_value_error_whose_message_lists_every_mistake():
    data = valid()
    data["steps"][0]["minutes"] = 0
    data["steps"][1]["minutes"] = 0
    with pytest.raises(ValueError) as caught:
        parse_format("participatory-planning", data, SOURCE)
    assert len(str(caught.value).splitlines()) == 2


def test_a_slug_that_is_not_lowercase_is_an_error():
    [error] = errors_of(valid(), slug="My Evening")
    assert error.startswith("participatory-planning.toml: slug: 'My Evening'")


# --- files ----------------------------------------------------------------------------

def test_a_toml_syntax_error_becomes_a_format_error_naming_the_file(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('title = { nl = "Avond", en = \n', encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        load_format(path)
    [error] = caught.value.errors
    assert error.startswith("broken.toml: TOML syntax error: ")


def test_the_slug_of_a_loaded_format_is_its_file_name(tmp_path):
    (tmp_path / "one-evening.toml").write_text(
        (SESSIONS / "quick-start.toml").read_text(encoding="utf-8"), encoding="utf-8")
    assert isinstance(load_format(tmp_path / "one-evening.toml"), Format)
    assert load_formats(tmp_path)["one-evening"].slug == "one-evening"


def test_loading_a_folder_reports_the_mistakes_of_every_file_together(tmp_path):
    good = (SESSIONS / "quick-start.toml").read_text(encoding="utf-8")
    (tmp_path / "good.toml").write_text(good, encoding="utf-8")
    (tmp_path / "syntax.toml").write_text("steps = [", encoding="utf-8")
    (tmp_path / "budget.toml").write_text(good.replace("budget = 3", "budget = 99"),
                                          encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        load_formats(tmp_path)
    errors = caught.value.errors
    assert len(errors) == 2
    assert errors[0] == ("budget.toml: step 1 (challenges): vote.budget: "
                         "must be a whole number from 1 to 20")
    assert errors[1].startswith("syntax.toml: TOML syntax error: ")


def test_an_empty_folder_is_an_error(tmp_path):
    with pytest.raises(FormatError, match="no formats found"):
        load_formats(tmp_path)


def test_a_missing_folder_is_an_error(tmp_path):
    with pytest.raises(FormatError, match="is not a folder"):
        load_formats(tmp_path / "nowhere")


# --- documentation --------------------------------------------------------------------

def test_the_format_guide_documents_every_technique_and_option():
    guide = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    for technique, options in OPTIONS.items():
        assert re.search(rf"`{technique}`", guide), technique
        for option in options:
            assert f"`{technique}.{option}`" in guide, f"{technique}.{option}"
    for result in KNOWN_RESULTS:
        assert f"`{result}`" in guide, result


def test_publication_consent_is_off_unless_a_step_asks_for_it():
    data = valid()
    data["steps"][0]["options"] = {"cards": {"publication_consent": True}}
    fmt = parse_format("participatory-planning", data, SOURCE)
    assert fmt.steps[0].options["cards"]["publication_consent"] is True
    assert fmt.steps[1].options["cards"]["publication_consent"] is False
