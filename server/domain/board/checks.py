"""Checks shared by the rules of every board: validation of untrusted values.

`commands.parse_command` only checks the outer types (a list, a dict, an int). What is
inside a list or a dict, and every bound, is checked here, close to the rule that needs
it, so each refusal names the field and the code the protocol promises. Step gating
reads an evening's step and format, so it lives with the evening (`evening/gating.py`).
"""
from __future__ import annotations

import datetime
import math
import re
from typing import Any, Literal, TypeGuard, overload

from .errors import DomainError
from .text import one_line

MAX_IDS = 200
MAX_ID_LENGTH = 40
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_HOURS = 100_000
MAX_EUROS = 10_000_000


def ascii_digits(text: str) -> bool:
    """Whether `text` is a whole number written with 0-9 only, as a form or a file must
    write one. `str.isdigit()` alone also takes '²' and other digits `int()` refuses,
    which made a page fail with a 500 (found by the fuzz, docs/testing.md)."""
    return text.isascii() and text.isdigit()


def is_whole(value: Any) -> TypeGuard[int]:
    """An int that is not a bool: JSON `true` must never count as 1 dot or 1 hour."""
    return isinstance(value, int) and not isinstance(value, bool)


def id_list(value: Any, field: str, limit: int = MAX_IDS) -> list[str]:
    """A list of distinct short id strings, at most `limit` of them, order kept."""
    if not isinstance(value, list) or len(value) > limit:
        raise DomainError("invalid_args", field=field)
    if not all(isinstance(item, str) and 0 < len(item) <= MAX_ID_LENGTH for item in value):
        raise DomainError("invalid_args", field=field)
    return list(dict.fromkeys(value))


def short_text(value: Any, field: str, limit: int, required: bool = False,
               lines: bool = False, item: str = "") -> str:
    """Trimmed text of at most `limit` characters; empty only when not `required`.

    Unless the field may have `lines` (a note, a goal), a newline or tab sent anyway
    becomes a space: a title or a name is one line on every screen and in every export.
    A too-long text is `field_too_long`, with the field (and the `item` it belongs to: a
    plan's owner is worded differently from an action's) so the message can name it.
    """
    if not isinstance(value, str):
        raise DomainError("invalid_args", field=field)
    cleaned = value.strip() if lines else one_line(value.strip())
    if len(cleaned) > limit:
        raise DomainError("field_too_long", field=field, item=item, limit=limit,
                          length=len(cleaned))
    if required and not cleaned:
        raise DomainError("bad_value", field=field)
    return cleaned


@overload
def whole_in(value: Any, field: str, low: int, high: int,
             nullable: Literal[False] = False) -> int: ...
@overload
def whole_in(value: Any, field: str, low: int, high: int, nullable: bool) -> int | None: ...
def whole_in(value: Any, field: str, low: int, high: int, nullable: bool = False) -> int | None:
    """A whole number from `low` to `high` (or None when `nullable`)."""
    if value is None and nullable:
        return None
    if not is_whole(value) or not low <= value <= high:
        raise DomainError("bad_value", field=field)
    return value


def choice(value: Any, field: str, allowed: tuple, nullable: bool = True) -> Any:
    """One of `allowed` (or None when `nullable`)."""
    if value is None and nullable:
        return None
    if not isinstance(value, str) or value not in allowed:
        raise DomainError("bad_value", field=field)
    return value


def date_text(value: Any, field: str) -> str:
    """`""` or a real calendar date written `YYYY-MM-DD`."""
    if value == "":
        return ""
    if not isinstance(value, str) or not DATE.match(value):
        raise DomainError("bad_date", field=field)
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise DomainError("bad_date", field=field) from None
    return value


def hours(value: Any, field: str) -> int | None:
    """Whole hours ≥ 0, or None for "not known yet"."""
    if value is None:
        return None
    if not is_whole(value):
        raise DomainError("bad_value", field=field)
    if value < 0:
        raise DomainError("negative_amount", field=field)
    if value > MAX_HOURS:
        raise DomainError("bad_value", field=field)
    return value


def euros(value: Any, field: str) -> int | float | None:
    """An amount ≥ 0 with at most two decimals, or None for "not known yet"."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DomainError("bad_value", field=field)
    if isinstance(value, float) and not math.isfinite(value):
        raise DomainError("bad_value", field=field)
    if value < 0:
        raise DomainError("negative_amount", field=field)
    cents = value * 100
    if value > MAX_EUROS or abs(cents - round(cents)) > 1e-6:
        raise DomainError("bad_value", field=field)
    return value
