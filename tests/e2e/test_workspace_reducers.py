"""The plan workspace's reducers (static/js/reducers/apply-workspace.js) and its overdue
rule (static/js/selectors/workspace.js), run in chromium on deep-frozen states: every
workspace event turns a state into the next one, never changing the old one in place, and
every applied event joins the history as the server's snapshot would list it."""
from __future__ import annotations

import pytest

from tests.e2e.test_reducers import page, static_url  # noqa: F401  (fixtures)

pytestmark = pytest.mark.e2e

REDUCE = """async ([state, version, name, data]) => {
  const { applyWorkspaceEvent } = await import("/js/reducers/apply-workspace.js");
  const freeze = (o) => {
    if (o && typeof o === "object" && !Object.isFrozen(o)) {
      Object.freeze(o);
      Object.values(o).forEach(freeze);
    }
    return o;
  };
  const frozen = freeze(structuredClone(state));
  return applyWorkspaceEvent(frozen, { version, name, data });
}"""

OVERDUE = """async ([action, status, today]) => {
  const { isOverdue } = await import("/js/selectors/workspace.js");
  return isOverdue(action, status, today);
}"""


def field(value, v=0):
    return {"value": value, "v": v}


@pytest.fixture
def space():
    return {
        "group": {"id": 3, "name": "Bewonersraad"}, "evenings": [], "results": [], "cards": [],
        "plans": [{"id": "p1", "source_id": None, "issue_id": None, "year": None,
                   "fields": {"title": field("Koffieochtend")}, "action_ids": ["a2"]}],
        "actions": [{"id": "a2", "plan_id": "p1", "updates": [],
                     "fields": {"what": field("Sleutel"), "status": field("idee"),
                                "due": field("2020-03-01")}}],
        "years": {}, "meanings": [], "history": [],
    }


def reduce(page, state, version, name, data):  # noqa: F811
    return page.evaluate(REDUCE, [state, version, name, data])


def test_a_hand_over_adds_everything_and_a_short_history_line(page, space):  # noqa: F811
    data = {"evening": {"board_id": 12, "title": "Maart", "taken_over_at": 5},
            "results": [{"id": "r9", "type": "strategy", "title": "Buurtkamer"}],
            "cards": [{"id": "c8", "text": "Koffie", "origin": "phone"}],
            "plans": [{"id": "p10", "fields": {}, "action_ids": []}], "actions": [],
            "by": "Anna", "at": 5}
    after = reduce(page, space, 1, "evening_taken_over", data)
    assert [p["id"] for p in after["plans"]] == ["p1", "p10"]
    assert after["results"][0]["title"] == "Buurtkamer" and after["evenings"][0]["title"] == "Maart"
    assert after["history"] == [{"version": 1, "name": "evening_taken_over",
                                 "data": {"evening": data["evening"], "by": "Anna", "at": 5}}]


def test_status_updates_years_and_meanings(page, space):  # noqa: F811
    s = reduce(page, space, 2, "action_updated", {"action_id": "a2", "field": "status",
                                                   "value": "bezig", "v": 1, "by": "F", "at": 1})
    assert s["actions"][0]["fields"]["status"] == field("bezig", 1)
    update = {"id": "u3", "did": "Gebeld", "brought": "", "learned": "", "by": "H", "at": 2}
    s = reduce(page, s, 3, "action_update_added", {"action_id": "a2", "update": update})
    s = reduce(page, s, 3, "action_update_added", {"action_id": "a2", "update": update})
    assert s["actions"][0]["updates"] == [update]  # the same update once, even when resent
    s = reduce(page, s, 4, "plan_updated", {"plan_id": "p1", "field": "year", "value": 2028,
                                            "v": None})
    assert s["plans"][0]["year"] == 2028 and "year" not in s["plans"][0]["fields"]
    s = reduce(page, s, 5, "year_phase_set", {"year": 2028, "phase": 2})
    s = reduce(page, s, 6, "year_evaluated", {"year": 2028, "evaluation": {"did": "x"}})
    assert s["years"]["2028"] == {"phase": 2, "evaluation": {"did": "x"}}
    s = reduce(page, s, 7, "meaning_added", {"meaning": {"id": "m4", "year": 2028,
                                                         "text": "Jongeren", "kind": "force"}})
    assert s["meanings"][0]["kind"] == "force"
    s = reduce(page, s, 8, "action_added", {"action": {"id": "a5", "plan_id": "p1",
                                                       "fields": {}}})
    assert s["actions"][-1]["updates"] == [] and s["plans"][0]["action_ids"] == ["a2", "a5"]
    assert [h["version"] for h in s["history"]] == [2, 3, 3, 4, 5, 6, 7, 8]


