"""Dutch first, English second: locale choice and catalogue compilation.

Catalogues (`server/translations/*/LC_MESSAGES/messages.po`) are the source; the binary
`.mo` files are built from them on start when missing or stale, so a fresh clone
needs no extra build step.
"""
from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import request, session
from flask_babel import Babel

LANGUAGES = ("nl", "en")
TRANSLATIONS = Path(__file__).parents[1] / "translations"


def current_language() -> str:
    """The reader's choice (stored in their session), else Dutch."""
    chosen = session.get("lang") if _has_request() else None
    return chosen if chosen in LANGUAGES else "nl"


def _has_request() -> bool:
    try:
        request.path  # noqa: B018 - touching it tells whether a request is active
    except RuntimeError:
        return False
    return True


def compile_catalogues(directory: Path = TRANSLATIONS) -> None:
    """Build each messages.mo from its messages.po when the .po is newer."""
    for po_path in directory.glob("*/LC_MESSAGES/messages.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parent.parent.name)
        tmp = mo_path.with_suffix(".mo.tmp")
        with tmp.open("wb") as mo_file:
            write_mo(mo_file, catalog)
        tmp.replace(mo_path)


def init_babel(app) -> Babel:
    compile_catalogues()
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    return Babel(app, locale_selector=current_language)
