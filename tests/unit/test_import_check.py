"""The check before an import: every problem of a plan document, by code."""
from __future__ import annotations

import copy
import datetime

from server.domain.group.export import export_document
from server.domain.group.import_check import check_document, plan_of
from server.domain.workspace.import_plan import is_empty
from server.domain.workspace.state import WorkspaceState

STATE = {
    "evenings": [{"board_id": 3, "title": "Avond", "taken_over_at": 1}],
    "results": {"r1": {"id": "r1", "type": "strategy", "title": "Koffie", "card_ids": ["c2"],
                       "uses": [], "weakens": []},
                "r4": {"id": "r4", "type": "challenge", "title": "Eenzaam", "card_ids": []}},
    "cards": {"c2": {"id": "c2", "text": "Koffie op dinsdag", "origin": "phone",
                     "author": "p-secret", "author_name": "Henk"}},
    "plans": {"p3": {"id": "p3", "source_id": "r1", "issue_id": "r4", "year": 2027,
                     "fields": {}, "action_ids": ["a5"]}},
    "actions": {"a5": {"id": "a5", "plan_id": "p3", "fields": {},
                       "updates": [{"id": "u7", "did": "x", "by": "F", "at": 1}]}},
    "years": {"2027": {"phase": 1, "evaluation": None}},
    "meanings": {"m6": {"id": "m6", "year": 2027, "text": "Buren", "kind": "trend"}},
    "next_id": 8,
}
NOW = datetime.datetime(2027, 3, 1, 19, 30)


def document():
    return export_document("Raad", STATE, [(1, "evening_taken_over", {
        "evening": {"board_id": 3, "title": "Avond", "taken_over_at": 1}, "results": [],
        "by": "Anna", "at": 1})], NOW)


def codes(doc):
    return [(code, params.get("field") or params.get("id")) for code, params in
            check_document(doc)]


def test_an_export_passes_and_holds_no_author():
    doc = document()
    assert check_document(doc) == []
    assert doc["exported_at"] == "2027-03-01T19:30:00Z"
    assert "author" not in str(doc) and "Henk" not in str(doc)
    assert doc["history"] == [{"version": 1, "name": "evening_taken_over", "at": 1,
                               "by": "Anna", "data": {"evening": {
                                   "board_id": 3, "title": "Avond", "taken_over_at": 1}}}]


def test_schema_and_version_are_checked_first():
    assert codes([]) == [("wrong_type", "document")]
    assert codes({**document(), "schema": "x"}) == [("wrong_schema", None)]
    assert codes({**document(), "version": 2}) == [("wrong_version", None)]
    assert codes({**document(), "version": True}) == [("wrong_version", None)]


def test_missing_parts_wrong_types_and_dangling_links_are_all_named():
    doc = document()
    del doc["workspace"]["meanings"]
    doc["workspace"]["plans"][0]["source_id"] = "r99"
    doc["workspace"]["actions"][0]["plan_id"] = "p98"
    doc["workspace"]["results"][0]["card_ids"] = ["c97"]
    doc["workspace"]["cards"][0]["text"] = 5
    doc["workspace"]["results"][1]["id"] = "r1"
    assert sorted(codes(doc), key=str) == sorted([
        ("missing_field", "workspace.meanings"), ("dangling_id", "plans.p3.source_id"),
        ("dangling_id", "actions.a5.plan_id"), ("dangling_id", "results.r1.card_ids"),
        ("wrong_type", "cards[0].text"), ("duplicate_id", "r1"),
        ("dangling_id", "plans.p3.issue_id")], key=str)  # r4 is gone: renamed to r1


def test_an_action_missing_from_its_plan_is_a_dangling_link():
    doc = document()
    doc["workspace"]["plans"][0]["action_ids"] = []
    assert codes(doc) == [("dangling_id", "plans.p3.action_ids")]


