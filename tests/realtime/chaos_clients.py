"""Phones for the chaos evening: python-socketio clients that speak the documented
protocol (docs/protocol.md) the way `static/js/outbox.js` and `static/js/socket.js` do.

- **Outbox**: every command gets an op_id and is written to the phone's own file (its
  localStorage) before it is sent. Up to 4 in flight, commands on one card, action or
  plan one at a time in the order they were made. What got no answer (the connection
  closed, the server died, no ack within 8 s) is sent again with the same op_id; a
  `rate_limited` or `server_error` answer is retried after a pause; any other answer
  settles the entry. A reload is a new phone object on the same token and file.
- **Board**: the snapshot at connect, events applied only at `version + 1`, a gap (or a
  `version` message ahead of the copy, or an ack's version the copy has not reached
  1.5 s later) answered with `resync`; events that came ahead of a gap wait for it.

Nothing here reconnects by itself: the test's schedule decides when a phone is away.
The phones never read the database: what they know is what the server told them.
"""
from __future__ import annotations

import threading
import time
from pathlib import Path

import socketio as sio_client

from tests.realtime.chaos_board import BoardCopy
from tests.realtime.chaos_outbox import Ledger, Outbox, lane_of

MAX_IN_FLIGHT = 4
ACK_TIMEOUT = 8.0
RETRY_AFTER = 1.0  # outbox.js waits 5 s; the test's evening runs at a faster pace
CATCH_UP_AFTER = 1.5
RETRYABLE = {"rate_limited", "server_error"}


