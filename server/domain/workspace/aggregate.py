"""The resident group's plan workspace: one entry point for its rules (docs/workspace.md).

After an evening the plans belong to the group. Its members (and the facilitators it
grants access) follow the actions up: status, ORID updates ("what did we do, what did it
bring, what did we learn"), the year a plan belongs to, each year's phase, evaluation and
meanings. Actions are edited by the evening's own rules (`plan/fields.py`: field versions,
`superseded`, dates, money). Every event carries `by` and `at`: the history of who
changed what, and when.

`apply_workspace` changes the state in place and returns the events, or raises
`DomainError`; the caller then throws the partly changed state away.
"""
from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from ..board import commands as c
from ..board.actors import Actor
from ..board.checks import choice, short_text, whole_in
from ..board.errors import DomainError
from ..board.events import Event, Outcome
from ..board.policy import authorize_workspace
from ..plan.fields import edit_action, find, new_action_values
from ..plan.nouns import new_action
from .context import WorkspaceContext, by_and_at, stamp
from .giveback import return_evening
from .handover import take_over_evening
from .import_plan import import_plan
from .nouns import (
    Year,
    new_evaluation,
    new_meaning,
    new_update,
    new_year,
    workspace_action,
)
from .state import WorkspaceState

__all__ = ["HANDLERS", "apply_workspace"]

MAX_ACTIONS = 50  # per plan: the group may add some after the evening, within reason
MAX_TEXT = 1000  # each ORID answer, evaluation answer and meaning
FIRST_YEAR, LAST_YEAR = 2000, 2100
PHASES = (1, 2, 3, 4)  # research and contact, mobilisation and execution,
# execution and stabilisation, stabilisation and evaluation
MEANING_KINDS = ("trend", "force")


Handler = Callable[[WorkspaceState, Any, Actor, WorkspaceContext], Outcome]


def apply_workspace(state: WorkspaceState, cmd: c.Command, actor: Actor,
                    ctx: WorkspaceContext) -> Outcome:
    """Check `cmd` by `actor` against the rules; change `state`; return the events and
    the command's result."""
    authorize_workspace(actor, type(cmd).command_name, ctx.group)
    return HANDLERS[type(cmd)](state, cmd, actor, ctx)


def _event(name: str, data: dict, actor: Actor, ctx: WorkspaceContext,
           result: dict[str, str] | None = None) -> Outcome:
    """One event stamped with who acted and when, and the id a command created."""
    return Outcome([Event(name, data | stamp(actor, ctx))], result or {})


def _year(value: Any) -> int:
    return whole_in(value, "year", FIRST_YEAR, LAST_YEAR)


def _answers(values: dict[str, Any]) -> dict[str, str]:
    """Texts of at most MAX_TEXT characters, of which at least one is filled in."""
    answers = {name: short_text(value, name, MAX_TEXT, lines=True, item="answer")
               for name, value in values.items()}
    if not any(answers.values()):
        raise DomainError("bad_value", field=next(iter(values)))
    return answers


def set_action_status(state: WorkspaceState, cmd: c.SetActionStatus, actor: Actor,
                      ctx: WorkspaceContext) -> Outcome:
    """idee, gepland, bezig, gereed, vastgelopen or geschrapt; `superseded` when the
    status changed since `base`."""
    action = find(state.actions, cmd.action_id, "action")
    return _event("action_updated", edit_action(action, "status", cmd.status, cmd.base),
                  actor, ctx)


def update_action(state: WorkspaceState, cmd: c.UpdateAction, actor: Actor,
                  ctx: WorkspaceContext) -> Outcome:
    """Any field of an action, by the evening's rules."""
    action = find(state.actions, cmd.action_id, "action")
    return _event("action_updated", edit_action(action, cmd.field, cmd.value, cmd.base),
                  actor, ctx)


def add_action(state: WorkspaceState, cmd: c.AddAction, actor: Actor,
               ctx: WorkspaceContext) -> Outcome:
    """A new action in a plan, by the evening's rules; it starts without updates."""
    plan = find(state.plans, cmd.plan_id, "plan")
    values = new_action_values(plan, cmd.fields, MAX_ACTIONS)
    action = workspace_action(new_action(state.new_id("a"), plan["id"], values))
    state.actions[action["id"]] = action
    plan["action_ids"].append(action["id"])
    return _event("action_added", {"action": copy.deepcopy(action)}, actor, ctx,
                  {"action_id": action["id"]})


