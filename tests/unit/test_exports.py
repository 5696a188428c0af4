"""A plan leaves Weefwerk as Markdown, CSV and iCalendar that other software reads right.

The plan comes from a hand-written board state through `provenance.plan_view`, the same
view the plan page shows, with awkward text on purpose: commas, semicolons, quotes, line
breaks, Markdown characters, a spreadsheet formula and long Dutch words with ë and é.
"""
from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from server.domain.plan.exports import (
    actions_csv,
    actions_ics,
    fold,
    ics_escape,
    md_inline,
    plan_markdown,
)
from server.domain.plan.provenance import plan_view

AUTHOR = "Fatima El Amrani"
NOW = datetime(2027, 1, 5, 9, 30, tzinfo=UTC)


def field(value):
    return {"value": value, "v": 1}


STATE = {
    "cards": {
        "c1": {"id": "c1", "step": 1, "text": "Ik zie mijn buren nooit", "origin": "phone",
               "author": "pid-1", "author_name": AUTHOR, "hidden": False},
        "c2": {"id": "c2", "step": 1, "text": "verborgen kaart", "origin": "phone",
               "author": "pid-2", "author_name": "Jan", "hidden": True},
        "c3": {"id": "c3", "step": 4, "text": "Koffie in de school", "origin": "paper",
               "author": None, "author_name": None, "hidden": False},
    },
    "results": {
        "r1": {"id": "r1", "type": "challenge", "step": 1, "title": "Eenzaamheid",
               "card_ids": ["c1", "c2"], "votes": 9, "trends": []},
        "r2": {"id": "r2", "type": "strategy", "step": 4, "title": "Buurtkamer in de school",
               "card_ids": ["c3"], "votes": 12, "weakens": [], "uses": [], "serves": []},
    },
    "plans": {
        "p1": {"id": "p1", "source_id": "r2", "issue_id": "r1", "action_ids": ["a1", "a2", "a3"],
               "fields": {"title": field("Buurtkamer, elke dinsdag"),
                          "owner": field("Bewonersraad Kanaleneiland"),
                          "involved": field("School; welzijn, wijkagent"),
                          "goal": field("Elke dinsdag open *voor iedereen*"),
                          "result_by": field("2027-06-01"),
                          "notes": field("Eerst vragen\n# daarna beslissen")}},
    },
    "actions": {
        "a1": {"id": "a1", "plan_id": "p1", "fields": {
            "what": field("Sleutel regelen, met de school; \"snel\""), "owner": field("Ahmed"),
            "helpers": field("Els"), "partners": field("School"), "start": field("2027-01-10"),
            "due": field("2027-02-01"), "hours": field(6), "euros": field("25.5"),
            "money_source": field("buurtbudget"), "status": field("idee")}},
        "a2": {"id": "a2", "plan_id": "p1", "fields": {
            "what": field("=HYPERLINK(\"http://x\")\nregel twee"), "owner": field(""),
            "start": field(""), "due": field("2027-03-15"), "hours": field(None),
            "euros": field(None), "status": field("gepland")}},
        "a3": {"id": "a3", "plan_id": "p1", "fields": {
            "what": field("Ideeën verzamelen bij de crèche en de bibliotheek, "
                          "met koffie én koekjes voor iedereen die langskomt"),
            "owner": field("Bewonersraad"), "start": field(""), "due": field("")}},
    },
}


@pytest.fixture
def view():
    made = plan_view(STATE, "p1")
    assert made is not None
    return made


TEXTS = {"issue": "Vraagstuk", "owner": "Eigenaar", "involved": "Betrokkenen",
         "goals": "Werkdoelen", "approach": "Plan van aanpak", "timeline": "Tijdspad",
         "budget": "Begroting", "plan": "Projectplan", "status_idee": "idee (nieuw)"}


# --- Markdown ----------------------------------------------------------------------

def test_markdown_has_every_field_of_the_seed_under_the_given_labels(view):
    text = plan_markdown(view, TEXTS, board_title="Bewonersavond", group="Kanaleneiland")
    for heading in ("# Buurtkamer, elke dinsdag", "## Vraagstuk", "## Eigenaar",
                    "## Betrokkenen", "## Werkdoelen", "## Plan van aanpak", "## Tijdspad",
                    "## Begroting"):
        assert heading + "\n" in text
    for content in ("Eenzaamheid", "Bewonersraad Kanaleneiland", "School; welzijn, wijkagent",
                    "Elke dinsdag open \\*voor iedereen\\*", "2027-06-01", "Ahmed", "Els",
                    "2027-01-10", "2027-02-01", "buurtbudget", "idee (nieuw)",
                    "€ 25.50", "Buurtkamer in de school", "Ik zie mijn buren nooit",
                    "Koffie in de school", "Eerst vragen  \n\\# daarna beslissen"):
        assert content in text, content


def test_markdown_has_no_author_name_and_no_hidden_card(view):
    text = plan_markdown(view, TEXTS)
    assert AUTHOR not in text and "Jan" not in text and "verborgen" not in text


def test_markdown_uses_the_callers_date_and_money_formatting(view):
    text = plan_markdown(view, day=lambda d: f"dag {d}" if d else "", money=lambda m: f"EUR{m}")
    assert "dag 2027-06-01" in text and "EUR25.50" in text


