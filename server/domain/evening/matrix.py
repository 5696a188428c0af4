"""The impact/effort matrix and the equity question, answered per cluster.

Placements are decisions about a group of ideas, not part of the grouping, so they are
allowed while a vote runs and are not undone by `undo_clustering`. Promotion copies
them into the strategy result.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..board import commands as c
from ..board.actors import Actor
from ..board.checks import short_text, whole_in
from ..board.errors import DomainError
from ..board.events import Event, Outcome
from .clustering import step_cluster
from .gating import require_technique
from .nouns import Equity
from .state import WorkshopState

if TYPE_CHECKING:
    from .context import Context

AXIS = (1, 5)
NOTE_MAX = 500


def equity(value: dict) -> Equity:
    """A checked `{helps_least_heard, note}` answer; the note says who gains."""
    if not isinstance(value, dict) or set(value) - {"helps_least_heard", "note"}:
        raise DomainError("invalid_args", field="equity")
    helps = value.get("helps_least_heard")
    if helps is not None and not isinstance(helps, bool):
        raise DomainError("invalid_args", field="helps_least_heard")
    return {"helps_least_heard": helps,
            "note": short_text(value.get("note", ""), "note", NOTE_MAX, item="equity")}


def place_on_matrix(state: WorkshopState, cmd: c.PlaceOnMatrix, actor: Actor,
                    ctx: Context) -> Outcome:
    """Place a cluster on the impact (effect) and effort (inspanning) axes, 1–5 each."""
    require_technique(ctx, state, "matrix")
    cluster = step_cluster(state, cmd.cluster_id, "cluster_id")
    cluster["impact"] = whole_in(cmd.impact, "impact", *AXIS)
    cluster["effort"] = whole_in(cmd.effort, "effort", *AXIS)
    return Outcome([Event("matrix_placed", {"cluster_id": cluster["id"],
                                            "impact": cluster["impact"],
                                            "effort": cluster["effort"]})])


def set_equity(state: WorkshopState, cmd: c.SetEquity, actor: Actor,
               ctx: Context) -> Outcome:
    """Record the answer to "who gains; does it help those with the least voice?"."""
    options = require_technique(ctx, state, "matrix")
    if not options.get("equity_question", True):
        raise DomainError("technique_not_active", technique="equity_question")
    cluster = step_cluster(state, cmd.cluster_id, "cluster_id")
    cluster["equity"] = equity({"helps_least_heard": cmd.helps_least_heard,
                                "note": cmd.note})
    return Outcome([Event("equity_set", {"cluster_id": cluster["id"],
                                         "equity": dict(cluster["equity"])})])
