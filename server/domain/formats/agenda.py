"""The agenda of an evening on paper: its steps with clock times from a start time.

A facilitator prints it for the tables and the door, so residents see what comes when.
The times follow the steps' time boxes one after the other from the start time the
facilitator enters; welcome, break and closing (`extra_minutes`) have no fixed place in
a format, so they are not spread over the steps but added once at the end: the evening
ends around `ends`. A format of several evenings gets one agenda per evening, each from
the same start time. Pure Python, minutes since midnight.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .types import Format, Step

DAY = 24 * 60
_CLOCK = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


@dataclass(frozen=True)
class AgendaStep:
    """One step of the agenda: its place in the format, from and until when."""

    number: int  # counted from 1, as the console shows it
    step: Step
    starts: int
    ends: int


@dataclass(frozen=True)
class EveningAgenda:
    """One evening's steps, and when it ends with welcome, break and closing."""

    evening: int
    steps: list[AgendaStep]
    extra_minutes: int
    ends: int


def parse_clock(text: str) -> int | None:
    """"19:30" (or "19.30", "9:05") as minutes since midnight, or None."""
    found = _CLOCK.match(text.strip())
    return int(found.group(1)) * 60 + int(found.group(2)) if found else None


def clock(minutes: int) -> str:
    """Minutes since midnight as "HH:MM", past midnight going round the clock."""
    minutes %= DAY
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def agenda(fmt: Format, start: int) -> list[EveningAgenda]:
    """Each evening of the format with its steps' clock times from `start`."""
    evenings: dict[int, list[AgendaStep]] = {}
    for index, step in enumerate(fmt.steps):
        steps = evenings.setdefault(step.evening, [])
        begins = steps[-1].ends if steps else start
        steps.append(AgendaStep(index + 1, step, begins, begins + step.minutes))
    return [EveningAgenda(evening, steps, fmt.extra_minutes, steps[-1].ends + fmt.extra_minutes)
            for evening, steps in sorted(evenings.items())]
