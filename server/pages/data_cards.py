"""The console's "Datakaarten voorbereiden": data cards prepared before the evening.

The facilitator adds the neighbourhood's figures with their source, one by one or from
a CSV file (docs/formats.md, "Data cards from a CSV file"). Server-rendered forms, no
script: this is desk work before the evening, often on another laptop than the hall's.

Both forms go through the service like any console command (`add_data_card`,
`import_data_cards`), so the console and the projector of a running evening see the
cards arrive. Each is exactly once: the single card's form carries an op_id made when
the form was drawn (a double click or a reload resends it), and a file's op_id is its
own digest, so the same file sent twice is imported once and the page says so.
"""
from __future__ import annotations

import hashlib
import secrets

from flask import current_app, redirect, render_template, request, session, url_for

from ..domain.board.actors import FACILITATOR, Actor
from ..domain.board.errors import DomainError
from ..domain.evening.data_cards import MAX_IMPORT, SOURCE_MAX_LENGTH
from ..domain.evening.data_csv import RowProblem, as_command_cards, check_against, read_csv
from ..domain.formats.types import Format
from ..i18n.locale import current_language
from ..i18n.messages import csv_problem_text
from .blueprint import bp, db, logged_in_user, login_required
from .common import own_board
from .handover import refusal_text

MAX_CSV_BYTES = 60 * 1024  # 100 cards of 280 characters and a source fit; under the form cap
NOTICE = "data_cards_notice"


def _service():
    return current_app.extensions["weefwerk.service"]


def data_steps(fmt: Format, lang: str) -> list[dict]:
    """The steps a data card can be prepared for, counted from 1 as the console shows
    them, with the most characters a card of that step takes."""
    steps = []
    for index, step in enumerate(fmt.steps):
        cards = step.options.get("cards", {})
        if step.uses("cards") and cards.get("data_cards", True):
            steps.append({"number": index + 1, "title": step.title[lang],
                          "max_length": cards.get("max_length", 280)})
    return steps


def _prepared(state, fmt: Format, lang: str) -> list[dict]:
    """The evening's data cards per step, in the order they were added."""
    by_step: dict[int, list[dict]] = {}
    for card in state.cards.values():
        if card.get("origin") == "data":
            by_step.setdefault(card["step"], []).append(card)
    return [{"number": index + 1, "title": fmt.steps[index].title[lang], "cards": cards}
            for index, cards in sorted(by_step.items()) if index < len(fmt.steps)]


def _page(board_id: int, errors: list[str] | None = None, form: dict | None = None,
          status: int = 200):
    board = own_board(board_id)
    meta = {"id": board.id, "title": board.title}
    db().close()  # hand the pooled connection back: the service reads with its own
    _row, state, fmt = _service().load(board_id)
    lang = current_language()
    return render_template(
        "console/data_cards.html", board=meta, steps=data_steps(fmt, lang),
        prepared=_prepared(state, fmt, lang), errors=errors or [], form=form or {},
        op_id=f"dc-{secrets.token_hex(16)}", notice=session.pop(NOTICE, None),
        source_max=SOURCE_MAX_LENGTH, max_import=MAX_IMPORT), status


def _actor(board_id: int) -> Actor:
    """The facilitator, as the console's socket would name them: the policy decides."""
    return Actor(FACILITATOR, board_id, user_id=logged_in_user().id)


@bp.route("/console/w/<int:board_id>/data-cards", methods=["GET"])
@login_required
def data_cards(board_id: int):
    """The two forms, and the data cards prepared so far."""
    return _page(board_id)


@bp.route("/console/w/<int:board_id>/data-cards", methods=["POST"])
@login_required
def add_data_card(board_id: int):
    """One data card for the step chosen in the form."""
    own_board(board_id)
    actor, form = _actor(board_id), request.form
    step = form.get("step", type=int)
    args = {"text": form.get("text", ""), "source": form.get("source", ""),
            "step": step - 1 if step else -1}
    db().close()
    try:
        _service().handle(board_id, form.get("op_id", ""), "add_data_card", args, actor)
    except DomainError as refused:
        return _page(board_id, [refusal_text(refused.code, refused.params)], dict(form), 400)
    session[NOTICE] = {"added": 1}
    return redirect(url_for("pages.data_cards", board_id=board_id))


@bp.route("/console/w/<int:board_id>/data-cards/csv", methods=["POST"])
@login_required
def import_data_cards(board_id: int):
    """A CSV file of data cards: every row checked first, all imported or none."""
    own_board(board_id)
    actor = _actor(board_id)
    upload = request.files.get("csv")
    raw = upload.read(MAX_CSV_BYTES + 1) if upload is not None and upload.filename else b""
    if len(raw) > MAX_CSV_BYTES:
        return _page(board_id, [refusal_text("payload_too_large")], status=400)
    cards, problems = read_csv(raw) if raw else ([], [RowProblem(0, "csv_empty")])
    db().close()  # the service reads and writes with its own connection (eventlet: 1)
    if cards:  # the rows that read well, against the evening's own format as the rule will
        problems = sorted(problems + check_against(_service().load(board_id)[2], cards),
                          key=lambda problem: problem.line)
    if problems:
        return _page(board_id, [csv_problem_text(p.line, p.code, p.params)
                                for p in problems], status=400)
    op_id = "csv-" + hashlib.sha256(raw).hexdigest()[:40]
    repeated = _service().stored_ack(board_id, actor.sender, op_id) is not None
    try:
        _service().handle(board_id, op_id, "import_data_cards",
                          {"cards": as_command_cards(cards)}, actor)
    except DomainError as refused:
        return _page(board_id, [refusal_text(refused.code, refused.params)], status=400)
    session[NOTICE] = {"repeated" if repeated else "imported": len(cards)}
    return redirect(url_for("pages.data_cards", board_id=board_id))
