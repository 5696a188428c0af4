"""A lossy bus, simulated: a phone drops every third event it receives from the real
server, on purpose, before it looks at it. It keeps its board the way
static/js/socket.js does: an event is applied only at `version + 1`, one further on
waits, and the gap is filled by `resync {since}`. It ends with the board a fresh
snapshot shows. After its own command's ack it checks that it reached that version
(the script's `catchUp`), so the loss of the last event of a quiet moment is repaired
too; with several server processes the `version` beat does that for every screen
(tests/realtime/test_redis_restart.py).
"""
from __future__ import annotations

import queue

import socketio as sio_client

from tests.conftest import new_op
from tests.realtime.real_server import join, open_evening, stop
from tests.realtime.recorder import ANSWER_SECONDS, Recorder

DROP_EVERY = 3
ROUNDS = 4


class LossyPhone:
    """A phone whose receive path loses every `DROP_EVERY`-th event. What the socket
    receives queues up in its thread and is handled in the test's thread, which may
    wait for a `resync` answer (python-socketio cannot inside its own handler)."""

    def __init__(self, base: str, token: str) -> None:
        self.inbox: queue.Queue = queue.Queue()
        self.arrived = 0
        self.dropped: list[int] = []
        self.resyncs = 0
        self.version: int | None = None
        self.cards: dict[str, str] = {}
        self.pending: list[dict] = []
        self.io = sio_client.Client(reconnection=False)
        self.io.on("snapshot", lambda snapshot: self.inbox.put(("snapshot", snapshot)))
        self.io.on("event", lambda event: self.inbox.put(("event", event)))
        self.io.connect(base, auth={"token": token}, transports=["websocket"], wait_timeout=10)

    # --- the receive path, with the loss ---------------------------------------------

    def handle_inbox(self, seconds: float = 0.15) -> None:
        """Take what arrived until the socket has been quiet for `seconds`."""
        while True:
            try:
                kind, message = self.inbox.get(timeout=seconds)
            except queue.Empty:
                return
            if kind == "snapshot":
                self.replace(message)
                continue
            self.arrived += 1
            if self.arrived % DROP_EVERY == 0:
                self.dropped.append(message["version"])  # lost on the way
                continue
            self.receive(message)

    # --- what static/js/socket.js and store.js do -------------------------------------

    def replace(self, snapshot: dict) -> None:
        self.version = snapshot["version"]
        self.cards = {c["id"]: c["text"] for c in snapshot["state"]["cards"]}
        self.pending = [e for e in self.pending if e["version"] > self.version]

    def apply(self, event: dict) -> str:
        if self.version is None or event["version"] <= self.version:
            return "old"
        if event["version"] > self.version + 1:
            return "gap"
        data = event["data"]
        if event["name"] == "card_added":
            self.cards[data["card"]["id"]] = data["card"]["text"]
        elif event["name"] == "card_edited":
            self.cards[data["card_id"]] = data["text"]
        elif event["name"] == "card_withdrawn":
            self.cards.pop(data["card_id"], None)
        self.version = event["version"]
        return "applied"

    def receive(self, event: dict) -> None:
        if self.apply(event) == "gap":
            self.pending.append(event)
            self.resync()
        else:
            self.drain()

    def drain(self) -> None:
        self.pending.sort(key=lambda e: e["version"])
        while self.pending and self.apply(self.pending[0]) != "gap":
            self.pending.pop(0)

    def resync(self) -> None:
        self.resyncs += 1
        ack = self.io.call("resync", {"since": self.version}, timeout=ANSWER_SECONDS)
        assert ack["ok"], ack
        if "snapshot" in ack:
            self.replace(ack["snapshot"])
        else:
            for event in ack["events"]:
                if self.apply(event) == "gap":
                    self.pending.append(event)
        self.drain()
        self.pending = [e for e in self.pending if e["version"] > self.version]

    def command(self, name: str, args: dict) -> dict:
        """Send, then check the ack's version arrived (the script's `catchUp`)."""
        ack = self.io.call("command", {"op_id": new_op(), "name": name, "args": args},
                           timeout=ANSWER_SECONDS)
        assert ack["ok"], ack
        self.handle_inbox()
        if self.version < ack["version"]:
            self.resync()
        return ack


def test_a_phone_that_loses_events_sees_the_gaps_and_ends_on_the_snapshot(tmp_path):
    evening, proc, base = open_evening(tmp_path, "lossy")
    phone = other = None
    try:
        phone = LossyPhone(base, join(base, evening.code))
        other = Recorder(base, join(base, evening.code))
        mine = []
        for n in range(ROUNDS):
            for text in (f"buurman {n}a", f"buurman {n}b"):
                card = other.command("add_card", {"text": text})
                assert card["ok"], card
            if n % 2:
                edited = other.command("edit_card", {"card_id": card["result"]["card_id"],
                                                     "text": f"buurman {n}b, beter"})
                assert edited["ok"], edited
            phone.handle_inbox()
            mine.append(phone.command("add_card", {"text": f"mijn kaart {n}"}))
        withdrawn = other.command("withdraw_card", {"card_id": card["result"]["card_id"]})
        assert withdrawn["ok"], withdrawn
        # the last event of the evening so far came to this phone, or was lost on the way:
        # the phone's own last command shows where the board is
        last = phone.command("add_card", {"text": "nog eentje"})
        fresh = other.fresh_snapshot()
    finally:
        for screen in (phone, other):
            if screen is not None:
                screen.io.disconnect()
        output = stop(proc)

    assert phone.dropped, "no event was lost: the test did not test the loss"
    assert phone.resyncs >= 1  # each loss seen as a gap, or after its own ack
    assert phone.version == fresh["version"] == last["version"]
    assert phone.cards == {c["id"]: c["text"] for c in fresh["state"]["cards"]}
    assert len(phone.cards) == 2 * ROUNDS - 1 + ROUNDS + 1
    assert "Traceback" not in output, output[-4000:]
