"""What several pages share: the facilitator's own evening, and the labels and formatters
of a plan page. One home for them, so no page reaches into another page's private names."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask import abort, current_app
from flask_babel import format_currency, format_date
from flask_babel import gettext as _

from ..domain.evening.own_format import evening_format
from ..domain.formats.document import format_from_document
from ..domain.formats.options import THEMES
from ..domain.formats.types import Format, FormatError
from ..i18n.locale import current_language
from ..models import WORKSHOP, Board, OwnFormat
from ..store.boards import board_by_id, groups_of
from ..store.own_formats import own_formats_of
from .blueprint import db, logged_in_user


def own_board(board_id: int) -> Board:
    """An evening the facilitator ran, while its group still grants them access: the
    group owns what the evening produced, and can take the facilitator's access back."""
    board = board_by_id(db(), board_id)
    if board is None or board.owner_id != logged_in_user().id or board.kind != WORKSHOP:
        abort(404)  # a group's workspace is not an evening: it lives at /g/<id>/plans
    if board.group_id not in {g.id for g in groups_of(db(), logged_in_user())}:
        abort(403)
    return board


def evening_length(evenings: list[int]) -> str:
    """"150 minutes", or "2 evenings: 130 + 150 minutes": printed once, after the title
    (format titles name no length, see domain/formats/durations.py)."""
    if len(evenings) == 1:
        return _("%(n)s minutes", n=evenings[0])
    return _("%(count)s evenings: %(minutes)s minutes", count=len(evenings),
             minutes=" + ".join(str(m) for m in evenings))


def checked_own_formats(user_id: int) -> list[tuple[OwnFormat, Format | None]]:
    """The facilitator's own formats by name, each checked by the loader again (None
    when this version of Weefwerk refuses one it took before): the new-evening form
    leaves such a one out, "Mijn draaiboeken" shows it with a warning."""
    checked: list[tuple[OwnFormat, Format | None]] = []
    for row in own_formats_of(db(), user_id):
        try:
            checked.append((row, format_from_document(row.slug, row.document)))
        except FormatError:
            checked.append((row, None))
    return checked


def format_of(board: Board):
    """The format the evening runs on: its own copy, else its slug's (older evenings)."""
    return evening_format((board.state or {}).get("format_copy"), board.format_slug,
                          current_app.extensions["weefwerk.formats"])


def plan_helpers(board: Board) -> dict:
    """Labels from the board's format and formatters in the reader's language."""
    fmt = format_of(board)
    lang = current_language()
    steps = fmt.steps if fmt else ()
    kinds: dict[tuple[int, str], str] = {}
    themes = {key: label[lang] for key, label in THEMES.items()}
    for index, step in enumerate(steps):
        cards = step.options.get("cards", {})
        kinds.update({(index, k["key"]): k["label"][lang] for k in cards.get("kinds", ())})
        themes.update({t["key"]: t["label"][lang] for t in cards.get("themes", ())})
    return {
        "step_title": lambda i: steps[i].title[lang] if isinstance(i, int)
        and 0 <= i < len(steps) else "",
        "kind_label": lambda i, key: kinds.get((i, key), key or ""),
        "theme_label": lambda key: themes.get(key, key or ""),
        "day": day,
        "money": money,
    }


def day(text: str) -> str:
    """`2027-03-01` as the reader writes it (1 mrt 2027 / Mar 1, 2027); "" stays ""."""
    return format_date(date.fromisoformat(text), "medium") if text else ""


def money(amount: Decimal | None) -> str:
    return format_currency(amount, "EUR") if amount is not None else ""
