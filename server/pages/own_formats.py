"""The console's "Mijn draaiboeken": the facilitator's own formats as a list of their own
(docs/formats.md, "Your own formats"). Each can be downloaded as a TOML file of the
`sessions/` schema, deleted after a confirmation, or chosen for a new evening; a TOML file
uploaded here is checked by the loader first (`format_files.py`, the same check as
"Avond aanpassen") and kept as an own format, or refused whole with nothing saved.

Own formats belong to their facilitator alone: every route looks a format up by the
logged-in facilitator and the name, so another facilitator's format is a 404, as if it
did not exist. Server-rendered forms, no script.
"""
from __future__ import annotations

from flask import Response, abort, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from ..domain.formats.document import format_document, format_toml
from ..domain.formats.load import SLUG_PATTERN
from ..i18n.locale import current_language
from ..models import OwnFormat
from ..store.boards import groups_of
from ..store.own_formats import delete_own_format, own_format, save_own_format
from .blueprint import bp, db, logged_in_user, login_required
from .common import checked_own_formats, evening_length
from .console import OWN
from .format_files import FileRefused, checked_format, uploaded_file

NOTICE = "own_formats_notice"
MAX_NAME = 80  # own_formats.slug is a String(80)


def _entries() -> list[dict]:
    """The facilitator's own formats as the list shows them. One this version of Weefwerk
    no longer takes stays in the list, marked, so it can still be downloaded and put right
    or deleted, instead of vanishing without a word."""
    lang = current_language()
    entries = []
    for row, fmt in checked_own_formats(logged_in_user().id):
        title = fmt.title[lang] if fmt else _title_in(row.document, lang) or row.slug
        entries.append({"slug": row.slug, "title": title, "saved_at": row.saved_at,
                        "usable": fmt is not None,
                        "steps": len(fmt.steps) if fmt else None,
                        "length": evening_length(fmt.evening_minutes) if fmt else None,
                        "new_evening": OWN + row.slug})
    return entries


def _title_in(document: object, lang: str) -> str | None:
    title = document.get("title") if isinstance(document, dict) else None
    text = title.get(lang) if isinstance(title, dict) else None
    return text if isinstance(text, str) and text.strip() else None


def _page(errors: list[str] | None = None, field_errors: dict | None = None,
          form: dict | None = None, confirm: dict | None = None, status: int = 200):
    return render_template(
        "console/own_formats.html", formats=_entries(), errors=errors or [],
        field_errors=field_errors or {}, form=form or {}, confirm=confirm,
        has_groups=bool(groups_of(db(), logged_in_user())),
        notice=session.pop(NOTICE, None), max_name=MAX_NAME), status


def _mine(slug: str) -> OwnFormat:
    """The logged-in facilitator's format `slug`; 404 for a name they do not have (also
    when another facilitator has one of that name)."""
    row = own_format(db(), logged_in_user().id, slug) if SLUG_PATTERN.match(slug) else None
    if row is None:
        abort(404)
    return row


@bp.route("/console/formats", methods=["GET"])
@login_required
def own_formats():
    """The facilitator's own formats, and the form to upload one."""
    return _page()


@bp.route("/console/formats", methods=["POST"])
@login_required
def upload_own_format():
    """A TOML file kept as an own format: under the typed name, else the file's name.
    Checked whole first; a name in use is replaced only when the form says so."""
    typed = (request.form.get("slug") or "").strip().lower()
    form = {"slug": typed, "replace": bool(request.form.get("replace"))}
    try:
        file = uploaded_file(request.files.get("toml"))
    except FileRefused as refused:
        return _page(refused.lines, form=form, status=400)
    slug = typed or file.stem.strip().lower()
    if not SLUG_PATTERN.match(slug) or len(slug) > MAX_NAME:
        return _page(field_errors={"slug": _name_rule(typed)}, form=form, status=400)
    try:
        fmt, _document = checked_format(file, slug)
    except FileRefused as refused:
        return _page(refused.lines, form=form, status=400)
    user_id = logged_in_user().id
    exists = own_format(db(), user_id, slug) is not None
    if exists and not form["replace"]:
        return _page(field_errors={"slug": _(
            "You already have a format called %(name)s. Type another name, or tick "
            "\"Replace\" to put this file in its place.", name=slug)}, form=form, status=400)
    save_own_format(db(), user_id, slug, format_document(fmt))
    db().commit()
    session[NOTICE] = {"done": "replaced" if exists else "uploaded", "slug": slug}
    return redirect(url_for("pages.own_formats"))


def _name_rule(typed: str) -> str:
    """What a good name is; when none was typed, that the file's name is not one."""
    rule = _("Use lowercase letters and digits, joined by -, like mijn-buurtavond.")
    if typed:
        return rule
    return _("The file's name cannot be the format's name. Type a name: %(rule)s", rule=rule)


@bp.route("/console/formats/<slug>.toml", methods=["GET"])
@login_required
def download_own_format(slug: str):
    """The own format as a file for `sessions/`, or for another Weefwerk."""
    row = _mine(slug)
    return Response(format_toml(row.document), mimetype="application/toml",
                    headers={"Content-Disposition": f'attachment; filename="{row.slug}.toml"'})


@bp.route("/console/formats/<slug>/delete", methods=["GET"])
@login_required
def confirm_delete_own_format(slug: str):
    """The question before deleting: what goes, and that it cannot be undone."""
    row = _mine(slug)
    entry = next(e for e in _entries() if e["slug"] == row.slug)
    return _page(confirm=entry)


@bp.route("/console/formats/<slug>/delete", methods=["POST"])
@login_required
def delete_own_format_view(slug: str):
    """Delete the own format; the evenings made from it keep their own copies."""
    row = _mine(slug)
    delete_own_format(db(), logged_in_user().id, row.slug)
    db().commit()
    session[NOTICE] = {"done": "deleted", "slug": row.slug}
    return redirect(url_for("pages.own_formats"))
