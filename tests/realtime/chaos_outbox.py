"""A chaos phone's outbox, kept in a file as the browser keeps it in localStorage, and
the ledger of what all the phones made and were answered, which the checks read
(tests/realtime/chaos_checks.py)."""
from __future__ import annotations

import json
import os
import threading
import uuid
from collections import Counter
from pathlib import Path


def lane_of(entry: dict) -> str | None:
    """As `laneOf` in outbox.js: the item later commands may build on."""
    args = entry["args"]
    for key in ("card_id", "action_id", "plan_id"):
        if args.get(key):
            return f"{key}:{args[key]}"
    return None


class Ledger:
    """What the phones were asked to send and what the server answered, for the checks:
    every op_id the phones made, each answer, and which were answered only after more
    than one send. Shared by all phones (their answers arrive on their own threads)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.made: dict[str, tuple[str, str, dict]] = {}  # op_id -> (phone, name, args)
        self.answers: dict[str, dict] = {}
        self.resent: set[str] = set()
        self.disruptions: Counter[str] = Counter()

    def make(self, phone: str, name: str, args: dict) -> str:
        op_id = uuid.uuid4().hex
        with self.lock:
            self.made[op_id] = (phone, name, args)
        return op_id

    def answer(self, op_id: str, ack: dict, sends: int) -> None:
        with self.lock:
            self.answers[op_id] = ack
            if sends > 1:
                self.resent.add(op_id)

    def count(self, what: str) -> None:
        with self.lock:
            self.disruptions[what] += 1


class Outbox:
    """The phone's durable outbox: a list of `{op_id, name, args, sends}` in a file,
    rewritten whole (and atomically, as a localStorage write is) on every change."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: list[dict] = json.loads(path.read_text()) if path.exists() else []

    def save(self) -> None:
        spare = self.path.with_suffix(".writing")
        spare.write_text(json.dumps(self.entries))
        os.replace(spare, self.path)

    def add(self, entry: dict) -> None:
        self.entries.append(entry)
        self.save()

    def find(self, op_id: str) -> dict | None:
        return next((e for e in self.entries if e["op_id"] == op_id), None)

    def remove(self, op_id: str) -> None:
        self.entries = [e for e in self.entries if e["op_id"] != op_id]
        self.save()