def test_user_text_cannot_make_markdown_structure():
    assert md_inline("# kop") == "\\# kop"
    assert md_inline("1. lijst") == "1\\. lijst"
    assert md_inline("- punt") == "\\- punt"
    assert md_inline("[link](x) <b>") == "\\[link\\](x) \\<b\\>"
    assert md_inline("twee\nregels") == "twee regels"


# --- CSV ---------------------------------------------------------------------------

def test_csv_has_a_header_and_one_row_per_action_and_parses_back(view):
    text = actions_csv(view, TEXTS)
    assert text.endswith("\r\n") and "\r\n" in text.split("\r\n", 1)[0] + "\r\n"
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 1 + 3
    header, first, second, third = rows
    assert header[:3] == ["Projectplan", "What", "Eigenaar"]
    assert first[:3] == ["Buurtkamer, elke dinsdag", "Sleutel regelen, met de school; \"snel\"",
                         "Ahmed"]
    assert first[5:11] == ["2027-01-10", "2027-02-01", "6", "25.50", "buurtbudget",
                           "idee (nieuw)"]
    assert second[1] == "'=HYPERLINK(\"http://x\")\nregel twee"   # not run as a formula
    assert third[6:9] == ["", "", ""]
    assert all(len(row) == len(header) for row in rows)


def test_every_csv_cell_is_quoted_and_a_formula_after_a_semicolon_is_neutralised():
    state = {**STATE, "actions": {**STATE["actions"], "a1": {"id": "a1", "plan_id": "p1",
             "fields": {**STATE["actions"]["a1"]["fields"],
                        "what": field("Koffie; =1+1"), "owner": field("Ans;@SUM(A1)"),
                        "helpers": field("Els; -2+3;+cmd")}}}}
    text = actions_csv(plan_view(state, "p1"), TEXTS)
    line = text.split("\r\n")[1]
    # Dutch Excel splits on ";" and ignores the quotes: each part must be safe on its own
    parts = line.split(";")
    assert all(not p.lstrip(' "').startswith(("=", "+", "-", "@")) for p in parts), parts
    first = list(csv.reader(io.StringIO(text, newline="")))[1]
    assert first[1:4] == ["Koffie; '=1+1", "Ans;'@SUM(A1)", "Els; '-2+3;'+cmd"]
    assert ",," not in text and '"2027-01-10","2027-02-01","6","25.50"' in text
    assert all(row.startswith('"') and row.endswith('"') for row in text.split("\r\n")[:2])


def test_a_right_to_left_override_is_taken_out_of_every_export(view):
    state = {**STATE, "plans": {"p1": {**STATE["plans"]["p1"], "fields": {
        **STATE["plans"]["p1"]["fields"], "title": field("Buurt\u202etfel\u2066 kamer")}}}}
    rtl = plan_view(state, "p1")
    for text in (actions_csv(rtl), actions_ics(rtl, 1, NOW), plan_markdown(rtl)):
        assert "\u202e" not in text and "\u2066" not in text
        assert "Buurttfel kamer" in text.replace("\\", "")


# --- iCalendar ---------------------------------------------------------------------

def test_ics_escapes_backslash_semicolon_comma_and_newlines():
    assert ics_escape('a\\b;c,d\ne\r\nf') == "a\\\\b\\;c\\,d\\ne\\nf"


def test_fold_keeps_lines_within_75_octets_and_never_splits_a_character():
    line = "DESCRIPTION:" + "é" * 100
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(pieces)) == line
    assert fold("SHORT:x") == "SHORT:x"


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_ics_has_one_all_day_event_per_due_date(view):
    text = actions_ics(view, board_id=12, now=NOW, texts=TEXTS, domain="example.org")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = unfold(text)
    assert "VERSION:2.0" in lines and any(x.startswith("PRODID:") for x in lines)
    assert lines.count("BEGIN:VEVENT") == 2              # a3 has no due date
    assert "UID:weefwerk-12-a1@example.org" in lines
    assert "DTSTAMP:20270105T093000Z" in lines
    assert "DTSTART;VALUE=DATE:20270201" in lines and "DTEND;VALUE=DATE:20270202" in lines
    assert "SUMMARY:Sleutel regelen\\, met de school\\; \"snel\"" in lines
    assert "DESCRIPTION:Eigenaar: Ahmed\\nProjectplan: Buurtkamer\\, elke dinsdag" in lines
    assert "SUMMARY:=HYPERLINK(\"http://x\")\\nregel twee" in lines
    assert all(len(x.encode("utf-8")) <= 75 for x in text.split("\r\n"))


def test_ics_uids_are_stable_between_exports(view):
    later = datetime(2027, 2, 1, tzinfo=UTC)
    uids = [[x for x in unfold(actions_ics(view, 12, at)) if x.startswith("UID:")]
            for at in (NOW, later)]
    assert uids[0] == uids[1] and len(set(uids[0])) == 2


def test_no_export_holds_an_author_name(view):
    for text in (actions_csv(view), actions_ics(view, 1, NOW), plan_markdown(view)):
        assert AUTHOR not in text and "pid-1" not in text
