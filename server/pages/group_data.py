"""The group takes its plan elsewhere, or deletes everything it owns (docs/export.md).

Export: any member, coordinator or granted facilitator downloads the versioned JSON
document. Delete everything: a coordinator only, after typing the group's name. Import: a
coordinator uploads such a document into the group's empty workspace (all or nothing). The
retention period (days after the hand-over until an evening's raw cards go) is a
coordinator's setting too.
"""
from __future__ import annotations

import json
import uuid

from flask import Response, abort, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..domain.board.actors import SYSTEM, Actor
from ..domain.board.errors import DomainError
from ..domain.board.text import MAX_DEPTH, clean_tree, too_deep
from ..domain.group.import_check import check_document
from ..domain.group.retention import retention_days
from ..handover import discard_unused_workspace, ensure_workspace
from ..i18n.messages import MESSAGES
from ..models import utcnow
from ..store.boards import workspace_of
from ..store.group_data import delete_group, export_group
from ..store.groups import member_by_id
from .blueprint import bp, db
from .groups import gate, member_ids

IMPORT_MAX = 2 * 1024 * 1024  # bytes of one uploaded document
IMPORT_MESSAGES = {
    "too_large": _l("The file is larger than %(limit)s MB."),
    "no_file": _l("Choose a file to import."),
    "not_json": _l("This file is not a Weefwerk plan: it is not JSON."),
    "wrong_type": _l("“%(field)s” has the wrong kind of value (expected: %(expected)s)."),
    "wrong_schema": _l("This file is not a Weefwerk plan (expected “%(expected)s”)."),
    "wrong_version": _l("This file has version %(version)s of the plan format; this "
                        "Weefwerk reads version %(expected)s."),
    "missing_field": _l("“%(field)s” is missing."),
    "too_long": _l("“%(field)s” is longer than %(limit)s characters."),
    "too_many": _l("“%(field)s” has more than %(limit)s items."),
    "duplicate_id": _l("The id “%(id)s” is used twice."),
    "dangling_id": _l("“%(field)s” points at “%(id)s”, which is not in the file."),
    "too_deep": _l("This file is not a Weefwerk plan: it is nested more than %(limit)s "
                   "levels deep."),
    "bad_text": _l("“%(field)s” has a character in it that cannot be stored (half of an "
                   "emoji, for instance). Correct the file and try again."),
}


@bp.route("/g/<int:group_id>/export.json")
def export_json(group_id: int):
    """The group's plan, its workspace history included, as a download."""
    group, _role = gate(group_id, "export")
    document = export_group(db(), group.id, utcnow())
    body = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="weefwerk-group-{group.id}.json"',
        "Cache-Control": "no-store"})


def same_name(typed: str, name: str) -> bool:
    """Spacing and case do not matter when typing the group's name to confirm."""
    return " ".join(typed.split()).casefold() == " ".join(name.split()).casefold()


@bp.route("/g/<int:group_id>/delete", methods=["GET", "POST"])
def delete_everything(group_id: int):
    """Ask for the group's name, then delete the group and everything it owns."""
    group, _role = gate(group_id, "delete_everything")
    if request.method == "GET":
        return render_template("group/delete.html", group=group, error=None, done=False)
    if not same_name(request.form.get("confirm_name", ""), group.name):
        error = _("Type the name of the group exactly as it is shown to confirm.")
        return render_template("group/delete.html", group=group, error=error,
                               done=False), 400
    name = group.name
    delete_group(db(), group.id)
    db().commit()
    members = dict(member_ids())
    members.pop(str(group_id), None)
    session["members"] = members
    return render_template("group/delete.html", group={"name": name}, error=None, done=True)


@bp.route("/g/<int:group_id>/retention", methods=["POST"])
def set_retention(group_id: int):
    """How many days after the hand-over an evening's raw cards are removed (0 = keep)."""
    group, _role = gate(group_id, "set_retention")
    try:
        group.retention_days = retention_days(request.form.get("days", ""))
    except ValueError:
        abort(400)
    db().commit()
    return redirect(url_for("pages.group_home", group_id=group.id) + "#our-data")


@bp.url_value_preprocessor
def _upload_cap(endpoint, _values):
    """The import's upload may be bigger than a form (runs before the CSRF check reads
    the body); the view itself refuses documents over IMPORT_MAX with a clear message."""
    if endpoint == "pages.import_plan":
        request.max_content_length = 4 * IMPORT_MAX


def import_problems(problems: list[tuple[str, dict]]) -> list[str]:
    """The validator's problems in the reader's language."""
    return [str(IMPORT_MESSAGES.get(code, IMPORT_MESSAGES["not_json"])) % params
            for code, params in problems]


def _read_upload() -> tuple[object, list[tuple[str, dict]]]:
    upload = request.files.get("document")
    if upload is None or not upload.filename:
        return None, [("no_file", {})]
    raw = upload.read(IMPORT_MAX + 1)
    if len(raw) > IMPORT_MAX:
        return None, [("too_large", {"limit": IMPORT_MAX // (1024 * 1024)})]
    try:
        text = raw.decode("utf-8")
        if too_deep(text):  # looked at before parsing: the parser would recurse itself out
            return None, [("too_deep", {"limit": MAX_DEPTH})]
        document = clean_tree(json.loads(text))
    except (UnicodeDecodeError, ValueError):
        return None, [("not_json", {})]
    except DomainError as refusal:  # a lone surrogate in a text ("\ud800" is valid JSON)
        return None, [(refusal.code, refusal.params)]
    return document, check_document(document)


@bp.route("/g/<int:group_id>/import", methods=["POST"])
def import_plan(group_id: int):
    """A coordinator puts an exported plan into the group's (empty) workspace."""
    group, _role = gate(group_id, "import")
    document, problems = _read_upload()
    if problems:
        return render_template("group/import.html", group=group,
                               errors=import_problems(problems)), 400
    member = member_by_id(db(), member_ids().get(str(group.id)))
    gid, owner, by = group.id, group.created_by_id, member.display_name if member else ""
    existing = workspace_of(db(), gid)
    db().close()  # hand the pooled connection back: the import needs one (eventlet: 1)
    service = current_app.extensions["weefwerk.service"]
    board_id = existing.id if existing else ensure_workspace(service, gid, owner)
    try:
        service.handle(board_id, f"import-{uuid.uuid4().hex}", "import_plan",
                       {"document": document}, Actor(SYSTEM, board_id, display_name=by))
    except Exception as failure:
        if existing is None:  # made for this import: a refused import leaves nothing
            discard_unused_workspace(service, board_id)
        if not isinstance(failure, DomainError):
            raise
        refusal = failure
        text = str(MESSAGES.get(refusal.code, MESSAGES["invalid_args"]))
        try:
            text = text % refusal.params
        except (KeyError, TypeError, ValueError):
            pass
        return render_template("group/import.html", group=group, errors=[text]), 400
    return redirect(url_for("pages.group_plans", group_id=gid))
