"""`feeds`: where a step's outcome goes in the group's workspace at the hand-over.

A yearly evaluation evening asks the four questions of the year's evaluation (what did
we do, achieve, learn, what does it mean) and ends in new meanings that seed next
year's trends and forces (research/method.md, "jaarevaluatie"). Its steps say so with
`feeds`, so the hand-over (`workspace/handover.py`) files the room's work where the council
will look for it, instead of leaving it on an evening nobody opens again:

- `feeds = "meanings"`: the trends or forces the step promotes become the year's new
  meanings (the step must produce `trend` or `force`);
- `feeds = "evaluation_did"`, `"evaluation_achieved"`, `"evaluation_learned"`,
  `"evaluation_meaning"`: the step's named clusters (and cards left outside a cluster)
  fill that answer of the year's evaluation, where the group has not written it yet.
"""
from __future__ import annotations

from typing import Any, Literal

Answer = Literal["did", "achieved", "learned", "meaning"]  # a year's evaluation
EVALUATION_ANSWERS: tuple[Answer, ...] = ("did", "achieved", "learned", "meaning")
FEEDS = ("meanings", *(f"evaluation_{answer}" for answer in EVALUATION_ANSWERS))
MEANING_RESULTS = ("trend", "force")


def feeds_problem(value: Any, produces: str | None) -> str | None:
    """Why `value` is not a usable `feeds` for a step producing `produces`, or None."""
    if value not in FEEDS:
        return f"must be one of: {', '.join(FEEDS)}"
    if value == "meanings" and produces not in MEANING_RESULTS:
        return "'meanings' needs the step to produce 'trend' or 'force'"
    return None


def evaluation_answer(feeds: str | None) -> str | None:
    """`achieved` for `evaluation_achieved`; None for anything else."""
    if feeds and feeds.startswith("evaluation_"):
        return feeds.removeprefix("evaluation_")
    return None
