"""The hand-over from the console: a confirmation page that says what goes to the group,
the hand-over itself, and taking a mistaken hand-over back (docs/workspace.md).

The console links here only on the evening's last step. The page is rendered by the
server (no script needed, readable by a screen reader, works after a reload); the rules
(at the end, something to hand over, the group unchanged) are in `domain/evening/closing.py` and
`domain/workspace/handover.py`, the one-transaction change of both boards in `server/handover.py`.
"""
from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, session, url_for

from ..domain.board.errors import DomainError
from ..handover import hand_over, preview, take_back
from ..i18n.locale import current_language
from ..i18n.messages import error_ack
from ..store import groups as store
from .blueprint import bp, db, logged_in_user, login_required
from .common import own_board


def _service():
    return current_app.extensions["weefwerk.service"]


def _granted_board(board_id: int):
    """The facilitator's own evening, while its group grants them access."""
    board, user = own_board(board_id), logged_in_user()
    group = store.facts(db(), board.group_id)
    if group is None or user.id not in group.granted_user_ids:
        abort(403)
    return board, user


def refusal_text(code: str, params: dict | None = None) -> str:
    """A refusal in the reader's language, as a socket's ack would word it."""
    return error_ack(code, params, current_language())["error"]["message"]


@bp.route("/console/w/<int:board_id>/hand-over", methods=["GET"])
@login_required
def confirm_hand_over(board_id: int):
    """Which group, how many plans and actions: the facilitator confirms or goes back."""
    board, _user = _granted_board(board_id)
    meta = {"id": board.id, "title": board.title}
    db().close()  # hand the pooled connection back (eventlet: 1)
    seen = preview(_service(), board_id)
    message = session.pop("handover_refusal", None)
    if seen.refusal and not message:
        message = refusal_text(seen.refusal.code, seen.refusal.params)
    return render_template("console/hand_over.html", board=meta, seen=seen,
                           message=message), 409 if seen.refusal else 200


@bp.route("/console/w/<int:board_id>/hand-over", methods=["POST"])
@login_required
def hand_over_evening(board_id: int):
    """Close the evening and give its results, plans and actions to its group."""
    board, user = _granted_board(board_id)
    group_id, name = board.group_id, user.name
    db().close()  # the hand-over needs the pooled connection (eventlet: 1)
    try:
        hand_over(_service(), board_id, name, request.form.get("version", -1, type=int))
    except DomainError as refused:
        session["handover_refusal"] = refusal_text(refused.code, refused.params)
        return redirect(url_for("pages.confirm_hand_over", board_id=board_id))
    session["handover_notice"] = "done"
    return redirect(url_for("pages.group_plans", group_id=group_id))


@bp.route("/console/w/<int:board_id>/take-back", methods=["POST"])
@login_required
def take_back_hand_over(board_id: int):
    """Undo a mistaken hand-over while the group has not changed its plans yet."""
    _board, user = _granted_board(board_id)
    db().close()
    try:
        take_back(_service(), board_id, user.name, request.form.get("version", -1, type=int))
        session["console_notice"] = "taken_back"
    except DomainError as refused:
        session["console_refusal"] = refusal_text(refused.code, refused.params)
    return redirect(url_for("pages.console_board", board_id=board_id))
