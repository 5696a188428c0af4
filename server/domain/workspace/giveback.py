"""Giving a handed-over evening back (`return_evening`).

A facilitator who handed over too early (or the wrong evening) takes it back with
`return_evening` (the server, for the facilitator, in one transaction with the evening's
`reopen_evening`). Everything the evening brought is removed from the workspace again:
its results, card texts, plans, actions, open points and meanings, the evaluation answers
it filled in, and its line in `evenings`. That is only safe while nobody in the group
changed any of it: once a member edited one of its plans or actions, added an action or
an update to them, set a plan's year, or evaluated a year the evening filled, the
hand-over stays (`group_changed_plans`): the group's own work is never thrown away.

Apart from the take-over (`handover.py`) because it works from the other end: not from
the evening's copy but from the `from` marks the take-over left and the workspace's log
since then.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..board.actors import Actor
from ..board.checks import is_whole
from ..board.errors import DomainError
from ..board.events import Event, Outcome
from ..formats.feeds import EVALUATION_ANSWERS
from .context import stamp
from .handover import BROUGHT
from .nouns import Year
from .state import WorkspaceState

if TYPE_CHECKING:
    from ..board.commands import ReturnEvening
    from .context import WorkspaceContext


def _brought(state: WorkspaceState, board_id: int) -> dict[str, list[str]]:
    """The ids of what the evening brought in, per part (each item keeps `from`)."""
    return {name: [item_id for item_id, item in getattr(state, name).items()
                   if (item.get("from") or {}).get("board_id") == board_id]
            for name in BROUGHT}


def _touches(name: str, data: dict, brought: dict[str, list[str]], years: set[str]) -> bool:
    """Whether a later workspace event changed something the evening brought."""
    if name in ("action_updated", "action_update_added"):
        return data.get("action_id") in brought["actions"]
    if name == "action_added":
        return (data.get("action") or {}).get("plan_id") in brought["plans"]
    if name == "plan_updated":
        return data.get("plan_id") in brought["plans"]
    if name == "year_evaluated":
        return str(data.get("year")) in years
    if name == "evening_taken_over":  # another evaluation evening filled the same year
        return bool(set(data.get("years") or {}) & years)
    return False


def _refuse_when_changed(log: list[tuple[str, dict]], brought: dict[str, list[str]]) -> set[str]:
    """The years the hand-over filled; `group_changed_plans` when the group built on it.
    `log` starts with the evening's own `evening_taken_over`."""
    years = set((log[0][1].get("years") or {}) if log else {})
    if any(_touches(name, data, brought, years) for name, data in log[1:]):
        raise DomainError("group_changed_plans")
    return years


def _unfill_year(state: WorkspaceState, year: str, answers: dict[str, Any]) -> Year | None:
    """Empty the evaluation answers the evening filled in; the year as it is now (None
    when nothing is left of it)."""
    entry = state.years.get(year)
    if entry is None:
        return None
    evaluation = entry.get("evaluation")
    if evaluation:
        evaluation = evaluation.copy()
        for answer in EVALUATION_ANSWERS:
            if answers.get(answer) and evaluation.get(answer) == answers[answer]:
                evaluation[answer] = ""
    kept = evaluation is not None and any(evaluation.get(a) for a in EVALUATION_ANSWERS)
    entry["evaluation"] = evaluation if kept else None
    if entry.get("phase") is None and entry["evaluation"] is None:
        del state.years[year]
        return None
    return entry.copy()


def return_evening(state: WorkspaceState, cmd: ReturnEvening, actor: Actor,
                   ctx: WorkspaceContext) -> Outcome:
    """Remove a handed-over evening from the workspace again, unless the group changed it."""
    board_id = cmd.evening.get("board_id")
    if not is_whole(board_id):
        raise DomainError("invalid_args", field="board_id")
    entry = next((e for e in state.evenings if e.get("board_id") == board_id), None)
    if entry is None:
        raise DomainError("not_handed_over")
    brought = _brought(state, board_id)
    years = _refuse_when_changed(ctx.log_since_take_over(board_id), brought)
    for name, ids in brought.items():
        for item_id in ids:
            del getattr(state, name)[item_id]
    answers = cmd.evening.get("evaluation") or {}
    left = {year: _unfill_year(state, year, answers) for year in sorted(years)}
    state.evenings.remove(entry)
    data = {"evening": {"board_id": board_id, "title": entry.get("title", "")},
            "removed": brought, "years": left}
    return Outcome([Event("evening_returned", data | stamp(actor, ctx))])
