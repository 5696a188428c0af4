"""Card kinds and themes on the console's "Avond aanpassen" form: the lists a step's
cards can be tagged with (`cards.kinds`, `cards.themes`), shown as rows to rename, recolour,
remove or add, and read back into the lists the `sessions/` schema writes.

Kept apart from `evening_format.py` because the rows are their own small form inside the
form: one field per label and colour, a key the facilitator never types (a new kind's key
is made from its name, so "Buurthuis" becomes `buurthuis`), and the loader's refusals,
which name a list item (`cards.kinds[2].label.en`), shown next to the list as "Soort 2".
The lists go to `adapt_format` whole; the loader checks them like a file's.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..domain.formats.document import theme_entry
from ..domain.formats.options import COLORS, KEY_MAX, THEMES, plain

KINDS, THEMES_FIELD = "cards.kinds", "cards.themes"
COLOR_NAMES = {"red": _l("red"), "green": _l("green"), "blue": _l("blue"),
               "yellow": _l("yellow"), "orange": _l("orange"), "purple": _l("purple"),
               "teal": _l("blue-green"), "grey": _l("grey")}
_ITEM = re.compile(r"^cards\.(?P<list>kinds|themes)\[(?P<number>\d+)\](?:\.(?P<rest>.*))?$")


def tag_values(step) -> dict[str, list]:
    """The step's kinds and themes as the file writes them (what the form compares to)."""
    cards = step.options.get("cards", {})
    kinds = [{name: value for name, value in plain(kind).items() if value is not None}
             for kind in cards.get("kinds", ())]
    return {KINDS: kinds, THEMES_FIELD: [theme_entry(plain(t)) for t in cards.get("themes", ())]}


def offers_themes(step) -> bool:
    """Themes belong to the trend step (and any step that already has them); elsewhere
    eleven checkboxes would only make the form longer."""
    return bool(step.options.get("cards", {}).get("themes")) or step.produces == "trend"


def tag_rows(step, lang: str) -> dict[str, Any]:
    """What the template draws: a row per kind, the built-in themes as ticks, a row per
    theme of the format's own."""
    values = tag_values(step)
    chosen = {t for t in values[THEMES_FIELD] if isinstance(t, str)}
    return {"kinds": values[KINDS], "colors": {c: str(COLOR_NAMES[c]) for c in COLORS},
            "themes": offers_themes(step),
            "builtin": [{"key": key, "label": label[lang], "checked": key in chosen}
                        for key, label in THEMES.items()],
            "own_themes": [t for t in values[THEMES_FIELD] if isinstance(t, dict)]}


def new_key(label: str, taken: set[str]) -> str:
    """A key for a kind or theme named `label`: its letters without accents, lowercase,
    joined by `-`, not yet taken."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:KEY_MAX - 3]
    base = base if base[:1].isalpha() else f"k-{base}".rstrip("-")
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    return key


def _label(form: Mapping, name: str) -> dict[str, str]:
    return {lang: (form.get(f"{name}-{lang}") or "").strip() for lang in ("nl", "en")}


def kinds_from_form(form: Mapping, prefix: str, current: list[dict]) -> list[dict]:
    """The kinds as the rows now say: renamed, recoloured, removed, one added."""
    kinds = []
    for number, kind in enumerate(current):
        row = f"{prefix}kind{number}"
        if form.get(f"{row}-remove"):
            continue
        color = form.get(f"{row}-color") or None
        kinds.append({"key": kind["key"], "label": _label(form, row)}
                     | ({"color": color} if color else {}))
    label = _label(form, f"{prefix}kind-new")
    if label["nl"] or label["en"]:
        color = form.get(f"{prefix}kind-new-color") or None
        key = new_key(label["nl"] or label["en"], {k["key"] for k in current})
        kinds.append({"key": key, "label": label} | ({"color": color} if color else {}))
    return kinds


def themes_from_form(form: Mapping, prefix: str, current: list) -> list:
    """The themes ticked (in the format's order, the newly ticked after them) and the
    format's own themes as the rows say, one added."""
    ticked = {key for key in THEMES if form.get(f"{prefix}theme-{key}")}
    themes: list = []
    own = [t for t in current if isinstance(t, dict)]
    for theme in current:
        if isinstance(theme, str) and theme in ticked:
            themes.append(theme)
    themes += [key for key in THEMES if key in ticked and key not in themes]
    for number, theme in enumerate(own):
        row = f"{prefix}theme{number}"
        if not form.get(f"{row}-remove"):
            themes.append({"key": theme["key"], "label": _label(form, row)})
    label = _label(form, f"{prefix}theme-new")
    if label["nl"] or label["en"]:
        taken = set(THEMES) | {t["key"] for t in own}
        themes.append({"key": new_key(label["nl"] or label["en"], taken), "label": label})
    return themes


def tags_from_form(form: Mapping, prefix: str, step) -> dict[str, list]:
    """The lists the form shows for `step` (only those it showed: a step without the
    theme rows keeps its themes)."""
    values = tag_values(step)
    found = {}
    if form.get(f"{prefix}kinds-shown"):
        found[KINDS] = kinds_from_form(form, prefix, values[KINDS])
    if form.get(f"{prefix}themes-shown"):
        found[THEMES_FIELD] = themes_from_form(form, prefix, values[THEMES_FIELD])
    return found


def tag_error(name: str, message: str, sent: Mapping[str, list]) -> tuple[str, str] | None:
    """A loader refusal about the kinds or themes (`cards.kinds[2].label.en`) as the
    list's field and a line naming the row by the name it was given, since the loader's
    numbers count ticked themes too: ("cards.kinds", "Soort “Neemt toe”, Engelse naam: …")."""
    if name in (KINDS, THEMES_FIELD):
        return name, message
    match = _ITEM.match(name)
    if match is None:
        return None
    field = f"cards.{match['list']}"
    items = sent.get(field) or []
    number = int(match["number"])
    item = items[number - 1] if 0 < number <= len(items) else None
    label = item.get("label", {}) if isinstance(item, dict) else {}
    called = (THEMES[item]["nl"] if isinstance(item, str) and item in THEMES
              else label.get("nl") or label.get("en") or str(number))
    row = _("Kind “%(name)s”", name=called) if match["list"] == "kinds" else \
        _("Theme “%(name)s”", name=called)
    where = {"label.nl": _("Dutch name"), "label.en": _("English name"),
             "color": _("colour")}.get(match["rest"] or "")
    return field, f"{row}, {where}: {message}" if where else f"{row}: {message}"
