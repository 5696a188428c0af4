"""What a plan page shows, as plain frozen data: the plan with its timeline, budget and
provenance chain (`provenance.plan_view` computes it from a board's state).

Kept apart from the computation so the exports, pictures and templates can name these
types without reading the rules that fill them. Cards carry no author at all: the page
is read outside the evening.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any


def parse_day(text: str) -> date:
    return date.fromisoformat(text)

@dataclass(frozen=True)
class SourceCard:
    """A resident's original card as the plan page may show it: text and tags, no author.

    `withheld` is True when the step asked for publication consent and the author did not
    give it: `text` is then None and pages and exports show a placeholder instead.
    A data card's `source` (where its figure comes from) is shown with its text.
    """

    id: str
    text: str | None
    origin: str            # phone (a resident) | data (a data card) | paper (a paper card)
    step: int | None
    kind: str | None
    theme: str | None
    withheld: bool = False
    source: str | None = None  # a data card's: where its figure comes from


@dataclass(frozen=True)
class ResultNode:
    """One promoted result (trend, challenge, vision element, force, strategy)."""

    id: str
    type: str
    title: str
    step: int | None
    votes: int
    cards: tuple[SourceCard, ...]
    attrs: Mapping[str, Any] = field(default_factory=dict)

    @property
    def resident_cards(self) -> int:
        """How many residents' cards fed this result: theirs from a phone or on paper,
        withheld ones too (a card without publication consent still counts), data cards
        not (figures the facilitator brought). Hidden cards were never in `cards`."""
        return sum(1 for card in self.cards if card.origin != "data")


@dataclass(frozen=True)
class Provenance:
    """Where a plan's actions come from, from the strategy down to the challenge."""

    source: ResultNode | None
    weakens: tuple[ResultNode, ...] = ()
    uses: tuple[ResultNode, ...] = ()
    serves: tuple[ResultNode, ...] = ()
    issue: ResultNode | None = None
    trends: tuple[ResultNode, ...] = ()

    @property
    def nodes(self) -> tuple[ResultNode, ...]:
        """Every result of the chain once, in reading order (for anchors and checks)."""
        seen: dict[str, ResultNode] = {}
        for node in (self.source, *self.weakens, *self.uses, *self.serves, self.issue,
                     *self.trends):
            if node is not None:
                seen.setdefault(node.id, node)
        return tuple(seen.values())


@dataclass(frozen=True)
class ActionView:
    """One action of the plan van aanpak; `provenance` is its plan's chain."""

    id: str
    what: str
    owner: str
    helpers: str
    partners: str
    start: str
    due: str
    hours: int | None
    euros: Decimal | None
    money_source: str
    status: str
    provenance: Provenance


@dataclass(frozen=True)
class Timeline:
    """Actions in date order, with day offsets so a page can draw bars to scale."""

    actions: tuple[ActionView, ...]
    first: str             # earliest start (or due), "" when no action has a date
    last: str              # latest due (or start), "" when no action has a date
    undated: tuple[ActionView, ...] = ()

    @property
    def days(self) -> int:
        """Length of the whole timeline in days (at least 1 when dated)."""
        if not self.first or not self.last:
            return 0
        return max(1, (parse_day(self.last) - parse_day(self.first)).days + 1)

    def offset(self, action: ActionView) -> int:
        """Days from the timeline's first day to the action's first day."""
        return (parse_day(action.start or action.due) - parse_day(self.first)).days

    def length(self, action: ActionView) -> int:
        """Days the action runs (1 for a single date)."""
        days = (parse_day(action.due or action.start) - parse_day(action.start or action.due)).days
        return max(1, days + 1)


@dataclass(frozen=True)
class Budget:
    """Begroting: the time and money the actions ask for."""

    hours: int
    euros: Decimal
    by_source: tuple[tuple[str, Decimal], ...]   # ("" = no source given), largest first
    unestimated: int                             # actions with neither hours nor euros


@dataclass(frozen=True)
class PlanView:
    """Everything the plan page shows about one project plan."""

    id: str
    title: str
    owner: str
    involved: str
    goal: str
    result_by: str
    notes: str
    provenance: Provenance
    actions: tuple[ActionView, ...]
    timeline: Timeline
    budget: Budget
