"""What the scripts show of the parking lot (phone, console) and of the group's open points
(workspace), as gettext messages; merged into `strings.JS_STRINGS`. Kept apart from the
card and planning texts so the parking lot's words are found in one place."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

PARKING_STRINGS = {
    # the phone's sheet
    "park.empty": _l("Write your question or remark first."),
    "park.sent": _l("Parked. The facilitator will come back to it."),
    "park.waiting": _l("Waiting to be sent…"),
    "park.none_mine": _l("You have not parked anything yet."),
    "park.status.open": _l("Parked"),
    "park.status.answered": _l("Answered"),
    "park.status.closed": _l("Closed"),
    "park.status.later": _l("For later: goes to the group with the plan"),
    "park.answer": _l("Answer: %(text)s"),
    "park.count.one": _l("%(n)s parked"),
    "park.count.other": _l("%(n)s parked"),
    # the console's panel
    "park.console_empty": _l("Nothing parked yet. Residents park questions from their phones; "
                             "you can park one from the room here too."),
    "park.open_count": _l("%(n)s open"),
    "park.console_status.open": _l("Open"),
    "park.console_status.answered": _l("Answered"),
    "park.console_status.later": _l("For later"),
    "park.console_status.closed": _l("Closed"),
    "park.from_phone": _l("From a phone"),
    "park.from_facilitator": _l("From the room"),
    "park.step": _l("Step %(i)s"),
    "park.hidden": _l("Hidden"),
    "park.do_answer": _l("Answer"),
    "park.do_close": _l("Close"),
    "park.do_later": _l("For later"),
    "park.do_hide": _l("Hide"),
    "park.do_unhide": _l("Show again"),
    "park.answer_label": _l("Your answer"),
    "park.save_answer": _l("Save answer"),
    "park.cancel": _l("Cancel"),
    "park.answer_empty": _l("Write an answer first."),
    "park.added": _l("Parked."),
    # the group's workspace
    "ws.open_points_none": _l("No open points. Questions parked on an evening and marked "
                              "for later appear here."),
    "park.withheld": _l("Text not shared: the writer gave no consent to publish it."),
}
