"""The browser's reducers (static/js/reducers/apply-evening.js) and selectors
(static/js/selectors/), run in Debian's chromium: every event of the planning techniques
turns a board state into the next one, without ever changing the old state in place.

The scripts are plain ES modules, so the test serves `static/` from a tiny http.server on
127.0.0.1 and imports them into a blank page. Each input state is deep-frozen first: a
reducer that changed it in place would throw (modules run in strict mode).
"""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

STATIC = Path(__file__).resolve().parents[2] / "static"

REDUCE = """async ([state, name, data, staff]) => {
  const { applyEvent } = await import("/js/reducers/apply-evening.js");
  const freeze = (o) => {
    if (o && typeof o === "object" && !Object.isFrozen(o)) {
      Object.freeze(o);
      Object.values(o).forEach(freeze);
    }
    return o;
  };
  const before = JSON.stringify(state);
  const frozen = freeze(structuredClone(state));
  const after = applyEvent(frozen, { name, data }, { staff });
  if (JSON.stringify(frozen) !== before) throw new Error("the old state changed");
  return after;
}"""

SELECT = """async ([module, fn, args]) => {
  const selectors = await import(`/js/selectors/${module}.js`);
  return selectors[fn](...args);
}"""
# the module of static/js/selectors/ each selector the tests ask lives in
SELECTOR_HOMES = {"joinPanelSize": "steps", "planTotals": "plans", "resultsByType": "results",
                  "earlierResults": "results", "stepClusters": "cards", "voteRanking": "votes",
                  "workspaceReview": "review", "reviewGroups": "review", "votersNow": "votes"}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "text/javascript"}

    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def static_url():
    handler = functools.partial(_QuietHandler, directory=str(STATIC))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def page(browser, static_url):
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(static_url + "/js/reducers/apply-evening.js")
    yield page
    context.close()
    assert errors == []


def reduce(page, state, name, data, staff=False):
    return page.evaluate(REDUCE, [state, name, data, staff])


def select(page, fn, *args):
    return page.evaluate(SELECT, [SELECTOR_HOMES[fn], fn, list(args)])


def card(cid, step=1, cluster=None, **extra):
    return {"id": cid, "step": step, "text": f"text {cid}", "origin": "phone", "kind": None,
            "theme": None, "about": None, "cluster": cluster, "author_name": None, **extra}


def cluster(kid, step=1, name="", **extra):
    return {"id": kid, "step": step, "name": name, "impact": None, "effort": None,
            "equity": {"helps_least_heard": None, "note": ""}, **extra}


def field(value, v=0):
    return {"value": value, "v": v}


@pytest.fixture
def board():
    """A board on step 1 with four cards, two of them in cluster k1."""
    return {
        "step": 1, "input_open": False, "show_authors": False,
        "steps": [{"index": 0}, {"index": 1}],
        "cards": [card("c1", cluster="k1"), card("c2", cluster="k1"), card("c3"), card("c4")],
        "clusters": [cluster("k1", name="Parking")],
        "votes": {}, "focus": None, "results": [],
        "plans": [{"id": "p1", "source_id": "r5", "issue_id": None, "title": "Benches",
                   "fields": {"title": field("Benches"), "owner": field("Council", 2)},
                   "action_ids": ["a1"]}],
        "actions": [{"id": "a1", "plan_id": "p1",
                     "fields": {"what": field("Place a bench", 1), "hours": field(4),
                                "euros": field(120.5), "start": field("2027-03-01"),
                                "due": field("2027-04-01")}}],
    }


@pytest.fixture
def before_planning():
    """A snapshot from before the planning techniques: none of their keys."""
    return {"step": 0, "input_open": True, "show_authors": False, "steps": [{"index": 0}],
            "cards": [{"id": "c1", "step": 0, "text": "old card", "author_name": None}]}


def cards_by_id(state):
    return {c["id"]: c for c in state["cards"]}


# --- cards --------------------------------------------------------------------------


