"""What a process report holds, as plain frozen data (`report.process_report` fills it
from an evening's log): the logged events it reads, and per step the time spent, the
counts and the decisions. Counts and decisions only, never names (see `report.py`).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

ORIGINS = ("phone", "data", "paper")  # where a card came from

@dataclass(frozen=True)
class LoggedEvent:
    """One row of the board's event log, as the store keeps it."""

    version: int
    name: str
    data: Mapping[str, Any]
    actor_role: str
    created_at: datetime


@dataclass(frozen=True)
class StepPlan:
    """What the format says about a step: its title (in the reader's language) and time box."""

    title: str
    minutes: int


@dataclass(frozen=True)
class VoteRound:
    """One revealed round of dot voting: how many voted and how many dots they gave."""

    round: int
    voters: int
    dots: int


@dataclass(frozen=True)
class Decision:
    """A promoted result: what the room chose in a step, with the dots it got."""

    type: str
    title: str
    votes: int


@dataclass
class StepReport:
    """One step of the evening: time spent and what came out of it."""

    index: int
    title: str
    planned_minutes: int
    seconds: int = 0
    visits: int = 0
    cards: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ORIGINS, 0))
    writers: int = 0
    hidden: int = 0
    clusters: int = 0
    rounds: list[VoteRound] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    plans: int = 0
    actions: int = 0

    @property
    def minutes(self) -> int:
        """Time spent, rounded to whole minutes (what a report reader wants)."""
        return (self.seconds + 30) // 60

    @property
    def card_total(self) -> int:
        return sum(self.cards.values())

    @property
    def visited(self) -> bool:
        return self.visits > 0


@dataclass(frozen=True)
class ParkingCount:
    """The parking lot at the end of the evening: how many questions and remarks were
    parked (hidden ones too, as hidden cards are counted among the cards), how many got an
    answer, and where they ended: marked for later (the plan's open points, when visible),
    closed, or hidden by the facilitator. An item marked for later may be answered too."""

    parked: int = 0
    answered: int = 0
    later: int = 0
    closed: int = 0
    hidden: int = 0


@dataclass(frozen=True)
class FormatChange:
    """How this evening differed from its format (`format_adapted` in the log): a field of
    a step (`step`: its key) or of the whole format (`step` ""), from `before` to `after`;
    a step left out (`field` "skipped", `before` its title); or another whole format used
    (`field` "replaced", `after` its title). Texts are {nl, en} pairs as in the format."""

    step: str
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class ProcessReport:
    """The whole evening: when, how long, how many phones, and every step."""

    date: date | None
    start: datetime | None
    end: datetime | None
    phones: int
    steps: tuple[StepReport, ...]
    later_changes: int = 0   # events after the evening (kept out of the counts)
    parking: ParkingCount = ParkingCount()
    format_changes: tuple[FormatChange, ...] = ()  # the evening's own format, adapted

    @property
    def minutes(self) -> int:
        if self.start is None or self.end is None:
            return 0
        return int((self.end - self.start).total_seconds() + 30) // 60

    def total(self, name: str) -> int:
        """A count added up over the steps: `card_total`, `hidden`, `plans`…"""
        return sum(getattr(step, name) for step in self.steps)

    @property
    def decisions(self) -> tuple[Decision, ...]:
        return tuple(d for step in self.steps for d in step.decisions)
