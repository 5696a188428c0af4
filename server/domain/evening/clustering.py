"""Clustering: the facilitator groups the current step's cards on the wall and names them.

Membership lives on the card (`card["cluster"]`), so a card is in at most one cluster
by construction. A cluster whose last card leaves is removed: an empty heading on the
projector only confuses the room. Every clustering command first remembers the step's
clusters, so a slip of the mouse in front of forty people can be undone; a vote locks
the clusters, because the items people are putting dots on must not change under them.
"""
from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from ..board import commands as c
from ..board.actors import Actor
from ..board.checks import id_list
from ..board.errors import DomainError
from ..board.events import Event, Outcome
from .gating import require_technique
from .nouns import Card, Cluster, UndoEntry, new_cluster
from .state import WorkshopState

if TYPE_CHECKING:
    from .context import Context

NAME_MAX = 120
UNDO_DEPTH = 20


def require_clustering(state: WorkshopState, ctx: Context) -> dict:
    """The step's cluster options; refused when the step does not cluster or votes now."""
    options = require_technique(ctx, state, "cluster")
    if state.vote_open(state.step):
        raise DomainError("vote_in_progress")
    return options


def step_card(state: WorkshopState, card_id: str, field: str) -> Card:
    """A card of the current step: clustering never reaches into another step."""
    card = state.cards.get(card_id)
    if card is None:
        raise DomainError("not_found", item="card")
    if card["step"] != state.step:
        raise DomainError("bad_value", field=field)
    return card


def step_cluster(state: WorkshopState, cluster_id: str, field: str) -> Cluster:
    """A cluster of the current step."""
    cluster = state.clusters.get(cluster_id)
    if cluster is None:
        raise DomainError("not_found", item="cluster")
    if cluster["step"] != state.step:
        raise DomainError("bad_value", field=field)
    return cluster


def cluster_name(value: str | None, required: bool) -> str:
    """A heading of 1–120 characters on one line (empty allowed while still unnamed)."""
    cleaned = " ".join((value or "").split())
    if len(cleaned) > NAME_MAX:
        raise DomainError("field_too_long", field="name", item="cluster", limit=NAME_MAX,
                          length=len(cleaned))
    if required and not cleaned:
        raise DomainError("bad_value", field="name")
    return cleaned


def _room_for_one_more(state: WorkshopState, options: dict) -> None:
    limit = options.get("max_clusters", 30)
    if len(state.step_clusters(state.step)) >= limit:
        raise DomainError("too_many_clusters", limit=limit)


def _remember(state: WorkshopState) -> None:
    """Push the step's clusters and memberships on its undo stack (at most 20 deep)."""
    step = state.step
    snapshot: UndoEntry = {
        "clusters": {k["id"]: copy.deepcopy(k) for k in state.step_clusters(step)},
        "cards": {card["id"]: cluster for card in state.cards.values()
                  if card["step"] == step and (cluster := card.get("cluster"))},
    }
    stack = state.undo.setdefault(str(step), [])
    stack.append(snapshot)
    del stack[:-UNDO_DEPTH]


def _assign(state: WorkshopState, cards: list[Card], cluster_id: str | None
            ) -> tuple[dict[str, str | None], list[str]]:
    """Put `cards` in `cluster_id`; drop the clusters they leave empty."""
    left = {card.get("cluster") for card in cards} - {None, cluster_id}
    for card in cards:
        card["cluster"] = cluster_id
    removed = [k for k in state.clusters if k in left and not state.cluster_cards(k)]
    for k in removed:
        del state.clusters[k]
    return {card["id"]: cluster_id for card in cards}, removed


def _new_cluster(state: WorkshopState, name: str) -> Cluster:
    cluster = new_cluster(state.new_id("k"), state.step, name)
    state.clusters[cluster["id"]] = cluster
    return cluster


def create_cluster(state: WorkshopState, cmd: c.CreateCluster, actor: Actor,
                   ctx: Context) -> Outcome:
    """Cards of this step become a new cluster (taken out of any cluster they were in)."""
    options = require_clustering(state, ctx)
    ids = id_list(cmd.card_ids, "card_ids")
    if not ids:
        raise DomainError("invalid_args", field="card_ids")
    cards = [step_card(state, card_id, "card_ids") for card_id in ids]
    name = cluster_name(cmd.name, required=False)
    _room_for_one_more(state, options)
    _remember(state)
    cluster = _new_cluster(state, name)
    moved, removed = _assign(state, cards, cluster["id"])
    return Outcome([Event("cluster_created", {"cluster": copy.deepcopy(cluster),
                                              "cards": moved, "removed": removed})],
                   {"cluster_id": cluster["id"]})