def test_an_added_card_keeps_its_kind_theme_focus_cluster_and_origin(page, board):
    new = card("c9", kind="rising", theme="wonen", about="r7", origin="data")
    after = reduce(page, board, "card_added", {"card": new})
    assert cards_by_id(after)["c9"] == new
    assert len(after["cards"]) == 5


# --- focus --------------------------------------------------------------------------


def test_focus_set_names_the_vision_element_and_null_clears_it(page, board):
    after = reduce(page, board, "focus_set", {"result_id": "r7"})
    assert after["focus"] == "r7"
    assert reduce(page, after, "focus_set", {"result_id": None})["focus"] is None


# --- clustering ---------------------------------------------------------------------


def test_cluster_created_adds_the_cluster_and_moves_its_cards(page, board):
    new = cluster("k2", name="")
    after = reduce(page, board, "cluster_created",
                   {"cluster": new, "cards": {"c3": "k2", "c4": "k2"}})
    assert [k["id"] for k in after["clusters"]] == ["k1", "k2"]
    assert [c["cluster"] for c in after["cards"]] == ["k1", "k1", "k2", "k2"]


def test_cluster_created_drops_the_clusters_its_cards_left_empty(page, board):
    after = reduce(page, board, "cluster_created",
                   {"cluster": cluster("k2", name="All"),
                    "cards": {"c1": "k2", "c2": "k2"}, "removed": ["k1"]})
    assert [k["id"] for k in after["clusters"]] == ["k2"]


def test_a_withdrawn_card_takes_the_cluster_it_emptied_along(page, board):
    board["cards"] = board["cards"][1:]  # k1 holds only c2 now
    after = reduce(page, board, "card_withdrawn", {"card_id": "c2", "removed": ["k1"]})
    assert after["clusters"] == []
    assert "c2" not in cards_by_id(after)
    kept = reduce(page, board, "card_withdrawn", {"card_id": "c3", "removed": []})
    assert [k["id"] for k in kept["clusters"]] == ["k1"]


def test_card_moved_changes_the_card_and_drops_the_emptied_clusters(page, board):
    after = reduce(page, board, "card_moved", {"card_id": "c1", "cluster_id": None, "removed": []})
    assert cards_by_id(after)["c1"]["cluster"] is None
    one_left = reduce(page, after, "card_moved", {"card_id": "c2", "cluster_id": None,
                                                  "removed": ["k1"]})
    assert one_left["clusters"] == []
    assert all(c["cluster"] is None for c in one_left["cards"])


def test_cluster_renamed_changes_only_the_name(page, board):
    after = reduce(page, board, "cluster_renamed", {"cluster_id": "k1", "name": "Parking places"})
    assert after["clusters"] == [{**board["clusters"][0], "name": "Parking places"}]


def test_clusters_merged_removes_the_merged_cluster_and_moves_its_cards(page, board):
    board["clusters"].append(cluster("k2", name="Cars"))
    board["cards"][2]["cluster"] = "k2"
    after = reduce(page, board, "clusters_merged",
                   {"cluster_id": "k2", "into": "k1", "cards": {"c3": "k1"}})
    assert [k["id"] for k in after["clusters"]] == ["k1"]
    assert cards_by_id(after)["c3"]["cluster"] == "k1"


def test_cluster_split_adds_a_cluster_with_the_cards_that_leave(page, board):
    after = reduce(page, board, "cluster_split",
                   {"cluster": cluster("k3", name="Bikes"), "cards": {"c2": "k3"}})
    assert [k["id"] for k in after["clusters"]] == ["k1", "k3"]
    assert cards_by_id(after)["c1"]["cluster"] == "k1"
    assert cards_by_id(after)["c2"]["cluster"] == "k3"


def test_clustering_undone_restores_clusters_and_card_places(page, board):
    after = reduce(page, board, "clustering_undone", {
        "clusters": [cluster("k1", name="Parking (old)"), cluster("k2", name="Back")],
        "removed": [], "cards": {"c2": None, "c3": "k2"}})
    assert [(k["id"], k["name"]) for k in after["clusters"]] == [("k1", "Parking (old)"),
                                                                   ("k2", "Back")]
    assert [c["cluster"] for c in after["cards"]] == ["k1", None, "k2", None]
    gone = reduce(page, after, "clustering_undone",
                  {"clusters": [], "removed": ["k2"], "cards": {"c3": None}})
    assert [k["id"] for k in gone["clusters"]] == ["k1"]


