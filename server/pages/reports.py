"""The facilitator's process report of an evening, and a plan's exports (Markdown, CSV, ICS).

Only the facilitator who owns the board reaches these (anyone else gets 404, as on the
console). The computing is in `domain.plan.report` and `domain.plan.exports`; this module reads the
board and its log, supplies the translated labels and sends the files. Neither the
report nor the exports ever hold an author name or a participant id.
"""
from __future__ import annotations

import re
from datetime import UTC, date, datetime

from flask import Response, abort, current_app, render_template
from flask_babel import format_currency, format_date, format_time, ngettext
from flask_babel import gettext as _

from ..domain.formats.options import THEMES
from ..domain.plan.exports import actions_csv, actions_ics, md_inline, plan_markdown
from ..domain.plan.provenance import PlanView, plan_view
from ..domain.plan.report import LoggedEvent, ProcessReport, StepPlan, process_report
from ..domain.plan.report_types import FormatChange, ParkingCount
from ..i18n.locale import current_language
from ..models import Board
from ..store.groups import group_by_id
from ..store.logs import log_with_roles
from .blueprint import bp, db, login_required
from .common import format_of, own_board

MARKDOWN = "text/markdown; charset=utf-8"
CSV = "text/csv; charset=utf-8"
CALENDAR = "text/calendar; charset=utf-8"


@bp.route("/console/w/<int:board_id>/report")
@login_required
def evening_report(board_id: int):
    """The printable process report: time per step, counts and decisions, no names."""
    board = own_board(board_id)
    return render_template("report/evening.html", board=_meta(board),
                           report=_report(board), change_text=format_change_text,
                           **report_formatters())


@bp.route("/console/w/<int:board_id>/report.md")
@login_required
def evening_report_md(board_id: int):
    """The same report as a Markdown file, for the project's archive or a newsletter."""
    board = own_board(board_id)
    text = report_markdown(_report(board), _meta(board))
    return download(text, MARKDOWN, download_name(board, _("process-report"), "md"))


@bp.route("/console/w/<int:board_id>/plans/<plan_id>.md")
@login_required
def plan_md(board_id: int, plan_id: str):
    """The plan as a readable Markdown document with every field of the seed."""
    board, view = _plan(board_id, plan_id)
    meta, f = _meta(board), report_formatters()
    text = plan_markdown(view, export_texts(), board_title=meta["title"],
                         group=meta["group"], day=f["day"], money=f["money"])
    return download(text, MARKDOWN, download_name(board, view.title or plan_id, "md"))


@bp.route("/console/w/<int:board_id>/plans/<plan_id>.csv")
@login_required
def plan_csv(board_id: int, plan_id: str):
    """The plan's actions, one row each, for a spreadsheet."""
    board, view = _plan(board_id, plan_id)
    return download(actions_csv(view, export_texts()), CSV,
                     download_name(board, view.title or plan_id, "csv"))


@bp.route("/console/w/<int:board_id>/plans/<plan_id>.ics")
@login_required
def plan_ics(board_id: int, plan_id: str):
    """The actions' due dates as all-day events for the council's own calendar."""
    board, view = _plan(board_id, plan_id)
    domain = current_app.config.get("SERVER_NAME") or "weefwerk"
    text = actions_ics(view, board.id, datetime.now(UTC), export_texts(), domain)
    return download(text, CALENDAR, download_name(board, view.title or plan_id, "ics"))


def _plan(board_id: int, plan_id: str) -> tuple[Board, PlanView]:
    board = own_board(board_id)
    view = plan_view(board.state or {}, plan_id)
    if view is None:
        abort(404)
    return board, view


def _meta(board: Board) -> dict:
    group = group_by_id(db(), board.group_id)
    fmt = format_of(board)
    return {"id": board.id, "title": board.title, "group": group.name if group else "",
            "format": fmt.title[current_language()] if fmt else board.format_slug}


def _report(board: Board) -> ProcessReport:
    """Read the board's whole log (in version order) and compute its report."""
    rows = log_with_roles(db(), board.id)
    fmt = format_of(board)
    lang = current_language()
    steps = [StepPlan(s.title[lang], s.minutes) for s in fmt.steps] if fmt else []
    return process_report([LoggedEvent(*row) for row in rows], steps,
                          known_participants(board.state or {}))


def known_participants(state: dict) -> int:
    """Distinct phones the state still knows: card authors and the latest ballots.

    Used only as a count, when the log itself cannot tell (ids are never shown)."""
    cards = state.get("cards") or {}
    cards = cards.values() if isinstance(cards, dict) else cards
    ids = {c.get("author") for c in cards if c.get("origin", "phone") == "phone"}
    for vote in (state.get("votes") or {}).values():
        ids.update((vote.get("ballots") or {}).keys())
    ids.discard(None)
    return len(ids)


def report_formatters() -> dict:
    return {"day": lambda text: format_date(date.fromisoformat(text), "medium") if text else "",
            "money": lambda amount: format_currency(amount, "EUR"),
            "clock": lambda moment: format_time(moment, "short") if moment else "",
            "long_date": lambda moment: format_date(moment, "full") if moment else ""}


