"""What the rules of an evening read besides its state: the board, the format, the time
and the group that owns it.

Kept apart from `aggregate.py`, which imports every rule, so that the rules can name this
type without importing the module that imports them (no import circle, not even a
type-only one).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..board.actors import BoardRef
from ..formats.types import Format


@dataclass(frozen=True)
class Context:
    """Everything besides the state that the rules read.

    `group_name` is the resident group that owns the evening: a new project plan names
    it as its owner (eigenaar) until the table writes someone else down.
    `read_workspace` reads the group's plan workspace state (or None) only when a rule
    asks: a review of the group's plans (`review`) copies from it.
    """

    board: BoardRef
    fmt: Format
    now_ms: int
    group_name: str = ""
    read_workspace: Callable[[], dict | None] = lambda: None
