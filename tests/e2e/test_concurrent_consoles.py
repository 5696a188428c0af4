"""Two consoles of one evening cluster and promote the same cards at the same moment.

A facilitator may run the evening from a laptop and a phone, or two facilitators share
it. Both consoles are python-socketio clients of the real eventlet server (`serve.py`),
released together by a barrier, each sending its commands back to back without waiting
for an answer. The board's lock serialises them: every command is applied whole or
refused with a clear reason (never `server_error`, no traceback in the server's log),
each cluster is promoted once, and what each console built from the events it received,
replayed through the browser's own reducers (static/js/reducers/apply-evening.js, in
chromium), equals a fresh snapshot.
"""
from __future__ import annotations

import pytest

from server.domain.board.actors import FACILITATOR, Actor
from tests.conftest import Evening, make_app, new_op
from tests.e2e.test_reducers import page, static_url  # noqa: F401  (fixtures)
from tests.e2e.test_removals_replay import REPLAY, whole
from tests.realtime.real_server import free_port, start_server, stop
from tests.realtime.recorder import at_once, console

# the evening's core, two consoles racing and a restart: on PostgreSQL too (docs/testing.md)
pytestmark = [pytest.mark.e2e, pytest.mark.both_engines]

ROUNDS = 3
# what two consoles racing on the same cards may be told; anything else is a fault
EXPECTED_REFUSALS = {"already_promoted", "not_found", "bad_value", "too_many_clusters"}


def comparable(state: dict) -> dict:
    """A board as a screen holds it, without what a snapshot stamps at sending."""
    state = whole(state)
    return {k: v for k, v in state.items() if k not in ("server_time", "card_defaults")}


def open_clusters(state: dict) -> list[str]:
    promoted = {r["cluster_id"] for r in state["results"]}
    return [k["id"] for k in state["clusters"]
            if k["step"] == state["step"] and k["id"] not in promoted]


def race(a, b, cards: list[str], n: int) -> list[dict]:
    """One round: both consoles group overlapping cards at once; then both promote the
    same cluster at once, one renames and the other merges another cluster into it, and
    both promote every cluster that was open. Every answer of the round."""
    acks = []
    acks += sum(at_once([
        lambda: a.burst([("create_cluster", {"card_ids": cards[:3], "name": f"Ouderen {n}"}),
                         ("create_cluster", {"card_ids": cards[3:], "name": f"Winkels {n}"})]),
        lambda: b.burst([("create_cluster", {"card_ids": cards[1:4], "name": f"Jongeren {n}"}),
                         ("move_card", {"card_id": cards[0], "cluster_id": None})]),
    ]), [])
    clusters = open_clusters(a.fresh_snapshot()["state"])
    assert clusters, "the first half of the round left no cluster to promote"
    first, last = clusters[0], clusters[-1]
    second = at_once([
        lambda: a.burst([("promote_clusters", {"cluster_ids": [last]}),
                         ("rename_cluster", {"cluster_id": first, "name": f"Samen {n}"}),
                         ("promote_clusters", {"cluster_ids": clusters})]),
        lambda: b.burst([("promote_clusters", {"cluster_ids": [last]}),
                         ("merge_clusters", {"cluster_id": first, "into": last}),
                         ("promote_clusters", {"cluster_ids": clusters})]),
    ])
    # both promoted the same cluster first: one did it, the other is told it is done
    assert sorted(str(s[0].get("error", {}).get("code")) for s in second) == [
        "None", "already_promoted"], second
    return acks + sum(second, [])


def test_two_consoles_racing_on_the_same_cards_end_in_one_state(tmp_path, page):  # noqa: F811
    secret = "race-" + new_op()
    app = make_app(tmp_path, SECRET_KEY=secret)
    evening = Evening(app)
    facilitator = Actor(FACILITATOR, evening.board_id, user_id=evening.user_id)
    app.extensions["weefwerk.service"].handle(evening.board_id, new_op(), "open_input", {},
                                              facilitator)
    port = free_port()
    proc = start_server(tmp_path, secret, port)
    base = f"http://127.0.0.1:{port}"
    a = b = None
    try:
        a, b = console(base, evening.board_id), console(base, evening.board_id)
        acks = []
        for n in range(ROUNDS):
            cards = [a.command("add_paper_card", {"text": f"kaart {n}.{i}", "kind": "rising"})
                     for i in range(5)]
            assert all(c["ok"] for c in cards), cards
            acks += race(a, b, [c["result"]["card_id"] for c in cards], n)
        last = max(ack["version"] for ack in acks if ack["ok"])
        for screen in (a, b):
            screen.wait_for_version(last)
        fresh = a.fresh_snapshot()
    finally:
        for screen in (a, b):
            if screen is not None:
                screen.close()
        output = stop(proc)

    refused = [ack["error"] for ack in acks if not ack["ok"]]
    assert {e["code"] for e in refused} <= EXPECTED_REFUSALS, refused
    assert all(e["message"] for e in refused)  # a sentence for the facilitator, translated
    assert any(ack["ok"] for ack in acks) and refused, "the consoles did not really race"
    assert "Traceback" not in output, output[-4000:]
    accepted = [ack["version"] for ack in acks if ack["ok"]]
    assert len(set(accepted)) == len(accepted)  # one command, one place in the order

    state = fresh["state"]
    promoted = [r["cluster_id"] for r in state["results"]]
    assert len(promoted) == len(set(promoted)), "a cluster was promoted twice"
    for screen in (a, b):
        start = screen.snapshot
        versions = screen.versions()
        assert versions == list(range(start["version"] + 1, fresh["version"] + 1))
        built = page.evaluate(REPLAY, [start["state"], screen.events, True])
        assert comparable(built) == comparable(state)