# --- voting ---------------------------------------------------------------------------


def test_join_panel_set_stores_the_facilitators_choice(page, board):
    after = reduce(page, board, "join_panel_set", {"size": "large"})
    assert after["join_panel"] == "large"
    assert select(page, "joinPanelSize", after) == "large"


def test_the_join_panel_is_large_on_the_first_step_and_a_corner_after_it(page, board,
                                                                          before_planning):
    assert select(page, "joinPanelSize", before_planning) == "large"  # no join_panel yet
    assert select(page, "joinPanelSize", {**board, "join_panel": "auto"}) == "small"
    assert select(page, "joinPanelSize", {**board, "step": 0, "join_panel": "small"}) == "small"


def test_vote_opened_starts_a_hidden_round_with_an_empty_ballot(page, board):
    board["votes"] = {"1": {"round": 1, "open": False, "revealed": True, "items": ["k1"],
                            "budget": 3, "max_per_item": 2, "voters": 5, "mine": {"k1": 2},
                            "tallies": {"k1": 9}}}
    after = reduce(page, board, "vote_opened", {"step": 1, "round": 2, "items": ["k1", "c3"],
                                                "budget": 3, "max_per_item": 2})
    assert after["votes"]["1"] == {"round": 2, "open": True, "revealed": False,
                                   "items": ["k1", "c3"], "budget": 3, "max_per_item": 2,
                                   "voters": 0, "mine": {}, "tallies": None}


def test_votes_revealed_closes_the_vote_with_the_tallies(page, board):
    opened = reduce(page, board, "vote_opened", {"step": 1, "round": 1, "items": ["k1", "c3"],
                                                 "budget": 3, "max_per_item": 2})
    after = reduce(page, opened, "votes_revealed",
                   {"step": 1, "round": 1, "tallies": {"k1": 7, "c3": 2}, "voters": 4})
    vote = after["votes"]["1"]
    assert (vote["open"], vote["revealed"], vote["voters"]) == (False, True, 4)
    assert vote["tallies"] == {"k1": 7, "c3": 2}
    assert vote["items"] == ["k1", "c3"] and vote["budget"] == 3


def test_a_reveal_without_an_earlier_vote_opened_still_shows_its_items(page, before_planning):
    after = reduce(page, before_planning, "votes_revealed",
                   {"step": 0, "round": 1, "tallies": {"c1": 3}, "voters": 2})
    assert after["votes"]["0"]["items"] == ["c1"]


# --- matrix and equity ----------------------------------------------------------------


def test_matrix_placed_sets_impact_and_effort(page, board):
    after = reduce(page, board, "matrix_placed", {"cluster_id": "k1", "impact": 5, "effort": 2})
    assert (after["clusters"][0]["impact"], after["clusters"][0]["effort"]) == (5, 2)


def test_equity_set_replaces_the_equity_answer(page, board):
    equity = {"helps_least_heard": True, "note": "Older people alone at home"}
    after = reduce(page, board, "equity_set", {"cluster_id": "k1", "equity": equity})
    assert after["clusters"][0]["equity"] == equity


# --- results ----------------------------------------------------------------------------


def result(rid, step=0, rtype="trend", **extra):
    return {"id": rid, "type": rtype, "step": step, "title": f"title {rid}",
            "cluster_id": "k1", "card_ids": ["c1"], "votes": 3, **extra}


def test_results_promoted_adds_results_and_replaces_known_ones(page, board):
    board["results"] = [result("r1")]
    after = reduce(page, board, "results_promoted",
                   {"results": [result("r1", title="new"), result("r2", direction="rising")]})
    assert [(r["id"], r["title"]) for r in after["results"]] == [("r1", "new"),
                                                                 ("r2", "title r2")]