def add_action_update(state: WorkspaceState, cmd: c.AddActionUpdate, actor: Actor,
                      ctx: WorkspaceContext) -> Outcome:
    """An ORID update on an action: what did we do, what did it bring, what did we learn."""
    action = find(state.actions, cmd.action_id, "action")
    answers = _answers({"did": cmd.did, "brought": cmd.brought, "learned": cmd.learned})
    by, at = by_and_at(actor, ctx)
    update = new_update(state.new_id("u"), answers, by, at)
    action.setdefault("updates", []).append(update)
    return _event("action_update_added", {"action_id": action["id"], "update": dict(update)},
                  actor, ctx, {"update_id": update["id"]})


def set_plan_year(state: WorkspaceState, cmd: c.SetPlanYear, actor: Actor,
                  ctx: WorkspaceContext) -> Outcome:
    """The year a plan belongs to (2000–2100). No base: the last choice counts."""
    plan = find(state.plans, cmd.plan_id, "plan")
    plan["year"] = _year(cmd.year)
    return _event("plan_updated", {"plan_id": plan["id"], "field": "year",
                                   "value": plan["year"], "v": None}, actor, ctx)


def _year_entry(state: WorkspaceState, year: int) -> Year:
    return state.years.setdefault(str(year), new_year())


def set_year_phase(state: WorkspaceState, cmd: c.SetYearPhase, actor: Actor,
                   ctx: WorkspaceContext) -> Outcome:
    """Which of the four phases the group is in during a year."""
    year = _year(cmd.year)
    phase = whole_in(cmd.phase, "phase", PHASES[0], PHASES[-1])
    _year_entry(state, year)["phase"] = phase
    return _event("year_phase_set", {"year": year, "phase": phase}, actor, ctx)


def evaluate_year(state: WorkspaceState, cmd: c.EvaluateYear, actor: Actor,
                  ctx: WorkspaceContext) -> Outcome:
    """The year's evaluation: what did we do, what did we achieve, what did we learn,
    what does it mean for next year. A new evaluation replaces the earlier one (the
    earlier one stays in the history)."""
    year = _year(cmd.year)
    evaluation = new_evaluation(_answers({"did": cmd.did, "achieved": cmd.achieved,
                                          "learned": cmd.learned, "meaning": cmd.meaning}),
                                *by_and_at(actor, ctx))
    _year_entry(state, year)["evaluation"] = evaluation
    return _event("year_evaluated", {"year": year, "evaluation": dict(evaluation)},
                  actor, ctx)


def add_meaning(state: WorkspaceState, cmd: c.AddMeaning, actor: Actor,
                ctx: WorkspaceContext) -> Outcome:
    """A trend or force the year seeds for the next one."""
    year = _year(cmd.year)
    meaning = new_meaning(state.new_id("m"), year,
                          short_text(cmd.text, "text", MAX_TEXT, required=True, lines=True,
                                     item="meaning"),
                          choice(cmd.kind, "kind", MEANING_KINDS, nullable=False),
                          *by_and_at(actor, ctx))
    state.meanings[meaning["id"]] = meaning
    return _event("meaning_added", {"meaning": dict(meaning)}, actor, ctx,
                  {"meaning_id": meaning["id"]})


def set_share_progress(state: WorkspaceState, cmd: c.SetShareProgress, actor: Actor,
                       ctx: WorkspaceContext) -> Outcome:
    """Whether the residents' phones show what became of their cards (the actions behind
    them and their status). The group's choice, on by default (docs/privacy.md)."""
    state.share_progress = cmd.on
    return _event("share_progress_set", {"on": cmd.on}, actor, ctx)


HANDLERS: dict[type, Handler] = {
    c.TakeOverEvening: take_over_evening,
    c.ImportPlan: import_plan,
    c.ReturnEvening: return_evening,
    c.SetActionStatus: set_action_status,
    c.UpdateAction: update_action,
    c.AddAction: add_action,
    c.AddActionUpdate: add_action_update,
    c.SetPlanYear: set_plan_year,
    c.SetYearPhase: set_year_phase,
    c.EvaluateYear: evaluate_year,
    c.AddMeaning: add_meaning,
    c.SetShareProgress: set_share_progress,
}
