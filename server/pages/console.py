"""The facilitator's console: groups, evenings, the live console and the projector."""
from __future__ import annotations

import io

import segno
from flask import abort, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from markupsafe import Markup

from ..board_kinds import admit
from ..domain.board.actors import FACILITATOR, PROJECTOR, Actor
from ..domain.board.errors import DomainError
from ..domain.formats.document import format_from_document
from ..domain.formats.types import Format, FormatError
from ..i18n.locale import current_language
from ..models import Board
from ..realtime.tokens import issue
from ..store.boards import (
    MAX_TITLE,
    board_by_projector_key,
    boards_of,
    create_group,
    create_workshop,
    groups_of,
)
from ..store.groups import group_by_id
from ..store.own_formats import own_formats_of
from .blueprint import bp, db, form_id, logged_in_user, login_required
from .common import own_board
from .join import boot, home_address, join_url, phone_base

# what the new-evening form offers first: the whole method in one evening (docs/formats.md)
MAIN_FORMAT = "participatory-planning"
OWN = "own:"  # the form's value of a facilitator's own format: `own:<slug>`


def _formats() -> dict:
    return current_app.extensions["weefwerk.formats"]


@bp.route("/console")
@login_required
def console(error: str | None = None, status: int = 200):
    """Groups and their evenings, with forms to create both."""
    lang = current_language()
    user = logged_in_user()
    boards = boards_of(db(), user)
    groups = [{"id": g.id, "name": g.name,
               "workshops": [_board_item(b) for b in boards if b.group_id == g.id]}
              for g in groups_of(db(), user)]
    formats = [{"slug": f.slug, "title": f.title[lang], "length": _length(f.evening_minutes)}
               for f in _formats().values()]
    formats += [{"slug": OWN + f.slug, "title": _("%(title)s (your own)", title=f.title[lang]),
                 "length": _length(f.evening_minutes)} for f in _own_formats(user.id)]
    main = MAIN_FORMAT if MAIN_FORMAT in _formats() else None
    return render_template("console/index.html", groups=groups, formats=formats,
                           main_format=main, error=error), status


def _length(evenings: list[int]) -> str:
    """"150 minutes", or "2 evenings: 130 + 150 minutes": printed once, after the title
    (format titles name no length, see domain/formats/durations.py)."""
    if len(evenings) == 1:
        return _("%(n)s minutes", n=evenings[0])
    return _("%(count)s evenings: %(minutes)s minutes", count=len(evenings),
             minutes=" + ".join(str(m) for m in evenings))


def _board_item(board: Board) -> dict:
    fmt = _formats().get(board.format_slug)
    return {"id": board.id, "title": board.title, "code": board.join_code,
            "format_title": fmt.title[current_language()] if fmt else board.format_slug,
            "created_at": board.created_at}


def _own_formats(user_id: int) -> list[Format]:
    """The facilitator's own formats (docs/formats.md), each checked by the loader again:
    one a later version refuses is left out rather than breaking the form."""
    formats = []
    for row in own_formats_of(db(), user_id):
        try:
            formats.append(format_from_document(row.slug, row.document))
        except FormatError:
            continue
    return formats


def _chosen_format(value: str) -> Format | None:
    """A format of `sessions/`, or with `own:` one of the facilitator's own."""
    if not value.startswith(OWN):
        return _formats().get(value)
    slug = value.removeprefix(OWN)
    return next((f for f in _own_formats(logged_in_user().id) if f.slug == slug), None)


@bp.route("/groups", methods=["POST"], endpoint="create_group")
@login_required
def create_group_view():
    name = " ".join(request.form.get("name", "").split())
    if not name or len(name) > 120:
        return console(_("Please give the group a name of at most 120 characters."), 400)
    create_group(db(), logged_in_user(), name)
    db().commit()
    return redirect(url_for("pages.console"))


@bp.route("/workshops", methods=["POST"], endpoint="create_workshop")
@login_required
def create_workshop_view():
    title = " ".join(request.form.get("title", "").split())
    fmt = _chosen_format(request.form.get("format", ""))
    group = group_by_id(db(), form_id("group_id") or 0)
    if group is None or group not in groups_of(db(), logged_in_user()):
        return console(_("Please choose one of your groups."), 400)
    if fmt is None:
        return console(_("Please choose a format."), 400)
    if not title or len(title) > MAX_TITLE:
        return console(_("Please give the evening a title of at most %(n)s characters.",
                         n=MAX_TITLE), 400)
    board = create_workshop(db(), logged_in_user(), group, title, fmt)
    db().commit()
    return redirect(url_for("pages.console_board", board_id=board.id))


@bp.route("/console/w/<int:board_id>")
@login_required
def console_board(board_id: int):
    board = own_board(board_id)
    token = issue(current_app.config["SECRET_KEY"], board.id, FACILITATOR, board.owner_id)
    meta = {"id": board.id, "title": board.title, "code": board.join_code}
    phones = phone_base()  # the hall's computer reaches the laptop the way phones do
    return render_template(
        "console/board.html", board=meta, boot=boot(board, FACILITATOR, token),
        projector_url=url_for("pages.console_projector", board_id=board.id),
        projector_link=phones.base + url_for("pages.projector", key=board.projector_key),
        phones=phones,
        # handed over: the closed evening's panel and the form that takes it back
        closed=(board.state or {}).get("handed_over"), version=board.version,
        group_id=board.group_id, notice=session.pop("console_notice", None),
        refusal=session.pop("console_refusal", None))


@bp.route("/console/w/<int:board_id>/projector")
@login_required
def console_projector(board_id: int):
    return _projector_page(own_board(board_id))


@bp.route("/p/<key>")
def projector(key: str):
    """The read-only projector link for the hall's own PC: no login needed, but closed
    while the group does not grant the evening's facilitator access (policy `admit`)."""
    board = board_by_projector_key(db(), key)
    if board is None:
        abort(404)
    try:
        admit(db(), board, Actor(PROJECTOR, board.id))
    except DomainError:
        message = _("This projector link is closed: the resident group has taken the "
                    "facilitator's access back.")
        return render_template("errors/error.html", status=410, message=message), 410
    return _projector_page(board)


def _projector_page(board: Board):
    token = issue(current_app.config["SECRET_KEY"], board.id, PROJECTOR)
    url = join_url(board)
    svg = io.BytesIO()
    segno.make(url, error="m").save(svg, kind="svg", scale=10, border=2, xmldecl=False,
                                   svgns=True, title=_("Join code %(code)s", code=board.join_code))
    meta = {"id": board.id, "title": board.title, "code": board.join_code}
    return render_template("projector/board.html", board=meta, boot=boot(board, PROJECTOR, token),
                           qr_svg=Markup(svg.getvalue().decode()), join_url=url,
                           join_host=home_address())
