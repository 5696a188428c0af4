"""The group's plans on A4: every project plan of the workspace with every seed field,
server-rendered for the browser's own print dialog (print → save as PDF).

No server-side PDF library on purpose (docs/printing.md): rendering a PDF is seconds of
CPU that would stall the one eventlet hub, and with it every live board, for everyone.
The browser prints the page instead; `static/css/print.css` lays it out on A4.
"""
from __future__ import annotations

from datetime import date

from flask import render_template

from ..boards import workspace_of
from ..domain.provenance import plan_views
from . import bp, db
from .groups import gate
from .plans import _helpers


@bp.route("/g/<int:group_id>/plans/print")
def group_plans_print(group_id: int):
    """All the group's project plans on one printable page."""
    group, _role = gate(group_id, "view_plans")
    board = workspace_of(db(), group.id)
    state = (board.state or {}) if board is not None else {}
    years = {p.get("id"): p.get("year") for p in (state.get("plans") or {}).values()} \
        if isinstance(state.get("plans"), dict) else {}
    helpers = _helpers(board) if board is not None else {}
    return render_template("group/plans_print.html", group=group, board=board,
                           plans=plan_views(state), years=years,
                           today=date.today().isoformat(), **helpers)
