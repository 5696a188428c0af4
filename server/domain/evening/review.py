"""A review step that looks back at the group's own plans (docs/formats.md, `review`).

A council meeting or a yearly evaluation opens with what the group agreed: the open
actions (`source = "open_actions"`), or everything the group did in its latest plan year
(`source = "year_actions"`). Those live in the group's plan workspace, not on the
evening, so the evening keeps a *copy* taken at a known moment: when the evening is made,
when the room moves to the step, and when the facilitator asks for a fresh one
(`refresh_review`, after a member changed a status on their phone during the meeting).
A copy and not a live link, because the evening's event log must replay to the same
screens later (the process report), and because the workspace may be deleted.

The copy holds only what a plan page shows anyway: plan titles and each action's what,
owner, due date and status. No history, no updates, no names of who changed what.
"""
from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..board.checks import is_whole
from ..board.errors import DomainError
from ..board.events import Event, Outcome
from ..formats.types import Format
from ..plan.fields import field_value
from .nouns import Review, ReviewAction, ReviewPlan
from .state import WorkshopState

if TYPE_CHECKING:
    from ..board import commands as c
    from ..board.actors import Actor
    from .context import Context

WORKSPACE_SOURCES = ("open_actions", "year_actions")
CLOSED = ("gereed", "geschrapt")  # done or dropped: no longer open
MAX_ACTIONS = 200  # what one projector screen can still say; the rest is counted

WorkspaceReader = Callable[[], "dict | None"]


def _value(item: dict, field: str, default: str = "") -> str:
    return field_value(item.get("fields"), field, default)


def plan_years(plans: dict) -> list[int]:
    """The years the group tagged its plans with (plans without a year left out)."""
    return [p["year"] for p in plans.values() if is_whole(p.get("year"))]


def newest_plan_year(workspace: dict) -> int | None:
    """The newest year any of the group's plans is tagged with, or None."""
    return max(plan_years(workspace.get("plans") or {}), default=None)


def review_of(workspace: dict | None, source: str, now_ms: int) -> Review:
    """What the review step shows, taken from the group's workspace state (a dict)."""
    workspace = workspace or {}
    plans = workspace.get("plans") or {}
    actions = workspace.get("actions") or {}
    year = newest_plan_year(workspace) if source == "year_actions" else None
    shown: list[ReviewPlan] = []
    total = 0
    for plan in plans.values():
        if year is not None and plan.get("year") != year:
            continue
        items: list[ReviewAction] = []
        for action_id in plan.get("action_ids") or []:
            action = actions.get(action_id)
            if action is None:
                continue
            status = _value(action, "status", "idee") or "idee"
            if source == "open_actions" and status in CLOSED:
                continue
            total += 1
            if total <= MAX_ACTIONS:
                items.append({"id": action["id"], "what": _value(action, "what"),
                              "owner": _value(action, "owner"), "due": _value(action, "due"),
                              "status": status})
        if items:
            shown.append({"id": plan["id"], "title": _value(plan, "title"), "actions": items})
    return {"source": source, "year": year, "at": now_ms, "plans": shown, "total": total}


def workspace_source(fmt: Format, step: int) -> str | None:
    """The workspace source of `step` when it is a review of the group's plans."""
    options = fmt.steps[step].options
    source = options.get("review", {}).get("source") if "review" in options else None
    return source if source in WORKSPACE_SOURCES else None


def fill_review(state: WorkshopState, fmt: Format, step: int, workspace: dict | None,
                now_ms: int) -> Event:
    """Copy the group's plans into the review of `step`; the event that says so."""
    review = review_of(workspace, workspace_source(fmt, step) or "", now_ms)
    state.reviews[str(step)] = review
    return Event("review_filled", {"step": step, "review": copy.deepcopy(review)})


def fill_all(state: WorkshopState, fmt: Format, workspace: dict | None, now_ms: int) -> None:
    """A new evening: every review of the group's plans filled from the start."""
    for step in range(len(fmt.steps)):
        if workspace_source(fmt, step):
            fill_review(state, fmt, step, workspace, now_ms)


def on_step_entered(state: WorkshopState, ctx: Context) -> list[Event]:
    """Moving to a review of the group's plans takes a fresh copy (statuses may have
    changed since the evening was made)."""
    if not workspace_source(ctx.fmt, state.step):
        return []
    return [fill_review(state, ctx.fmt, state.step, ctx.read_workspace(), ctx.now_ms)]


def refresh_review(state: WorkshopState, cmd: c.RefreshReview, actor: Actor,
                   ctx: Context) -> Outcome:
    """The facilitator's "show the latest": a fresh copy for the current step."""
    if not workspace_source(ctx.fmt, state.step):
        raise DomainError("technique_not_active", technique="review")
    return Outcome([fill_review(state, ctx.fmt, state.step, ctx.read_workspace(), ctx.now_ms)])