class ChaosPhone:
    """One resident's phone: its token, outbox file and board copy, and at most one
    socket at a time. `on_answer(phone, entry, ack)` hears every settled command."""

    def __init__(self, name: str, token: str, outbox_file: Path, ledger: Ledger,
                 on_answer=None) -> None:
        self.name, self.token, self.ledger, self.on_answer = name, token, ledger, on_answer
        self.outbox = Outbox(outbox_file)
        self.board = BoardCopy()
        self.lock = threading.RLock()
        self.io: sio_client.Client | None = None
        self.in_flight: dict[str, tuple[object, float]] = {}  # op_id -> (attempt, sent at)
        self.retry_at: dict[str, float] = {}
        self.pending: list[dict] = []
        self.resyncing = False
        self.acked_version = (0, 0.0)  # the newest version an ack named, and when

    # the connection

    @property
    def connected(self) -> bool:
        return self.io is not None and self.io.connected

    def connect(self, base: str) -> bool:
        io = sio_client.Client(reconnection=False)
        io.on("snapshot", self._snapshot)
        io.on("event", self._event)
        io.on("version", self._version)
        io.on("disconnect", lambda *reason: self._gone(io))
        with self.lock:
            self.io = io
        try:
            io.connect(base, auth={"token": self.token}, transports=["websocket"],
                       wait_timeout=10)
        except sio_client.exceptions.ConnectionError:
            self._gone(io)
            return False
        return True

    def drop(self) -> None:
        """The Wi-Fi goes: the socket closes, answers on their way are lost."""
        io = self.io
        if io is not None:
            try:
                io.disconnect()
            finally:
                self._gone(io)

    def _gone(self, io: sio_client.Client) -> None:
        # python-engineio leaves the WebSocket's socket open when the server went away
        # without a goodbye (a SIGKILL): close it, or it lingers until the collector
        ws = getattr(io.eio, "ws", None)
        if ws is not None:
            ws.shutdown()
        with self.lock:
            if self.io is io:
                self.io = None
                self.in_flight.clear()  # as outbox.js: send everything again on reconnect
                self.resyncing = False

    # the outbox

    def enqueue(self, name: str, args: dict) -> str:
        op_id = self.ledger.make(self.name, name, args)
        with self.lock:
            self.outbox.add({"op_id": op_id, "name": name, "args": args, "sends": 0})
        return op_id

    def waiting(self) -> int:
        with self.lock:
            return len(self.outbox.entries)

    def flush(self) -> None:
        """Send what is waiting, oldest first, within the in-flight and lane rules."""
        now = time.monotonic()
        with self.lock:
            io = self.io
            if io is None or not io.connected:
                return
            for op_id, (_, sent_at) in list(self.in_flight.items()):
                if now - sent_at > ACK_TIMEOUT:
                    del self.in_flight[op_id]  # no answer: the next round sends it again
            busy: set[str] = set()
            slots = MAX_IN_FLIGHT - len(self.in_flight)
            chosen = []
            for entry in self.outbox.entries:
                lane = lane_of(entry)
                blocked = lane is not None and lane in busy
                if lane is not None:
                    busy.add(lane)
                if blocked or entry["op_id"] in self.in_flight:
                    continue
                if self.retry_at.get(entry["op_id"], 0) > now:
                    continue
                if slots <= 0:
                    break
                slots -= 1
                attempt = object()
                self.in_flight[entry["op_id"]] = (attempt, now)
                entry["sends"] += 1
                chosen.append((entry, attempt))
            if chosen:
                self.outbox.save()
        for entry, attempt in chosen:
            payload = {"op_id": entry["op_id"], "name": entry["name"], "args": entry["args"]}
            try:
                io.emit("command", payload,
                        callback=lambda ack, e=entry, a=attempt: self._answered(e, a, ack))
            except sio_client.exceptions.SocketIOError:
                with self.lock:
                    self.in_flight.pop(entry["op_id"], None)

    def _answered(self, entry: dict, attempt: object, ack: object) -> None:
        op_id = entry["op_id"]
        with self.lock:
            if self.in_flight.get(op_id, (None,))[0] is attempt:
                del self.in_flight[op_id]
            stored = self.outbox.find(op_id)
            if stored is None:
                return  # already answered (a late answer of an earlier send)
            if not isinstance(ack, dict) or not isinstance(ack.get("ok"), bool):
                return
            if not ack["ok"] and ack["error"]["code"] in RETRYABLE:
                self.retry_at[op_id] = time.monotonic() + RETRY_AFTER
                return
            self.outbox.remove(op_id)
            if ack["ok"] and ack["version"] > self.acked_version[0]:
                self.acked_version = (ack["version"], time.monotonic())
        self.ledger.answer(op_id, ack, stored["sends"])
        if self.on_answer:
            self.on_answer(self, stored, ack)

    # the board

    def _snapshot(self, snapshot: dict) -> None:
        with self.lock:
            self.board.replace(snapshot)
            self._drain()

    def _event(self, event: dict) -> None:
        with self.lock:
            if self.board.apply(event) == "gap":
                self.pending.append(event)
                self._request_resync()
            else:
                self._drain()

    def _version(self, data: dict) -> None:
        with self.lock:
            if self.board.version is not None and data["version"] > self.board.version:
                self._request_resync()

    def catch_up(self) -> None:
        """An ack named a version this copy has not reached 1.5 s later: ask for it."""
        with self.lock:
            version, at = self.acked_version
            if self.board.version is not None and self.board.version < version \
                    and time.monotonic() - at > CATCH_UP_AFTER:
                self._request_resync()

    def _drain(self) -> None:
        self.pending.sort(key=lambda e: e["version"])
        while self.pending and self.board.version is not None:
            if self.board.apply(self.pending[0]) == "gap":
                break
            self.pending.pop(0)
        if self.pending:
            self._request_resync()

    def _request_resync(self) -> None:
        io = self.io
        if self.resyncing or self.board.version is None or io is None or not io.connected:
            return
        self.resyncing = True
        try:
            io.emit("resync", {"since": self.board.version},
                    callback=lambda ack: self._resynced(io, ack))
        except sio_client.exceptions.SocketIOError:
            self.resyncing = False

    def _resynced(self, io: sio_client.Client, ack: dict) -> None:
        with self.lock:
            if self.io is not io:
                return
            self.resyncing = False
            if not ack.get("ok"):
                return
            if "snapshot" in ack:
                if self.board.version is None or ack["snapshot"]["version"] >= self.board.version:
                    self.board.replace(ack["snapshot"])
            else:
                for event in ack["events"]:
                    if self.board.apply(event) == "gap":
                        self.pending.append(event)
            self.pending = [e for e in self.pending if e["version"] > self.board.version]
            self._drain()

    def describe(self) -> str:
        """Where this phone stands, for a test that failed to settle."""
        now = time.monotonic()
        with self.lock:
            io = self.io
            return (f"{self.name}: connected {self.connected}, engine.io "
                    f"{getattr(getattr(io, 'eio', None), 'state', None)}, version "
                    f"{self.board.version}, pending {len(self.pending)}, resyncing "
                    f"{self.resyncing}, waiting "
                    f"{[(e['name'], e['sends']) for e in self.outbox.entries]}, in flight "
                    f"{[round(now - at, 1) for _, at in self.in_flight.values()]}, retry in "
                    f"{[round(at - now, 1) for at in self.retry_at.values() if at > now]}")

    def seen(self) -> tuple[int | None, dict]:
        with self.lock:
            return self.board.version, self.board.view