def test_result_updated_and_removed(page, board):
    board["results"] = [result("r1"), result("r2")]
    updated = reduce(page, board, "result_updated", {"result": result("r2", title="Changed")})
    assert updated["results"][1]["title"] == "Changed"
    removed = reduce(page, updated, "result_removed", {"result_id": "r1"})
    assert [r["id"] for r in removed["results"]] == ["r2"]


# --- plans and actions ------------------------------------------------------------------


def test_plan_created_adds_the_plan(page, board):
    plan = {"id": "p2", "source_id": "r6", "issue_id": "r2", "title": "Garden",
            "fields": {"title": field("Garden")}, "action_ids": []}
    after = reduce(page, board, "plan_created", {"plan": plan})
    assert [p["id"] for p in after["plans"]] == ["p1", "p2"]


def test_plan_updated_sets_the_field_value_and_its_counter(page, board):
    after = reduce(page, board, "plan_updated",
                   {"plan_id": "p1", "field": "owner", "value": "Issue group", "v": 3})
    assert after["plans"][0]["fields"]["owner"] == {"value": "Issue group", "v": 3}
    retitled = reduce(page, after, "plan_updated",
                      {"plan_id": "p1", "field": "title", "value": "Bench plan", "v": 1})
    assert retitled["plans"][0]["title"] == "Bench plan"
    assert retitled["plans"][0]["fields"]["title"] == {"value": "Bench plan", "v": 1}


def test_action_added_joins_its_plan(page, board):
    action = {"id": "a2", "plan_id": "p1", "fields": {"what": field("Ask the council")}}
    after = reduce(page, board, "action_added", {"action": action})
    assert [a["id"] for a in after["actions"]] == ["a1", "a2"]
    assert after["plans"][0]["action_ids"] == ["a1", "a2"]


def test_action_updated_sets_one_field(page, board):
    after = reduce(page, board, "action_updated",
                   {"action_id": "a1", "field": "due", "value": "2027-05-01", "v": 1})
    assert after["actions"][0]["fields"]["due"] == {"value": "2027-05-01", "v": 1}
    assert after["actions"][0]["fields"]["what"] == {"value": "Place a bench", "v": 1}


def test_action_removed_leaves_its_plan(page, board):
    after = reduce(page, board, "action_removed", {"action_id": "a1"})
    assert after["actions"] == []
    assert after["plans"][0]["action_ids"] == []


# --- a review of the group's plans --------------------------------------------------------


def review(what="Brief aan gemeente", status="bezig", at=1_795_000_000_000):
    return {"source": "open_actions", "year": None, "at": at, "total": 1,
            "plans": [{"id": "p3", "title": "Speeltuin opknappen",
                       "actions": [{"id": "a5", "what": what, "owner": "Fatima",
                                    "due": "2026-10-01", "status": status}]}]}


def test_review_filled_puts_the_copy_under_its_step(page, board):
    board["reviews"] = {"0": review(what="old copy")}
    after = reduce(page, board, "review_filled", {"step": 1, "review": review()})
    assert after["reviews"] == {"0": review(what="old copy"), "1": review()}
    again = reduce(page, after, "review_filled",
                   {"step": 1, "review": review(status="gereed", at=1_795_000_060_000)})
    assert again["reviews"]["1"]["plans"][0]["actions"][0]["status"] == "gereed"
    assert again["reviews"]["1"]["at"] == 1_795_000_060_000
    assert again["reviews"]["0"] == review(what="old copy")


# --- older snapshots and unknown events -------------------------------------------------


