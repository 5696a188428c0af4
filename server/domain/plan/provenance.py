"""The plan view: a project plan with its timeline, budget and provenance.

The evening ends with project plans, and a plan is only credible to a residents' council
when every action can be traced back to what residents actually wrote. This module reads
a board's state document (cards, clusters, results, plans and actions, see the protocol's
"planning techniques" spec) and computes, without Flask or SQL:

- the plan's fields, its issue (a challenge) and its source (a strategy or challenge);
- the timeline (tijdspad) and budget (begroting), which the spec derives from the actions;
- the provenance chain shared by the plan's actions: strategy → forces it weakens and
  uses → vision elements it serves → the challenge and its trends → the original cards.

The plan page is read outside the evening, by people who were not in the room, so cards
come out without any author id or name, and hidden cards never come out at all. A card
whose author did not consent to publication (`publish: false`) comes out without its text
(`withheld`), so the page can say a card is there without showing what it says. Missing
keys and dangling ids are skipped: the state may be older or newer than this code.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from .fields import field_value as _value
from .types import (
    ActionView,
    Budget,
    PlanView,
    Provenance,
    ResultNode,
    SourceCard,
    Timeline,
    parse_day,
)

CENT = Decimal("0.01")
RESULT_ATTRS = ("direction", "theme", "polarity", "strength", "reach", "impact", "effort",
                "equity")


def is_withheld(card: Mapping[str, Any]) -> bool:
    """True when the card's author was asked for publication consent and did not give it.

    Only an explicit `publish: false` withholds: `None` or a missing key means no consent
    was asked (older states, steps without the option, data and paper cards).
    """
    return card.get("publish") is False


def items_by_id(items: Any) -> dict[str, Mapping[str, Any]]:
    """State collections are dicts keyed by id; a snapshot-style list works too."""
    if isinstance(items, Mapping):
        return {str(k): v for k, v in items.items() if isinstance(v, Mapping)}
    if isinstance(items, list):
        return {str(v["id"]): v for v in items if isinstance(v, Mapping) and "id" in v}
    return {}


def text_of(value: Any) -> str:
    return "" if value is None else str(value)


def id_order(item_id: str) -> tuple[int, str]:
    """Sort `a2` before `a10`: ids are a letter and a counter."""
    digits = "".join(ch for ch in item_id if ch.isdigit())
    return (int(digits) if digits else 0, item_id)


def iso_day(text: Any) -> str:
    """A `YYYY-MM-DD` date as given, or "" for anything else (older or broken states)."""
    try:
        return parse_day(text).isoformat() if text else ""
    except (TypeError, ValueError):
        return ""


def _number(value: Any, kind: type) -> Any:
    """Hours (int) or euros (Decimal, to the cent); None when absent or unreadable."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return int(value) if kind is int else Decimal(str(value)).quantize(CENT, ROUND_HALF_UP)
    except (InvalidOperation, TypeError, ValueError):
        return None


class StateGraph:
    """Lookups into one state document, resolving ids and dropping what must not show."""

    def __init__(self, state: Mapping[str, Any]):
        self.cards = items_by_id(state.get("cards"))
        self.results = items_by_id(state.get("results"))

    def card(self, card_id: str) -> SourceCard | None:
        card = self.cards.get(card_id)
        if card is None or card.get("hidden"):
            return None
        withheld = is_withheld(card)
        return SourceCard(id=card_id, text=None if withheld else text_of(card.get("text")),
                          origin=card.get("origin") or "phone", step=card.get("step"),
                          kind=card.get("kind"), theme=card.get("theme"), withheld=withheld,
                          source=None if withheld else (text_of(card.get("source")) or None))

    def node(self, result_id: Any, types: Iterable[str] | None = None) -> ResultNode | None:
        result = self.results.get(str(result_id)) if result_id else None
        if result is None or (types is not None and str(result.get("type")) not in types):
            return None
        cards = tuple(c for c in (self.card(str(i)) for i in result.get("card_ids") or ())
                      if c is not None)
        attrs = {k: result[k] for k in RESULT_ATTRS if result.get(k) is not None}
        return ResultNode(id=str(result_id), type=text_of(result.get("type")),
                          title=text_of(result.get("title")), step=result.get("step"),
                          votes=_number(result.get("votes"), int) or 0, cards=cards, attrs=attrs)

    def nodes(self, ids: Any, types: Iterable[str]) -> tuple[ResultNode, ...]:
        found = (self.node(i, tuple(types)) for i in _unique(ids or ()))
        return tuple(n for n in found if n is not None)


def _unique(ids: Iterable[Any]) -> list[str]:
    return list(dict.fromkeys(str(i) for i in ids))


