"""The console's "Avond aanpassen": the evening's own copy of its format, adapted before
the evening (and during it for the steps not yet begun), downloaded as a TOML file of the
`sessions/` schema, or replaced by an uploaded one (docs/formats.md).

Server-rendered forms, no script, like "Datakaarten voorbereiden". The form sends only
the fields that differ from the copy, in one `adapt_format` command, so the loader checks
the whole change at once; its refusals come back next to the fields they are about
(`own_format.where_in_form`). Nothing is changed when anything is refused.
"""
from __future__ import annotations

import hashlib
import re
import secrets

from flask import Response, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from ..domain.board.actors import FACILITATOR, Actor
from ..domain.board.checks import ascii_digits
from ..domain.board.errors import DomainError
from ..domain.evening.format_changes import begun
from ..domain.evening.own_format import where_in_form
from ..domain.formats.catalogue import CATALOGUE
from ..domain.formats.document import format_document, format_toml
from ..domain.formats.load import SLUG_PATTERN
from ..domain.formats.types import Format
from ..i18n.format_strings import loader_message
from ..i18n.locale import current_language
from ..store.own_formats import save_own_format
from .blueprint import bp, db, logged_in_user, login_required
from .common import own_board
from .format_files import FileRefused, checked_format, uploaded_file
from .format_tags import tag_error, tag_rows, tag_values, tags_from_form
from .handover import refusal_text

NOTICE = "evening_format_notice"
TEXTS = ("title.nl", "title.en", "question.nl", "question.en")


def _service():
    return current_app.extensions["weefwerk.service"]


def _actor(board_id: int) -> Actor:
    return Actor(FACILITATOR, board_id, user_id=logged_in_user().id)


def _step_fields(step) -> list[str]:
    """The fields the form offers for `step`: its texts and time box, and the options of
    the techniques it uses."""
    fields = [*TEXTS, "minutes"]
    if step.uses("cards"):
        fields += ["cards.max_per_participant", "cards.publication_consent"]
    if step.uses("vote"):
        fields += ["vote.budget", "vote.max_per_item", "vote.select"]
    return fields


def _value(step, name: str):
    first, _dot, rest = name.partition(".")
    if first in ("title", "question"):
        return getattr(step, first)[rest]
    if name == "minutes":
        return step.minutes
    return step.options[first][rest]


def _page(board_id: int, errors: list[str] | None = None, field_errors: dict | None = None,
          form: dict | None = None, status: int = 200):
    board = own_board(board_id)
    meta = {"id": board.id, "title": board.title}
    db().close()  # the service reads with its own connection (eventlet: 1)
    _row, state, fmt = _service().load(board_id)
    steps = [{"index": index, "number": index + 1, "key": step.key,
              "title": step.title[current_language()], "begun": begun(state, fmt, index),
              "current": index == state.step, "values": {
                  name: _value(step, name) for name in _step_fields(step)},
              "tags": tag_rows(step, current_language()) if step.uses("cards") else None}
             for index, step in enumerate(fmt.steps)]
    return render_template(
        "console/evening_format.html", board=meta, fmt=fmt, steps=steps, lang=current_language(),
        catalogue={name: step["title"][current_language()] for name, step in CATALOGUE.items()},
        errors=errors or [], field_errors=field_errors or {}, form=form,
        notice=session.pop(NOTICE, None), op_id=f"af-{secrets.token_hex(16)}"), status


@bp.route("/console/w/<int:board_id>/format", methods=["GET"])
@login_required
def evening_format(board_id: int):
    """The evening's steps as a form: the ones not begun can change."""
    return _page(board_id)


def _typed(name: str, raw: str | None):
    """What the form sent, as the format holds it: numbers as numbers (anything else goes
    to the loader as typed, which refuses it in words), a tick as true or false."""
    if name == "cards.publication_consent":
        return raw is not None
    if name in TEXTS:
        return (raw or "").strip()
    text = (raw or "").strip()
    return int(text) if re.fullmatch(r"-?\d{1,6}", text) else text


def changes_from_form(fmt: Format, state, form) -> dict:
    """The `adapt_format` arguments: only what differs from the copy."""
    steps: dict[str, dict] = {}
    skip = []
    for index, step in enumerate(fmt.steps):
        if begun(state, fmt, index):
            continue
        if form.get(f"s{index}-skip"):
            skip.append(index)
            continue
        changed = {}
        for name in _step_fields(step):
            value = _typed(name, form.get(f"s{index}-{name}"))
            if value != _value(step, name):
                changed[name] = value
        if step.uses("cards"):
            before = tag_values(step)
            changed |= {name: value for name, value in
                        tags_from_form(form, f"s{index}-", step).items() if value != before[name]}
        if changed:
            steps[str(index)] = changed
    args: dict = {"steps": steps, "skip": skip}
    addition = form.get("add") or ""
    if addition.startswith("repeat-") and ascii_digits(addition[7:]):
        args["add"] = [{"repeat": int(addition[7:])}]
    elif addition in CATALOGUE:
        args["add"] = [{"technique": addition}]
    order = _order_from_form(fmt, state, form)
    if order != list(range(len(fmt.steps))):
        args["order"] = order
    description = {lang: (form.get(f"description.{lang}") or "").strip() for lang in ("nl", "en")}
    if description != dict(fmt.description):
        args["description"] = description
    return args