@pytest.mark.parametrize("name, data", [
    ("focus_set", {"result_id": "r1"}),
    ("cluster_created", {"cluster": {"id": "k1", "step": 0, "name": ""}, "cards": {"c1": "k1"}}),
    ("card_moved", {"card_id": "c1", "cluster_id": None, "removed": []}),
    ("cluster_renamed", {"cluster_id": "k1", "name": "x"}),
    ("clusters_merged", {"cluster_id": "k2", "into": "k1", "cards": {}}),
    ("cluster_split", {"cluster": {"id": "k3", "step": 0, "name": ""}, "cards": {}}),
    ("clustering_undone", {"clusters": [], "removed": ["k1"], "cards": {}}),
    ("vote_opened", {"step": 0, "round": 1, "items": ["c1"], "budget": 3, "max_per_item": 2}),
    ("votes_revealed", {"step": 0, "round": 1, "tallies": {"c1": 1}, "voters": 1}),
    ("matrix_placed", {"cluster_id": "k1", "impact": 1, "effort": 1}),
    ("equity_set", {"cluster_id": "k1", "equity": {"helps_least_heard": False, "note": ""}}),
    ("results_promoted", {"results": [{"id": "r1", "type": "trend", "step": 0}]}),
    ("result_updated", {"result": {"id": "r1", "type": "trend", "step": 0}}),
    ("result_removed", {"result_id": "r1"}),
    ("plan_created", {"plan": {"id": "p1", "fields": {}, "action_ids": []}}),
    ("plan_updated", {"plan_id": "p1", "field": "owner", "value": "x", "v": 1}),
    ("action_added", {"action": {"id": "a1", "plan_id": "p1", "fields": {}}}),
    ("action_updated", {"action_id": "a1", "field": "what", "value": "x", "v": 1}),
    ("action_removed", {"action_id": "a1"}),
    ("review_filled", {"step": 0, "review": {"source": "open_actions", "year": None, "at": 1,
                                             "total": 0, "plans": []}}),
])
def test_every_planning_event_applies_to_a_snapshot_from_before_planning(
        page, before_planning, name, data):
    after = reduce(page, before_planning, name, data)
    assert after["cards"][0]["text"] == "old card"
    assert after["step"] == 0


def test_an_unknown_event_leaves_the_state_as_it_was(page, board):
    assert reduce(page, board, "comet_arrived", {"x": 1}) == board


# --- selectors ----------------------------------------------------------------------------


def test_plan_totals_add_up_time_and_money_and_span_the_dates(page, board):
    board["actions"].append({"id": "a2", "plan_id": "p1", "fields": {
        "what": field("Party"), "hours": field(None), "euros": field(30.25),
        "start": field("2027-02-15"), "due": field("")}})
    board["plans"][0]["action_ids"].append("a2")
    totals = select(page, "planTotals", board, board["plans"][0])
    assert totals == {"actions": 2, "hours": 4, "euros": 150.75,
                      "start": "2027-02-15", "due": "2027-04-01"}


def test_results_by_type_and_the_earlier_steps(page, board):
    board["step"] = 2
    board["results"] = [result("r1", step=0), result("r2", step=1, rtype="challenge"),
                        result("r3", step=2, rtype="vision_element")]
    assert [r["id"] for r in select(page, "resultsByType", board, "challenge")] == ["r2"]
    earlier = select(page, "earlierResults", board)
    assert [(g["step"], g["type"], [r["id"] for r in g["results"]]) for g in earlier] == \
        [(1, "challenge", ["r2"]), (0, "trend", ["r1"])]


def test_clusters_of_the_current_step_and_the_ranking_after_reveal(page, board):
    board["clusters"].append(cluster("k9", step=0, name="Elsewhere"))
    assert [k["id"] for k in select(page, "stepClusters", board)] == ["k1"]
    vote = {"round": 1, "open": False, "revealed": True, "items": ["c3", "k1"],
            "tallies": {"k1": 5, "c3": 2}}
    ranking = select(page, "voteRanking", board, vote)
    assert [(i["id"], i["label"], i["dots"]) for i in ranking] == [("k1", "Parking", 5),
                                                                  ("c3", "text c3", 2)]


