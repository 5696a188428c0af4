"""The workspace's side of a hand-over: taking an evening in.

`take_over_evening` (the workspace rule) files what `evening.closing.evening_copy` picked:
it renumbers all of it with the workspace's own ids and remaps every link, keeping
`from: {board_id, id}` on each copied item (the parked items marked for later become
the group's open points); an evening is taken over once
(`already_taken_over`). The steps that `feed` the year file their meanings and
evaluation answers under the year the evening looks back on.

Giving an evening back (`return_evening`) undoes exactly this, by those `from` marks:
`giveback.py`.
"""
from __future__ import annotations

import copy
import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from ..board.actors import Actor
from ..board.checks import is_whole, short_text
from ..board.errors import DomainError
from ..board.events import Event, Outcome, origin_of
from ..evening.closing import MAX_TEXT
from ..evening.data_cards import SOURCE_MAX_LENGTH
from ..evening.nouns import LinkField
from ..evening.review import plan_years
from ..formats.feeds import EVALUATION_ANSWERS, MEANING_RESULTS
from .context import by_and_at, stamp
from .nouns import (
    CardText,
    CopiedFrom,
    EveningEntry,
    OpenPoint,
    WorkspaceAction,
    WorkspacePlan,
    WorkspaceResult,
    new_evaluation,
    new_meaning,
    new_year,
)
from .state import WorkspaceState

if TYPE_CHECKING:
    from ..board.commands import TakeOverEvening
    from .context import WorkspaceContext


PARTS = ("results", "cards", "plans", "actions")
# result fields that hold ids of other results
RESULT_LINKS: tuple[LinkField, ...] = ("trends", "vision_elements", "weakens", "uses", "serves")
BROUGHT = (*PARTS, "meanings", "open_points")  # what an evening brings (giveback.py)


def _parts(evening: dict) -> dict[str, list[dict]]:
    """The evening's lists, each a list of items with a string id, or `invalid_args`."""
    parts = {}
    for name in PARTS:
        items = evening.get(name, [])
        if not isinstance(items, list) or not all(
                isinstance(i, dict) and isinstance(i.get("id"), str) for i in items):
            raise DomainError("invalid_args", field=name)
        parts[name] = items
    return parts


def _year_of(plan: dict) -> int | None:
    """The year a plan's result is due, when the evening wrote one down."""
    due = (plan.get("fields") or {}).get("result_by", {}).get("value") or ""
    try:
        return datetime.date.fromisoformat(due).year
    except ValueError:
        return None


class _Renumber:
    """Evening ids → workspace ids, made from the workspace's counter in order."""

    def __init__(self, state: WorkspaceState, board_id: int) -> None:
        self.state, self.board_id = state, board_id
        self.ids: dict[str, str] = {}

    def new(self, item: dict, prefix: str) -> str:
        self.ids[item["id"]] = self.state.new_id(prefix)
        return self.ids[item["id"]]

    def of(self, item: dict) -> str:
        """The workspace id `new` gave this item."""
        return self.ids[item["id"]]

    def one(self, old: Any) -> str | None:
        return self.ids.get(old) if isinstance(old, str) else None

    def many(self, old: Any) -> list[str]:
        return [self.ids[i] for i in (old or []) if isinstance(i, str) and i in self.ids]

    def origin(self, item: dict) -> CopiedFrom:
        return {"board_id": self.board_id, "id": item["id"]}


def _workspace_card(card: dict, ids: _Renumber) -> CardText:
    """A copied card; a withheld one (no publication consent) stays without its text.
    A data card keeps its source (checked as the evening checks it)."""
    withheld = card.get("withheld") is True
    out: CardText = {"id": ids.new(card, "c"),
                     "text": "" if withheld else str(card.get("text", "")),
                     "origin": origin_of(card), "from": ids.origin(card)}
    if withheld:
        out["withheld"] = True
    source = short_text(card.get("source") or "", "source", SOURCE_MAX_LENGTH)
    if source and not withheld:
        out["source"] = source
    return out


def _copy_all(state: WorkspaceState, parts: dict[str, list[dict]],
              ids: _Renumber) -> dict[str, list[Any]]:
    """The evening's items renumbered, per part (`PARTS`), each remembering `from`."""
    cards = [_workspace_card(c, ids) for c in parts["cards"]]
    for prefix, name in (("r", "results"), ("p", "plans"), ("a", "actions")):
        for item in parts[name]:
            ids.new(item, prefix)
    results: list[WorkspaceResult] = []
    for old in parts["results"]:
        # the evening's result as its copy carries it, with its links renumbered
        result = cast(WorkspaceResult, copy.deepcopy(old))
        for link in RESULT_LINKS:
            if link in old:
                result[link] = ids.many(old[link])
        result.update({"id": ids.of(old), "cluster_id": None,
                       "card_ids": ids.many(old.get("card_ids")), "from": ids.origin(old)})
        results.append(result)
    plans: list[WorkspacePlan] = [
        {"id": ids.of(p), "source_id": ids.one(p.get("source_id")),
         "issue_id": ids.one(p.get("issue_id")), "year": _year_of(p),
         "fields": copy.deepcopy(p.get("fields") or {}),
         "action_ids": ids.many(p.get("action_ids")), "from": ids.origin(p)}
        for p in parts["plans"]]
    actions: list[WorkspaceAction] = [
        {"id": ids.of(a), "plan_id": ids.one(a.get("plan_id")),
         "fields": copy.deepcopy(a.get("fields") or {}), "updates": [],
         "from": ids.origin(a)}
        for a in parts["actions"]]
    return {"results": results, "cards": cards, "plans": plans, "actions": actions}