@pytest.mark.parametrize("due, status, today, late", [
    ("2020-03-01", "bezig", "2020-03-02", True),
    ("2020-03-01", "idee", "2020-03-01", False),  # due today is not late yet
    ("2020-03-01", "gereed", "2021-01-01", False),
    ("2020-03-01", "geschrapt", "2021-01-01", False),
    ("2020-03-01", "vastgelopen", "2021-01-01", True),
    ("", "bezig", "2021-01-01", False),
])
def test_an_action_is_overdue_when_its_date_passed_and_it_is_not_finished(
        page, due, status, today, late):  # noqa: F811
    action = {"fields": {"due": field(due), "status": field(status)}}
    assert page.evaluate(OVERDUE, [action, status, today]) is late


def test_a_hand_over_taken_back_removes_what_the_evening_brought(page, space):  # noqa: F811
    taken = {"evening": {"board_id": 12, "title": "Maart", "taken_over_at": 5},
             "results": [{"id": "r9", "type": "strategy", "title": "Buurtkamer"}],
             "cards": [], "plans": [{"id": "p10", "fields": {}, "action_ids": ["a11"]}],
             "actions": [{"id": "a11", "plan_id": "p10", "fields": {}, "updates": []}],
             "meanings": [{"id": "m12", "year": 2027, "text": "x", "kind": "trend"}],
             "years": {"2027": {"phase": None, "evaluation": {"did": "y"}}},
             "by": "Anna", "at": 5}
    handed = reduce(page, space, 1, "evening_taken_over", taken)
    data = {"evening": {"board_id": 12, "title": "Maart"},
            "removed": {"results": ["r9"], "cards": [], "plans": ["p10"], "actions": ["a11"],
                        "meanings": ["m12"]},
            "years": {"2027": None}, "by": "Anna", "at": 6}
    after = reduce(page, handed, 2, "evening_returned", data)
    assert [p["id"] for p in after["plans"]] == ["p1"]  # the group's own plan stays
    assert [a["id"] for a in after["actions"]] == ["a2"]
    assert after["results"] == [] and after["meanings"] == [] and after["evenings"] == []
    assert after["years"] == {}
    assert after["history"][-1] == {"version": 2, "name": "evening_returned", "data": {
        "evening": data["evening"], "by": "Anna", "at": 6}}


def test_the_groups_sharing_switch_is_kept_and_joins_the_history(page, space):  # noqa: F811
    after = reduce(page, {**space, "share_progress": True}, 4, "share_progress_set",
                   {"on": False, "by": "Fatima", "at": 9})
    assert after["share_progress"] is False
    assert after["history"] == [{"version": 4, "name": "share_progress_set",
                                 "data": {"on": False, "by": "Fatima", "at": 9}}]
    again = reduce(page, after, 5, "share_progress_set", {"on": True, "by": "Fatima", "at": 10})
    assert again["share_progress"] is True


def test_an_import_brings_its_open_points_and_sharing_switch(page, space):  # noqa: F811
    point = {"id": "o4", "text": "Wie heeft de sleutel?", "answer": "", "origin": "phone"}
    data = {"imported": {"schema": "weefwerk.group-plan", "version": 1}, "evenings": [],
            "results": [], "cards": [], "plans": [], "actions": [], "years": {},
            "meanings": [], "open_points": [point], "share_progress": False, "history": [],
            "by": "Ans", "at": 7}
    after = reduce(page, {**space, "open_points": [], "share_progress": True}, 1,
                   "plan_imported", data)
    assert after["open_points"] == [point] and after["share_progress"] is False
    older = {k: v for k, v in data.items() if k not in ("open_points", "share_progress")}
    after = reduce(page, {**space, "open_points": [point], "share_progress": False}, 1,
                   "plan_imported", older)  # an older server's event: the defaults
    assert after["open_points"] == [] and after["share_progress"] is True
