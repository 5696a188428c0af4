"""The screens' translated strings as one file per language, cached like a static file.

They used to be inlined in every live page's boot block: 32 KB of the phone page's 45,
sent again on every reload and never compressed (a page carries the CSRF and connect
tokens, which compression next to request text would leak). As a file of their own,
`/strings/<lang>/<hash>.js`, they hold no secret, so they are compressed (about 8 KB),
cached for a year under the hash of their content (a changed translation makes a new
URL) and preloaded by the page (templates/base.html). Issue 13, docs/performance.md.

A module (`export default {...}`), not a JSON file: main.js imports it like the view's
modules, so it is preloaded and cached the same way. (A JSON file fetched after a
`<link rel="preload" as="fetch">` was asked again on every reload in Chromium, and JSON
modules are too new for an old phone.)
"""
from __future__ import annotations

import hashlib
import json

from flask import Response, abort, current_app, url_for
from flask_babel import force_locale

from ..i18n.locale import LANGUAGES, current_language
from ..i18n.strings import js_strings
from ..static_files import StaticFile, send
from .blueprint import bp

EXTENSION = "weefwerk.script_strings"


def strings_file(lang: str) -> StaticFile:
    """The strings of `lang` as a module, made once per process and language (the
    catalogues do not change while the server runs)."""
    made: dict[str, StaticFile] = current_app.extensions.setdefault(EXTENSION, {})
    if lang not in made:
        with force_locale(lang):
            strings = json.dumps(js_strings(), ensure_ascii=False, sort_keys=True,
                                 separators=(",", ":"))
        body = f"export default {strings};\n".encode()
        made[lang] = StaticFile(body, hashlib.sha256(body).hexdigest(), "text/javascript")
    return made[lang]


def strings_url() -> str:
    """Where the page's script finds its strings, in the request's language (boot
    block's `strings_url`)."""
    lang = current_language()
    return url_for("pages.script_strings", lang=lang, version=strings_file(lang).digest[:12])


@bp.route("/strings/<lang>/<version>.js")
def script_strings(lang: str, version: str) -> Response:
    """The strings, for a year under their current hash; an old hash gets today's
    strings, asked again each time."""
    if lang not in LANGUAGES:
        abort(404)
    found = strings_file(lang)
    return send(found, long_cache=version == found.digest[:12])