def _order_from_form(fmt: Format, state, form) -> list[int]:
    """The steps in the order of the places typed (a step whose place was changed goes
    before the one that had that place); a place that is no number keeps the step's."""
    places = {}
    for index in range(len(fmt.steps)):
        typed = (form.get(f"s{index}-position") or "").strip()
        places[index] = int(typed) if ascii_digits(typed) and not begun(state, fmt, index) \
            and index != state.step else index + 1
    return sorted(places, key=lambda i: (places[i], places[i] == i + 1, i))


def _field_errors(fmt: Format, lines: list[str],
                  sent: dict) -> tuple[dict[str, str], list[str]]:
    """The loader's lines by form field (`s2-minutes`, `description.nl`, a kind's row
    beside its list `s0-cards.kinds`); the rest apart. `sent`: the steps' changes."""
    by_key = {step.key: index for index, step in enumerate(fmt.steps)}
    found = [where_in_form(line) for line in lines]
    # the loader leaves a refused step out of the evening's length, so while a step is
    # refused its word on the length the description names is beside the point
    step_refused = any(key in by_key for key, _name, _message in found)
    fields: dict[str, str] = {}
    rest: list[str] = []
    for line, (key, name, message) in zip(lines, found, strict=True):
        if key is None and name.startswith("description."):
            if not (step_refused and message.startswith("names ")):
                fields.setdefault(name, loader_message(message))
        elif key in by_key and name:
            index = by_key[key]
            tagged = tag_error(name, loader_message(message), sent.get(str(index), {}))
            field, words = tagged or (name, loader_message(message))
            fields.setdefault(f"s{index}-{field}", words)
        else:
            rest.append(line)
    return fields, rest


@bp.route("/console/w/<int:board_id>/format", methods=["POST"])
@login_required
def adapt_evening_format(board_id: int):
    """The changed fields and skipped steps, as one change; refused whole or kept."""
    own_board(board_id)
    db().close()
    _row, state, fmt = _service().load(board_id)
    args = changes_from_form(fmt, state, request.form)
    if not args["steps"] and not args["skip"] \
            and not set(args) & {"description", "order", "add"}:
        session[NOTICE] = "unchanged"
        return redirect(url_for("pages.evening_format", board_id=board_id))
    try:
        _service().handle(board_id, request.form.get("op_id", ""), "adapt_format", args,
                          _actor(board_id))
    except DomainError as refused:
        if refused.code != "format_invalid":
            return _page(board_id, [refusal_text(refused.code, refused.params)],
                         form=request.form, status=400)
        lines = refused.params.get("errors")
        fields, rest = _field_errors(fmt, lines if isinstance(lines, list) else [],
                                     args["steps"])
        return _page(board_id, [refusal_text(refused.code), *rest], fields, request.form, 400)
    session[NOTICE] = "adapted"
    return redirect(url_for("pages.evening_format", board_id=board_id))


@bp.route("/console/w/<int:board_id>/format/save", methods=["POST"])
@login_required
def save_as_own_format(board_id: int):
    """The evening's format as the facilitator's own, offered for their next evenings."""
    own_board(board_id)
    slug = (request.form.get("slug") or "").strip().lower()
    if not SLUG_PATTERN.match(slug) or len(slug) > 80:
        return _page(board_id, field_errors={"slug": _(
            "Use lowercase letters and digits, joined by -, like mijn-buurtavond.")},
            form=None, status=400)
    user_id = logged_in_user().id
    db().close()
    _row, _state, fmt = _service().load(board_id)
    save_own_format(db(), user_id, slug, format_document(fmt))
    db().commit()
    session[NOTICE] = "saved"
    return redirect(url_for("pages.evening_format", board_id=board_id))


@bp.route("/console/w/<int:board_id>/format.toml", methods=["GET"])
@login_required
def download_evening_format(board_id: int):
    """The evening's format as a file for `sessions/`, or to upload for the next evening."""
    board = own_board(board_id)
    slug = board.format_slug
    db().close()
    _row, _state, fmt = _service().load(board_id)
    return Response(format_toml(format_document(fmt)), mimetype="application/toml",
                    headers={"Content-Disposition": f'attachment; filename="{slug}.toml"'})


@bp.route("/console/w/<int:board_id>/format/upload", methods=["POST"])
@login_required
def upload_evening_format(board_id: int):
    """A TOML file of the `sessions/` schema for an evening that has not begun: checked
    by the loader first, every mistake listed with its line or field; nothing changes."""
    board = own_board(board_id)
    try:
        file = uploaded_file(request.files.get("toml"))
        slug = file.stem if SLUG_PATTERN.match(file.stem) else board.format_slug
        _fmt, document = checked_format(file, slug)
    except FileRefused as refused:
        return _page(board_id, refused.lines, status=400)
    db().close()
    try:
        # the file's digest is its op_id: the same file sent twice is used once
        _service().handle(board_id, "toml-" + hashlib.sha256(file.raw).hexdigest()[:40],
                          "use_format", {"document": document}, _actor(board_id))
    except DomainError as refused:
        return _page(board_id, [refusal_text(refused.code, refused.params)], status=400)
    session[NOTICE] = "replaced"
    return redirect(url_for("pages.evening_format", board_id=board_id))
