"""The evening's project plans: an overview and one readable, printable page per plan.

Only the facilitator who owns the board sees these pages for now (anyone else gets 404,
so a board's existence does not leak); the council's own access comes with membership.
The views come from `domain.plan.provenance`, which already leaves out hidden cards and every
author: these pages are read and printed outside the evening.
"""
from __future__ import annotations

from flask import abort, render_template

from ..domain.plan.provenance import plan_view, plan_views
from ..models import Board
from ..store.groups import group_by_id
from .blueprint import bp, db, login_required
from .common import own_board, plan_helpers


@bp.route("/console/w/<int:board_id>/plans")
@login_required
def plans(board_id: int):
    """All plans of the evening with issue, owner, number of actions and totals."""
    board = own_board(board_id)
    return render_template("plan/index.html", board=_meta(board),
                           plans=plan_views(board.state or {}), **plan_helpers(board))


@bp.route("/console/w/<int:board_id>/plans/<plan_id>")
@login_required
def plan(board_id: int, plan_id: str):
    """One project plan with its timeline, budget and the path back to the cards."""
    board = own_board(board_id)
    view = plan_view(board.state or {}, plan_id)
    if view is None:
        abort(404)
    return render_template("plan/plan.html", board=_meta(board), plan=view,
                           **plan_helpers(board))


def _meta(board: Board) -> dict:
    """The board for the page; `handed_over` once its plans are with the group (then
    the page points to the group's workspace, where they are kept up)."""
    group = group_by_id(db(), board.group_id)
    return {"id": board.id, "title": board.title, "group": group.name if group else "",
            "group_id": board.group_id, "handed_over": (board.state or {}).get("handed_over")}