def move_card(state: WorkshopState, cmd: c.MoveCard, actor: Actor,
              ctx: Context) -> Outcome:
    """One card into another cluster, or out of any (`cluster_id: null`)."""
    require_clustering(state, ctx)
    card = step_card(state, cmd.card_id, "card_id")
    if cmd.cluster_id is not None:
        step_cluster(state, cmd.cluster_id, "cluster_id")
    if card.get("cluster") != cmd.cluster_id:
        _remember(state)
    _, removed = _assign(state, [card], cmd.cluster_id)
    return Outcome([Event("card_moved", {"card_id": card["id"], "cluster_id": cmd.cluster_id,
                                         "removed": removed})])


def rename_cluster(state: WorkshopState, cmd: c.RenameCluster, actor: Actor,
                   ctx: Context) -> Outcome:
    """Give a cluster the name the room agrees on."""
    require_clustering(state, ctx)
    cluster = step_cluster(state, cmd.cluster_id, "cluster_id")
    name = cluster_name(cmd.name, required=True)
    _remember(state)
    cluster["name"] = name
    return Outcome([Event("cluster_renamed", {"cluster_id": cluster["id"], "name": name})])


def merge_clusters(state: WorkshopState, cmd: c.MergeClusters, actor: Actor,
                   ctx: Context) -> Outcome:
    """All cards of `cluster_id` join `into`; `cluster_id` is gone afterwards."""
    require_clustering(state, ctx)
    source = step_cluster(state, cmd.cluster_id, "cluster_id")
    target = step_cluster(state, cmd.into, "into")
    if source is target:
        raise DomainError("bad_value", field="into")
    _remember(state)
    moved, _ = _assign(state, state.cluster_cards(source["id"]), target["id"])
    state.clusters.pop(source["id"], None)  # emptied, so normally gone already
    return Outcome([Event("clusters_merged", {"cluster_id": source["id"], "into": target["id"],
                                              "cards": moved})])


def split_cluster(state: WorkshopState, cmd: c.SplitCluster, actor: Actor,
                  ctx: Context) -> Outcome:
    """Some of a cluster's cards leave it and form a new, unnamed cluster."""
    options = require_clustering(state, ctx)
    source = step_cluster(state, cmd.cluster_id, "cluster_id")
    ids = id_list(cmd.card_ids, "card_ids")
    cards = [step_card(state, card_id, "card_ids") for card_id in ids]
    if not cards or any(card.get("cluster") != source["id"] for card in cards):
        raise DomainError("bad_value", field="card_ids")
    if len(cards) == len(state.cluster_cards(source["id"])):
        raise DomainError("bad_value", field="card_ids")
    _room_for_one_more(state, options)
    _remember(state)
    cluster = _new_cluster(state, "")
    moved, _ = _assign(state, cards, cluster["id"])
    return Outcome([Event("cluster_split", {"cluster": copy.deepcopy(cluster),
                                            "cards": moved})],
                   {"cluster_id": cluster["id"]})


def undo_clustering(state: WorkshopState, cmd: c.UndoClustering, actor: Actor,
                    ctx: Context) -> Outcome:
    """Put the step's clusters back as they were before its last clustering command.

    Names and memberships come back; a matrix placement made since is kept, because
    undo is about the grouping, not about later decisions on the groups.
    """
    require_clustering(state, ctx)
    stack = state.undo.get(str(state.step))
    if not stack:
        raise DomainError("nothing_to_undo")
    snapshot = stack.pop()
    changed, removed = _restore_clusters(state, snapshot["clusters"])
    cards = _restore_cards(state, snapshot["cards"])
    for cluster in [k for k in state.step_clusters(state.step)
                    if not state.cluster_cards(k["id"])]:
        del state.clusters[cluster["id"]]
        removed.append(cluster["id"])
    state.clusters = dict(sorted(state.clusters.items(), key=lambda item: int(item[0][1:])))
    shown = [copy.deepcopy(state.clusters[k]) for k in changed if k in state.clusters]
    return Outcome([Event("clustering_undone", {"clusters": shown, "removed": removed,
                                                "cards": cards})])


def _restore_clusters(state: WorkshopState, saved: dict[str, Cluster]
                      ) -> tuple[list[str], list[str]]:
    """Bring back saved clusters and names; drop clusters made since. Ids changed/removed."""
    removed = [k["id"] for k in state.step_clusters(state.step) if k["id"] not in saved]
    for cluster_id in removed:
        del state.clusters[cluster_id]
    changed = []
    for cluster_id, old in saved.items():
        now = state.clusters.get(cluster_id)
        if now is None:
            state.clusters[cluster_id] = copy.deepcopy(old)
        elif now["name"] != old["name"]:
            now["name"] = old["name"]
        else:
            continue
        changed.append(cluster_id)
    return changed, removed


def _restore_cards(state: WorkshopState, saved: dict[str, str]) -> dict[str, str | None]:
    """Saved memberships for the step's cards that still exist; the rest unclustered."""
    moved: dict[str, str | None] = {}
    for card in state.cards.values():
        if card["step"] != state.step:
            continue
        target = saved.get(card["id"])
        if card.get("cluster") != target:
            card["cluster"] = target
            moved[card["id"]] = target
    return moved
