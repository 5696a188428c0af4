"""The `sessions/` loader's refusals in the reader's language, for the console's "Avond
aanpassen" page: the loader speaks to people writing TOML files (English, with paths),
the page to a facilitator at a form, next to the field. Only the refusals a form field
can get are worded here; any other line is shown as the loader wrote it."""
from __future__ import annotations

import re

from flask_babel import gettext as _

_PATTERNS = [
    (re.compile(r"^must be a whole number from 1 to budget \((?P<budget>\d+)\)$"),
     lambda m: _("must be a whole number from 1 to the dots per person (%(budget)s)",
                 budget=m["budget"])),
    (re.compile(r"^must be a whole number from (?P<low>\d+) to (?P<high>\d+)$"),
     lambda m: _("must be a whole number from %(low)s to %(high)s", low=m["low"],
                 high=m["high"])),
    (re.compile(r"^must be a non-empty text$"), lambda m: _("must not be empty")),
    (re.compile(r"^must be at most (?P<limit>\d+) characters \(has (?P<length>\d+)\)$"),
     lambda m: _("may be at most %(limit)s characters long (now %(length)s)",
                 limit=m["limit"], length=m["length"])),
    (re.compile(r"^must be true or false$"), lambda m: _("must be yes or no")),
    (re.compile(r"^names (?P<named>[\d.]+) minutes, but an evening takes (?P<takes>[\d +]+) "
                r"minutes"),
     lambda m: _("names %(named)s minutes, but the evening now takes %(takes)s minutes; "
                 "change the description too", named=m["named"], takes=m["takes"].strip())),
]


def loader_message(message: str) -> str:
    """One loader message in words for the form, or the message itself."""
    for pattern, words in _PATTERNS:
        match = pattern.match(message)
        if match:
            return words(match)
    return message
