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


_SYNTAX = re.compile(r"^[^:]*: TOML syntax error: (?P<detail>.*) \(at line (?P<line>\d+), "
                     r"column (?P<column>\d+)\)$")
_IN_STEP = re.compile(r"^[^:]*: step (?P<number>\d+)(?: \((?P<key>[^)]*)\))?: "
                      r"(?P<field>[\w.\[\]]+): (?P<message>.*)$")
_IN_FORMAT = re.compile(r"^[^:]*: (?P<field>[\w.\[\]]+): (?P<message>.*)$")


def file_mistake(line: str) -> str:
    """One loader line about an uploaded TOML file, for the facilitator who chose it: a
    syntax error by its line and column, any other mistake by its step and field (the
    field as written in the file, so it can be found there), in the reader's language
    where the message is one the form knows. The file name the loader puts first is left
    out: the facilitator just chose that file."""
    syntax = _SYNTAX.match(line)
    if syntax:
        return _("Line %(line)s, column %(column)s: the file is not written as TOML here "
                 "(%(detail)s).", line=syntax["line"], column=syntax["column"],
                 detail=syntax["detail"])
    in_step = _IN_STEP.match(line)
    if in_step and in_step["key"]:
        return _("Step %(number)s (%(key)s), %(field)s: %(message)s",
                 number=in_step["number"], key=in_step["key"], field=in_step["field"],
                 message=loader_message(in_step["message"]))
    if in_step:
        return _("Step %(number)s, %(field)s: %(message)s", number=in_step["number"],
                 field=in_step["field"], message=loader_message(in_step["message"]))
    in_format = _IN_FORMAT.match(line)
    if in_format:
        return f"{in_format['field']}: {loader_message(in_format['message'])}"
    return line
