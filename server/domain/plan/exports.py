"""A project plan as files the resident group can take elsewhere: Markdown, CSV, iCalendar.

The plan belongs to the resident group (DESIGN §5), so it must leave Weefwerk in formats
any computer opens: Markdown to read, print or paste into a newsletter; CSV for a
spreadsheet; ICS so the due dates land in the council's own calendar. Everything comes
from a `provenance.PlanView`, which already holds no card author and no hidden card, so no
author name can end up in a file. A file cannot isolate user text the way a page does
(`<bdi>`), so bidi overrides are taken out of every user text (`text.strip_bidi`): an
override in a title cannot reverse the cells or lines after it. Labels arrive as a
`texts` dict, translated by the caller: the domain stays free of Flask-Babel, and English
defaults keep it usable alone.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from ..board.text import strip_bidi
from .provenance import ActionView, PlanView, ResultNode
from .types import SourceCard

LABELS = {
    "plan": "Project plan", "issue": "Issue", "trends": "Builds on these trends",
    "owner": "Owner", "involved": "Involved", "goals": "Work goals",
    "done_when": "Done when…", "by": "By", "notes": "Notes", "approach": "Approach",
    "what": "What", "helpers": "Helpers", "partners": "Partners", "start": "Start",
    "due": "Due", "hours": "Hours", "euros": "Euros", "money_source": "Money from",
    "status": "Status", "timeline": "Timeline", "from_to": "From %(first)s to %(last)s",
    "undated": "Not yet planned in time", "budget": "Budget", "money": "Money",
    "by_source": "Money by source", "no_source": "No source given yet",
    "unestimated": "Actions without an estimate of time or money",
    "no_actions": "No actions yet.", "why": "Where does this come from?",
    "cards": "Cards residents wrote", "trend": "Trend", "challenge": "Issue",
    "vision_element": "Vision element", "barrier": "Barrier", "potential": "Potential",
    "strategy": "Strategy", "none": "—", "exported": "Exported from Weefwerk",
    "withheld": "A resident's card, not for publication", "card_source": "Source: %(source)s",
}
CSV_COLUMNS = ("what", "owner", "helpers", "partners", "start", "due", "hours", "euros",
               "money_source", "status")
MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")
MD_LINE_START = re.compile(r"^([+-]|\d+(?=[.)]))")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ICS_LIMIT = 75  # octets per content line, without the CRLF (RFC 5545 §3.1)


def _labels(texts: Mapping[str, str] | None) -> dict[str, str]:
    return {**LABELS, **(texts or {})}


def _iso(text: str) -> str:
    return text


def _euro(amount: Decimal) -> str:
    return f"€ {amount:.2f}"


# --- Markdown -----------------------------------------------------------------------

def md_inline(text: str) -> str:
    """User text inside a Markdown line: one line, no accidental emphasis, links or HTML."""
    flat = " ".join(strip_bidi(str(text)).split())
    escaped = MD_SPECIAL.sub(r"\\\1", flat)
    match = MD_LINE_START.match(escaped)
    if match is None:
        return escaped
    if match.group(0)[0].isdigit():  # "1. " would start a list: escape the dot
        end = match.end()
        return escaped[:end] + "\\" + escaped[end:]
    return "\\" + escaped


def md_block(text: str) -> str:
    """User text as its own paragraph: line breaks kept as hard breaks."""
    lines = [md_inline(line) for line in str(text).strip().splitlines()]
    return "  \n".join(line for line in lines if line)


def _node_label(node: ResultNode, t: Mapping[str, str]) -> str:
    key = node.attrs.get("polarity", "barrier") if node.type == "force" else node.type
    return t.get(key, node.type)


def plan_markdown(view: PlanView, texts: Mapping[str, str] | None = None, *,
                  board_title: str = "", group: str = "",
                  day: Callable[[str], str] = _iso,
                  money: Callable[[Decimal], str] = _euro) -> str:
    """The whole plan as a readable Markdown document with every field of the seed."""
    t = _labels(texts)
    none = t["none"]
    head = " · ".join(md_inline(p) for p in (t["plan"], board_title, group) if p)
    out = [f"# {md_inline(view.title or t['plan'])}", "", f"*{head}*", ""]
    issue = view.provenance.issue
    out += [f"## {t['issue']}", "", md_inline(issue.title) if issue else none, ""]
    if view.provenance.trends:
        trends = "; ".join(md_inline(n.title) for n in view.provenance.trends)
        out += [f"{t['trends']}: {trends}", ""]
    out += [f"## {t['owner']}", "", md_inline(view.owner) or none, "",
            f"## {t['involved']}", "", md_inline(view.involved) or none, "",
            f"## {t['goals']}", "",
            f"- {t['done_when']} {md_inline(view.goal) or none}",
            f"- {t['by']}: {md_inline(day(view.result_by)) or none}", ""]
    if view.notes.strip():
        out += [f"**{t['notes']}**", "", md_block(view.notes), ""]
    out += _md_actions(view, t, day, money)
    out += _md_timeline(view, t, day)
    out += _md_budget(view, t, money)
    out += _md_provenance(view, t)
    out += ["---", "", f"*{t['exported']}*", ""]
    return "\n".join(out)


def _md_actions(view: PlanView, t: Mapping[str, str], day, money) -> list[str]:
    out = [f"## {t['approach']}", ""]
    if not view.actions:
        return out + [t["no_actions"], ""]
    for n, a in enumerate(view.actions, 1):
        euros = money(a.euros) if a.euros is not None else ""
        rows = [("owner", a.owner), ("helpers", a.helpers), ("partners", a.partners),
                ("start", day(a.start)), ("due", day(a.due)),
                ("hours", "" if a.hours is None else str(a.hours)), ("money", euros),
                ("money_source", a.money_source),
                ("status", t.get("status_" + a.status, a.status))]
        out += [f"### {n}. {md_inline(a.what)}", ""]
        out += [f"- {t[key]}: {md_inline(value)}" for key, value in rows if value]
        out.append("")
    return out


def _dates(a: ActionView, day) -> str:
    if a.start and a.due and a.start != a.due:
        return f"{day(a.start)} – {day(a.due)}"
    return day(a.start or a.due)


def _md_timeline(view: PlanView, t: Mapping[str, str], day) -> list[str]:
    tl = view.timeline
    out = [f"## {t['timeline']}", ""]
    if tl.actions:
        out += [t["from_to"] % {"first": day(tl.first), "last": day(tl.last)}, ""]
        out += [f"- {md_inline(_dates(a, day))}: {md_inline(a.what)}" for a in tl.actions]
        out.append("")
    if tl.undated:
        out += [f"{t['undated']}:", ""]
        out += [f"- {md_inline(a.what)}" for a in tl.undated] + [""]
    if not view.actions:
        out += [t["no_actions"], ""]
    return out


def _md_budget(view: PlanView, t: Mapping[str, str], money) -> list[str]:
    b = view.budget
    out = [f"## {t['budget']}", "", f"- {t['hours']}: {b.hours}",
           f"- {t['money']}: {money(b.euros)}", ""]
    if b.by_source:
        out += [f"{t['by_source']}:", ""]
        out += [f"- {md_inline(source) or t['no_source']}: {money(amount)}"
                for source, amount in b.by_source] + [""]
    if b.unestimated:
        out += [f"{t['unestimated']}: {b.unestimated}", ""]
    return out


def _md_card(card: SourceCard, t: Mapping[str, str]) -> str:
    """One card behind a result; a data card with where its figure comes from."""
    if card.withheld or card.text is None:
        return f"- {t['withheld']}"
    line = f"- “{md_inline(card.text)}”"
    if card.source:
        line += f" ({t['card_source'] % {'source': md_inline(card.source)}})"
    return line


def _md_provenance(view: PlanView, t: Mapping[str, str]) -> list[str]:
    nodes = view.provenance.nodes
    if not nodes:
        return []
    out = [f"## {t['why']}", ""]
    for node in nodes:
        out += [f"### {_node_label(node, t)}: {md_inline(node.title)}", ""]
        if node.cards:
            out += [f"{t['cards']}:", ""]
            out += [_md_card(card, t) for card in node.cards] + [""]
    return out


# --- CSV ----------------------------------------------------------------------------

def _cell(value: object) -> str:
    """A text cell that a spreadsheet will not run as a formula (OWASP CSV injection).

    Dutch Excel splits a line on `;`, not on `,`, and ignores our quotes then; so every
    part after a `;` is neutralised too, as if it were a cell of its own."""
    text = strip_bidi("" if value is None else str(value))
    return ";".join(_inert(part) for part in text.split(";"))


def _inert(part: str) -> str:
    """A quote before a leading `=`, `+`, `-`, `@` (after any spaces): shown, not run."""
    body = part.lstrip(" ")
    if not body.startswith(FORMULA_START):
        return part
    return part[:len(part) - len(body)] + "'" + body


def actions_csv(view: PlanView, texts: Mapping[str, str] | None = None) -> str:
    """One row per action under a header row (RFC 4180: commas, quotes, CRLF), every cell
    quoted, so no spreadsheet guesses where a cell ends.

    Dates stay ISO and amounts plain decimals (25.50), so a spreadsheet reads them as data.
    """
    t = _labels(texts)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([t["plan"], *(t[c] for c in CSV_COLUMNS)])
    for a in view.actions:
        writer.writerow([_cell(view.title), _cell(a.what), _cell(a.owner), _cell(a.helpers),
                         _cell(a.partners), a.start, a.due,
                         "" if a.hours is None else a.hours,
                         "" if a.euros is None else f"{a.euros:.2f}",
                         _cell(a.money_source), _cell(t.get("status_" + a.status, a.status))])
    return out.getvalue()


# --- iCalendar ----------------------------------------------------------------------

def ics_escape(text: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped."""
    text = strip_bidi(str(text)).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets (RFC 5545 §3.1), never inside
    a UTF-8 character; every continuation starts with one space, which counts."""
    pieces: list[str] = []
    current: list[str] = []
    size, limit = 0, ICS_LIMIT
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [" "], 1, ICS_LIMIT
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n".join(pieces)


def _stamp(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def _compact(day_text: str) -> str:
    return day_text.replace("-", "")


def actions_ics(view: PlanView, board_id: int, now: datetime,
                texts: Mapping[str, str] | None = None, domain: str = "weefwerk") -> str:
    """A calendar with one all-day event per action that has a due date.

    The UID is built from the board and the action only, so importing a newer export
    updates the events instead of doubling them. `now` (UTC) is the DTSTAMP.
    """
    t = _labels(texts)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Weefwerk//Weefwerk plan export//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{ics_escape(view.title or t['plan'])}"]
    for a in view.actions:
        if not a.due:
            continue
        end = date.fromisoformat(a.due) + timedelta(days=1)
        description = [f"{t['owner']}: {a.owner}" if a.owner else "",
                       f"{t['plan']}: {view.title}"]
        lines += ["BEGIN:VEVENT", f"UID:weefwerk-{board_id}-{a.id}@{domain}",
                  f"DTSTAMP:{_stamp(now)}", f"DTSTART;VALUE=DATE:{_compact(a.due)}",
                  f"DTEND;VALUE=DATE:{end.strftime('%Y%m%d')}",
                  f"SUMMARY:{ics_escape(a.what)}",
                  f"DESCRIPTION:{ics_escape(chr(10).join(d for d in description if d))}",
                  "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
