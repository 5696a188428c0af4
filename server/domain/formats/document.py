"""A format as a document of the `sessions/` schema, and back, and as a TOML file.

An evening keeps its own copy of its format (docs/formats.md, "An evening's own copy"):
the copy is the same document a `sessions/*.toml` file parses to, so one loader checks a
shipped file, an adapted evening and an uploaded file alike, and a downloaded file is a
file the `sessions/` folder accepts. Pure Python: no Flask, no database.
"""
from __future__ import annotations

import json
import tomllib
from functools import lru_cache
from typing import Any

import tomli_w

from .load import parse_format
from .options import THEMES, plain
from .types import Format, FormatError, Step

__all__ = ["format_document", "format_from_document", "format_toml", "format_from_toml",
           "theme_entry"]


def format_document(fmt: Format) -> dict:
    """The `sessions/` document of `fmt`: every option written out (defaults too), so
    the copy says what the evening runs with even if a later version changes a default."""
    document: dict[str, Any] = {"title": dict(fmt.title), "description": dict(fmt.description)}
    if fmt.extra_minutes:
        document["extra_minutes"] = fmt.extra_minutes
    document["steps"] = [_step_document(step) for step in fmt.steps]
    return document


def _step_document(step: Step) -> dict:
    data: dict[str, Any] = {"key": step.key, "title": dict(step.title),
                            "question": dict(step.question), "minutes": step.minutes,
                            "techniques": list(step.techniques)}
    if step.produces is not None:
        data["produces"] = step.produces
    if step.evening != 1:
        data["evening"] = step.evening
    if step.feeds is not None:
        data["feeds"] = step.feeds
    options = {name: _without_empty(plain(values)) for name, values in step.options.items()}
    options = {name: values for name, values in options.items() if values}
    if options:
        data["options"] = options
    return data


def _without_empty(options: dict) -> dict:
    """TOML has no null; a colour left out of a card kind is simply not written, and an
    empty list of kinds or themes is the default anyway."""
    cleaned = {}
    for name, value in options.items():
        if value is None or value == []:
            continue
        if name == "themes":  # a built-in theme is written by its key, as people write it
            value = [theme_entry(theme) for theme in value]
        if isinstance(value, list):
            value = [{k: v for k, v in item.items() if v is not None}
                     if isinstance(item, dict) else item for item in value]
        cleaned[name] = value
    return cleaned


def theme_entry(theme: dict) -> Any:
    """A theme as a file writes it: a built-in theme by its key, any other as a table."""
    builtin = THEMES.get(theme["key"])
    return theme["key"] if builtin is not None and dict(builtin) == theme["label"] else theme


def format_from_document(slug: str, document: dict) -> Format:
    """Check a document with the `sessions/` loader; FormatError lists every mistake."""
    return _parsed(slug, json.dumps(document, sort_keys=True))


@lru_cache(maxsize=256)
def _parsed(slug: str, text: str) -> Format:
    """Every command of an evening reads its format; parsing the same copy again each
    time would cost more than the command, so a copy is parsed once (Format is frozen)."""
    return parse_format(slug, json.loads(text), slug)


def format_toml(document: dict) -> str:
    """The document as the text of a `sessions/*.toml` file."""
    return tomli_w.dumps(document)


def format_from_toml(slug: str, text: str) -> tuple[Format, dict]:
    """An uploaded file: its Format and document, or FormatError naming line or field."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FormatError([f"{slug}.toml: TOML syntax error: {error}"]) from error
    return parse_format(slug, document, f"{slug}.toml"), document
