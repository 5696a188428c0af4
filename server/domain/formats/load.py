"""Workshop formats: the script of an evening, kept as data in TOML files under `sessions/`.

A facilitator should be able to write a format without touching code, so every mistake in
a file must come back as a precise, developer-facing message (file, step, field, what is
wrong), and all mistakes at once rather than one per try. Called *formats* in code: the
word *session* is taken by Flask and SQLAlchemy. Pure Python: no Flask, no database.
"""
from __future__ import annotations

import pathlib
import re
import tomllib
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from .durations import EXTRA_MINUTES, check_durations, evening_minutes
from .feeds import feeds_problem
from .options import (
    KNOWN_TECHNIQUES,
    check_texts,
    fill_options,
    is_whole,
    join,
    key_problem,
    unknown_keys,
)
from .sequence import check_evenings, check_unique_keys
from .types import Format, FormatError, Step

__all__ = ["KNOWN_RESULTS", "parse_format", "load_format", "load_formats"]

KNOWN_RESULTS = ("trend", "challenge", "vision_element", "force", "strategy", "project_plan")
FORMAT_FIELDS = ("title", "description", "extra_minutes", "steps")
STEP_FIELDS = ("key", "title", "question", "minutes", "techniques", "produces", "evening",
               "options", "feeds")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TITLE_MAX = 80
DESCRIPTION_MAX = 1000
QUESTION_MAX = 400
MINUTES = (1, 240)
EVENINGS = (1, 4)


class _Report:
    """Collects mistakes as `source: where: field: message` lines."""

    def __init__(self, source: str):
        self.source = source
        self.errors: list[str] = []

    def add(self, where: str, path: str, message: str) -> None:
        parts = [part for part in (self.source, where, path) if part]
        self.errors.append(": ".join(parts) + ": " + message)


def parse_format(slug: str, data: dict, source: str) -> Format:
    """Check parsed TOML and build a Format; raise FormatError listing every mistake."""
    report = _Report(source)
    if not SLUG_PATTERN.match(slug or ""):
        report.add("", "slug", f"'{slug}' must be lowercase letters and digits joined by '-'"
                               " (the file name without .toml)")
    for path, message in unknown_keys(data, FORMAT_FIELDS, "field"):
        report.add("", path, message)
    title = _texts(data.get("title"), TITLE_MAX, report, "", "title")
    description = _texts(data.get("description"), DESCRIPTION_MAX, report, "", "description")
    steps = _parse_steps(data.get("steps"), report)
    extra = _whole(data.get("extra_minutes", 0), EXTRA_MINUTES, report, "", "extra_minutes")
    if steps:
        check_durations(title, description, evening_minutes(
            ((s.evening, s.minutes) for s in steps), extra), report)
    if report.errors:
        raise FormatError(report.errors)
    return Format(slug=slug, title=title, description=description, steps=steps,
                  extra_minutes=extra)


def _texts(value: Any, max_length: int, report: _Report, where: str,
           field: str) -> dict[str, str]:
    """An nl/en pair, or an empty dict after reporting why not."""
    if value is None:
        report.add(where, field, "is required: { nl = \"…\", en = \"…\" }")
        return {}
    texts, problems = check_texts(value, max_length)
    for path, message in problems:
        report.add(where, join(field, path), message)
    return texts or {}


def _parse_steps(raw: Any, report: _Report) -> tuple[Step, ...]:
    """All steps, then the checks that need more than one step (unique keys, evenings)."""
    if not isinstance(raw, list) or not raw:
        report.add("", "steps", "at least one step is required ([[steps]] tables)")
        return ()
    steps: list[Step | None] = []
    for number, item in enumerate(raw, start=1):
        if isinstance(item, dict):
            steps.append(_parse_step(item, _where(number, item), report))
        else:
            report.add(f"step {number}", "", "must be a table ([[steps]])")
            steps.append(None)
    check_unique_keys(steps, report)
    check_evenings(steps, report)
    return tuple(step for step in steps if step is not None)


def _where(number: int, item: dict) -> str:
    """`step 2 (challenges)` when the key is usable, else `step 2`."""
    key = item.get("key")
    return f"step {number}" if key_problem(key) else f"step {number} ({key})"


