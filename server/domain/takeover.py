"""Handing an evening over to its resident group: what is copied, and how ids are renumbered.

`evening_copy` picks from an evening's state what the group keeps: every result with its
links, the *texts* of the cards behind the results (origin kept; no author, no participant
id, no hidden card; a card whose author gave no publication consent keeps its place
with an empty text and `withheld: true`), every plan and action. Clusters, ballots and
names stay behind. Steps that `feed` the year (`format_feeds.py`) also send their
meanings and evaluation answers along.
`take_over_evening` (the workspace rule) renumbers all of it with the workspace's own ids
and remaps every link, keeping `from: {board_id, id}` on each copied item; an evening is
taken over once (`already_taken_over`).
"""
from __future__ import annotations

import copy
import datetime
from typing import TYPE_CHECKING, Any

from .board.actors import Actor
from .board.checks import is_whole, short_text
from .board.errors import DomainError
from .board.events import Event
from .formats.feeds import EVALUATION_ANSWERS, MEANING_RESULTS, evaluation_answer
from .formats.types import Format
from .review import plan_years
from .workspace_state import WorkspaceState

if TYPE_CHECKING:
    from .board.commands import TakeOverEvening
    from .workspace import WorkspaceContext

PARTS = ("results", "cards", "plans", "actions")
MAX_TEXT = 1000  # as the workspace's evaluation answers and meanings
# result fields that hold ids of other results
RESULT_LINKS = ("trends", "vision_elements", "weakens", "uses", "serves")


def _card_copy(card: dict) -> dict:
    """A card's text and origin; a card without publication consent keeps no text."""
    if card.get("publish") is False:
        return {"id": card["id"], "text": "", "origin": card.get("origin", "phone"),
                "withheld": True}
    return {"id": card["id"], "text": card["text"], "origin": card.get("origin", "phone")}


def evening_copy(state: dict, board_id: int, title: str, fmt: Format | None = None) -> dict:
    """The part of an evening's stored state that goes to the group (evening ids)."""
    results = [copy.deepcopy(r) for r in (state.get("results") or {}).values()]
    behind = {card_id for r in results for card_id in r.get("card_ids", [])}
    cards = [_card_copy(c) for c in (state.get("cards") or {}).values()
             if c["id"] in behind and not c.get("hidden")]
    return {"board_id": board_id, "title": title, "results": results, "cards": cards,
            "plans": copy.deepcopy(list((state.get("plans") or {}).values())),
            "actions": copy.deepcopy(list((state.get("actions") or {}).values())),
            **(_fed(state, fmt) if fmt else {})}


def _fed(state: dict, fmt: Format) -> dict:
    """What the steps with `feeds` send to the year: meanings and evaluation answers."""
    meanings, answers = [], {}
    for index, step in enumerate(fmt.steps):
        if step.feeds == "meanings":
            meanings += [{"id": r["id"], "text": r.get("title", ""), "kind": (
                "trend" if r["type"] == "trend" else "force")}
                for r in (state.get("results") or {}).values()
                if r.get("step") == index and r.get("type") in MEANING_RESULTS]
        elif answer := evaluation_answer(step.feeds):
            lines = _outcome_lines(state, index)
            if lines:
                answers[answer] = _joined([answers.get(answer, ""), *lines])
    return {"meanings": meanings, "evaluation": answers}


def _outcome_lines(state: dict, step: int) -> list[str]:
    """A step's outcome in words: each named cluster, then each card outside a cluster.
    Only cards that are visible and may be published; a cluster without a name says its
    first such card."""
    cards = [c for c in (state.get("cards") or {}).values()
             if c.get("step") == step and not c.get("hidden") and c.get("publish") is not False]
    lines = []
    for cluster in (state.get("clusters") or {}).values():
        if cluster.get("step") != step:
            continue
        inside = [c["text"] for c in cards if c.get("cluster") == cluster["id"]]
        name = cluster.get("name") or (inside[0] if inside else "")
        if name:
            lines.append(f"- {name}")
    lines += [f"- {c['text']}" for c in cards if not c.get("cluster")]
    return lines


def _joined(lines: list[str]) -> str:
    """Lines as one answer of at most MAX_TEXT characters (cut with an ellipsis)."""
    text = "\n".join(line for line in lines if line)
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1] + "…"


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
        self.state, self.board_id, self.ids = state, board_id, {}

    def new(self, item: dict, prefix: str) -> str:
        self.ids[item["id"]] = self.state.new_id(prefix)
        return self.ids[item["id"]]

    def one(self, old: Any) -> str | None:
        return self.ids.get(old) if isinstance(old, str) else None

    def many(self, old: Any) -> list[str]:
        return [self.ids[i] for i in (old or []) if isinstance(i, str) and i in self.ids]

    def origin(self, item: dict) -> dict:
        return {"board_id": self.board_id, "id": item["id"]}


