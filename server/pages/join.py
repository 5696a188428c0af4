"""Residents: the home page, joining by code, and the phone board."""
from __future__ import annotations

from flask import current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from ..boards import add_participant, board_by_code
from ..domain.actors import PARTICIPANT
from ..domain.codes import normalize_code
from ..domain.plan_fields import ACTION_FIELDS, PLAN_FIELDS, text_limits
from ..i18n import current_language
from ..i18n_strings import js_strings
from ..models import Board, Participant
from ..tokens import issue
from . import bp, db

MAX_NAME = 40


@bp.route("/")
def home():
    return render_template("home.html", error=None, code="")


@bp.route("/join", methods=["POST"])
def join():
    """Type a code: a wrong code gets a friendly message; many wrong ones are slowed down."""
    typed = request.form.get("code", "")
    board, status, error = _find_board(typed)
    if board is None:
        return render_template("home.html", error=error, code=typed[:12]), status
    return redirect(url_for("pages.join_board", code=board.join_code))


def _find_board(typed: str) -> tuple[Board | None, int, str | None]:
    limits = current_app.extensions["weefwerk.limits"]
    client = request.remote_addr or "?"
    if not limits.allows("join", client):
        return None, 429, _("Too many wrong codes. Please wait a minute and try again.")
    code = normalize_code(typed)
    board = board_by_code(db(), code) if code else None
    if board is None:
        limits.hit("join", client)
        return None, 404, _("We could not find an evening with that code. Check the "
                            "code on the screen and try again.")
    return board, 200, None


@bp.route("/j/<code>", methods=["GET", "POST"])
def join_board(code: str):
    """The QR code's target: ask for an optional name once, then show the phone board."""
    board, status, error = _find_board(code)
    if board is None:
        return render_template("home.html", error=error, code=code[:12]), status
    participant = _participant_for(board)
    if participant is None and request.method == "POST":
        name = " ".join(request.form.get("display_name", "").split())
        if len(name) > MAX_NAME:
            error = _("A name can have at most %(n)s characters.", n=MAX_NAME)
            return render_template("phone/join.html", board=_meta(board), error=error), 400
        participant = add_participant(db(), board, name or None)
        db().commit()
        session.setdefault("participants", {})[str(board.id)] = participant.id
        session.modified = True
        session.permanent = True
        return redirect(url_for("pages.join_board", code=board.join_code))
    if participant is None:
        return render_template("phone/join.html", board=_meta(board), error=None)
    token = issue(current_app.config["SECRET_KEY"], board.id, PARTICIPANT, participant.id)
    return render_template("phone/board.html", board=_meta(board),
                           boot=boot(board, PARTICIPANT, token))


def _participant_for(board: Board) -> Participant | None:
    pid = session.get("participants", {}).get(str(board.id))
    participant = db().get(Participant, pid) if pid else None
    return participant if participant and participant.board_id == board.id else None


def _meta(board: Board) -> dict:
    return {"id": board.id, "title": board.title, "code": board.join_code}


def join_url(board: Board) -> str:
    return _public_base() + url_for("pages.join_board", code=board.join_code)


def home_address() -> str:
    """The start page, where a code can be typed, as people type it: no scheme, no slash."""
    home = _public_base() + url_for("pages.home")
    return home.split("://", 1)[-1].rstrip("/")


def _public_base() -> str:
    return (current_app.config.get("PUBLIC_URL") or request.host_url).rstrip("/")


def boot(board: Board, role: str, token: str) -> dict:
    """What the page hands its script: token, role, language, translated strings, and the
    most characters each plan and action field takes (the boxes' `maxlength`)."""
    return {"token": token, "role": role, "lang": current_language(), "board_id": board.id,
            "code": board.join_code, "join_url": join_url(board), "strings": js_strings(),
            "limits": field_limits(),
            "max_command_bytes": current_app.config["COMMAND_MAX_BYTES"]}


def field_limits() -> dict[str, dict[str, int]]:
    """The numbers the server checks, so a box never takes more than is accepted."""
    return {"plan": text_limits(PLAN_FIELDS), "action": text_limits(ACTION_FIELDS)}
