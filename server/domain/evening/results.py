"""Results: named clusters promoted into the typed things later steps build on.

A step's clusters become trends, challenges, vision elements, forces or strategies
(`produces` in the format). Each result keeps the ids of the cards it came from and
links to the results it builds on, which is what lets a plan's action be traced back
to residents' own words. Links are checked by type when set, and cleaned up (with an
event per changed result) when a linked result is removed, so no link ever dangles.
"""
from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from ..board import commands as c
from ..board.actors import Actor
from ..board.checks import choice, id_list, short_text, whole_in
from ..board.errors import DomainError
from ..board.events import Event, Outcome
from .clustering import step_cluster
from .matrix import equity
from .nouns import Cluster, LinkField, Result, new_result
from .state import WorkshopState
from .voting import dots_for

if TYPE_CHECKING:
    from .context import Context

TITLE_MAX = 120
MAX_LINKS = 50
DIRECTIONS = ("rising", "falling", "steady")
POLARITIES = ("barrier", "potential")
REACHES = ("own", "together", "outside")
LINKS: dict[LinkField, tuple[str, str | None]] = {  # -> (type linked to, its polarity)
    "trends": ("trend", None),
    "vision_elements": ("vision_element", None),
    "serves": ("vision_element", None),
    "weakens": ("force", "barrier"),
    "uses": ("force", "potential"),
}
FIELDS = {
    "trend": ("direction", "theme"),
    "challenge": ("trends",),
    "vision_element": (),
    "force": ("polarity", "strength", "reach", "vision_elements"),
    "strategy": ("impact", "effort", "equity", "weakens", "uses", "serves"),
}


def result_of(state: WorkshopState, result_id: str) -> Result:
    """A result of this board, or `not_found`."""
    result = state.results.get(result_id)
    if result is None:
        raise DomainError("not_found", item="result")
    return result


def set_focus(state: WorkshopState, cmd: c.SetFocus, actor: Actor,
              ctx: Context) -> Outcome:
    """Ask the room about one vision element; new cards remember it as `about`."""
    if cmd.result_id is not None:
        if result_of(state, cmd.result_id)["type"] != "vision_element":
            raise DomainError("wrong_result_type", field="result_id")
    state.focus = cmd.result_id
    return Outcome([Event("focus_set", {"result_id": state.focus})])


def _most_common(values: list[Any], allowed: tuple | None = None) -> Any:
    """The value most cards share (first written wins a tie), or None."""
    counted = Counter(v for v in values if v is not None and (allowed is None or v in allowed))
    return counted.most_common(1)[0][0] if counted else None


def _promoted(state: WorkshopState, cluster: Cluster, kind: str) -> Result:
    """A new result from a cluster: its name, visible cards, dots, and type defaults."""
    cards = [k for k in state.cluster_cards(cluster["id"]) if not k.get("hidden")]
    # an unnamed cluster takes its first card's text, never one that may not be published
    public = [k for k in cards if k.get("publish") is not False]
    title = cluster["name"] or (public[0]["text"][:TITLE_MAX] if public else "")
    result = new_result(state.new_id("r"), kind, cluster, title, [k["id"] for k in cards],
                        dots_for(state, cluster["step"], cluster["id"]))
    kinds = [k.get("kind") for k in cards]
    if kind == "trend":
        result["direction"] = _most_common(kinds, DIRECTIONS)
        result["theme"] = _most_common([k.get("theme") for k in cards])
    elif kind == "challenge":
        result["trends"] = []
    elif kind == "force":
        about = [k.get("about") for k in cards]
        result["polarity"] = _most_common(kinds, POLARITIES)
        result["strength"], result["reach"] = None, None
        result["vision_elements"] = [r for r in dict.fromkeys(a for a in about if a)
                                     if r in state.results
                                     and state.results[r]["type"] == "vision_element"]
    elif kind == "strategy":
        result["impact"], result["effort"] = cluster["impact"], cluster["effort"]
        result["equity"] = cluster["equity"].copy()
        result["weakens"], result["uses"], result["serves"] = [], [], []
    return result


