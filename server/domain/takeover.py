"""Handing an evening over to its resident group: what is copied, and how ids are renumbered.

`evening_copy` picks from an evening's state what the group keeps: every result with its
links, the *texts* of the cards behind the results (origin kept; no author, no participant
id, no hidden card; a card whose author gave no publication consent keeps its place
with an empty text and `withheld: true`), every plan and action. Clusters, ballots and
names stay behind.
`take_over_evening` (the workspace rule) renumbers all of it with the workspace's own ids
and remaps every link, keeping `from: {board_id, id}` on each copied item; an evening is
taken over once (`already_taken_over`).
"""
from __future__ import annotations

import copy
import datetime
from typing import TYPE_CHECKING, Any

from .actors import Actor
from .checks import is_whole, short_text
from .errors import DomainError
from .events import Event
from .workspace_state import WorkspaceState

if TYPE_CHECKING:
    from .commands import TakeOverEvening
    from .workspace import WorkspaceContext

PARTS = ("results", "cards", "plans", "actions")
# result fields that hold ids of other results
RESULT_LINKS = ("trends", "vision_elements", "weakens", "uses", "serves")


def _card_copy(card: dict) -> dict:
    """A card's text and origin; a card without publication consent keeps no text."""
    if card.get("publish") is False:
        return {"id": card["id"], "text": "", "origin": card.get("origin", "phone"),
                "withheld": True}
    return {"id": card["id"], "text": card["text"], "origin": card.get("origin", "phone")}


def evening_copy(state: dict, board_id: int, title: str) -> dict:
    """The part of an evening's stored state that goes to the group (evening ids)."""
    results = [copy.deepcopy(r) for r in (state.get("results") or {}).values()]
    behind = {card_id for r in results for card_id in r.get("card_ids", [])}
    cards = [_card_copy(c) for c in (state.get("cards") or {}).values()
             if c["id"] in behind and not c.get("hidden")]
    return {"board_id": board_id, "title": title, "results": results, "cards": cards,
            "plans": copy.deepcopy(list((state.get("plans") or {}).values())),
            "actions": copy.deepcopy(list((state.get("actions") or {}).values()))}


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
    data = {"evening": dict(entry), **copy.deepcopy(copied)}
    return [Event("evening_taken_over", data | stamp(actor, ctx))]


def stamp(actor: Actor, ctx: "WorkspaceContext") -> dict:
    """Who acted and when: every workspace event carries it (its history line)."""
    return {"by": actor.display_name or "", "at": ctx.now_ms}
