"""An evening's own copy of its format, and the facilitator's changes to it.

An evening runs on a copy of its format taken when it was made (`format_copy`, one item
in the state, see docs/formats.md "An evening's own copy"): a later change to a file in
`sessions/` or to the facilitator's own formats never changes an evening under way, and
the copy can be adapted for this one evening. Evenings made before the copy existed have
none and run on the shipped format of their slug, as before.

Every change is checked by the `sessions/` loader on the whole adapted document, so an
evening can never hold a format that a file could not; a refusal names the field.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..board.errors import DomainError
from ..formats.document import format_document, format_from_document
from ..formats.types import Format, FormatError
from .state import WorkshopState, json_copy

COPY = "document"  # the one key of `format_copy`


def take_copy(state: WorkshopState, fmt: Format) -> None:
    """A new evening keeps the format it was made from."""
    state.format_copy[COPY] = format_document(fmt)


def evening_format(format_copy: Mapping[str, Any] | None, slug: str,
                   shipped: Mapping[str, Format]) -> Format | None:
    """The format an evening runs on: its own copy, else (an older evening) the shipped
    format of its slug, or None when neither exists."""
    document = (format_copy or {}).get(COPY)
    if document is None:
        return shipped.get(slug)
    return format_from_document(slug, document)


def adapted(state: WorkshopState, fmt: Format, change) -> tuple[Format, dict]:
    """Apply `change` to a copy of the evening's document, check the result with the
    loader and keep it; DomainError("format_invalid") with the loader's lines if not."""
    document = json_copy(state.format_copy.get(COPY) or format_document(fmt))
    change(document)
    try:
        checked = format_from_document(fmt.slug, document)
    except FormatError as error:
        raise DomainError("format_invalid", errors=error.errors) from error
    state.format_copy[COPY] = document
    return checked, document


_LINE = re.compile(r"^[^:]*: (?:step \d+(?: \((?P<key>[^)]*)\))?: )?(?P<field>[\w.\[\]]+): "
                   r"(?P<message>.*)$")


def where_in_form(line: str) -> tuple[str | None, str, str]:
    """A loader line as (step key or None for the whole format, field, message), so a
    form shows the refusal next to the field it is about; a step is named by its key
    because skipping steps changes their numbers."""
    match = _LINE.match(line)
    if match is None:
        return None, "", line
    return match["key"], match["field"], match["message"]
