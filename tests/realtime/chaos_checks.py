"""What a chaos evening must have left, read from the database after it settled.

- the event log is contiguous: versions 1 … the board's version, each once;
- every command a phone made was answered; every accepted one is stored once under its
  op_id with the answer the phone got, and what it changed is in the log exactly once,
  at the version its ack named; a refused one changed nothing and was refused only for
  a reason the evening allows (two residents editing one plan field: `superseded`).

Commands are told apart in the log by their text: every card, action and edit the walk
makes carries a text no other one has.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import create_engine, text

from server.db import normalize_url
from tests.realtime.chaos_outbox import Ledger


class StoredBoard:
    """The board's row, log and processed op_ids, as the database holds them now."""

    def __init__(self, database: str, board_id: int) -> None:
        self.engine = create_engine(normalize_url(database), pool_size=1, max_overflow=0)
        self.board_id = board_id

    def version(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(text("SELECT version FROM boards WHERE id = :b"),
                                {"b": self.board_id}).scalar_one()

    def log(self) -> list[tuple[int, str, dict]]:
        with self.engine.connect() as conn:
            rows = conn.execute(text("SELECT version, name, data FROM board_events "
                                     "WHERE board_id = :b ORDER BY version"),
                                {"b": self.board_id}).all()
        return [(v, name, as_dict(data)) for v, name, data in rows]

    def processed(self) -> list[tuple[str, dict]]:
        with self.engine.connect() as conn:
            rows = conn.execute(text("SELECT op_id, ack FROM processed_commands "
                                     "WHERE board_id = :b"), {"b": self.board_id}).all()
        return [(op_id, as_dict(ack)) for op_id, ack in rows]

    def close(self) -> None:
        self.engine.dispose()


def as_dict(value: object) -> dict:
    return value if isinstance(value, dict) else json.loads(str(value))


def intent_key(name: str, args: dict) -> tuple | None:
    """What a phone's command should leave in the log, as `effect_key` reads it there."""
    if name == "add_card":
        return (name, args["text"])
    if name == "add_action":
        return (name, args["fields"]["what"])
    if name == "update_action":
        return (name, args["action_id"], args["field"], args["value"])
    if name == "update_plan":
        return (name, args["plan_id"], args["field"], args["value"])
    return None  # a ballot: hidden, never logged


def effect_key(name: str, data: dict) -> tuple | None:
    if name == "card_added":
        return ("add_card", data["card"]["text"])
    if name == "action_added":
        return ("add_action", data["action"]["fields"]["what"]["value"])
    if name == "action_updated":
        return ("update_action", data["action_id"], data["field"], data["value"])
    if name == "plan_updated":
        return ("update_plan", data["plan_id"], data["field"], data["value"])
    return None


@dataclass
class Audit:
    version: int = 0
    events: int = 0
    contiguous: bool = False
    commands: int = 0
    acked: int = 0
    refused: Counter[str] = field(default_factory=Counter)
    resent: int = 0
    lost: list[tuple[str, str]] = field(default_factory=list)
    duplicated: list[str] = field(default_factory=list)
    wrong: list[tuple[str, str]] = field(default_factory=list)


def audit(ledger: Ledger, board: StoredBoard,
          allowed_refusals: dict[str, set[str]]) -> Audit:
    version, events, processed = board.version(), board.log(), board.processed()
    found = Audit(version=version, events=len(events), commands=len(ledger.made),
                  resent=len(ledger.resent))
    found.contiguous = [v for v, _, _ in events] == list(range(1, version + 1))
    in_log = Counter(effect_key(name, data) for _, name, data in events)
    at_version = {v: effect_key(name, data) for v, name, data in events}
    stored = Counter(op_id for op_id, _ in processed)
    stored_ack = dict(processed)
    for op_id, (phone, name, args) in ledger.made.items():
        key, ack = intent_key(name, args), ledger.answers.get(op_id)
        if stored[op_id] > 1 or (key is not None and in_log[key] > 1):
            found.duplicated.append(op_id)
        if ack is None:
            found.lost.append((op_id, f"{phone} {name}: never answered"))
        elif ack["ok"]:
            found.acked += 1
            if stored[op_id] == 0 or stored_ack[op_id]["version"] != ack["version"]:
                found.lost.append((op_id, f"{phone} {name}: acked but not stored"))
            elif key is not None and at_version.get(ack["version"]) != key:
                found.lost.append((op_id, f"{phone} {name}: not in the log at its version"))
        else:
            code = ack["error"]["code"]
            found.refused[code] += 1
            if code not in allowed_refusals.get(name, set()):
                found.wrong.append((op_id, f"{phone} {name} refused: {code}"))
            if stored[op_id] or (key is not None and in_log[key]):
                found.wrong.append((op_id, f"{phone} {name} refused, yet it changed the board"))
    return found
