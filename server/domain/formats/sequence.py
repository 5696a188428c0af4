"""The checks of a format that need more than one step: unique step keys, and evenings
in order (a read-back of the previous evening needs one before it). Each mistake goes to
the format's report like any other, so a file's mistakes still come back all at once.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .types import Step


class Report(Protocol):
    """Where mistakes go (`load._Report`)."""

    def add(self, where: str, path: str, message: str) -> None: ...


def check_unique_keys(steps: list[Step | None], report: Report) -> None:
    """Steps are addressed by key (in links and exports), so each key is used once."""
    first: dict[str, int] = {}
    for number, step in enumerate(steps, start=1):
        if step is None:
            continue
        if step.key in first:
            report.add(f"step {number} ({step.key})", "key",
                       f"'{step.key}' is already used by step {first[step.key]}")
        first.setdefault(step.key, number)


def check_evenings(steps: list[Step | None], report: Report) -> None:
    """Evenings run in order, start at 1 and skip none; a read-back needs an evening before."""
    previous = 0
    for number, step in enumerate(steps, start=1):
        if step is None:
            continue
        where = f"step {number} ({step.key})"
        if step.evening < previous:
            report.add(where, "evening", f"must not be earlier than the step before it "
                                         f"(evening {previous})")
        elif step.evening > previous + 1:
            after = f"after evening {previous}" if previous else "on the first step"
            report.add(where, "evening", f"jumps to {step.evening} {after}; "
                                         "evenings are numbered 1, 2, … without gaps")
        if (step.uses("review") and step.options["review"]["source"] == "previous_evening"
                and step.evening == 1):
            report.add(where, "review.source", "'previous_evening' needs the step to be on "
                                               "evening 2 or later")
        previous = max(previous, step.evening)