def promote_clusters(state: WorkshopState, cmd: c.PromoteClusters, actor: Actor,
                     ctx: Context) -> Outcome:
    """Turn the clusters the room selected into results of the step's type."""
    kind = ctx.fmt.steps[state.step].produces
    if kind is None or kind == "project_plan":
        raise DomainError("technique_not_active", technique="promotion")
    if state.vote_open(state.step):
        raise DomainError("vote_in_progress")
    ids = id_list(cmd.cluster_ids, "cluster_ids", limit=100)
    if not ids:
        raise DomainError("invalid_args", field="cluster_ids")
    clusters = [step_cluster(state, cluster_id, "cluster_ids") for cluster_id in ids]
    done = {r["cluster_id"] for r in state.results.values()}
    for cluster in clusters:
        if cluster["id"] in done:
            raise DomainError("already_promoted", cluster_id=cluster["id"])
    results = [_promoted(state, cluster, kind) for cluster in clusters]
    for result in results:
        state.results[result["id"]] = result
    return Outcome([Event("results_promoted", {"results": copy.deepcopy(results)})])


def _links(state: WorkshopState, value: Any, field: LinkField) -> list[str]:
    """Ids of existing results of the type (and polarity) that `field` links to."""
    kind, polarity = LINKS[field]
    ids = id_list(value, field, limit=MAX_LINKS)
    for result_id in ids:
        target = result_of(state, result_id)
        if target["type"] != kind or (polarity and target.get("polarity") != polarity):
            raise DomainError("wrong_result_type", field=field)
    return ids


def _validator(state: WorkshopState, ctx: Context, result: Result,
               field: str) -> Callable[[Any], Any]:
    """How one field of `result` is checked."""
    for link in LINKS:  # a link is checked against the results it points to
        if field == link:
            return lambda v: _links(state, v, link)  # noqa: B023 -- returned at once
    themes = tuple(t["key"] for t in
                   ctx.fmt.steps[result["step"]].options.get("cards", {}).get("themes", ()))
    return {
        "title": lambda v: short_text(v, "title", TITLE_MAX, required=True, item="result"),
        "direction": lambda v: choice(v, "direction", DIRECTIONS),
        "theme": lambda v: choice(v, "theme", themes),
        "polarity": lambda v: choice(v, "polarity", POLARITIES),
        "strength": lambda v: whole_in(v, "strength", 1, 10, nullable=True),
        "reach": lambda v: choice(v, "reach", REACHES),
        "impact": lambda v: whole_in(v, "impact", 1, 5, nullable=True),
        "effort": lambda v: whole_in(v, "effort", 1, 5, nullable=True),
        "equity": equity,
    }[field]


def update_result(state: WorkshopState, cmd: c.UpdateResult, actor: Actor,
                  ctx: Context) -> Outcome:
    """Correct a result: its title and the fields of its type, links checked by type."""
    result = result_of(state, cmd.result_id)
    allowed = ("title", *FIELDS[result["type"]])
    if not cmd.changes:
        raise DomainError("invalid_args", field="changes")
    for field in cmd.changes:
        if field not in allowed:
            raise DomainError("invalid_args", field=str(field)[:40])
    checked = {field: _validator(state, ctx, result, field)(value)
               for field, value in cmd.changes.items()}
    # only the fields of this result's type, each checked by its rule above
    result.update(cast(Result, checked))
    return Outcome([Event("result_updated", {"result": copy.deepcopy(result)})])


def remove_result(state: WorkshopState, cmd: c.RemoveResult, actor: Actor,
                  ctx: Context) -> Outcome:
    """Take back a promotion, unless a plan is built on it; links to it are dropped."""
    result = result_of(state, cmd.result_id)
    if any(result["id"] in (p["source_id"], p["issue_id"]) for p in state.plans.values()):
        raise DomainError("in_use")
    events = []
    for other in state.results.values():
        linked = [f for f in LINKS if result["id"] in other.get(f, ())]
        for field in linked:
            other[field] = [r for r in other[field] if r != result["id"]]
        if linked:
            events.append(Event("result_updated", {"result": copy.deepcopy(other)}))
    if state.focus == result["id"]:
        state.focus = None
        events.append(Event("focus_set", {"result_id": None}))
    del state.results[result["id"]]
    events.append(Event("result_removed", {"result_id": result["id"]}))
    return Outcome(events)
