"""The group's plans on A4: every project plan of the workspace with every seed field,
server-rendered for the browser's own print dialog (print → save as PDF).

No server-side PDF library on purpose (docs/printing.md): rendering a PDF is seconds of
CPU that would stall the one eventlet hub, and with it every live board, for everyone.
The browser prints the page instead; `static/css/print.css` lays it out on A4.
"""
from __future__ import annotations

from datetime import UTC, date, datetime

from flask import abort, current_app, render_template

from ..domain.plan.exports import actions_csv, actions_ics, plan_markdown
from ..domain.plan.provenance import plan_view, plan_views
from ..store.boards import workspace_of
from .blueprint import bp, db
from .common import plan_helpers
from .groups import gate
from .reports import (
    CALENDAR,
    CSV,
    MARKDOWN,
    download,
    download_name,
    export_texts,
    report_formatters,
)


@bp.route("/g/<int:group_id>/plans/print")
def group_plans_print(group_id: int):
    """All the group's project plans on one printable page."""
    group, _role = gate(group_id, "view_plans")
    board = workspace_of(db(), group.id)
    state = (board.state or {}) if board is not None else {}
    years = {p.get("id"): p.get("year") for p in (state.get("plans") or {}).values()} \
        if isinstance(state.get("plans"), dict) else {}
    helpers = plan_helpers(board) if board is not None else {}
    # the plan's open points (parked on an evening "for later"), after the plans
    open_points = list((state.get("open_points") or {}).values()) \
        if isinstance(state.get("open_points"), dict) else []
    return render_template("group/plans_print.html", group=group, board=board,
                           plans=plan_views(state), years=years, open_points=open_points,
                           today=date.today().isoformat(), **helpers)


def _group_plan(group_id: int, plan_id: str):
    """The workspace board and one plan's view, for members and granted facilitators."""
    group, _role = gate(group_id, "export")
    board = workspace_of(db(), group.id)
    view = plan_view(board.state or {}, plan_id) if board is not None else None
    if view is None:
        abort(404)
    return group, board, view


@bp.route("/g/<int:group_id>/plans/<plan_id>.md")
def group_plan_md(group_id: int, plan_id: str):
    """The group's plan as Markdown, the same document the facilitator can download."""
    group, board, view = _group_plan(group_id, plan_id)
    f = report_formatters()
    text = plan_markdown(view, export_texts(), board_title=group.name, group=group.name,
                         day=f["day"], money=f["money"])
    return download(text, MARKDOWN, download_name(board, view.title or plan_id, "md"))


@bp.route("/g/<int:group_id>/plans/<plan_id>.csv")
def group_plan_csv(group_id: int, plan_id: str):
    """The plan's actions, one row each, with their current status."""
    _group, board, view = _group_plan(group_id, plan_id)
    return download(actions_csv(view, export_texts()), CSV,
                     download_name(board, view.title or plan_id, "csv"))


@bp.route("/g/<int:group_id>/plans/<plan_id>.ics")
def group_plan_ics(group_id: int, plan_id: str):
    """The actions' due dates for the council's own calendar."""
    _group, board, view = _group_plan(group_id, plan_id)
    domain = current_app.config.get("SERVER_NAME") or "weefwerk"
    text = actions_ics(view, board.id, datetime.now(UTC), export_texts(), domain)
    return download(text, CALENDAR, download_name(board, view.title or plan_id, "ics"))
