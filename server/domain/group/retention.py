"""Removing an evening's raw cards some time after its hand-over (docs/privacy.md).

Pure rules on stored documents: the caller finds the evenings that are due and saves
what these functions return. The group's plan (the workspace) is never touched: its card
texts were copied at the hand-over and belong to the group.

What goes from the evening: the cards in its state (texts, authors' names), every ballot,
the text and names in its `card_added`, `card_unhidden` and `card_edited` events (each
keeps a `redacted: true` marker, and for the process report's counts a card keeps its
id, step and origin), and its participants' display names.
"""
from __future__ import annotations

import copy

DAY_MS = 86_400_000
DEFAULT_DAYS = 90
MAX_DAYS = 3650
CARD_EVENTS = ("card_added", "card_unhidden")
KEPT_CARD_FIELDS = ("id", "step", "origin", "author", "hidden", "kind", "theme", "about",
                    "cluster", "created_at")


def due_evenings(evenings: list[dict], days: int, now_ms: int) -> list[int]:
    """The board ids of the evenings handed over more than `days` days before `now_ms`
    (none when `days` is 0: the group keeps them)."""
    if days <= 0:
        return []
    cutoff = now_ms - days * DAY_MS
    return [e["board_id"] for e in evenings
            if isinstance(e.get("board_id"), int) and isinstance(e.get("taken_over_at"), int)
            and e["taken_over_at"] < cutoff]


def redacted_state(state: dict) -> dict:
    """The evening's stored state without its cards, ballots and undo copies of cards."""
    state = copy.deepcopy(state or {})
    state["cards"] = {}
    state["undo"] = {}
    for vote in (state.get("votes") or {}).values():
        if isinstance(vote, dict):
            vote["ballots"] = {}
    return state


def redacted_event(name: str, data: dict) -> dict | None:
    """The event's data without card text or names, or None when it holds none."""
    if name in CARD_EVENTS:
        card = (data or {}).get("card") or {}
        if card.get("redacted"):
            return None
        kept = {k: card[k] for k in KEPT_CARD_FIELDS if k in card}
        return {**{k: v for k, v in data.items() if k != "card"},
                "card": {**kept, "text": "", "author_name": None, "redacted": True}}
    if name == "card_edited":
        if (data or {}).get("redacted"):
            return None
        return {"card_id": data.get("card_id"), "text": "", "hidden": data.get("hidden", False),
                "redacted": True}
    return None


def retention_days(value: object) -> int:
    """A group's setting from a form: a whole number of days 0–MAX_DAYS, else ValueError."""
    days = int(str(value).strip())
    if not 0 <= days <= MAX_DAYS:
        raise ValueError("retention days out of range")
    return days
