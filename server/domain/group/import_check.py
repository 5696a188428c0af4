"""Checking a group's plan document before it is imported (docs/export.md).

Pure: `check_document` looks at the whole document and returns every problem it finds
(up to MAX_PROBLEMS), each a code with its parameters, so the page can say in the
reader's language what is wrong. Only a document without problems is imported; then
`plan_of` gives the workspace parts to put in. Checked: the schema name and version, that
every part is there with the right type, that ids are unique strings, that every link
between results, cards, plans and actions points at something in the document, and sizes.
The plan's open points and the sharing switch are optional (an export made before they
existed has neither); when there, they are checked like the rest.
"""
from __future__ import annotations

import copy
from typing import Any

from ..board.checks import ascii_digits
from .export import SCHEMA, VERSION

MAX_ITEMS = 5000  # per list
MAX_TEXT = 10_000  # characters of any one text field we check
MAX_PROBLEMS = 20
LISTS = ("evenings", "results", "cards", "plans", "actions", "meanings")
OPTIONAL_LISTS = ("open_points",)  # added without a version change (docs/export.md)
ID_LISTS = ("results", "cards", "plans", "actions", "meanings", "open_points")
MAX_SOURCE = 160  # a data card's source, as the evening allows it (`add_data_card`)
POINT_ORIGINS = ("phone", "facilitator")
RESULT_LINKS = ("trends", "vision_elements", "weakens", "uses", "serves")
MEANING_KINDS = ("trend", "force")

Problem = tuple[str, dict]


class _Check:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, code: str, **params: Any) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append((code, params))

    def typed(self, value: Any, kind: type | tuple, where: str, expected: str) -> bool:
        if isinstance(value, bool) and kind is not bool or not isinstance(value, kind):
            self.add("wrong_type", field=where, expected=expected)
            return False
        return True

    def field(self, item: dict, name: str, kind, where: str, expected: str) -> bool:
        if name not in item:
            self.add("missing_field", field=f"{where}.{name}")
            return False
        return self.typed(item[name], kind, f"{where}.{name}", expected)

    def text(self, item: dict, name: str, where: str, required: bool = True) -> None:
        if name not in item and not required:
            return
        if self.field(item, name, str, where, "text") and len(item[name]) > MAX_TEXT:
            self.add("too_long", field=f"{where}.{name}", limit=MAX_TEXT)


def check_document(document: Any) -> list[Problem]:
    """Every problem of the document (at most MAX_PROBLEMS); empty when it can go in."""
    check = _Check()
    if not check.typed(document, dict, "document", "object"):
        return check.problems
    if document.get("schema") != SCHEMA:
        check.add("wrong_schema", expected=SCHEMA)
        return check.problems
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version != VERSION:
        check.add("wrong_version", version=str(version)[:20], expected=VERSION)
        return check.problems
    if check.field(document, "group", dict, "document", "object"):
        check.text(document["group"], "name", "group")
    if check.field(document, "history", list, "document", "list"):
        if len(document["history"]) > MAX_ITEMS * 10:
            check.add("too_many", field="history", limit=MAX_ITEMS * 10)
    if check.field(document, "workspace", dict, "document", "object"):
        _workspace(check, document["workspace"])
    return check.problems


def _workspace(check: _Check, space: dict) -> None:
    items: dict[str, list[dict]] = {}
    for name in LISTS:
        if not check.field(space, name, list, "workspace", "list"):
            items[name] = []
            continue
        if len(space[name]) > MAX_ITEMS:
            check.add("too_many", field=name, limit=MAX_ITEMS)
        items[name] = [i for n, i in enumerate(space[name])
                       if check.typed(i, dict, f"{name}[{n}]", "object")]
    for name in OPTIONAL_LISTS:
        items[name] = []
        if name not in space:
            continue
        if not check.typed(space[name], list, f"workspace.{name}", "list"):
            continue
        if len(space[name]) > MAX_ITEMS:
            check.add("too_many", field=name, limit=MAX_ITEMS)
        items[name] = [i for n, i in enumerate(space[name])
                       if check.typed(i, dict, f"{name}[{n}]", "object")]
    if "share_progress" in space:
        check.typed(space["share_progress"], bool, "workspace.share_progress", "true/false")
    if check.field(space, "years", dict, "workspace", "object"):
        _years(check, space["years"])
    if "next_id" in space:
        check.typed(space["next_id"], int, "workspace.next_id", "number")
    ids = _ids(check, items)
    for n, evening in enumerate(items["evenings"]):
        check.text(evening, "title", f"evenings[{n}]")
    for n, card in enumerate(items["cards"]):
        check.text(card, "text", f"cards[{n}]")
        if card.get("source") is not None:
            _source(check, card["source"], f"cards[{n}].source")
    for point in items["open_points"]:
        _open_point(check, point)
    for result in items["results"]:
        where = f"results.{result.get('id')}"
        check.text(result, "type", where)
        _links(check, result, "card_ids", ids["cards"], where)
        for link in RESULT_LINKS:
            if result.get(link) is not None:
                _links(check, result, link, ids["results"], where)
    for plan in items["plans"]:
        where = f"plans.{plan.get('id')}"
        check.field(plan, "fields", dict, where, "object")
        for link in ("source_id", "issue_id"):
            value = plan.get(link)
            if value is not None and value not in ids["results"]:
                check.add("dangling_id", field=f"{where}.{link}", id=str(value)[:40])
        if plan.get("year") is not None:
            check.typed(plan["year"], int, f"{where}.year", "number")
        _links(check, plan, "action_ids", ids["actions"], where)
    for action in items["actions"]:
        _action(check, action, ids["plans"], items["plans"])
    for meaning in items["meanings"]:
        where = f"meanings.{meaning.get('id')}"
        check.field(meaning, "year", int, where, "number")
        check.text(meaning, "text", where)
        if meaning.get("kind") not in MEANING_KINDS:
            check.add("wrong_type", field=f"{where}.kind", expected="trend/force")


