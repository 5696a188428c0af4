"""How long an evening of a format takes, and the rule that a format's own words agree.

The new-evening form prints each format's length next to its title, worked out from the
step time boxes plus `extra_minutes` (welcome, break and closing, which the facilitator
runs outside the steps). So a title that names a length as well would print it twice
("Snelle start (45 minuten) (45 minuten)"), and a description that names a length must
not promise "about 2.5 hours" when the steps add up to two. Pure Python.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

EXTRA_MINUTES = (0, 120)
SLACK_MINUTES = 15  # "about 2.5 hours" may be off by a quarter of an hour
# a length in words: "2,5 uur", "45 minuten", "2.5 hours", "45 minutes", "twee uur" is not
# matched (write lengths in digits in a format file)
_HOURS = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:uur|hours?|h)\b", re.IGNORECASE)
_MINUTES = re.compile(r"(\d+)\s*(?:minuten|minutes?|min)\b", re.IGNORECASE)


class Report(Protocol):
    """Where mistakes go (`load._Report`)."""

    def add(self, where: str, path: str, message: str) -> None: ...


def evening_minutes(step_minutes: Iterable[tuple[int, int]], extra: int) -> list[int]:
    """Minutes per evening, in order: its steps' time boxes plus the extra minutes;
    `step_minutes` holds (evening, minutes) per step."""
    per: dict[int, int] = {}
    for evening, minutes in step_minutes:
        per[evening] = per.get(evening, 0) + minutes
    return [per[evening] + extra for evening in sorted(per)]


def named_lengths(text: str) -> list[float]:
    """Every length `text` names, in minutes."""
    hours = [float(n.replace(",", ".")) * 60 for n in _HOURS.findall(text)]
    return hours + [float(n) for n in _MINUTES.findall(text)]


def check_durations(title: dict[str, str], description: dict[str, str],
                    evenings: list[int], report: Report) -> None:
    """The title names no length (the form adds it); the description's lengths are those
    of an evening of the format, give or take a quarter of an hour."""
    for lang, text in sorted(title.items()):
        if named_lengths(text):
            report.add("", f"title.{lang}", "must not name a length: the form adds it from "
                                            "the steps' minutes and extra_minutes")
    for lang, text in sorted(description.items()):
        for length in named_lengths(text):
            if evenings and not any(abs(length - e) <= SLACK_MINUTES for e in evenings):
                shown = " + ".join(str(e) for e in evenings)
                report.add("", f"description.{lang}",
                           f"names {length:g} minutes, but an evening takes {shown} minutes "
                           "(the steps' minutes plus extra_minutes)")
