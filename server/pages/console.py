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
from ..domain.formats.types import Format
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
from ..store.items import format_copy_titles
from .blueprint import bp, db, form_id, logged_in_user, login_required
from .common import checked_own_formats, evening_length, own_board
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
    copy_titles = format_copy_titles(db(), [b.id for b in boards])
    groups = [{"id": g.id, "name": g.name,
               "workshops": [_board_item(b, copy_titles) for b in boards
                             if b.group_id == g.id]}
              for g in groups_of(db(), user)]
    formats = [{"slug": f.slug, "title": f.title[lang],
                "length": evening_length(f.evening_minutes)} for f in _formats().values()]
    formats += [{"slug": OWN + f.slug, "title": _("%(title)s (your own)", title=f.title[lang]),
                 "length": evening_length(f.evening_minutes)} for f in _own_formats(user.id)]
    # "Nieuwe avond met dit draaiboek" on "Mijn draaiboeken" links here with ?format=
    chosen = request.args.get("format", "")
    main = chosen if chosen in {f["slug"] for f in formats} else \
        (MAIN_FORMAT if MAIN_FORMAT in _formats() else None)
    return render_template("console/index.html", groups=groups, formats=formats,
                           main_format=main, error=error), status


def _board_item(board: Board, copy_titles: dict[int, dict]) -> dict:
    """An evening in the list, with the title of the format it runs on: its own copy's
    (made from an own format, adapted or replaced by a file), else the shipped one's."""
    lang = current_language()
    fmt = _formats().get(board.format_slug)
    title = copy_titles.get(board.id, {}).get(lang) or (fmt.title[lang] if fmt else None)
    return {"id": board.id, "title": board.title, "code": board.join_code,
            "format_title": title or board.format_slug, "created_at": board.created_at}


def _own_formats(user_id: int) -> list[Format]:
    """The facilitator's own formats the loader still takes (docs/formats.md): one a later
    version refuses is left out of the form rather than breaking it."""
    return [fmt for _row, fmt in checked_own_formats(user_id) if fmt is not None]


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
