"""Commands of the planning techniques: focus, clusters, votes, matrix, results, plans.

Ids and lists arrive as plain `str`/`list`/`dict`; the rules check their contents.
"""
from __future__ import annotations

from dataclasses import dataclass

from .base import Command, command


@command("set_focus")
@dataclass(frozen=True)
class SetFocus(Command):
    result_id: str | None


@command("create_cluster")
@dataclass(frozen=True)
class CreateCluster(Command):
    card_ids: list
    name: str | None = None


@command("move_card")
@dataclass(frozen=True)
class MoveCard(Command):
    card_id: str
    cluster_id: str | None


@command("rename_cluster")
@dataclass(frozen=True)
class RenameCluster(Command):
    cluster_id: str
    name: str


@command("merge_clusters")
@dataclass(frozen=True)
class MergeClusters(Command):
    cluster_id: str
    into: str


@command("split_cluster")
@dataclass(frozen=True)
class SplitCluster(Command):
    cluster_id: str
    card_ids: list


@command("undo_clustering")
@dataclass(frozen=True)
class UndoClustering(Command):
    pass


@command("open_vote")
@dataclass(frozen=True)
class OpenVote(Command):
    pass


@command("cast_votes")
@dataclass(frozen=True)
class CastVotes(Command):
    votes: dict
    round: int | None = None


@command("reveal_votes")
@dataclass(frozen=True)
class RevealVotes(Command):
    pass


@command("place_on_matrix")
@dataclass(frozen=True)
class PlaceOnMatrix(Command):
    cluster_id: str
    impact: int
    effort: int


@command("set_equity")
@dataclass(frozen=True)
class SetEquity(Command):
    cluster_id: str
    helps_least_heard: bool | None
    note: str = ""


@command("promote_clusters")
@dataclass(frozen=True)
class PromoteClusters(Command):
    cluster_ids: list


@command("update_result")
@dataclass(frozen=True)
class UpdateResult(Command):
    result_id: str
    changes: dict


@command("remove_result")
@dataclass(frozen=True)
class RemoveResult(Command):
    result_id: str


@command("create_plan")
@dataclass(frozen=True)
class CreatePlan(Command):
    source_id: str
    issue_id: str | None = None


@command("update_plan")
@dataclass(frozen=True)
class UpdatePlan(Command):
    plan_id: str
    field: str
    value: str | int | float | None
    base: int


@command("add_action")
@dataclass(frozen=True)
class AddAction(Command):
    plan_id: str
    fields: dict


@command("update_action")
@dataclass(frozen=True)
class UpdateAction(Command):
    action_id: str
    field: str
    value: str | int | float | None
    base: int


@command("remove_action")
@dataclass(frozen=True)
class RemoveAction(Command):
    action_id: str


@command("refresh_review")
@dataclass(frozen=True)
class RefreshReview(Command):
    pass