def _parse_step(item: dict, where: str, report: _Report) -> Step | None:
    """One step; None when anything in it is wrong (the mistakes are in the report)."""
    before = len(report.errors)
    for path, message in unknown_keys(item, STEP_FIELDS, "field"):
        report.add(where, path, message)
    bad_key = key_problem(item.get("key"))
    if bad_key:
        report.add(where, "key", bad_key)
    title = _texts(item.get("title"), TITLE_MAX, report, where, "title")
    question = _texts(item.get("question"), QUESTION_MAX, report, where, "question")
    minutes = _whole(item.get("minutes"), MINUTES, report, where, "minutes")
    evening = _whole(item.get("evening", 1), EVENINGS, report, where, "evening")
    techniques = _techniques(item.get("techniques"), report, where)
    produces = _produces(item.get("produces"), techniques, report, where)
    options = _options(item.get("options", {}), techniques, report, where)
    feeds = item.get("feeds")
    if feeds is not None and (problem := feeds_problem(feeds, produces)):
        report.add(where, "feeds", problem)
    if len(report.errors) > before:
        return None
    return Step(key=item["key"], title=title, question=question, minutes=minutes,
                techniques=techniques, produces=produces, evening=evening, options=options,
                feeds=feeds)


def _whole(value: Any, bounds: tuple[int, int], report: _Report, where: str,
           field: str) -> int:
    """A whole number within `bounds`; a missing value is reported the same way."""
    low, high = bounds
    if not is_whole(value) or not low <= value <= high:
        report.add(where, field, f"must be a whole number from {low} to {high}")
        return low
    return value


def _techniques(value: Any, report: _Report, where: str) -> tuple[str, ...]:
    """A non-empty list of known techniques, each once; order is the order of the step."""
    known = ", ".join(KNOWN_TECHNIQUES)
    if not isinstance(value, list) or not value:
        report.add(where, "techniques", f"must be a non-empty list, like [\"cards\", \"vote\"]; "
                                        f"known techniques: {known}")
        return ()
    for name in value:
        if name not in KNOWN_TECHNIQUES:
            report.add(where, "techniques", f"unknown technique {name!r}; known techniques: {known}")
    for name in sorted({n for n in value if isinstance(n, str) and value.count(n) > 1}):
        report.add(where, "techniques", f"'{name}' is listed more than once")
    return tuple(dict.fromkeys(n for n in value if isinstance(n, str) and n in KNOWN_TECHNIQUES))


def _produces(value: Any, techniques: tuple[str, ...], report: _Report,
              where: str) -> str | None:
    """What the step promotes into: named clusters, or project plans from action planning."""
    if value is None:
        return None
    if value not in KNOWN_RESULTS:
        report.add(where, "produces", f"unknown result {value!r}; known results: "
                                      f"{', '.join(KNOWN_RESULTS)}")
        return None
    needed = "action_plan" if value == "project_plan" else "cluster"
    if techniques and needed not in techniques:
        report.add(where, "produces", f"'{value}' is promoted from the {needed} technique, "
                                      f"so techniques must include '{needed}'")
    return value


def _options(raw: Any, techniques: tuple[str, ...], report: _Report,
             where: str) -> Mapping[str, Mapping]:
    """Options per technique of the step, with defaults filled in for the ones left out."""
    if not isinstance(raw, dict):
        report.add(where, "options", "must be a table of tables, like [steps.options.vote]")
        return MappingProxyType({})
    for name in raw:
        if name not in KNOWN_TECHNIQUES:
            report.add(where, f"options.{name}", "unknown technique; known techniques: "
                                                 f"{', '.join(KNOWN_TECHNIQUES)}")
        elif name not in techniques:
            report.add(where, f"options.{name}", f"the step does not use '{name}'; add it to "
                                                 "techniques or remove these options")
    filled = {}
    for technique in techniques:
        filled[technique], problems = fill_options(technique, raw.get(technique, {}))
        for path, message in problems:
            report.add(where, join(technique, path), message)
    return MappingProxyType(filled)


def load_format(path: pathlib.Path) -> Format:
    """Read and check one TOML file; unreadable files and TOML syntax errors are FormatErrors."""
    path = pathlib.Path(path)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise FormatError([f"{path.name}: TOML syntax error: {error}"]) from error
    except (OSError, UnicodeDecodeError) as error:
        raise FormatError([f"{path.name}: cannot be read: {error}"]) from error
    return parse_format(path.stem, data, path.name)


def load_formats(directory: pathlib.Path) -> dict[str, Format]:
    """Every `*.toml` in `directory` by slug; mistakes of all files come in one FormatError."""
    directory = pathlib.Path(directory)
    if not directory.is_dir():
        raise FormatError([f"{directory}: is not a folder of formats"])
    formats: dict[str, Format] = {}
    errors: list[str] = []
    for path in sorted(directory.glob("*.toml")):
        try:
            formats[path.stem] = load_format(path)
        except FormatError as error:
            errors.extend(error.errors)
    if not formats and not errors:
        errors.append(f"{directory}: no formats found (*.toml)")
    if errors:
        raise FormatError(errors)
    return formats