def download(text: str, mimetype: str, filename: str) -> Response:
    response = Response(text, headers={"Content-Type": mimetype})
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def download_name(board: Board, title: str, ext: str) -> str:
    """An ASCII file name from the title (`weefwerk-12-buurtkamer-in-de-school.md`)."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower().encode("ascii", "ignore").decode())
    return f"weefwerk-{board.id}-{slug.strip('-')[:60] or 'export'}.{ext}"


def export_texts() -> dict[str, str]:
    """The exports' labels in the reader's language (keys of `domain.plan.exports.LABELS`)."""
    return {
        "plan": _("Project plan"), "issue": _("Issue"), "trends": _("Builds on these trends"),
        "owner": _("Owner"), "involved": _("Involved"), "goals": _("Work goals"),
        "done_when": _("Done when…"), "by": _("By"), "notes": _("Notes"),
        "approach": _("Approach"), "what": _("What"), "helpers": _("Helpers"),
        "partners": _("Partners"), "start": _("Start"), "due": _("Due"), "hours": _("Hours"),
        "euros": _("Euros"), "money_source": _("Money from"), "status": _("Status"),
        "timeline": _("Timeline"), "from_to": _("From %(first)s to %(last)s"),
        "undated": _("Not yet planned in time"), "budget": _("Budget"), "money": _("Money"),
        "by_source": _("Money by source"), "no_source": _("No source given yet"),
        "unestimated": _("Actions without an estimate of time or money"),
        "no_actions": _("No actions yet."), "why": _("Where does this come from?"),
        "cards": _("Cards residents wrote"), "trend": _("Trend"), "challenge": _("Issue"),
        "withheld": _("A resident's card, not for publication"),
        "card_source": _("Source: %(source)s"),
        "vision_element": _("Vision element"), "barrier": _("Barrier"),
        "potential": _("Potential"), "strategy": _("Strategy"),
        "exported": _("Exported from Weefwerk. Names of card writers are never exported."),
        "status_idee": _("idea"), "status_gepland": _("planned"),
        "status_bezig": _("in progress"), "status_gereed": _("done"),
        "status_vastgelopen": _("stuck"), "status_geschrapt": _("dropped"),
    }


def report_markdown(report: ProcessReport, meta: dict) -> str:
    """The process report as Markdown: the same facts as the page, in the same order."""
    f = report_formatters()
    out = ["# " + _("Process report: %(title)s", title=md_inline(meta["title"])), ""]
    facts = [(_("Group"), md_inline(meta["group"])), (_("Format"), md_inline(meta["format"])),
             (_("Date"), f["long_date"](report.start)),
             (_("Time"), f"{f['clock'](report.start)} – {f['clock'](report.end)}"),
             (_("Duration"), _("%(n)s minutes", n=report.minutes)),
             (_("Phones that took part"), str(report.phones))]
    out += [f"- {label}: {value}" for label, value in facts if value] + [""]
    for step in report.steps:
        out += _md_step(step)
    out += _md_parking(report.parking)
    if report.format_changes:
        out += ["## " + _("Adapted for this evening"), ""]
        out += ["- " + md_inline(format_change_text(c)) for c in report.format_changes] + [""]
    if report.later_changes:
        out += [_("Changes made after the evening are not counted: %(num)s.",
                  num=report.later_changes), ""]
    out += ["---", "", _("This report holds counts and decisions only, never names."), ""]
    return "\n".join(out)


def _md_parking(lot: ParkingCount) -> list[str]:
    """The parking lot's counts, as on the page (nothing when nothing was parked)."""
    if not lot.parked:
        return []
    counts = [(_("Parked"), lot.parked), (_("Answered"), lot.answered),
              (_("For later"), lot.later), (_("Closed"), lot.closed), (_("Hidden"), lot.hidden)]
    return ["## " + _("Parking lot"), ""] + [f"- {label}: {n}" for label, n in counts] + [""]


def _in_words(value, lang: str):
    """A changed value as a reader sees it: a text in their language; a list of card kinds
    or themes as their names ("Neemt toe, Neemt af"), a built-in theme by its label."""
    if isinstance(value, dict):
        return value.get(lang, "")
    if isinstance(value, list):
        names = [THEMES[item][lang] if isinstance(item, str) and item in THEMES
                 else (item.get("label") or {}).get(lang, "") if isinstance(item, dict)
                 else str(item) for item in value]
        return ", ".join(names) or "—"
    return value


def format_change_text(change: FormatChange) -> str:
    """One change to the evening's own format in words, texts in the reader's language."""
    lang = current_language()
    before, after = (_in_words(value, lang) for value in (change.before, change.after))
    if change.field == "skipped":
        return _("Step skipped: %(title)s", title=before)
    if change.field == "added":
        return _("Step added: %(title)s", title=after)
    if change.field == "replaced":
        return _("Another format was used: %(title)s", title=after)
    if change.step:
        return _('Step "%(step)s", %(field)s: %(before)s → %(after)s', step=change.step,
                 field=change.field, before=before, after=after)
    return _("%(field)s: %(before)s → %(after)s", field=change.field, before=before,
             after=after)


def _md_step(step) -> list[str]:
    heading = _("Step %(n)s: %(title)s", n=step.index + 1, title=md_inline(step.title))
    spent = _("%(spent)s of %(planned)s minutes", spent=step.minutes if step.visited else "—",
              planned=step.planned_minutes)
    counts = [(_("Time"), spent), (_("Cards from phones"), step.cards["phone"]),
              (_("Data cards"), step.cards["data"]), (_("Paper cards"), step.cards["paper"]),
              (_("Phones that wrote"), step.writers), (_("Hidden cards"), step.hidden),
              (_("Clusters"), step.clusters), (_("Plans made"), step.plans),
              (_("Actions made"), step.actions)]
    out = ["## " + heading, ""] + [f"- {label}: {n}" for label, n in counts if n]
    out += ["- " + _("Vote round %(round)s: %(voters)s voted, %(dots)s dots",
                     round=r.round, voters=r.voters, dots=r.dots) for r in step.rounds]
    if step.decisions:
        out += ["", _("Decided:"), ""]
        for d in step.decisions:
            votes = ngettext("%(num)s vote", "%(num)s votes", d.votes) if d.votes else ""
            out.append("- " + md_inline(d.title) + (f" ({votes})" if votes else ""))
    return out + [""]