def _workspace_card(card: dict, ids: _Renumber) -> dict:
    """A copied card; a withheld one (no publication consent) stays without its text."""
    withheld = card.get("withheld") is True
    out = {"id": ids.new(card, "c"), "text": "" if withheld else str(card.get("text", "")),
           "origin": card.get("origin", "phone"), "from": ids.origin(card)}
    if withheld:
        out["withheld"] = True
    return out


def _copy_all(state: WorkspaceState, parts: dict, ids: _Renumber) -> dict[str, list[dict]]:
    cards = [_workspace_card(c, ids) for c in parts["cards"]]
    for prefix, name in (("r", "results"), ("p", "plans"), ("a", "actions")):
        for item in parts[name]:
            ids.new(item, prefix)
    results = []
    for old in parts["results"]:
        result = copy.deepcopy(old)
        result.update({link: ids.many(old[link]) for link in RESULT_LINKS if link in old})
        result.update({"id": ids.one(old["id"]), "cluster_id": None,
                       "card_ids": ids.many(old.get("card_ids")), "from": ids.origin(old)})
        results.append(result)
    plans = [{"id": ids.one(p["id"]), "source_id": ids.one(p.get("source_id")),
              "issue_id": ids.one(p.get("issue_id")), "year": _year_of(p),
              "fields": copy.deepcopy(p.get("fields") or {}),
              "action_ids": ids.many(p.get("action_ids")), "from": ids.origin(p)}
             for p in parts["plans"]]
    actions = [{"id": ids.one(a["id"]), "plan_id": ids.one(a.get("plan_id")),
                "fields": copy.deepcopy(a.get("fields") or {}), "updates": [],
                "from": ids.origin(a)}
               for a in parts["actions"]]
    return {"results": results, "cards": cards, "plans": plans, "actions": actions}


def take_over_evening(state: WorkspaceState, cmd: "TakeOverEvening", actor: Actor,
                      ctx: "WorkspaceContext") -> list[Event]:
    """Copy a handed-over evening into the workspace, renumbered; once per evening."""
    evening = cmd.evening
    board_id = evening.get("board_id")
    if not is_whole(board_id):
        raise DomainError("invalid_args", field="board_id")
    if state.taken_over(board_id):
        raise DomainError("already_taken_over")
    title = short_text(evening.get("title", ""), "title", 120)
    copied = _copy_all(state, _parts(evening), _Renumber(state, board_id))
    for name in PARTS:
        getattr(state, name).update({item["id"]: item for item in copied[name]})
    entry = {"board_id": board_id, "title": title, "taken_over_at": ctx.now_ms}
    state.evenings.append(entry)
    data = {"evening": dict(entry), **copy.deepcopy(copied),
            **_feed_year(state, evening, board_id, stamp(actor, ctx))}
    return [Event("evening_taken_over", data | stamp(actor, ctx))]


def year_of_evaluation(state: WorkspaceState, now_ms: int) -> int:
    """The year an evaluation evening looks back on: the newest year the group tagged a
    plan with, up to this calendar year (an evaluation in January is about last year);
    this calendar year when no plan has a year yet."""
    this_year = datetime.datetime.fromtimestamp(now_ms / 1000, datetime.timezone.utc).year
    return max((y for y in plan_years(state.plans) if y <= this_year), default=this_year)


def _feed_year(state: WorkspaceState, evening: dict, board_id: int, stamped: dict) -> dict:
    """The evening's meanings and evaluation answers filed under the year it looks back on;
    an answer the group already wrote is kept. The event parts that say what changed."""
    meanings = _fed_meanings(evening.get("meanings", []))
    answers = _fed_answers(evening.get("evaluation", {}))
    if not meanings and not answers:
        return {}
    year = year_of_evaluation(state, stamped["at"])
    added = []
    for fed in meanings:
        meaning = {"id": state.new_id("m"), "year": year, "text": fed["text"],
                   "kind": fed["kind"], **stamped, "from": {"board_id": board_id,
                                                            "id": fed["id"]}}
        state.meanings[meaning["id"]] = meaning
        added.append(copy.deepcopy(meaning))
    entry = state.years.setdefault(str(year), {"phase": None, "evaluation": None})
    before = entry.get("evaluation") or {}
    merged = {a: before.get(a) or answers.get(a, "") for a in EVALUATION_ANSWERS}
    if any(merged[a] != (before.get(a) or "") for a in EVALUATION_ANSWERS):
        entry["evaluation"] = {**merged, **stamped}
    return {"meanings": added, "years": {str(year): copy.deepcopy(entry)}}


def _fed_meanings(items: Any) -> list[dict]:
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


def stamp(actor: Actor, ctx: "WorkspaceContext") -> dict:
    """Who acted and when: every workspace event carries it (its history line)."""
    return {"by": actor.display_name or "", "at": ctx.now_ms}
