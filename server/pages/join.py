"""Residents: the home page, joining by code, and the phone board."""
from __future__ import annotations

from flask import current_app, jsonify, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext

from ..db import write_transaction
from ..domain.board.actors import PARTICIPANT
from ..domain.evening.join_address import PhoneAddress, phone_address
from ..domain.plan.fields import ACTION_FIELDS, PLAN_FIELDS, text_limits
from ..i18n.locale import current_language
from ..models import Board, Participant
from ..realtime.tokens import issue, join_key
from ..store.accounts import user_count
from ..store.boards import join_evening, participant_by_id, participant_count
from .blueprint import bp, db
from .join_gate import find_board
from .script_strings import strings_url

MAX_NAME = 40


@bp.route("/")
def home():
    """The residents' code page; on a new installation it also points to the set-up."""
    return render_template("home.html", error=None, code="", first_run=user_count(db()) == 0)


@bp.route("/join", methods=["POST"])
def join():
    """Type a code: a wrong code gets a friendly message; many wrong ones are slowed down."""
    typed = request.form.get("code", "")
    found = find_board(typed)
    if found.board is None:
        return render_template("home.html", error=found.error, code=typed[:12]), found.status
    return redirect(_board_link(found.board))


@bp.route("/j/<code>", methods=["GET", "POST"])
def join_board(code: str):
    """The QR code's target: the phone board, with an optional name asked once on it.

    A new phone gets the board with the name form above it (docs/joining.md): while the
    resident reads the form, the phone's scripts load and its line to the server opens,
    and "Doe mee" asks for the phone's token with a script (`Accept: application/json`),
    so the board starts without loading a second page. Without scripts the form posts
    as a plain form and the answer is a redirect to the board, as it always was."""
    found = find_board(code, request.args.get("k"))
    board = found.board
    if board is None:
        if _wants_json():
            return jsonify(error=found.error), found.status
        return render_template("home.html", error=found.error, code=code[:12]), found.status
    participant = _participant_for(board)
    if participant is None and request.method == "POST":
        return _take_part(board)
    if participant is None:
        return _name_form(board)
    token = issue(current_app.config["SECRET_KEY"], board.id, PARTICIPANT, participant.id)
    if request.method == "POST" and _wants_json():  # a second tap that came late
        return jsonify(token=token)
    return render_template("phone/board.html", board=_meta(board),
                           boot=boot(board, PARTICIPANT, token))


def _wants_json() -> bool:
    """The name form's script asks for the token as JSON; a plain form asks for a page."""
    return request.accept_mimetypes.best_match(["text/html", "application/json"]) \
        == "application/json"


def _take_part(board: Board) -> ResponseReturnValue:
    """A new phone becomes a participant, unless the name is too long or the evening is full."""
    name = " ".join(request.form.get("display_name", "").split())
    if len(name) > MAX_NAME:
        error = _("A name can have at most %(n)s characters.", n=MAX_NAME)
        if _wants_json():
            return jsonify(error=error), 400
        return _name_form(board, error, 400)
    db().commit()  # ends the read; under eventlet SQLite has one pooled connection
    with write_transaction(current_app.extensions["weefwerk.service"].sessions) as tx:
        participant = join_evening(tx, board.id, name or None, _max_joins())
    if participant is None:
        if _wants_json():
            return jsonify(error=_full_message()), 403
        return _full(board)
    session.setdefault("participants", {})[str(board.id)] = participant.id
    session.modified = True
    session.permanent = True
    if _wants_json():
        return jsonify(token=issue(current_app.config["SECRET_KEY"], board.id, PARTICIPANT,
                                   participant.id))
    return redirect(url_for("pages.join_board", code=board.join_code))


def _name_form(board: Board, error: str | None = None, status: int = 200):
    """The phone board with the name form above it and no token yet: the board's scripts
    and its line load while the resident reads (static/js/join.js)."""
    if error is None and participant_count(db(), board.id) >= _max_joins():
        return _full(board)
    return render_template("phone/board.html", board=_meta(board), error=error, joining=True,
                           key=request.args.get("k"),
                           boot=boot(board, PARTICIPANT, None)), status


def _full(board: Board):
    return render_template("phone/full.html", board=_meta(board), limit=_max_joins()), 403


def _full_message() -> str:
    """What phone/full.html says first, for the name form's script to show."""
    limit = _max_joins()
    return "{}. {}".format(_("This evening is full"), ngettext(
        "%(num)s phone has already joined this evening. That is the most one evening can "
        "have, so no more phones can join.", "%(num)s phones have already joined this "
        "evening. That is the most one evening can have, so no more phones can join.", limit))


def _max_joins() -> int:
    return int(current_app.config["MAX_JOINS"])


def _participant_for(board: Board) -> Participant | None:
    pid = session.get("participants", {}).get(str(board.id))
    participant = participant_by_id(db(), pid) if pid else None
    return participant if participant and participant.board_id == board.id else None


def _meta(board: Board) -> dict:
    return {"id": board.id, "title": board.title, "code": board.join_code}


def join_url(board: Board) -> str:
    """The QR code's link: the phones' address, the code, and the key that lets a scan
    pass even while someone is guessing codes (server/pages/join_gate.py)."""
    return phone_base().base + _board_link(board)


def _board_link(board: Board) -> str:
    key = join_key(current_app.config["SECRET_KEY"], board.join_code)
    return url_for("pages.join_board", code=board.join_code, k=key)


def home_address() -> str:
    """The start page, where a code can be typed, as people type it: no scheme, no slash."""
    home = phone_base().base + url_for("pages.home")
    return home.split("://", 1)[-1].rstrip("/")


def phone_base() -> PhoneAddress:
    """Where phones reach this server: WEEFWERK_PUBLIC_URL, the page's own address, or
    the LAN address when the page came to a loopback address (docs/deploy.md)."""
    config = current_app.config
    return phone_address(config.get("PUBLIC_URL"), request.host_url,
                         config.get("LISTEN_HOST"), current_app.extensions["weefwerk.lan"])


def boot(board: Board, role: str, token: str | None) -> dict:
    """What the page hands its script: token (none yet on a phone's name form), role,
    language, where its translated strings
    are (a cached file, pages/script_strings.py), and the
    most characters each plan and action field takes (the boxes' `maxlength`)."""
    return {"token": token, "role": role, "lang": current_language(), "board_id": board.id,
            "code": board.join_code, "join_url": join_url(board), "strings_url": strings_url(),
            "limits": field_limits(),
            "max_command_bytes": current_app.config["COMMAND_MAX_BYTES"]}


def field_limits() -> dict[str, dict[str, int]]:
    """The numbers the server checks, so a box never takes more than is accepted."""
    return {"plan": text_limits(PLAN_FIELDS), "action": text_limits(ACTION_FIELDS)}
