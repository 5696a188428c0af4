"""The workshop board aggregate: one entry point for every rule of a live evening.

`apply` checks one command against the rules and, when allowed, changes the state and
returns the events that describe the change. It raises `DomainError` otherwise; the
caller then throws the (partly changed) state away, so a refusal changes nothing. The
rules themselves live in one module per technique; this module only routes to them.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ..board import commands as c
from ..board.actors import Actor
from ..board.events import Outcome
from ..board.policy import authorize
from ..formats.document import format_from_document
from . import (
    cards,
    closing,
    clustering,
    data_cards,
    format_changes,
    matrix,
    pacing,
    parking,
    planning,
    results,
    review,
    voting,
)
from .context import Context
from .own_format import COPY
from .state import WorkshopState

__all__ = ["HANDLERS", "apply"]


Handler = Callable[[WorkshopState, Any, Actor, Context], Outcome]


def apply(state: WorkshopState, cmd: c.Command, actor: Actor, ctx: Context) -> Outcome:
    """Check `cmd` by `actor` against the rules; change `state`; return the events and
    the command's result."""
    authorize(actor, type(cmd).command_name, ctx.board)
    closing.refuse_when_closed(state, cmd)
    own = state.format_copy.get(COPY)
    if own is not None:  # the evening's own copy, whatever format the caller looked up
        ctx = replace(ctx, fmt=format_from_document(ctx.fmt.slug, own))
    handler = HANDLERS[type(cmd)]
    return handler(state, cmd, actor, ctx)


HANDLERS: dict[type, Handler] = {
    c.AddCard: cards.add_card,
    c.AddDataCard: data_cards.add_data_card,
    c.ImportDataCards: data_cards.import_data_cards,
    c.AdaptFormat: format_changes.adapt_format,
    c.UseFormat: format_changes.use_format,
    c.AddPaperCard: cards.add_paper_card,
    c.EditCard: cards.edit_card,
    c.WithdrawCard: cards.withdraw_card,
    c.HideCard: cards.set_hidden(True),
    c.UnhideCard: cards.set_hidden(False),
    c.ShowAuthors: cards.show_authors,
    c.ParkItem: parking.park_item,
    c.AnswerParked: parking.answer_parked,
    c.CloseParked: parking.set_status("closed"),
    c.MarkParkedLater: parking.set_status("later"),
    c.HideParked: parking.set_hidden(True),
    c.UnhideParked: parking.set_hidden(False),
    c.SetJoinPanel: pacing.set_join_panel,
    c.OpenInput: pacing.set_input(True),
    c.CloseInput: pacing.set_input(False),
    c.GoToStep: pacing.go_to_step,
    c.StartTimer: pacing.start_timer,
    c.PauseTimer: pacing.pause_timer,
    c.ExtendTimer: pacing.extend_timer,
    c.ResetTimer: pacing.reset_timer,
    c.SetFocus: results.set_focus,
    c.CreateCluster: clustering.create_cluster,
    c.MoveCard: clustering.move_card,
    c.RenameCluster: clustering.rename_cluster,
    c.MergeClusters: clustering.merge_clusters,
    c.SplitCluster: clustering.split_cluster,
    c.UndoClustering: clustering.undo_clustering,
    c.OpenVote: voting.open_vote,
    c.CastVotes: voting.cast_votes,
    c.RevealVotes: voting.reveal_votes,
    c.PlaceOnMatrix: matrix.place_on_matrix,
    c.SetEquity: matrix.set_equity,
    c.PromoteClusters: results.promote_clusters,
    c.UpdateResult: results.update_result,
    c.RemoveResult: results.remove_result,
    c.CreatePlan: planning.create_plan,
    c.UpdatePlan: planning.update_plan,
    c.AddAction: planning.add_action,
    c.UpdateAction: planning.update_action,
    c.RemoveAction: planning.remove_action,
    c.RefreshReview: review.refresh_review,
    c.CloseEvening: closing.close_evening,
    c.ReopenEvening: closing.reopen_evening,
}
