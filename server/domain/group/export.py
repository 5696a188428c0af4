"""The group's plan as a document it can take elsewhere (docs/export.md).

Pure: the caller reads the workspace's stored state and its event log; this module picks
what goes in. The document holds the plan the group owns (results, card texts, plans,
actions with their updates, years, meanings) and the history of who changed what and
when, the plan's open points (parked on an evening for later) and the group's switch
for sharing progress with the residents. Never in it: passcode hashes, participant ids,
authors of an evening's cards, ballots, or which facilitator account did what (only the
display name in `by`).
"""
from __future__ import annotations

import copy
import datetime

from ..board.events import origin_of

SCHEMA = "weefwerk.group-plan"
VERSION = 1
# per event: the fields of its data that go into `history[].data`; the rest is in the state
BULKY = {"evening_taken_over": ("evening",), "plan_imported": ("imported", "history")}
STAMP = ("by", "at")


def _card(card: dict) -> dict:
    """A card's text and origin only (and where it was copied from); a data card's
    source, the figure's origin, goes along with it."""
    kept = {"id": card.get("id"), "text": card.get("text", ""),
            "origin": origin_of(card)}
    if card.get("withheld") is True:
        kept["text"], kept["withheld"] = "", True
    if card.get("source"):
        kept["source"] = card["source"]
    if "from" in card:
        kept["from"] = copy.deepcopy(card["from"])
    return kept


def _open_point(point: dict) -> dict:
    """An open point as the workspace keeps it: text, answer, origin (never a name)."""
    kept = {"id": point.get("id"), "text": point.get("text", ""),
            "answer": point.get("answer", ""), "origin": point.get("origin", "phone")}
    if point.get("withheld") is True:
        kept["text"], kept["withheld"] = "", True
    if "from" in point:
        kept["from"] = copy.deepcopy(point["from"])
    return kept


def _evening(evening: dict) -> dict:
    return {k: evening[k] for k in ("board_id", "title", "taken_over_at") if k in evening}


def history_line(version: int, name: str, data: dict) -> dict:
    """One entry of the log: its version, name, when and by whom, and what changed."""
    data = data or {}
    keep = BULKY.get(name)
    rest = {k: v for k, v in data.items() if k not in STAMP and (keep is None or k in keep)}
    if name == "evening_taken_over" and isinstance(rest.get("evening"), dict):
        rest["evening"] = _evening(rest["evening"])
    return {"version": version, "name": name, "at": data.get("at"), "by": data.get("by"),
            "data": copy.deepcopy(rest)}


def export_document(group_name: str, state: dict | None,
                    history: list[tuple[int, str, dict]], now: datetime.datetime) -> dict:
    """The versioned document `{schema, version, exported_at, group, workspace, history}`.

    `state` is the workspace board's stored state (None when the group has no workspace
    yet: the document then has an empty plan); `history` the board's whole event log as
    `(version, name, data)`, oldest first.
    """
    state = state or {}

    def items(name: str) -> list[dict]:
        return copy.deepcopy(list((state.get(name) or {}).values()))

    return {
        "schema": SCHEMA,
        "version": VERSION,
        "exported_at": now.replace(microsecond=0).isoformat() + "Z"
        if now.tzinfo is None else now.isoformat(),
        "group": {"name": group_name},
        "workspace": {
            "evenings": [_evening(e) for e in state.get("evenings") or []],
            "results": items("results"),
            "cards": [_card(c) for c in (state.get("cards") or {}).values()],
            "plans": items("plans"),
            "actions": items("actions"),
            "years": copy.deepcopy(state.get("years") or {}),
            "meanings": items("meanings"),
            "open_points": [_open_point(p) for p in (state.get("open_points") or {}).values()],
            "share_progress": state.get("share_progress", True) is not False,
            "next_id": state.get("next_id", 1),
        },
        "history": [history_line(v, n, d) for v, n, d in history],
    }
