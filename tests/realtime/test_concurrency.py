"""Two phones edit the same plan field at the same moment, on the real eventlet server.

Both start from the same version of the field (`base`), both send at once (released
together by a barrier). What docs/protocol.md promises ("Concurrent edits"): one edit
wins, the other is refused with `superseded` and changes nothing; both phones receive
the winner's value with its new `v`, so the refused phone can show it next to its own
text; and its own text, sent again from the new `v`, is taken. Several rounds, so
either phone may come first.
"""
from __future__ import annotations

import functools

from server.i18n.messages import error_ack
from tests.conftest import Evening, make_app, new_op
from tests.realtime.real_server import free_port, join, start_server, stop
from tests.realtime.recorder import Recorder, at_once

ROUNDS = 4
FIELDS = ("goal", "involved", "notes", "owner")


def ok(ack: dict) -> dict:
    assert ack["ok"], ack
    return ack


def evening_with_a_plan(tmp_path, secret: str) -> tuple[Evening, str]:
    """An evening on its action-planning step, input open, with one plan made from a
    challenge the room chose; the evening and the plan's id."""
    evening = Evening(make_app(tmp_path, SECRET_KEY=secret))
    console, phone = evening.console(), evening.phone()
    ok(console.command("go_to_step", {"step": 1}))  # the challenges
    ok(console.command("open_input"))
    card = ok(phone.command("add_card", {"text": "Geen plek om samen te eten"}))
    cluster = ok(console.command("create_cluster", {"card_ids": [card["result"]["card_id"]],
                                                    "name": "Een plek om samen te eten"}))
    ok(console.command("promote_clusters", {"cluster_ids": [cluster["result"]["cluster_id"]]}))
    state = console.io.emit("resync", {"since": -1}, callback=True)["snapshot"]["state"]
    [challenge] = state["results"]
    ok(console.command("go_to_step", {"step": 5}))
    plan = ok(console.command("create_plan", {"source_id": challenge["id"]}))
    ok(console.command("open_input"))
    for screen in (console, phone):
        screen.io.disconnect()
    return evening, plan["result"]["plan_id"]


def field_of(snapshot: dict, plan_id: str, field: str) -> dict:
    return next(p for p in snapshot["state"]["plans"] if p["id"] == plan_id)["fields"][field]


def test_one_edit_of_a_plan_field_wins_and_the_other_is_superseded(tmp_path):
    secret = "plan-race-" + new_op()
    evening, plan_id = evening_with_a_plan(tmp_path, secret)
    port = free_port()
    proc = start_server(tmp_path, secret, port)
    base = f"http://127.0.0.1:{port}"
    phones: list[Recorder] = []
    try:
        phones = [Recorder(base, join(base, evening.code)) for _ in range(2)]
        for n in range(ROUNDS):
            field = FIELDS[n % len(FIELDS)]
            before = phones[0].fresh_snapshot()
            start = field_of(before, plan_id, field)
            texts = [f"Fatima's tekst {n}", f"Karims tekst {n}"]
            edits = [{"plan_id": plan_id, "field": field, "value": text, "base": start["v"]}
                     for text in texts]
            acks = at_once([functools.partial(phone.command, "update_plan", edit)
                            for phone, edit in zip(phones, edits, strict=True)])

            [winner] = [i for i, ack in enumerate(acks) if ack["ok"]]
            loser = 1 - winner
            with evening.app.test_request_context():
                assert acks[loser] == error_ack("superseded", lang="nl")  # in Dutch
            stored = field_of(phones[0].fresh_snapshot(), plan_id, field)
            assert stored == {"value": texts[winner], "v": start["v"] + 1}
            for phone in phones:  # the winner's value reached both, the loser's did not
                phone.wait_for_version(acks[winner]["version"])
                updates = [e["data"] for e in phone.events if e["name"] == "plan_updated"
                           and e["data"]["field"] == field and e["version"] > before["version"]]
                assert updates[-1] == {"plan_id": plan_id, "field": field,
                                       "value": texts[winner], "v": stored["v"]}
                assert texts[loser] not in [u["value"] for u in updates]
            # the refused phone kept its text: sent again on the new version, it is taken
            again = ok(phones[loser].command("update_plan", {
                "plan_id": plan_id, "field": field, "value": texts[loser], "base": stored["v"]}))
            phones[winner].wait_for_version(again["version"])
            assert field_of(phones[winner].fresh_snapshot(), plan_id, field) == {
                "value": texts[loser], "v": stored["v"] + 1}
    finally:
        for phone in phones:
            phone.close()
        output = stop(proc)
    assert "Traceback" not in output, output[-4000:]