def _open_points(state: WorkspaceState, items: Any, board_id: int) -> list[OpenPoint]:
    """The evening's parked items marked for later, checked and renumbered (`o`); an
    evening copied before the parking lot existed sends none."""
    if items is None:
        return []
    if not isinstance(items, list) or not all(
            isinstance(i, dict) and isinstance(i.get("id"), str) for i in items):
        raise DomainError("invalid_args", field="open_points")
    points: list[OpenPoint] = []
    for item in items:
        point: OpenPoint = {
            "id": state.new_id("o"), "text": short_text(item.get("text", ""), "text", MAX_TEXT),
            "answer": short_text(item.get("answer", ""), "answer", MAX_TEXT, lines=True),
            "origin": "facilitator" if item.get("origin") == "facilitator" else "phone",
            "from": {"board_id": board_id, "id": item["id"]}}
        if item.get("withheld") is True:
            point["text"] = ""
            point["withheld"] = True
        points.append(point)
    return points


def take_over_evening(state: WorkspaceState, cmd: TakeOverEvening, actor: Actor,
                      ctx: WorkspaceContext) -> Outcome:
    """Copy a handed-over evening into the workspace, renumbered; once per evening."""
    evening = cmd.evening
    board_id = evening.get("board_id")
    if not is_whole(board_id):
        raise DomainError("invalid_args", field="board_id")
    if state.taken_over(board_id):
        raise DomainError("already_taken_over")
    title = short_text(evening.get("title", ""), "title", 120)
    copied = _copy_all(state, _parts(evening), _Renumber(state, board_id))
    copied["open_points"] = _open_points(state, evening.get("open_points"), board_id)
    for name in (*PARTS, "open_points"):
        getattr(state, name).update({item["id"]: item for item in copied[name]})
    entry: EveningEntry = {"board_id": board_id, "title": title, "taken_over_at": ctx.now_ms}
    state.evenings.append(entry)
    data = {"evening": entry.copy(), **copy.deepcopy(copied),
            **_feed_year(state, evening, board_id, *by_and_at(actor, ctx))}
    return Outcome([Event("evening_taken_over", data | stamp(actor, ctx))])


def year_of_evaluation(state: WorkspaceState, now_ms: int) -> int:
    """The year an evaluation evening looks back on: the newest year the group tagged a
    plan with, up to this calendar year (an evaluation in January is about last year);
    this calendar year when no plan has a year yet."""
    this_year = datetime.datetime.fromtimestamp(now_ms / 1000, datetime.UTC).year
    return max((y for y in plan_years(state.plans) if y <= this_year), default=this_year)


def _feed_year(state: WorkspaceState, evening: dict, board_id: int, by: str,
               at: int) -> dict[str, Any]:
    """The evening's meanings and evaluation answers filed under the year it looks back on;
    an answer the group already wrote is kept. The event parts that say what changed."""
    meanings = _fed_meanings(evening.get("meanings", []))
    answers = _fed_answers(evening.get("evaluation", {}))
    if not meanings and not answers:
        return {}
    year = year_of_evaluation(state, at)
    added = []
    for fed in meanings:
        meaning = new_meaning(state.new_id("m"), year, fed["text"], fed["kind"], by, at,
                              {"board_id": board_id, "id": fed["id"]})
        state.meanings[meaning["id"]] = meaning
        added.append(copy.deepcopy(meaning))
    entry = state.years.setdefault(str(year), new_year())
    before: Mapping[str, Any] = entry.get("evaluation") or {}
    merged: dict[str, str] = {a: before.get(a) or answers.get(a, "")
                              for a in EVALUATION_ANSWERS}
    if any(merged[a] != (before.get(a) or "") for a in EVALUATION_ANSWERS):
        entry["evaluation"] = new_evaluation(merged, by, at)
    return {"meanings": added, "years": {str(year): copy.deepcopy(entry)}}


def _fed_meanings(items: Any) -> list[dict[str, str]]:
    """Meanings as the evening sent them, checked: a text and a kind each."""
    if not isinstance(items, list):
        raise DomainError("invalid_args", field="meanings")
    checked = []
    for item in items:
        if not isinstance(item, dict) or item.get("kind") not in MEANING_RESULTS:
            raise DomainError("invalid_args", field="meanings")
        text = short_text(item.get("text", ""), "text", MAX_TEXT, lines=True)
        if text:
            checked.append({"id": str(item.get("id", "")), "text": text, "kind": item["kind"]})
    return checked


def _fed_answers(answers: Any) -> dict[str, str]:
    """Evaluation answers as the evening sent them, checked."""
    if not isinstance(answers, dict) or set(answers) - set(EVALUATION_ANSWERS):
        raise DomainError("invalid_args", field="evaluation")
    return {a: short_text(v, a, MAX_TEXT, lines=True) for a, v in answers.items()}