def test_a_review_lists_overdue_actions_first_and_done_ones_last(page, board):
    def action(aid, due="", status="bezig"):
        return {"id": aid, "what": aid, "owner": "", "due": due, "status": status}
    board["steps"][1].update(techniques=["review"], options={"review": {"source": "year_actions"}})
    board["reviews"] = {"1": {"source": "year_actions", "year": 2026, "at": 1, "total": 6, "plans": [
        {"id": "p1", "title": "On time", "actions": [action("a1"), action("a2", "2026-12-01")]},
        {"id": "p2", "title": "Late", "actions": [
            action("a3", "2026-01-01", "gereed"), action("a4", "2026-05-01"),
            action("a5", "2026-03-01", "idee"), action("a6", "2026-02-01", "geschrapt")]},
    ]}}
    review = select(page, "workspaceReview", board)
    assert review["year"] == 2026
    groups = select(page, "reviewGroups", review, "2026-06-01")
    assert [(g["id"], [(a["id"], a["overdue"]) for a in g["actions"]]) for g in groups] == [
        ("p2", [("a5", True), ("a4", True), ("a3", False), ("a6", False)]),
        ("p1", [("a2", False), ("a1", False)]),
    ]
    assert select(page, "workspaceReview", board, 0) is None  # no review step
    del board["reviews"]  # not filled yet: an empty copy, not an error
    assert select(page, "workspaceReview", board)["plans"] == []


def test_nothing_is_ranked_before_the_reveal(page, board):
    vote = {"round": 1, "open": True, "revealed": False, "items": ["k1"], "tallies": None}
    assert select(page, "voteRanking", board, vote) == []


KEPT_TALLIES = """async (tallies) => {
  const { createStore } = await import("/js/store.js");
  const store = createStore();
  return tallies.map((tally) => { store.setTally(tally); return store.tally.voters; });
}"""


def test_a_tally_older_than_the_one_shown_is_ignored(page, board):
    """Two server processes each send the tallies of the ballots they took, so a round's
    tallies can arrive out of order; `cast` (ballots accepted so far) tells the newer."""
    def tally(voters, cast, round_=1):
        return {"step": 1, "round": round_, "voters": voters, "cast": cast}
    shown = page.evaluate(KEPT_TALLIES, [tally(3, 3), tally(5, 6), tally(4, 4), tally(4, 7),
                                         tally(1, 1, round_=2)])
    assert shown == [3, 5, 5, 4, 1]  # a withdrawal lowers voters, never cast; a new round
    vote = {"round": 1, "open": True, "revealed": False, "items": ["k1"], "voters": 6,
            "cast": 8}  # a snapshot taken after ballot 8
    assert select(page, "votersNow", vote, tally(5, 7), 1) == 6
    assert select(page, "votersNow", vote, tally(7, 9), 1) == 7
    assert select(page, "votersNow", {**vote, "cast": None}, tally(7, 9), 1) == 7  # older server


def test_an_adapted_format_renumbers_the_items_with_their_steps(page):
    """`format_adapted` with steps skipped and moved: the server renumbered the items with
    their steps (evening/format_changes.py `renumber`); the screens must do the same."""
    state = {"step": 0, "steps": [{"index": i} for i in range(5)],
             "cards": [card("c1", step=0), card("c2", step=2), card("c3", step=4)],
             "clusters": [cluster("k1", step=4)], "results": [], "parked": [],
             "votes": {"0": {"round": 1}}, "reviews": {"1": {"source": "x"}, "3": {"source": "y"}},
             "timer": {"running": False, "remaining_ms": 1, "ends_at": None}}
    steps = [{"index": i, "question": {"nl": f"v{i}", "en": f"q{i}"}} for i in range(3)]
    # step 1 skipped and step 4 put before step 2: the order 0, 4, 2, 3
    after = reduce(page, state, "format_adapted", {
        "change": "adapted", "removed": [1], "moved": {"4": 1},
        "steps": steps, "timer": {"running": False, "remaining_ms": 900_000, "ends_at": None}})
    assert [c["step"] for c in after["cards"]] == [0, 2, 1]
    assert after["clusters"][0]["step"] == 1
    assert after["votes"] == {"0": {"round": 1}} and after["reviews"] == {"3": {"source": "y"}}
    assert after["steps"] == steps and after["timer"]["remaining_ms"] == 900_000
