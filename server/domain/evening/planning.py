"""Project plans and their actions, written by a table of residents on their phones.

Several phones edit one plan at the same time, so every field carries a version `v`.
An edit names the version it started from (`base`); when someone else changed the field
in between, the edit is refused as `superseded` instead of silently overwriting their
words. The client shows the winner's text and keeps the loser's to re-apply. Dates and
money are checked here, because a plan the residents' council follows for a year must
not start with a deadline before its start or a negative budget.
"""
from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from ..board import commands as c
from ..board.actors import PARTICIPANT, Actor
from ..board.errors import DomainError
from ..board.events import Event, Outcome
from ..plan.fields import (
    ACTION_DEFAULTS,
    ACTION_FIELDS,
    PLAN_FIELDS,
    STATUSES,
    edit_action,
    edit_plan,
    find,
    new_action_values,
)
from ..plan.nouns import new_action, new_plan
from .gating import require_technique
from .results import result_of
from .state import WorkshopState

if TYPE_CHECKING:
    from .context import Context

DEFAULT_MAX_ACTIONS = 12
__all__ = ["ACTION_DEFAULTS", "ACTION_FIELDS", "PLAN_FIELDS", "STATUSES", "add_action",
           "create_plan", "remove_action", "update_action", "update_plan"]


def _may_edit(state: WorkshopState, actor: Actor, ctx: Context) -> None:
    """Residents edit plans only during action planning with input open."""
    if actor.role == PARTICIPANT:
        require_technique(ctx, state, "action_plan")
        if not state.input_open:
            raise DomainError("input_closed")


def create_plan(state: WorkshopState, cmd: c.CreatePlan, actor: Actor,
                ctx: Context) -> Outcome:
    """A project plan for a selected strategy or challenge, owned by the resident group."""
    require_technique(ctx, state, "action_plan")
    source = result_of(state, cmd.source_id)
    if source["type"] not in ("strategy", "challenge"):
        raise DomainError("wrong_result_type", field="source_id")
    issue_id = source["id"] if source["type"] == "challenge" else None
    if cmd.issue_id is not None:
        if result_of(state, cmd.issue_id)["type"] != "challenge":
            raise DomainError("wrong_result_type", field="issue_id")
        issue_id = cmd.issue_id
    values = {"title": source["title"], "owner": ctx.group_name, "involved": "",
              "goal": "", "result_by": "", "notes": ""}
    plan = new_plan(state.new_id("p"), source["id"], issue_id, values)
    state.plans[plan["id"]] = plan
    return Outcome([Event("plan_created", {"plan": copy.deepcopy(plan)})],
                   {"plan_id": plan["id"]})


def update_plan(state: WorkshopState, cmd: c.UpdatePlan, actor: Actor,
                ctx: Context) -> Outcome:
    """Change one field of a plan, unless someone changed it first (`superseded`)."""
    _may_edit(state, actor, ctx)
    plan = find(state.plans, cmd.plan_id, "plan")
    return Outcome([Event("plan_updated", edit_plan(plan, cmd.field, cmd.value, cmd.base))])


def _max_actions(state: WorkshopState, ctx: Context) -> int:
    """The action limit of the current step, or of the format's action-planning step."""
    steps = [ctx.fmt.steps[state.step], *ctx.fmt.steps]
    for step in steps:
        if step.uses("action_plan"):
            return step.options["action_plan"].get("max_actions", DEFAULT_MAX_ACTIONS)
    return DEFAULT_MAX_ACTIONS


def add_action(state: WorkshopState, cmd: c.AddAction, actor: Actor,
               ctx: Context) -> Outcome:
    """A new action in a plan: at least what is to be done; plans stay short."""
    _may_edit(state, actor, ctx)
    plan = find(state.plans, cmd.plan_id, "plan")
    values = new_action_values(plan, cmd.fields, _max_actions(state, ctx))
    action = new_action(state.new_id("a"), plan["id"], values)
    state.actions[action["id"]] = action
    plan["action_ids"].append(action["id"])
    return Outcome([Event("action_added", {"action": copy.deepcopy(action)})],
                   {"action_id": action["id"]})


def update_action(state: WorkshopState, cmd: c.UpdateAction, actor: Actor,
                  ctx: Context) -> Outcome:
    """Change one field of an action, with the same `superseded` rule as plans."""
    _may_edit(state, actor, ctx)
    action = find(state.actions, cmd.action_id, "action")
    return Outcome([Event("action_updated", edit_action(action, cmd.field, cmd.value, cmd.base))])


def remove_action(state: WorkshopState, cmd: c.RemoveAction, actor: Actor,
                  ctx: Context) -> Outcome:
    """Drop an action from its plan."""
    _may_edit(state, actor, ctx)
    action = find(state.actions, cmd.action_id, "action")
    plan = state.plans.get(action["plan_id"] or "")
    if plan is not None:
        plan["action_ids"] = [a for a in plan["action_ids"] if a != action["id"]]
    del state.actions[action["id"]]
    return Outcome([Event("action_removed", {"action_id": action["id"]})])
