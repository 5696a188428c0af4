"""Every text in the code has a finished translation in every language, and nothing more.

The messages are extracted from the code exactly as `pybabel extract` does it (babel.cfg
plus the lazy keywords from docs/translations.md), so a string added to a template or to
server/ without a translation fails here, by name, before a resident sees English in a
Dutch screen. No Flask app is needed: only Babel reads the code and the catalogues.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.pofile import read_po

from server.i18n.locale import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "server" / "translations"
DOCS = ROOT / "docs" / "translations.md"
# The same as `-k _l -k lazy_gettext` in the documented extract command.
LAZY_KEYWORDS = ("_l", "lazy_gettext")
# `%(name)s`-style and bare conversions, and `%%`; a `%` outside these is a stray one,
# which breaks the new-style gettext that Flask-Babel installs in templates.
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[#0 +-]?\d*(?:\.\d+)?[sdiouxXeEfFgGcr]|%%")

Key = tuple[str, str | None]  # (msgid, msgctxt)


@cache
def code_messages() -> dict[Key, str | tuple[str, ...]]:
    """(msgid, context) -> the message as the code writes it (a tuple for plurals)."""
    with (ROOT / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg, "babel.cfg")
    keywords = {**DEFAULT_KEYWORDS, **parse_keywords(LAZY_KEYWORDS)}
    found = {}
    for _file, _line, message, _comments, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=keywords):
        msgid = message[0] if isinstance(message, tuple) else message
        found[(msgid, context)] = message
    return found


@cache
def catalogue(path: Path) -> Catalog:
    with path.open("rb") as po_file:
        return read_po(po_file, locale=path.parent.parent.name if path.suffix == ".po" else None)


def po_path(lang: str) -> Path:
    return TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"


def entries(catalog: Catalog) -> dict[Key, object]:
    return {(m.id[0] if isinstance(m.id, tuple) else m.id, m.context): m
            for m in catalog if m.id}


def forms(message) -> tuple[str, ...]:
    """A message's texts: one, or one per plural form."""
    return message if isinstance(message, tuple) else (message,)


def placeholders(text: str) -> tuple[set[str], bool]:
    """The placeholders in a text, and whether a stray `%` is left over."""
    found = set(PLACEHOLDER.findall(text))
    return found, "%" in PLACEHOLDER.sub("", text)


def test_the_code_has_messages_to_translate():
    """Guards the guard: an extraction that finds nothing would make every test pass."""
    ids = {msgid for msgid, _context in code_messages()}
    assert "Input is closed for this step." in ids, "lazy_gettext strings were not extracted"
    assert "Join the evening" in ids, "template strings were not extracted"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_in_the_code_has_a_finished_translation(lang):
    catalog = catalogue(po_path(lang))
    have = entries(catalog)
    unfinished = []
    for key in code_messages():
        entry = have.get(key)
        texts = forms(entry.string) if entry is not None else ()
        wanted = catalog.num_plurals if entry is not None and entry.pluralizable else 1
        if entry is None or entry.fuzzy or len(texts) != wanted or not all(texts):
            unfinished.append(key[0])
    assert unfinished == [], (
        f"{po_path(lang).relative_to(ROOT)} has no finished (non-empty, non-fuzzy) "
        f"translation for: {unfinished}. Run the extract and update commands in "
        f"docs/translations.md, then translate them.")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_the_placeholders_of_their_message(lang):
    have = entries(catalogue(po_path(lang)))
    wrong = []
    for key, message in code_messages().items():
        entry = have.get(key)
        if entry is None or entry.fuzzy:
            continue  # reported by the completeness test
        sources = forms(message)
        wanted = set().union(*(placeholders(text)[0] for text in sources))
        for form in filter(None, forms(entry.string)):
            used, stray = placeholders(form)
            # a plural form may leave out the number ("one card"), never add a name
            fits = used <= wanted if len(sources) > 1 else used == wanted
            if stray or not fits:
                wrong.append(f"{key[0]!r} -> {form!r}")
    assert wrong == [], (f"translations whose placeholders differ from the message "
                         f"(or hold a stray %): {wrong}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogues_hold_no_messages_the_code_no_longer_has(lang):
    catalog = catalogue(po_path(lang))
    stale = sorted(key[0] for key in entries(catalog) if key not in code_messages())
    obsolete = sorted(str(key) for key in catalog.obsolete)
    assert stale == [] and obsolete == [], (
        f"{po_path(lang).relative_to(ROOT)} holds messages no longer in the code: "
        f"{stale + obsolete}. Run `pybabel update ... --ignore-obsolete` "
        f"(docs/translations.md).")


def test_the_template_lists_exactly_the_messages_in_the_code():
    template = set(entries(catalogue(TRANSLATIONS / "messages.pot")))
    code = set(code_messages())
    assert (sorted(k[0] for k in code - template), sorted(k[0] for k in template - code)) \
        == ([], []), "server/translations/messages.pot is out of date: run the extract command"


def test_every_catalogue_on_disk_is_a_language_the_app_offers():
    on_disk = sorted(p.parent.parent.name for p in TRANSLATIONS.glob("*/LC_MESSAGES/*.po"))
    assert on_disk == sorted(LANGUAGES)


def test_the_documented_extract_command_uses_the_same_keywords():
    text = DOCS.read_text(encoding="utf-8")
    for keyword in LAZY_KEYWORDS:
        assert f"-k {keyword}" in text, f"docs/translations.md does not pass -k {keyword}"
