"""A project plan and its actions as a board's state keeps them: written on an evening
(`evening/planning.py`) and followed up in the group's workspace (`workspace/`), by the
same field rules (`fields.py`). TypedDicts, because they are JSON documents in both
states and on the wire; one floor below the evening and the workspace, which share them.

Every editable field is a `Field`, `{value, v}`: `v` counts the edits, so an edit made
from an older version is refused as `superseded` instead of overwriting someone's words.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict


class Field(TypedDict):
    """One editable field: its value and how many times it was changed."""

    value: Any
    v: int


def fresh_fields(values: Mapping[str, Any]) -> dict[str, Field]:
    """Fields that were never edited, in the order given."""
    return {name: {"value": value, "v": 0} for name, value in values.items()}


class Plan(TypedDict):
    """A project plan for a strategy or challenge result (`source_id`), with the challenge
    it answers (`issue_id`) and its actions in order."""

    id: str
    source_id: str | None
    issue_id: str | None
    fields: dict[str, Field]
    action_ids: list[str]


def new_plan(plan_id: str, source_id: str | None, issue_id: str | None,
             values: Mapping[str, Any]) -> Plan:
    """A plan without actions whose fields start at `values`."""
    return {"id": plan_id, "source_id": source_id, "issue_id": issue_id,
            "fields": fresh_fields(values), "action_ids": []}


class Action(TypedDict):
    """One thing to do in a plan: what, who, with whom, when, hours, money, status."""

    id: str
    plan_id: str | None
    fields: dict[str, Field]


def new_action(action_id: str, plan_id: str, values: Mapping[str, Any]) -> Action:
    """An action of `plan_id` whose fields start at the checked `values`."""
    return {"id": action_id, "plan_id": plan_id, "fields": fresh_fields(values)}