def test_the_plan_keeps_its_ids_and_the_counter_moves_past_them():
    doc = copy.deepcopy(document())
    doc["workspace"]["next_id"] = 2
    plan = plan_of(doc)
    assert list(plan["actions"]) == ["a5"] and plan["next_id"] == 8
    assert is_empty(WorkspaceState()) and not is_empty(WorkspaceState(years={"2027": {}}))


POINTS = {"o9": {"id": "o9", "text": "Hoe zit het met parkeren?", "answer": "Volgende keer",
                 "origin": "phone", "from": {"board_id": 3, "id": "q2"}},
          "o10": {"id": "o10", "text": "", "answer": "", "origin": "phone", "withheld": True,
                  "from": {"board_id": 3, "id": "q4"}}}


def document_with_points(share_progress=False):
    state = {**copy.deepcopy(STATE), "open_points": copy.deepcopy(POINTS),
             "share_progress": share_progress}
    state["cards"]["c2"]["source"] = "Buurtscan 2026"
    return export_document("Raad", state, [], NOW)


def test_open_points_the_sharing_switch_and_a_source_go_out_and_come_back():
    doc = document_with_points()
    space = doc["workspace"]
    assert space["share_progress"] is False
    assert space["open_points"] == list(POINTS.values())
    assert space["cards"][0]["source"] == "Buurtscan 2026"
    assert check_document(doc) == []
    plan = plan_of(doc)
    assert plan["open_points"] == POINTS and plan["share_progress"] is False
    assert plan["cards"]["c2"]["source"] == "Buurtscan 2026"
    assert plan["next_id"] == 11  # past o10
    assert not is_empty(WorkspaceState(open_points=copy.deepcopy(POINTS)))


def test_a_workspace_from_before_the_parking_lot_exports_sharing_on_and_no_points():
    space = document()["workspace"]
    assert space["open_points"] == [] and space["share_progress"] is True


def test_an_older_export_without_open_points_or_the_switch_still_imports():
    doc = document()
    del doc["workspace"]["open_points"], doc["workspace"]["share_progress"]
    assert check_document(doc) == []
    plan = plan_of(doc)
    assert plan["open_points"] == {} and plan["share_progress"] is True


def test_bad_open_points_and_a_bad_switch_are_named():
    doc = document_with_points()
    space = doc["workspace"]
    space["share_progress"] = "ja"
    space["open_points"][0]["origin"] = "Henk"
    space["open_points"][0]["answer"] = 7
    space["open_points"][1]["id"] = "r1"  # an id used by a result
    space["open_points"][1]["withheld"] = "yes"
    space["cards"][0]["source"] = "x" * 161
    assert sorted(codes(doc), key=str) == sorted([
        ("wrong_type", "workspace.share_progress"),
        ("wrong_type", "open_points.o9.origin"), ("wrong_type", "open_points.o9.answer"),
        ("duplicate_id", "r1"), ("wrong_type", "open_points.r1.withheld"),
        ("too_long", "cards[0].source")], key=str)
    space = document_with_points()["workspace"]
    space["open_points"] = {"o9": {}}
    assert codes({**doc, "workspace": space}) == [("wrong_type", "workspace.open_points")]
    space["open_points"] = ["Hoe zit het?"]
    assert codes({**doc, "workspace": space}) == [("wrong_type", "open_points[0]")]
    space["open_points"] = [{"id": "o9", "origin": "phone"}]
    assert codes({**doc, "workspace": space}) == [("missing_field", "open_points.o9.text")]


def test_an_id_with_a_superscript_digit_counts_as_no_number():
    """Found by the fuzz: an id like 'a²' passes str.isdigit() on its digits but not
    int(), and the import failed with a 500; the counter simply does not move for it."""
    doc = copy.deepcopy(document())
    action = doc["workspace"]["actions"][0]
    action["id"] = "a\u00b2"
    doc["workspace"]["plans"][0]["action_ids"] = ["a\u00b2"]

    assert plan_of(doc)["next_id"] >= 2
