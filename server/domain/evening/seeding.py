"""Next year's evening starts from this year's evaluation.

The yearly evaluation ends in "new meanings" (nieuwe betekenissen), each tagged as a trend
or a force. The method feeds them back into step 1 (trends) and step 4 (barriers and
potentials) of the next cycle, so a new evening for the same group opens with them as
data cards: visible to the room, clustered and voted on like any other card, and marked
as the facilitator's (origin `data`), never as a resident's. A step that *makes* new
meanings (`feeds = "meanings"`, the evaluation evening's own) is not seeded: it asks for
this year's, and last year's would only be in the way.
"""
from __future__ import annotations

from typing import Any

from ..formats.types import Format
from .nouns import new_card
from .state import WorkshopState

PRODUCES_FOR_KIND = {"trend": "trend", "force": "force"}


def latest_meanings(meanings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The meanings of the most recent year that has any, in the order they were made.
    (Read from the workspace's stored state, so checked rather than trusted.)"""
    years: list[int] = [m["year"] for m in meanings if isinstance(m.get("year"), int)]
    if not years:
        return []
    newest = max(years)
    return [m for m in meanings if m.get("year") == newest]


def seed_meanings(state: WorkshopState, fmt: Format, meanings: list[dict[str, Any]],
                  now_ms: int) -> list[str]:
    """Add `meanings` as data cards to the first step producing their kind; card ids back."""
    first_step: dict[str, int] = {}
    for index, step in enumerate(fmt.steps):
        if step.produces and step.produces not in first_step and step.feeds != "meanings":
            first_step[step.produces] = index
    made = []
    for meaning in meanings:
        at = first_step.get(PRODUCES_FOR_KIND.get(meaning.get("kind") or "", ""))
        text = " ".join(str(meaning.get("text", "")).split())
        if at is None or not text:
            continue
        limit = fmt.steps[at].options.get("cards", {}).get("max_length", 280)
        card = new_card(state.new_id("c"), at, text[:limit], origin="data", created_at=now_ms)
        state.cards[card["id"]] = card
        made.append(card["id"])
    return made
