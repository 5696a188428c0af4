"""Pictures of a group's plan workspace, laid out for server-rendered SVG
(templates/group/_pictures.html): a strategy map, a timeline of the actions and the
progress per strategy. Pure: reads the workspace state (dicts keyed by id, or snapshot
lists), computes coordinates and counts; the template only draws them.

Every node carries the anchor of the plan or action it stands for on the group's printable
plan page, where the plan's provenance (issue, trends, strategy, forces, vision) is shown.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..plan.provenance import PlanView, StateGraph, plan_views, provenance_of

DONE, BUSY, DROPPED = "gereed", "bezig", "geschrapt"
COLUMNS = ("vision_element", "strategy", "plan", "action")
MAP_WIDTH, NODE_W, MIN_NODE_H, NODE_GAP = 800, 170, 34, 10
# A map node shows its whole label, wrapped by the browser (no ellipsis: issue 13). Its
# height is laid out here, before any browser measured the text, so the estimate is on the
# safe side: at most LINE_CHARS characters a line (14 px text in a node's 154 px measures
# some 20 of an average word), LINE_PX a line and NODE_PAD above and below.
LINE_CHARS, LINE_PX, NODE_PAD = 16, 18, 7
LABEL = 22  # characters of a timeline bar's label; the full text is in its <title>
TL_LEFT, TL_WIDTH, TL_ROW = 250, 760, 30


@dataclass(frozen=True)
class Node:
    id: str
    kind: str          # vision_element | strategy | plan | action
    text: str          # shown whole, wrapped (the map never cuts a label short)
    anchor: str        # "plan-p1" / "action-a3" on the print page, "" when none
    x: int
    y: int
    overdue: bool = False
    h: int = MIN_NODE_H


@dataclass(frozen=True)
class Edge:
    x1: int
    y1: int
    x2: int
    y2: int


@dataclass(frozen=True)
class StrategyMap:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    height: int
    width: int = MAP_WIDTH
    node_w: int = NODE_W

    def column(self, kind: str) -> tuple[Node, ...]:
        return tuple(n for n in self.nodes if n.kind == kind)


@dataclass(frozen=True)
class Bar:
    id: str
    text: str
    short: str
    status: str
    start: str
    due: str
    x: float
    width: float
    y: int
    overdue: bool


@dataclass(frozen=True)
class TimelinePicture:
    bars: tuple[Bar, ...]
    first: str
    last: str
    today_x: float | None
    height: int
    left: int = TL_LEFT
    width: int = TL_WIDTH
    row: int = TL_ROW


@dataclass(frozen=True)
class Progress:
    id: str
    title: str
    anchor: str
    done: int
    busy: int
    open: int

    @property
    def total(self) -> int:
        return self.done + self.busy + self.open


def _short(text: str, limit: int = LABEL) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def label_lines(text: str, per_line: int = LINE_CHARS) -> int:
    """How many lines a label takes when wrapped at `per_line` characters: greedy by
    words, a word longer than a line broken over several (as CSS `overflow-wrap:
    anywhere` does). Counts only: the browser does the wrapping itself."""
    lines, used = 0, 0
    for word in text.split():
        while len(word) > per_line:  # a long word (a link, a compound) fills whole lines
            lines, used = lines + (1 if used else 0) + 1, 0
            word = word[per_line:]
        if used and used + 1 + len(word) <= per_line:
            used += 1 + len(word)
        elif word:
            lines, used = lines + (1 if used else 0), len(word)
    return max(1, lines + (1 if used else 0))


def node_height(text: str) -> int:
    return max(MIN_NODE_H, label_lines(text) * LINE_PX + 2 * NODE_PAD)


def _overdue(due: str, status: str, today: str) -> bool:
    return bool(due) and due < today and status not in (DONE, DROPPED)


def _results(state: Mapping[str, Any], kind: str) -> list[Mapping[str, Any]]:
    items = state.get("results") or {}
    items = items.values() if isinstance(items, Mapping) else items
    return [r for r in items if isinstance(r, Mapping) and r.get("type") == kind]


def strategy_map(state: Mapping[str, Any], today: str) -> StrategyMap:
    """Four columns, vision elements → strategies → plans → actions, with their links."""
    plans = plan_views(state)
    graph = StateGraph(state)
    strategies = _results(state, "strategy")
    serves = {s["id"]: [v.id for v in provenance_of({"source_id": s["id"]}, graph).serves]
              for s in strategies}
    plans_of: dict[str, list[PlanView]] = {}
    for plan in plans:
        source = plan.provenance.source
        if source is not None and source.type == "strategy":
            plans_of.setdefault(source.id, []).append(plan)

    def first_anchor(strategy_ids: list[str]) -> str:
        found = [p for s in strategy_ids for p in plans_of.get(s, ())]
        return f"plan-{found[0].id}" if found else ""

    xs = {kind: 10 + i * (MAP_WIDTH - NODE_W - 20) // 3 for i, kind in enumerate(COLUMNS)}
    nodes: list[Node] = []

    def add(kind: str, rows: list[tuple[str, str, str, bool]]) -> None:
        y = 10
        for item_id, text, anchor, late in rows:
            height = node_height(("⚠ " if late else "") + text)
            nodes.append(Node(id=item_id, kind=kind, text=text, anchor=anchor,
                              x=xs[kind], y=y, overdue=late, h=height))
            y += height + NODE_GAP

    add("vision_element", [(v["id"], str(v.get("title") or ""),
                            first_anchor([s for s, vs in serves.items() if v["id"] in vs]), False)
                           for v in _results(state, "vision_element")])
    add("strategy", [(s["id"], str(s.get("title") or ""), first_anchor([s["id"]]), False)
                     for s in strategies])
    add("plan", [(p.id, p.title, f"plan-{p.id}", False) for p in plans])
    add("action", [(a.id, a.what, f"action-{a.id}", _overdue(a.due, a.status, today))
                   for p in plans for a in p.actions])
    at = {(n.kind, n.id): n for n in nodes}
    links = [(("vision_element", v), ("strategy", s)) for s, vs in serves.items() for v in vs]
    links += [(("strategy", p.provenance.source.id), ("plan", p.id)) for p in plans
              if p.provenance.source is not None and p.provenance.source.type == "strategy"]
    links += [(("plan", p.id), ("action", a.id)) for p in plans for a in p.actions]
    edges = tuple(Edge(a.x + NODE_W, a.y + a.h // 2, b.x, b.y + b.h // 2)
                  for a, b in ((at.get(f), at.get(t)) for f, t in links) if a and b)
    bottom = max((n.y + n.h for n in nodes), default=MIN_NODE_H + 10)
    return StrategyMap(nodes=tuple(nodes), edges=edges, height=bottom + NODE_GAP)


def timeline_picture(state: Mapping[str, Any], today: str) -> TimelinePicture:
    """Bars from start to due for every dated action, with today marked on the scale."""
    actions = [a for p in plan_views(state) for a in p.timeline.actions]
    actions.sort(key=lambda a: (a.start or a.due, a.due or a.start, a.id))
    if not actions:
        return TimelinePicture(bars=(), first="", last="", today_x=None, height=0)
    days = [d for a in actions for d in (a.start, a.due) if d]
    first, last = min(days + [today]), max(days + [today])
    span = max(1, (date.fromisoformat(last) - date.fromisoformat(first)).days + 1)
    scale = (TL_WIDTH - TL_LEFT - 10) / span

    def x(day: str) -> float:
        return TL_LEFT + (date.fromisoformat(day) - date.fromisoformat(first)).days * scale

    bars = []
    for i, a in enumerate(actions):
        begin, end = a.start or a.due, a.due or a.start
        bars.append(Bar(id=a.id, text=a.what, short=_short(a.what, 22), status=a.status,
                        start=a.start, due=a.due, x=round(x(begin), 1),
                        width=round(max(scale, x(end) - x(begin) + scale), 1),
                        y=30 + i * TL_ROW, overdue=_overdue(a.due, a.status, today)))
    return TimelinePicture(bars=tuple(bars), first=first, last=last,
                           today_x=round(x(today) + scale / 2, 1),
                           height=40 + len(bars) * TL_ROW)


def progress_per_strategy(state: Mapping[str, Any]) -> tuple[Progress, ...]:
    """Per strategy (then plans without one, each on its own): actions done, busy, open.
    Dropped actions are left out: they are neither done nor still to do."""
    rows: dict[str, dict] = {}
    for plan in plan_views(state):
        source = plan.provenance.source
        key, title = ((source.id, source.title) if source is not None
                      and source.type == "strategy" else (plan.id, plan.title))
        row = rows.setdefault(key, {"title": title, "anchor": f"plan-{plan.id}",
                                    "done": 0, "busy": 0, "open": 0})
        for action in plan.actions:
            if action.status == DONE:
                row["done"] += 1
            elif action.status == BUSY:
                row["busy"] += 1
            elif action.status != DROPPED:
                row["open"] += 1
    return tuple(Progress(id=k, **v) for k, v in rows.items())
