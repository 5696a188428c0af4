"""The evening's project plans: an overview and one readable, printable page per plan.

Only the facilitator who owns the board sees these pages for now (anyone else gets 404,
so a board's existence does not leak); the council's own access comes with membership.
The views come from `domain.plan.provenance`, which already leaves out hidden cards and every
author: these pages are read and printed outside the evening.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask import abort, current_app, render_template
from flask_babel import format_currency, format_date

from ..domain.formats.options import THEMES
from ..domain.plan.provenance import plan_view, plan_views
from ..i18n import current_language
from ..models import Board, ResidentGroup
from . import bp, db, login_required
from .console import _own_board


@bp.route("/console/w/<int:board_id>/plans")
@login_required
def plans(board_id: int):
    """All plans of the evening with issue, owner, number of actions and totals."""
    board = _own_board(board_id)
    return render_template("plan/index.html", board=_meta(board),
                           plans=plan_views(board.state or {}), **_helpers(board))


@bp.route("/console/w/<int:board_id>/plans/<plan_id>")
@login_required
def plan(board_id: int, plan_id: str):
    """One project plan with its timeline, budget and the path back to the cards."""
    board = _own_board(board_id)
    view = plan_view(board.state or {}, plan_id)
    if view is None:
        abort(404)
    return render_template("plan/plan.html", board=_meta(board), plan=view,
                           **_helpers(board))


def _meta(board: Board) -> dict:
    """The board for the page; `handed_over` once its plans are with the group (then
    the page points to the group's workspace, where they are kept up)."""
    group = db().get(ResidentGroup, board.group_id)
    return {"id": board.id, "title": board.title, "group": group.name if group else "",
            "group_id": board.group_id, "handed_over": (board.state or {}).get("handed_over")}


def _helpers(board: Board) -> dict:
    """Labels from the board's format and formatters in the reader's language."""
    fmt = current_app.extensions["weefwerk.formats"].get(board.format_slug)
    lang = current_language()
    steps = fmt.steps if fmt else ()
    kinds: dict[tuple[int, str], str] = {}
    themes = {key: label[lang] for key, label in THEMES.items()}
    for index, step in enumerate(steps):
        cards = step.options.get("cards", {})
        kinds.update({(index, k["key"]): k["label"][lang] for k in cards.get("kinds", ())})
        themes.update({t["key"]: t["label"][lang] for t in cards.get("themes", ())})
    return {
        "step_title": lambda i: steps[i].title[lang] if isinstance(i, int)
        and 0 <= i < len(steps) else "",
        "kind_label": lambda i, key: kinds.get((i, key), key or ""),
        "theme_label": lambda key: themes.get(key, key or ""),
        "day": _day,
        "money": _money,
    }


def _day(text: str) -> str:
    """`2027-03-01` as the reader writes it (1 mrt 2027 / Mar 1, 2027); "" stays ""."""
    return format_date(date.fromisoformat(text), "medium") if text else ""


def _money(amount: Decimal | None) -> str:
    return format_currency(amount, "EUR") if amount is not None else ""
