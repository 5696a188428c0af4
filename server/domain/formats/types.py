"""What a format is, as plain frozen data: the steps of an evening and their options.

Kept apart from `load.py` (which reads and checks the TOML files) so the rules, the checks
that need more than one step (`sequence.py`) and the screens can name these types without
importing the loader: shared types one floor down, no import circle.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .durations import evening_minutes
from .options import plain


class FormatError(ValueError):
    """One or more mistakes in format files; `.errors` holds one line per mistake."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


@dataclass(frozen=True)
class Step:
    """One step of the evening: a question, the techniques that answer it, its time box."""

    key: str
    title: dict[str, str]
    question: dict[str, str]
    minutes: int
    techniques: tuple[str, ...]
    produces: str | None
    evening: int
    options: Mapping[str, Mapping]
    feeds: str | None = None  # feeds.py: where the outcome goes at hand-over

    def uses(self, technique: str) -> bool:
        """Whether commands of `technique` are allowed while this step runs."""
        return technique in self.techniques

    def to_public(self, index: int) -> dict:
        """The JSON-safe shape sent to the console, projector and phones."""
        return {"index": index, "key": self.key, "title": dict(self.title),
                "question": dict(self.question), "minutes": self.minutes,
                "techniques": list(self.techniques), "produces": self.produces,
                "evening": self.evening, "options": plain(self.options), "feeds": self.feeds}


@dataclass(frozen=True)
class Format:
    """A whole evening (or series of evenings): an ordered list of steps."""

    slug: str
    title: dict[str, str]
    description: dict[str, str]
    steps: tuple[Step, ...]
    extra_minutes: int = 0  # welcome, break and closing, outside the steps, per evening

    @property
    def minutes(self) -> int:
        """Time boxes added up; welcome, breaks and closing come on top."""
        return sum(step.minutes for step in self.steps)

    @property
    def evening_minutes(self) -> list[int]:
        """How long each evening takes in all: its time boxes plus the extra minutes."""
        return evening_minutes(((s.evening, s.minutes) for s in self.steps), self.extra_minutes)

    def to_public(self) -> dict:
        """The JSON-safe shape of the whole format."""
        return {"slug": self.slug, "title": dict(self.title),
                "description": dict(self.description), "minutes": self.minutes,
                "steps": [step.to_public(index) for index, step in enumerate(self.steps)]}
