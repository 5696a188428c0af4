"""The fields of project plans and actions, and how one is edited: shared by the evening
(`planning`) and the group's workspace (`workspace`), so both follow the same rules.

Every editable field is `{value, v}`. An edit names the version it started from (`base`);
when someone changed the field in between, it is refused as `superseded` and changes
nothing. Dates must be real and in order, money and hours never negative.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from ..board.checks import choice, date_text, euros, hours, short_text
from ..board.errors import DomainError
from .nouns import Action, Field, Plan

Item = TypeVar("Item")

STATUSES = ("idee", "gepland", "bezig", "gereed", "vastgelopen", "geschrapt")


def _text(item: str, limit: int, required: bool = False,
          lines: bool = False) -> Callable[[Any, str], str]:
    """The check of one text field; `max_length` is what its input boxes allow."""
    def check(value: Any, field: str) -> str:
        return short_text(value, field, limit, required, lines, item)

    check.max_length = limit  # type: ignore[attr-defined]
    return check


PLAN_FIELDS: dict[str, Callable[[Any, str], Any]] = {
    "title": _text("plan", 120, required=True),
    "owner": _text("plan", 120),
    "involved": _text("plan", 500),
    "goal": _text("plan", 500, lines=True),
    "result_by": date_text,
    "notes": _text("plan", 2000, lines=True),
}
ACTION_FIELDS: dict[str, Callable[[Any, str], Any]] = {
    "what": _text("action", 200, required=True),
    "owner": _text("action", 120),
    "helpers": _text("action", 300),
    "partners": _text("action", 300),
    "start": date_text,
    "due": date_text,
    "hours": hours,
    "euros": euros,
    "money_source": _text("action", 120),
    "status": lambda value, field: choice(value, field, STATUSES, nullable=False),
}


def text_limits(table: dict[str, Callable[[Any, str], Any]]) -> dict[str, int]:
    """Field → the most characters the server takes: the input boxes' `maxlength`."""
    return {name: check.max_length for name, check in table.items()
            if hasattr(check, "max_length")}


ACTION_DEFAULTS: dict[str, Any] = {
    "what": "", "owner": "", "helpers": "", "partners": "", "start": "", "due": "",
    "hours": None, "euros": None, "money_source": "", "status": "idee"}


def field_value(fields: Any, name: str, default: Any = "") -> Any:
    """A field's value from a plan's or action's `fields`: the `{value, v}` pair, or a
    bare value from older states; `default` for a missing or empty one."""
    raw = fields.get(name, default) if isinstance(fields, Mapping) else default
    if isinstance(raw, Mapping):
        raw = raw.get("value", default)
    return default if raw is None and default is not None else raw


def checked(table: dict[str, Callable[[Any, str], Any]], field: str, value: Any) -> Any:
    """`value` checked by the rule of `field`; an unknown field is `invalid_args`."""
    if field not in table:
        raise DomainError("invalid_args", field=str(field)[:40])
    return table[field](value, field)


def dates_in_order(start: str | None, due: str | None) -> None:
    """Refuse a due date before the start (either may be empty)."""
    if start and due and due < start:
        raise DomainError("due_before_start")


def versioned(slot: Field, base: int, field: str, value: Any) -> int:
    """Apply an edit made from version `base`; refuse it when the field moved on."""
    if base != slot["v"]:
        raise DomainError("superseded", field=field)
    slot["value"] = value
    slot["v"] += 1
    return slot["v"]


def find(items: Mapping[str, Item], item_id: str, item: str) -> Item:
    """The item with this id, or `not_found` naming what was looked for."""
    found = items.get(item_id)
    if found is None:
        raise DomainError("not_found", item=item)
    return found


def edit_plan(plan: Plan, field: str, value: Any, base: int) -> dict[str, Any]:
    """Change one plan field; the data of `plan_updated`."""
    value = checked(PLAN_FIELDS, field, value)
    v = versioned(plan["fields"][field], base, field, value)
    return {"plan_id": plan["id"], "field": field, "value": value, "v": v}


def new_action_values(plan: Plan, fields: Any, limit: int) -> dict[str, Any]:
    """The checked field values of a new action in `plan` (at most `limit` per plan):
    at least what is to be done, the rest as the defaults say."""
    if len(plan["action_ids"]) >= limit:
        raise DomainError("too_many_actions", limit=limit)
    if not isinstance(fields, dict) or "what" not in fields:
        raise DomainError("invalid_args", field="what")
    values: dict[str, Any] = dict(ACTION_DEFAULTS)
    values.update({field: checked(ACTION_FIELDS, field, value)
                   for field, value in fields.items()})
    dates_in_order(values["start"], values["due"])
    return values


def edit_action(action: Action, field: str, value: Any, base: int) -> dict[str, Any]:
    """Change one action field (dates kept in order); the data of `action_updated`."""
    value = checked(ACTION_FIELDS, field, value)
    fields = action["fields"]
    if field in ("start", "due"):
        dates = {"start": fields["start"]["value"], "due": fields["due"]["value"],
                 field: value}
        dates_in_order(dates["start"], dates["due"])
    v = versioned(fields[field], base, field, value)
    return {"action_id": action["id"], "field": field, "value": value, "v": v}
