"""The state of one board, as the rules change it and the store keeps it (a JSON document).

Everything is kept in dicts keyed by id, in creation order, because Python dicts keep
insertion order and JSON round-trips them: the snapshot lists follow that order without
a separate sort key. Old boards saved before a field existed must still load, so every
field has a default and `from_dict` maps the one renamed field (`next_card`).
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import ClassVar

from ..formats.types import Format
from ..plan.nouns import Action, Plan
from .nouns import Card, Cluster, HandedOver, Parked, Result, Review, UndoEntry, Vote


@dataclass
class Timer:
    """The step's time box: either running towards `ends_at` or paused with time left."""

    running: bool = False
    remaining_ms: int = 0
    ends_at: int | None = None

    def left(self, now_ms: int) -> int:
        """Milliseconds left at `now_ms`."""
        if self.running and self.ends_at is not None:
            return max(0, self.ends_at - now_ms)
        return self.remaining_ms


def json_copy(data: dict) -> dict:
    """A deep copy of a JSON document. Through the json module, because `copy.deepcopy`
    and `dataclasses.asdict` walk every card in Python and made each command's cost grow
    with the board (bench/README.md: 43% + 15% of server CPU at 1,000 cards)."""
    return json.loads(json.dumps(data))


class CountedIds:
    """One id counter per board: ids never come back after a deletion (docs/protocol.md)."""

    next_id: int

    def new_id(self, prefix: str) -> str:
        """A fresh id like `c12` or `k13`, from the board's single counter."""
        made = f"{prefix}{self.next_id}"
        self.next_id += 1
        return made


@dataclass
class WorkshopState(CountedIds):
    """A live evening: pacing, cards, clusters, hidden votes, results and plans.

    `votes` and `undo` are private to the server: `snapshot.snapshot_state` decides what of
    them a screen sees. `next_id` is the one counter all ids come from, so an id never
    comes back after a deletion and never collides across kinds of item.
    """

    # the collections of items, each stored one item per row so that a command writes
    # only the items it changed (docs/performance.md); the other fields are small
    ITEMS: ClassVar[tuple[str, ...]] = ("cards", "clusters", "votes", "results", "plans",
                                        "actions", "undo", "reviews", "parked",
                                        "format_copy")

    step: int = 0
    input_open: bool = False
    show_authors: bool = False
    join_panel: str = "auto"  # the projector's QR + code: "auto", "large" or "small"
    timer: Timer = field(default_factory=Timer)
    cards: dict[str, Card] = field(default_factory=dict)
    clusters: dict[str, Cluster] = field(default_factory=dict)
    votes: dict[str, Vote] = field(default_factory=dict)  # per step: its latest round
    focus: str | None = None
    results: dict[str, Result] = field(default_factory=dict)
    plans: dict[str, Plan] = field(default_factory=dict)
    actions: dict[str, Action] = field(default_factory=dict)
    undo: dict[str, list[UndoEntry]] = field(default_factory=dict)  # per step
    reviews: dict[str, Review] = field(default_factory=dict)  # per step: the group's plans
    handed_over: HandedOver | None = None  # once the evening is with the group
    parked: dict[str, Parked] = field(default_factory=dict)  # the parking lot (parking.py)
    # the evening's own copy of its format, one item "document" (own_format.py); an
    # item, not a head field, so the commands that do not change it do not write it
    format_copy: dict[str, dict] = field(default_factory=dict)
    next_id: int = 1

    def to_dict(self) -> dict:
        """The JSON document the store keeps: a copy, so later changes do not leak in."""
        return json_copy(self.document())

    def document(self) -> dict:
        """The JSON document the store keeps, sharing this state's items (no copy): for
        a writer that serialises it before the state changes again (the service, inside
        the command's transaction), so a command's cost does not grow with the board."""
        return {f.name: getattr(self, f.name) for f in fields(self)} | {
            "timer": asdict(self.timer)}

    @classmethod
    def from_dict(cls, data: dict) -> WorkshopState:
        """A private deep copy: the rules change it in place, and the stored document
        must stay untouched until the service writes the new one back."""
        data = json_copy(data)
        legacy_counter = data.pop("next_card", 1)
        data["next_id"] = max(data.get("next_id", 1), legacy_counter)
        data["timer"] = Timer(**data.get("timer", {}))
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown board state fields: {unknown}")
        return cls(**data)

    @classmethod
    def new(cls, fmt: Format) -> WorkshopState:
        """A fresh evening: first step, input closed, timer set to the step's time box."""
        return cls(timer=Timer(remaining_ms=fmt.steps[0].minutes * 60_000))

    def step_clusters(self, step: int) -> list[Cluster]:
        """The clusters of `step`, in creation order."""
        return [k for k in self.clusters.values() if k["step"] == step]

    def cluster_cards(self, cluster_id: str) -> list[Card]:
        """The cards in a cluster, in the order they were written."""
        return [card for card in self.cards.values() if card.get("cluster") == cluster_id]

    def vote_of(self, step: int) -> Vote | None:
        """The vote of `step` (its latest round), or None when it never had one."""
        return self.votes.get(str(step))

    def vote_open(self, step: int) -> bool:
        """Whether a round of voting is running in `step` (clusters are locked then)."""
        vote = self.vote_of(step)
        return bool(vote and vote["open"])
