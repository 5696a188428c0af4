"""The browser's outbox (static/js/outbox.js) against a stand-in socket, in chromium:
commands on one action (or card) are sent one at a time, in the order they were made,
while commands on different items go out together. A stand-in socket is the right part
here: what is under test is the order of `emit` calls, which a real server cannot show.
"""
from __future__ import annotations

import pytest

from tests.e2e.test_reducers import page, static_url  # noqa: F401 (fixtures)

pytestmark = pytest.mark.e2e

RUN = """async (commands) => {
  const { createOutbox } = await import("/js/outbox.js");
  const sent = [];
  const answers = [];
  const socket = {
    connected: true,
    on() {},
    timeout() {
      return { emit: (event, payload, reply) => { sent.push(payload); answers.push(reply); } };
    },
  };
  const outbox = createOutbox({ socket, boardId: "t", durable: false });
  for (const [name, args] of commands) outbox.enqueue(name, args);
  const order = [sent.map((p) => p.args.value)];
  while (answers.length) {
    answers.shift()(null, { ok: true, version: 1, result: {} });
    order.push(sent.map((p) => p.args.value));
  }
  return order;
}"""


def test_two_edits_of_one_action_go_in_order_and_others_do_not_wait(page):  # noqa: F811
    commands = [
        ["set_action_status", {"action_id": "a1", "status": "bezig", "base": 0, "value": 1}],
        ["set_action_status", {"action_id": "a1", "status": "gereed", "base": 1, "value": 2}],
        ["set_action_status", {"action_id": "a2", "status": "bezig", "base": 0, "value": 3}],
        ["add_card", {"text": "x", "value": 4}],
    ]
    order = page.evaluate(RUN, commands)
    assert order[0] == [1, 3, 4]  # a1's second edit waits for the first's answer
    assert order[1] == [1, 3, 4, 2]
    assert order[-1] == [1, 3, 4, 2]


def test_edits_of_one_plan_go_one_at_a_time_in_the_order_they_were_made(page):  # noqa: F811
    """A phone editing a plan's fields offline: each edit names the one before as its
    base, so an edit that overtook its predecessor would come back `superseded`."""
    commands = [
        ["update_plan", {"plan_id": "p1", "field": "goal", "base": 0, "value": 1}],
        ["update_plan", {"plan_id": "p1", "field": "goal", "base": 1, "value": 2}],
        ["update_plan", {"plan_id": "p1", "field": "goal", "base": 2, "value": 3}],
        ["update_plan", {"plan_id": "p2", "field": "goal", "base": 0, "value": 4}],
    ]
    order = page.evaluate(RUN, commands)
    assert order[0] == [1, 4]
    assert order[1] == [1, 4, 2]
    assert order[-1] == [1, 4, 2, 3]


DROP = """async (maxBytes) => {
  const { createOutbox } = await import("/js/outbox.js");
  const sent = [];
  const results = [];
  const socket = {
    connected: true,
    on() {},
    timeout() { return { emit: (event, payload) => sent.push(payload.args.text) }; },
  };
  const outbox = createOutbox({ socket, boardId: "t", durable: false, maxBytes,
                                onResult: (entry, ack) => results.push([entry.args.text.length, ack]) });
  outbox.enqueue("add_card", { text: "é".repeat(maxBytes / 2) });
  for (const text of ["kort", "twee", "drie", "vier"]) outbox.enqueue("add_card", { text });
  const answer = results.length ? results[0][1] : null;
  return { sent, results, left: outbox.list().length, answer };
}"""


def test_a_command_over_the_cap_is_never_sent_and_answers_payload_too_large(page):  # noqa: F811
    # "é" is two bytes in UTF-8: maxBytes / 2 of them and the command's JSON is over the cap
    out = page.evaluate(DROP, 1000)
    # dropped, it takes none of the four places in flight: the four short cards all go
    assert out["sent"] == ["kort", "twee", "drie", "vier"]
    assert out["answer"]["ok"] is False
    assert out["answer"]["error"]["code"] == "payload_too_large"
    assert [length for length, _ack in out["results"]] == [500]
    assert out["left"] == 4  # only the short cards, waiting for their answers