def _ids(check: _Check, items: dict[str, list[dict]]) -> dict[str, set[str]]:
    """The ids per list; every id a string, unique across the whole workspace."""
    seen: set[str] = set()
    ids: dict[str, set[str]] = {}
    for name in ID_LISTS:
        ids[name] = set()
        for n, item in enumerate(items[name]):
            if not check.field(item, "id", str, f"{name}[{n}]", "text"):
                continue
            if item["id"] in seen:
                check.add("duplicate_id", id=item["id"][:40])
            seen.add(item["id"])
            ids[name].add(item["id"])
    return ids


def _source(check: _Check, source: Any, where: str) -> None:
    """A data card's source: one short text (empty is none)."""
    if check.typed(source, str, where, "text") and len(source) > MAX_SOURCE:
        check.add("too_long", field=where, limit=MAX_SOURCE)


def _open_point(check: _Check, point: dict) -> None:
    """An open point: its text, the answer so far, who parked it (never a name)."""
    where = f"open_points.{point.get('id')}"
    check.text(point, "text", where)
    check.text(point, "answer", where, required=False)
    if point.get("origin") not in POINT_ORIGINS:
        check.add("wrong_type", field=f"{where}.origin", expected="phone/facilitator")
    if "withheld" in point:
        check.typed(point["withheld"], bool, f"{where}.withheld", "true/false")
    if "from" in point:
        check.typed(point["from"], dict, f"{where}.from", "object")


def _links(check: _Check, item: dict, name: str, known: set[str], where: str) -> None:
    values = item.get(name, [])
    if not check.typed(values, list, f"{where}.{name}", "list"):
        return
    for value in values:
        if value not in known:
            check.add("dangling_id", field=f"{where}.{name}", id=str(value)[:40])


def _action(check: _Check, action: dict, plan_ids: set[str], plans: list[dict]) -> None:
    where = f"actions.{action.get('id')}"
    check.field(action, "fields", dict, where, "object")
    plan_id = action.get("plan_id")
    if plan_id not in plan_ids:
        check.add("dangling_id", field=f"{where}.plan_id", id=str(plan_id)[:40])
    elif not any(p.get("id") == plan_id and action.get("id") in (p.get("action_ids") or [])
                 for p in plans):
        check.add("dangling_id", field=f"plans.{plan_id}.action_ids",
                  id=str(action.get("id"))[:40])
    if check.field(action, "updates", list, where, "list"):
        for n, update in enumerate(action["updates"]):
            if check.typed(update, dict, f"{where}.updates[{n}]", "object"):
                check.field(update, "id", str, f"{where}.updates[{n}]", "text")


def _years(check: _Check, years: dict) -> None:
    for key, entry in years.items():
        if not ascii_digits(key):
            check.add("wrong_type", field=f"years.{key[:10]}", expected="year")
        elif check.typed(entry, dict, f"years.{key}", "object"):
            phase = entry.get("phase")
            if phase is not None and phase not in (1, 2, 3, 4):
                check.add("wrong_type", field=f"years.{key}.phase", expected="1-4")


def _number(item_id: str) -> int:
    digits = item_id[1:]
    return int(digits) if ascii_digits(digits) else 0


def plan_of(document: dict) -> dict:
    """The workspace parts of a checked document, keyed by id as the state keeps them,
    and a `next_id` beyond every id in it (so no id ever comes back). An older document
    without open points or the sharing switch gives none and the switch on (its default)."""
    space = copy.deepcopy(document["workspace"])
    parts = {name: {i["id"]: i for i in space.get(name) or []} for name in ID_LISTS}
    for point in parts["open_points"].values():
        point.setdefault("answer", "")
    numbers = [_number(i) for part in parts.values() for i in part]
    numbers += [_number(u["id"]) for a in space["actions"] for u in a.get("updates", [])]
    next_id = max([space.get("next_id", 1), *(n + 1 for n in numbers)])
    return {**parts, "evenings": space["evenings"], "years": space["years"],
            "share_progress": space.get("share_progress", True), "next_id": next_id}
