"""What the rules of a group's workspace read besides its state, and the stamp every
workspace event carries (who acted, and when: the line in its history).

Kept apart from `aggregate.py`, which imports every rule, so that the rules can name this
type without importing the module that imports them (no import circle, not even a
type-only one).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..board.actors import Actor
from ..board.policy import GroupRef


@dataclass(frozen=True)
class WorkspaceContext:
    """Besides the state, what the rules read: the group (members and grants right now),
    the time, and (only when taking a hand-over back asks) the board's log from an
    evening's latest `evening_taken_over` on, as `(name, data)`."""

    group: GroupRef
    now_ms: int
    log_since_take_over: Callable[[int], list[tuple[str, dict]]] = lambda board_id: []


def by_and_at(actor: Actor, ctx: WorkspaceContext) -> tuple[str, int]:
    """Who acted (the name they gave, or "") and when."""
    return actor.display_name or "", ctx.now_ms


def stamp(actor: Actor, ctx: WorkspaceContext) -> dict[str, str | int]:
    """Who acted and when: every workspace event carries it (its history line), and so
    does every update, evaluation and meaning."""
    by, at = by_and_at(actor, ctx)
    return {"by": by, "at": at}
