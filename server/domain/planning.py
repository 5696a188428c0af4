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
from typing import TYPE_CHECKING, Any, Callable

from . import commands as c
from .actors import PARTICIPANT, Actor
from .checks import choice, date_text, euros, hours, require_technique, short_text
from .errors import DomainError
from .events import Event
from .results import result_of
from .state import WorkshopState

if TYPE_CHECKING:
    from .workshop import Context

DEFAULT_MAX_ACTIONS = 12
STATUSES = ("idee", "gepland", "bezig", "gereed", "vastgelopen", "geschrapt")


def _text(limit: int, required: bool = False) -> Callable[[Any, str], str]:
    return lambda value, field: short_text(value, field, limit, required)


PLAN_FIELDS: dict[str, Callable[[Any, str], Any]] = {
    "title": _text(120, required=True),
    "owner": _text(120),
    "involved": _text(500),
    "goal": _text(500),
    "result_by": date_text,
    "notes": _text(2000),
}
ACTION_FIELDS: dict[str, Callable[[Any, str], Any]] = {
    "what": _text(200, required=True),
    "owner": _text(120),
    "helpers": _text(300),
    "partners": _text(300),
    "start": date_text,
    "due": date_text,
    "hours": hours,
    "euros": euros,
    "money_source": _text(120),
    "status": lambda value, field: choice(value, field, STATUSES, nullable=False),
}
ACTION_DEFAULTS = {"what": "", "owner": "", "helpers": "", "partners": "", "start": "",
                   "due": "", "hours": None, "euros": None, "money_source": "",
                   "status": "idee"}


def _may_edit(state: WorkshopState, actor: Actor, ctx: "Context") -> None:
    """Residents edit plans only during action planning with input open."""
    if actor.role == PARTICIPANT:
        require_technique(ctx, state, "action_plan")
        if not state.input_open:
            raise DomainError("input_closed")


def _checked(table: dict, field: str, value: Any) -> Any:
    if field not in table:
        raise DomainError("invalid_args", field=str(field)[:40])
    return table[field](value, field)


def _dates_in_order(start: str, due: str) -> None:
    if start and due and due < start:
        raise DomainError("due_before_start")


def _versioned(slot: dict, base: int, field: str, value: Any) -> int:
    """Apply an edit made from version `base`; refuse it when the field moved on."""
    if base != slot["v"]:
        raise DomainError("superseded", field=field)
    slot["value"] = value
    slot["v"] += 1
    return slot["v"]


def create_plan(state: WorkshopState, cmd: c.CreatePlan, actor: Actor,
                ctx: "Context") -> list[Event]:
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
    plan = {"id": state.new_id("p"), "source_id": source["id"], "issue_id": issue_id,
            "fields": {name: {"value": value, "v": 0} for name, value in values.items()},
            "action_ids": []}
    state.plans[plan["id"]] = plan
    return [Event("plan_created", {"plan": copy.deepcopy(plan)})]


def _plan(state: WorkshopState, plan_id: str) -> dict:
    plan = state.plans.get(plan_id)
    if plan is None:
        raise DomainError("not_found", item="plan")
    return plan


def _action(state: WorkshopState, action_id: str) -> dict:
    action = state.actions.get(action_id)
    if action is None:
        raise DomainError("not_found", item="action")
    return action


def update_plan(state: WorkshopState, cmd: c.UpdatePlan, actor: Actor,
                ctx: "Context") -> list[Event]:
    """Change one field of a plan, unless someone changed it first (`superseded`)."""
    _may_edit(state, actor, ctx)
    plan = _plan(state, cmd.plan_id)
    value = _checked(PLAN_FIELDS, cmd.field, cmd.value)
    v = _versioned(plan["fields"][cmd.field], cmd.base, cmd.field, value)
    return [Event("plan_updated", {"plan_id": plan["id"], "field": cmd.field,
                                   "value": value, "v": v})]


def _max_actions(state: WorkshopState, ctx: "Context") -> int:
    """The action limit of the current step, or of the format's action-planning step."""
    steps = [ctx.fmt.steps[state.step], *ctx.fmt.steps]
    for step in steps:
        if step.uses("action_plan"):
            return step.options["action_plan"].get("max_actions", DEFAULT_MAX_ACTIONS)
    return DEFAULT_MAX_ACTIONS


def add_action(state: WorkshopState, cmd: c.AddAction, actor: Actor,
               ctx: "Context") -> list[Event]:
    """A new action in a plan: at least what is to be done; plans stay short."""
    _may_edit(state, actor, ctx)
    plan = _plan(state, cmd.plan_id)
    limit = _max_actions(state, ctx)
    if len(plan["action_ids"]) >= limit:
        raise DomainError("too_many_actions", limit=limit)
    if "what" not in cmd.fields:
        raise DomainError("invalid_args", field="what")
    values = dict(ACTION_DEFAULTS)
    values.update({field: _checked(ACTION_FIELDS, field, value)
                   for field, value in cmd.fields.items()})
    _dates_in_order(values["start"], values["due"])
    action = {"id": state.new_id("a"), "plan_id": plan["id"],
              "fields": {name: {"value": value, "v": 0} for name, value in values.items()}}
    state.actions[action["id"]] = action
    plan["action_ids"].append(action["id"])
    return [Event("action_added", {"action": copy.deepcopy(action)})]


def update_action(state: WorkshopState, cmd: c.UpdateAction, actor: Actor,
                  ctx: "Context") -> list[Event]:
    """Change one field of an action, with the same `superseded` rule as plans."""
    _may_edit(state, actor, ctx)
    action = _action(state, cmd.action_id)
    value = _checked(ACTION_FIELDS, cmd.field, cmd.value)
    fields = action["fields"]
    if cmd.field in ("start", "due"):
        dates = {"start": fields["start"]["value"], "due": fields["due"]["value"],
                 cmd.field: value}
        _dates_in_order(dates["start"], dates["due"])
    v = _versioned(fields[cmd.field], cmd.base, cmd.field, value)
    return [Event("action_updated", {"action_id": action["id"], "field": cmd.field,
                                     "value": value, "v": v})]


def remove_action(state: WorkshopState, cmd: c.RemoveAction, actor: Actor,
                  ctx: "Context") -> list[Event]:
    """Drop an action from its plan."""
    _may_edit(state, actor, ctx)
    action = _action(state, cmd.action_id)
    plan = state.plans.get(action["plan_id"])
    if plan is not None:
        plan["action_ids"] = [a for a in plan["action_ids"] if a != action["id"]]
    del state.actions[action["id"]]
    return [Event("action_removed", {"action_id": action["id"]})]