def provenance_of(plan: Mapping[str, Any], graph: StateGraph) -> Provenance:
    """The chain behind a plan: its source strategy (or challenge) and its issue.

    Vision elements are those the strategy serves plus those its forces were written
    about, because step 4 asks per vision element: both are why the strategy matters.
    """
    source = graph.node(plan.get("source_id"), ("strategy", "challenge"))
    issue = graph.node(plan.get("issue_id"), ("challenge",))
    if issue is None and source is not None and source.type == "challenge":
        issue = source
    if source is None or source.type != "strategy":
        return Provenance(source=source, issue=issue, trends=_trends(issue, graph))
    raw = graph.results[source.id]
    weakens = graph.nodes(raw.get("weakens"), ("force",))
    uses = graph.nodes(raw.get("uses"), ("force",))
    vision_ids = list(raw.get("serves") or ())
    for force in (*weakens, *uses):
        vision_ids += list(graph.results[force.id].get("vision_elements") or ())
    serves = graph.nodes(vision_ids, ("vision_element",))
    return Provenance(source=source, weakens=weakens, uses=uses, serves=serves,
                      issue=issue, trends=_trends(issue, graph))


def _trends(issue: ResultNode | None, graph: StateGraph) -> tuple[ResultNode, ...]:
    if issue is None:
        return ()
    return graph.nodes(graph.results[issue.id].get("trends"), ("trend",))


def _action(action: Mapping[str, Any], chain: Provenance) -> ActionView:
    f = action.get("fields") or {}
    return ActionView(
        id=text_of(action.get("id")), what=text_of(_value(f, "what")),
        owner=text_of(_value(f, "owner")), helpers=text_of(_value(f, "helpers")),
        partners=text_of(_value(f, "partners")),
        start=iso_day(_value(f, "start")), due=iso_day(_value(f, "due")),
        hours=_number(_value(f, "hours", None), int),
        euros=_number(_value(f, "euros", None), Decimal),
        money_source=text_of(_value(f, "money_source")).strip(),
        status=text_of(_value(f, "status")) or "idee", provenance=chain)


def timeline_of(actions: Iterable[ActionView]) -> Timeline:
    """Dated actions by start (or due), then due; the span runs from the earliest date
    to the latest, i.e. from the first start to the last due when the dates are sane."""
    actions = list(actions)
    dated = sorted((a for a in actions if a.start or a.due),
                   key=lambda a: (a.start or a.due, a.due or a.start, id_order(a.id)))
    undated = tuple(a for a in actions if not (a.start or a.due))
    days = [d for a in dated for d in (a.start, a.due) if d]
    return Timeline(actions=tuple(dated), first=min(days, default=""),
                    last=max(days, default=""), undated=undated)


def budget_of(actions: Iterable[ActionView]) -> Budget:
    """Sum hours and euros; euros per money source, the largest first."""
    hours, euros, unestimated = 0, Decimal("0.00"), 0
    by_source: dict[str, Decimal] = {}
    for action in actions:
        hours += action.hours or 0
        if action.euros is not None:
            euros += action.euros
            by_source[action.money_source] = by_source.get(action.money_source,
                                                           Decimal("0.00")) + action.euros
        if action.hours is None and action.euros is None:
            unestimated += 1
    ordered = sorted(by_source.items(), key=lambda kv: (-kv[1], kv[0] == "", kv[0]))
    return Budget(hours=hours, euros=euros, by_source=tuple(ordered), unestimated=unestimated)


def plan_view(state: Mapping[str, Any], plan_id: str) -> PlanView | None:
    """The whole plan page for `plan_id`, or None when the board has no such plan."""
    plan = items_by_id(state.get("plans")).get(plan_id)
    if plan is None:
        return None
    graph = StateGraph(state)
    chain = provenance_of(plan, graph)
    all_actions = items_by_id(state.get("actions"))
    ids = _unique(plan.get("action_ids") or
                  [k for k, a in all_actions.items() if a.get("plan_id") == plan_id])
    actions = tuple(_action({"id": i, **all_actions[i]}, chain) for i in ids
                    if i in all_actions)
    f = plan.get("fields") or {}
    title = (text_of(_value(f, "title")) or text_of(plan.get("title"))
             or (chain.source.title if chain.source else ""))
    return PlanView(id=plan_id, title=title, owner=text_of(_value(f, "owner")),
                    involved=text_of(_value(f, "involved")), goal=text_of(_value(f, "goal")),
                    result_by=iso_day(_value(f, "result_by")), notes=text_of(_value(f, "notes")),
                    provenance=chain, actions=actions, timeline=timeline_of(actions),
                    budget=budget_of(actions))


def plan_views(state: Mapping[str, Any]) -> tuple[PlanView, ...]:
    """Every plan of the evening, in the order they were made."""
    plans = items_by_id(state.get("plans"))
    views = (plan_view(state, plan_id) for plan_id in sorted(plans, key=id_order))
    return tuple(v for v in views if v is not None)
