"""The evening kit, printed from the console on A4: a poster for the door and the tables,
and the agenda of the evening.

The poster carries what the projector's join panel shows (the same QR code to the same
join link, the join code and the address to type it at), so a resident who comes in
late or sits at the back joins from the table. Its invitation is printed in Dutch and in
English, whichever language the facilitator reads. The agenda lists the steps with
their questions in both languages and clock times from the start time the facilitator
enters (`domain/formats/agenda.py`). Server-rendered and printed by the browser, like the
plans (docs/printing.md).
"""
from __future__ import annotations

from collections.abc import Callable
from functools import partial

from flask import current_app, render_template, request
from flask_babel import force_locale
from flask_babel import gettext as _

from ..domain.formats.agenda import agenda, clock, parse_clock
from .blueprint import bp, db, login_required
from .common import own_board
from .join import home_address, join_url
from .qr import qr_svg

DEFAULT_START = "19:30"  # a bewonersavond's usual start; the form changes it
LANGUAGES = ("nl", "en")  # the poster's and agenda's languages, Dutch first


def both(make: Callable[[], str]) -> list[tuple[str, str]]:
    """A text of the kit once in each of its languages, Dutch first: (language, text)."""
    pairs = []
    for lang in LANGUAGES:
        with force_locale(lang):
            pairs.append((lang, make()))
    return pairs


def _evening(number: int) -> str:
    return _("Evening %(n)s", n=number)


def _ends(extra_minutes: int, time: str) -> str:
    """When the evening ends, with its welcome, break and closing if the format has them."""
    if extra_minutes:
        return _("With welcome, break and closing (%(minutes)s minutes) the evening ends "
                 "around %(time)s.", minutes=extra_minutes, time=time)
    return _("The evening ends around %(time)s.", time=time)


@bp.route("/console/w/<int:board_id>/kit/poster")
@login_required
def kit_poster(board_id: int):
    """The A4 poster for the door and the tables: QR code, join code, address."""
    board = own_board(board_id)
    host = home_address()
    return render_template(
        "console/kit_poster.html", board={"id": board.id, "title": board.title},
        code=board.join_code, host=host, heading=both(lambda: _("Join in!")),
        invitation=both(lambda: _("Join in with your phone: scan the code, or go to "
                                  "%(host)s and type %(code)s.", host=host,
                                  code=board.join_code)),
        qr=qr_svg(join_url(board), _("Join code %(code)s", code=board.join_code), scale=12))


@bp.route("/console/w/<int:board_id>/kit/agenda")
@login_required
def kit_agenda(board_id: int):
    """The agenda: the steps, their questions in Dutch and English, and clock times."""
    board = own_board(board_id)
    typed = request.args.get("start", DEFAULT_START)
    start = parse_clock(typed)
    meta = {"id": board.id, "title": board.title}
    db().close()  # the service reads the evening (and its format) with its own connection
    fmt = current_app.extensions["weefwerk.service"].load(board_id)[2]
    evenings = agenda(fmt, start if start is not None else parse_clock(DEFAULT_START) or 0)
    words = {"heading": both(lambda: _("Agenda")),
             "evening": [both(partial(_evening, e.evening)) for e in evenings],
             "ends": [both(partial(_ends, e.extra_minutes, clock(e.ends))) for e in evenings]}
    return render_template(
        "console/kit_agenda.html", board=meta, evenings=evenings, clock=clock, words=words,
        start=typed if start is not None else DEFAULT_START, bad_start=start is None,
        several=len(evenings) > 1), 400 if start is None else 200
