"""Step gating: a rule of a technique runs only while the room is on a step that uses it.

Moved out of `board/checks.py` (validation of untrusted values, shared by both kinds of
board): gating reads an evening's step and format, so it lives with the evening.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..board.errors import DomainError

if TYPE_CHECKING:
    from .context import Context
    from .state import WorkshopState


def require_technique(ctx: Context, state: WorkshopState, technique: str) -> dict:
    """The current step's options for `technique`; refuse when the step does not use it."""
    step = ctx.fmt.steps[state.step]
    if not step.uses(technique):
        raise DomainError("technique_not_active", technique=technique)
    return dict(step.options[technique])


def step_options(ctx: Context, step: int, technique: str) -> dict:
    """Options of `technique` in `step`, or {} when that step does not use it."""
    return dict(ctx.fmt.steps[step].options.get(technique, {}))
