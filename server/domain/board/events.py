"""Events: what happened on a board (past-tense names), and who may see what of it.

An event's `data` is stored in the board's log exactly as produced. What a client
receives is `redact(event, audience)`: a pure function of the stored data, so a replay
after `resync` is byte-for-byte what was broadcast live.

Most events are *logged*: numbered with the board's version and stored. A *volatile*
event (`ballot_cast`) is not: a hidden ballot must leave no trace in the shared log, and
one broadcast per ballot would flood a full hall, so the service hands volatile events
to a coalescing broadcaster (the `tally` message) instead.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

EVENT_NAMES = (
    "card_added",
    "card_edited",
    "card_withdrawn",
    "card_hidden",
    "card_unhidden",
    "input_opened",
    "input_closed",
    "step_changed",
    "timer_started",
    "timer_paused",
    "timer_extended",
    "timer_reset",
    "authors_shown",
    "join_panel_set",
    "focus_set",
    "review_filled",
    "cluster_created",
    "card_moved",
    "cluster_renamed",
    "clusters_merged",
    "cluster_split",
    "clustering_undone",
    "vote_opened",
    "votes_revealed",
    "matrix_placed",
    "equity_set",
    "results_promoted",
    "result_updated",
    "result_removed",
    "plan_created",
    "plan_updated",
    "action_added",
    "action_updated",
    "action_removed",
    "evening_closed",
    "evening_reopened",
    # the parking lot (docs/protocol.md, "Parking lot")
    "item_parked",
    "parked_updated",
    "parked_hidden",
    "parked_unhidden",
    # the resident group's plan workspace (docs/workspace.md)
    "evening_taken_over",
    "action_update_added",
    "year_phase_set",
    "year_evaluated",
    "meaning_added",
    "plan_imported",
    "evening_returned",
    "share_progress_set",
    # the evening's own copy of its format (docs/formats.md)
    "format_adapted",
)
VOLATILE_EVENTS = ("ballot_cast",)

STAFF = "staff"
PUBLIC = "public"


@dataclass(frozen=True)
class Event:
    name: str
    data: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.name not in EVENT_NAMES and self.name not in VOLATILE_EVENTS:
            raise ValueError(f"unregistered event {self.name!r}")

    @property
    def logged(self) -> bool:
        """Whether the event gets a version and a place in the board's log."""
        return self.name not in VOLATILE_EVENTS


@dataclass(frozen=True)
class Outcome:
    """What a rule decided: the events that describe the change, and what the sender
    learns besides the new version: the id of what its command created (`{"card_id":
    "c12"}`), `{}` for a command that made nothing. The rule that made the item names it,
    so no one has to read it back out of the events (docs/protocol.md, the ack)."""

    events: list[Event]
    result: dict[str, str] = field(default_factory=dict)


PHONE = "phone"  # a card's origin: a resident's phone (else "data" or "paper")


def origin_of(card: Mapping[str, Any]) -> str:
    """Where a card came from. A card made before cards kept their origin, in a stored
    state or in the log, has none: it came from a phone. Read here, at the bottom floor,
    because the redaction below, the hand-over copy and the group's export all read it."""
    return card.get("origin", PHONE)


# A card's fields at their most common value. A snapshot leaves these out of each card
# and sends them once (`card_defaults`), which the client puts back: a 1,000-card board's
# snapshot is half the size (docs/protocol.md, "Snapshots"; docs/performance.md).
CARD_DEFAULTS: dict[str, Any] = {"origin": "phone", "kind": None, "theme": None,
                                 "about": None, "cluster": None, "publish": None,
                                 "author_name": None, "source": None, "hidden": False,
                                 "mine": False}


def without_defaults(view: dict) -> dict:
    """A card view without the fields that hold their `CARD_DEFAULTS` value."""
    return {k: v for k, v in view.items()
            if k not in CARD_DEFAULTS or v != CARD_DEFAULTS[k]
            or type(v) is not type(CARD_DEFAULTS[k])}


def public_card(card: Mapping[str, Any], audience: str, show_authors: bool) -> dict:
    """A card as a client sees it: never the author's id, the name only when allowed.
    `card` is a stored card or one from the log (then perhaps from before a field
    existed), so every optional field is read with a default."""
    out = {
        "id": card["id"],
        "step": card["step"],
        "text": card["text"],
        "origin": origin_of(card),
        "kind": card.get("kind"),
        "theme": card.get("theme"),
        "about": card.get("about"),
        "cluster": card.get("cluster"),
        "publish": card.get("publish"),
        "source": card.get("source"),
        "author_name": None,
    }
    if card.get("author_name") and (audience == STAFF or show_authors):
        out["author_name"] = card["author_name"]
    if audience == STAFF:
        out["hidden"] = bool(card.get("hidden"))
    return out


def public_parked(item: Mapping[str, Any], audience: str) -> dict:
    """A parked question or remark as a client sees it: never its author's id (nor a
    name: parked items have none); `hidden` only for the staff, like a card."""
    out = {key: item.get(key) for key in ("id", "step", "text", "origin", "status",
                                           "answer", "publish")}
    if audience == STAFF:
        out["hidden"] = bool(item.get("hidden"))
    return out


def _redact_parked(name: str, data: dict, audience: str) -> dict:
    """A parked item's event: the public learns only the id of a change to a hidden one
    (as a hidden card's edit), so a moderated text never reaches the wall or a phone."""
    item = data["parked"]
    if name == "parked_updated" and audience == PUBLIC and item.get("hidden"):
        return {"parked_id": item["id"]}
    return {"parked": public_parked(item, audience)}


def redact(event: Event, audience: str) -> dict:
    """The part of `event.data` that `audience` may receive.

    Ballots never appear in any event (see `voting`); tallies only in `votes_revealed`,
    which by its nature comes after the reveal. What remains to filter are cards and
    parked items.
    """
    data = event.data
    if event.name in ("item_parked", "parked_updated", "parked_unhidden"):
        return _redact_parked(event.name, data, audience)
    if event.name in ("card_added", "card_unhidden"):
        return {"card": public_card(data["card"], audience, data.get("show_authors", False))}
    if event.name == "card_edited" and audience == PUBLIC and data.get("hidden"):
        return {"card_id": data["card_id"]}
    if event.name == "card_edited":
        return {"card_id": data["card_id"], "text": data["text"]}
    return dict(data)

