"""Technique options of a workshop format: what each technique may be tuned with, and the defaults.

Kept apart from `load.py` so the option table, the part facilitators read and change
most, sits in one place. `docs/formats.md` mirrors it, and a unit test fails when the two
drift apart. Checks return `(path, message)` problems instead of raising, so that one run
over a file can report every mistake at once.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

KNOWN_TECHNIQUES = ("cards", "cluster", "vote", "matrix", "action_plan", "review")
LANGUAGES = ("nl", "en")
COLORS = ("red", "green", "blue", "yellow", "orange", "purple", "teal", "grey")
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$")
KEY_MAX = 40
LABEL_MAX = 60
MAX_KINDS = 8
MAX_THEMES = 20
MATRIX_AXES = ("impact", "effort")
REVIEW_SOURCES = ("previous_evening", "open_actions", "year_actions")

# Built-in trend themes, so a format can say `themes = ["wonen", "zorg"]` without labels.
THEMES: Mapping[str, Mapping[str, str]] = MappingProxyType({
    "wonen": {"nl": "Wonen", "en": "Housing"},
    "werken": {"nl": "Werk en inkomen", "en": "Work and income"},
    "leren": {"nl": "Leren", "en": "Learning"},
    "zorg": {"nl": "Zorg en welzijn", "en": "Care and wellbeing"},
    "veiligheid": {"nl": "Veiligheid", "en": "Safety"},
    "cultuur_en_sport": {"nl": "Cultuur en sport", "en": "Culture and sport"},
    "voorzieningen": {"nl": "Voorzieningen", "en": "Amenities"},
    "openbare_ruimte": {"nl": "Openbare ruimte", "en": "Public space"},
    "verkeer": {"nl": "Verkeer en vervoer", "en": "Traffic and transport"},
    "groen_en_klimaat": {"nl": "Groen en klimaat", "en": "Green and climate"},
    "samenleven": {"nl": "Samenleven", "en": "Living together"},
})

Problem = tuple[str, str]  # (field path relative to the thing checked, what is wrong)


def join(prefix: str, path: str) -> str:
    """Glue a field path onto its parent: `cards` + `kinds[1]` -> `cards.kinds[1]`."""
    if not path:
        return prefix
    if not prefix or path.startswith("["):
        return prefix + path
    return f"{prefix}.{path}"


def is_whole(value: Any) -> bool:
    """True for a TOML integer; `true` is an int in Python but not a number to a facilitator."""
    return isinstance(value, int) and not isinstance(value, bool)


def key_problem(value: Any) -> str | None:
    """Why `value` cannot be a key (a short lowercase slug), or None when it can."""
    if not isinstance(value, str) or not KEY_PATTERN.match(value) or len(value) > KEY_MAX:
        return (f"must be a short key of lowercase letters, digits, '_' or '-' "
                f"(at most {KEY_MAX} characters), like \"challenges\"")
    return None


def check_texts(value: Any, max_length: int) -> tuple[dict[str, str] | None, list[Problem]]:
    """Check a `{nl = "…", en = "…"}` pair: both languages present, non-empty, not too long."""
    if not isinstance(value, dict):
        return None, [("", "must be a table with an nl and an en text, like { nl = \"…\", en = \"…\" }")]
    problems = [(lang, f"unknown language; only {', '.join(LANGUAGES)} are supported")
                for lang in value if lang not in LANGUAGES]
    for lang in LANGUAGES:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            problems.append((lang, "must be a non-empty text"))
        elif len(text) > max_length:
            problems.append((lang, f"must be at most {max_length} characters (has {len(text)})"))
    if problems:
        return None, problems
    return {lang: value[lang].strip() for lang in LANGUAGES}, []


def unknown_keys(value: Mapping, known: tuple[str, ...], what: str) -> list[Problem]:
    """One problem per key of `value` that is not in `known`; catches typos like `budgett`."""
    return [(str(key), f"unknown {what} '{key}'; known {what}s: {', '.join(known)}")
            for key in value if key not in known]


@dataclass(frozen=True)
class Whole:
    """A whole number within a range."""

    default: int
    low: int
    high: int

    def check(self, value: Any) -> tuple[Any, list[Problem]]:
        if is_whole(value) and self.low <= value <= self.high:
            return value, []
        return None, [("", f"must be a whole number from {self.low} to {self.high}")]


@dataclass(frozen=True)
class Flag:
    """A yes/no switch."""

    default: bool

    def check(self, value: Any) -> tuple[Any, list[Problem]]:
        if isinstance(value, bool):
            return value, []
        return None, [("", "must be true or false")]


@dataclass(frozen=True)
class Choice:
    """One text out of a fixed list."""

    default: str
    choices: tuple[str, ...]

    def check(self, value: Any) -> tuple[Any, list[Problem]]:
        if value in self.choices:
            return value, []
        return None, [("", f"must be one of {', '.join(self.choices)} (got {value!r})")]


@dataclass(frozen=True)
class Fixed:
    """A value that may be written down for clarity but never changed (the matrix axes)."""

    default: tuple[str, ...]

    def check(self, value: Any) -> tuple[Any, list[Problem]]:
        if isinstance(value, list) and tuple(value) == self.default:
            return self.default, []
        return None, [("", f"is fixed to {list(self.default)}")]


@dataclass(frozen=True)
class Kinds:
    """Card kinds (e.g. barrier/potential): a list of `{key, label = {nl, en}, color?}`."""

    default: tuple = ()

    def check(self, value: Any) -> tuple[Any, list[Problem]]:
        if not isinstance(value, list) or len(value) > MAX_KINDS:
            return None, [("", f"must be a list of at most {MAX_KINDS} kinds, "
                               "each { key, label = { nl, en }, color }")]
        kinds, problems = [], []
        for number, raw in enumerate(value, start=1):
            kind, found = _check_kind(raw)
            problems += [(join(f"[{number}]", path), msg) for path, msg in found]
            kinds.append(kind)
        problems += _duplicate_keys(kinds)
        return (None if problems else tuple(kinds)), problems


@dataclass(frozen=True)
class Themes:
    """Trend themes: built-in keys (see THEMES) or `{key, label = {nl, en}}` tables."""

    default: tuple = ()

    def check(self, value: Any) -> tuple[Any, list[Problem]]:
        if not isinstance(value, list) or len(value) > MAX_THEMES:
            return None, [("", f"must be a list of at most {MAX_THEMES} theme keys or "
                               "{ key, label = { nl, en } } tables")]
        themes, problems = [], []
        for number, raw in enumerate(value, start=1):
            theme, found = _check_theme(raw)
            problems += [(join(f"[{number}]", path), msg) for path, msg in found]
            themes.append(theme)
        problems += _duplicate_keys(themes)
        return (None if problems else tuple(themes)), problems


def _check_kind(raw: Any) -> tuple[Mapping | None, list[Problem]]:
    """One card kind; `color` names a palette colour so the projector keeps its contrast."""
    if not isinstance(raw, dict):
        return None, [("", "must be a table { key, label = { nl, en }, color }")]
    problems = unknown_keys(raw, ("key", "label", "color"), "field")
    bad_key = key_problem(raw.get("key"))
    problems += [("key", bad_key)] if bad_key else []
    label, found = check_texts(raw.get("label"), LABEL_MAX)
    problems += [(join("label", path), msg) for path, msg in found]
    color = raw.get("color")
    if color is not None and color not in COLORS:
        problems.append(("color", f"must be one of {', '.join(COLORS)} (got {color!r})"))
    if problems:
        return None, problems
    return MappingProxyType({"key": raw["key"], "label": label, "color": color}), []


def _check_theme(raw: Any) -> tuple[Mapping | None, list[Problem]]:
    """One theme: a built-in key gets its built-in labels; a table brings its own."""
    if isinstance(raw, str):
        if raw in THEMES:
            return MappingProxyType({"key": raw, "label": dict(THEMES[raw])}), []
        return None, [("", f"unknown theme '{raw}'; built-in themes: {', '.join(THEMES)} "
                           "(or write { key, label = { nl, en } })")]
    if not isinstance(raw, dict):
        return None, [("", "must be a theme key or a table { key, label = { nl, en } }")]
    problems = unknown_keys(raw, ("key", "label"), "field")
    bad_key = key_problem(raw.get("key"))
    problems += [("key", bad_key)] if bad_key else []
    label, found = check_texts(raw.get("label"), LABEL_MAX)
    problems += [(join("label", path), msg) for path, msg in found]
    if problems:
        return None, problems
    return MappingProxyType({"key": raw["key"], "label": label}), []


def _duplicate_keys(items: list[Mapping | None]) -> list[Problem]:
    """Kinds and themes are looked up by key, so a key may appear only once."""
    seen: dict[str, int] = {}
    problems = []
    for number, item in enumerate(items, start=1):
        if item is None:
            continue
        if item["key"] in seen:
            problems.append((f"[{number}].key", f"'{item['key']}' is already used by "
                                                f"item {seen[item['key']]}"))
        seen.setdefault(item["key"], number)
    return problems


OPTIONS: Mapping[str, Mapping[str, Any]] = MappingProxyType({
    "cards": MappingProxyType({
        "max_length": Whole(280, 20, 1000),
        "max_per_participant": Whole(20, 1, 100),
        "kinds": Kinds(),
        "themes": Themes(),
        "data_cards": Flag(True),
        "paper_cards": Flag(True),
        "publication_consent": Flag(False),
    }),
    "cluster": MappingProxyType({"max_clusters": Whole(30, 1, 100)}),
    "vote": MappingProxyType({
        "budget": Whole(3, 1, 20),
        "max_per_item": Whole(2, 1, 20),  # also at most `budget`, see _vote_rules
        "select": Whole(3, 1, 50),
    }),
    "matrix": MappingProxyType({"axes": Fixed(MATRIX_AXES), "equity_question": Flag(True)}),
    "action_plan": MappingProxyType({"max_actions": Whole(12, 1, 50)}),
    "review": MappingProxyType({"source": Choice("previous_evening", REVIEW_SOURCES)}),
})


def fill_options(technique: str, raw: Any) -> tuple[Mapping[str, Any], list[Problem]]:
    """Check one technique's options and fill in the defaults of those left out."""
    specs = OPTIONS[technique]
    if not isinstance(raw, dict):
        return MappingProxyType({}), [("", "must be a table of options")]
    problems = unknown_keys(raw, tuple(specs), "option")
    filled: dict[str, Any] = {}
    for name, spec in specs.items():
        if name not in raw:
            filled[name] = spec.default
            continue
        value, found = spec.check(raw[name])
        problems += [(join(name, path), msg) for path, msg in found]
        filled[name] = value
    if technique == "vote":
        problems += _vote_rules(raw, filled)
    return MappingProxyType(filled), problems


def _vote_rules(raw: Mapping, filled: dict[str, Any]) -> list[Problem]:
    """No more dots on one item than a participant has; the default shrinks to fit."""
    budget = filled["budget"]
    if budget is None:
        return []
    if "max_per_item" not in raw:
        filled["max_per_item"] = min(filled["max_per_item"], budget)
    elif filled["max_per_item"] is not None and filled["max_per_item"] > budget:
        return [("max_per_item", f"must be a whole number from 1 to budget ({budget})")]
    return []


def plain(value: Any) -> Any:
    """A JSON-safe copy: read-only mappings become dicts, tuples become lists."""
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value
