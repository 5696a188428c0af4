"""No ghosts: every event that removes something, replayed through the browser's own
reducers (static/js/reducers/apply-evening.js, in chromium), leaves each screen equal to a
fresh snapshot.

The events come from the real server (the threading test app) as projector, console and
phone received them; the reducers run in a blank page served from `static/`, as in
`test_reducers.py`. Before the fix a cluster emptied by `cluster_created` or by
`card_withdrawn` stayed on every screen as an empty heading until a reload.
"""
from __future__ import annotations

import pytest

from tests.conftest import Evening, make_app
from tests.e2e.test_reducers import page, static_url  # noqa: F401  (fixtures)

pytestmark = pytest.mark.e2e

REPLAY = """async ([state, events, staff]) => {
  const { applyEvent } = await import("/js/reducers/apply-evening.js");
  const { withCardDefaults } = await import("/js/store.js");
  return events.reduce((s, e) => applyEvent(s, e, { staff }), withCardDefaults(state));
}"""


def whole(state):
    """A snapshot's state as the client reads it (`withCardDefaults`)."""
    defaults = state.get("card_defaults", {})
    return {**state, "cards": [{**defaults, **card} for card in state["cards"]]}


def visible(state):
    """What a screen shows of the clustering: clusters and each card's place."""
    return ({k["id"]: k["name"] for k in state.get("clusters", [])},
            {c["id"]: c["cluster"] for c in state["cards"]})


@pytest.fixture
def hall(tmp_path):
    app = make_app(tmp_path)
    evening = Evening(app)
    console, projector, phone = evening.console(), evening.projector(), evening.phone()
    console.command("open_input")
    starts = {}
    for screen in (console, projector, phone):
        screen.received()  # what came before: the replay starts from this snapshot
        starts[screen] = screen.io.emit("resync", {"since": -1}, callback=True)["snapshot"]
    return app, console, projector, phone, starts


def replayed(page, screen, start, staff=False):  # noqa: F811
    events = sorted(screen.events(), key=lambda e: e["version"])
    versions = [e["version"] for e in events]
    assert versions == list(range(start["version"] + 1, start["version"] + 1 + len(events)))
    return page.evaluate(REPLAY, [start["state"], events, staff])


def assert_equal_to_fresh_snapshots(page, app, evening_screens, starts):  # noqa: F811
    """Each screen's replayed state shows what a reload would show; returns them."""
    states = {}
    for screen, staff in evening_screens:
        states[screen] = replayed(page, screen, starts[screen], staff)
        snapshot = screen.io.emit("resync", {"since": -1}, callback=True)["snapshot"]
        assert visible(states[screen]) == visible(whole(snapshot["state"]))
    return states


def test_clusters_emptied_by_a_new_cluster_or_a_withdrawn_card_leave_every_screen(
        page, hall):  # noqa: F811
    app, console, projector, phone, starts = hall
    card = [phone.command("add_card", {"text": t})["result"]["card_id"]
            for t in ("Te weinig bankjes", "Speeltuin kapot", "Geen bus meer")]
    console.command("create_cluster", {"card_ids": [card[0]], "name": "Bankjes"})
    console.command("create_cluster", {"card_ids": [card[1]], "name": "Spelen"})
    merged = console.command("create_cluster", {"card_ids": card[:2], "name": "Buiten"})
    assert merged["ok"], merged
    single = console.command("create_cluster", {"card_ids": [card[2]], "name": "Bus"})
    assert single["ok"], single
    withdrawn = phone.command("withdraw_card", {"card_id": card[2]})
    assert withdrawn["ok"], withdrawn
    screens = [(console, True), (projector, False), (phone, False)]
    states = assert_equal_to_fresh_snapshots(page, app, screens, starts)
    assert [k["name"] for k in states[projector]["clusters"]] == ["Buiten"]


def test_moves_merges_undo_and_hidden_cards_leave_no_ghost_either(page, hall):  # noqa: F811
    app, console, projector, phone, starts = hall
    card = [phone.command("add_card", {"text": f"kaart {n}"})["result"]["card_id"]
            for n in range(4)]
    a = console.command("create_cluster", {"card_ids": card[:2], "name": "A"})
    b = console.command("create_cluster", {"card_ids": [card[2]], "name": "B"})
    c = console.command("create_cluster", {"card_ids": [card[3]], "name": "C"})
    a, b, c = (x["result"]["cluster_id"] for x in (a, b, c))
    assert console.command("move_card", {"card_id": card[2], "cluster_id": a})["ok"]
    assert console.command("merge_clusters", {"cluster_id": c, "into": a})["ok"]
    assert console.command("undo_clustering")["ok"]
    assert console.command("hide_card", {"card_id": card[0]})["ok"]
    screens = [(console, True), (projector, False), (phone, False)]
    assert_equal_to_fresh_snapshots(page, app, screens, starts)
