"""Static files served light for a phone on a slow line (issue 13, docs/performance.md).

Three things, read once when the app starts:

- **One hash of the whole static tree in the URL.** `url_for('static', filename=...)`
  builds `/static/v/<hash>/js/main.js`, answered with `Cache-Control: public,
  max-age=31536000, immutable`: a reload asks the server for none of them. Any changed
  file changes the hash, so a new version has new URLs and is fetched at once. One hash
  for the tree rather than one per file, because the scripts are ES modules that import
  each other by relative paths (`./views/phone/start.js`): under a common prefix those
  keep working without rewriting a single import.
- **Compressed once, not per request.** Text files are gzipped (every browser; Chrome
  asks for brotli only over HTTPS) and brotli-compressed at its best (behind the HTTPS
  proxy of docs/deploy.md), kept in memory for the process's life; the answer is chosen
  by the request's `Accept-Encoding`. `serve.py` compresses the whole tree before it
  listens (about a second), because brotli's best takes a quarter of a second on the
  largest file, which under eventlet would hold up every socket; elsewhere (tests) a
  file is compressed the first time it is asked for. Only static
  files are compressed: pages carry the CSRF and connect tokens next to text from the
  request, which compression would leak (BREACH).
- **The old path keeps working.** `/static/js/main.js` (a bookmark, an external link)
  is answered the same, but with `no-cache`: the browser asks again each time and gets a
  304 while the file is unchanged. A hash that is not the current one (a page loaded
  before a new version started) gets today's file the same way, never cached for long.

A file changed while the server runs is seen after a restart (`make run` has no reloader).
"""
from __future__ import annotations

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass, field
from pathlib import Path

import brotli
from flask import Flask, Response, abort, current_app, request, url_for

from .module_graph import ModuleGraph

HASHED_RULE = "/static/v/<version>/<path:filename>"
LONG_CACHE = "public, max-age=31536000, immutable"
SHORT_CACHE = "no-cache"  # stored, but asked again (a 304 while unchanged) every time
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")
EXTENSION = "weefwerk.static"


@dataclass
class StaticFile:
    """One file of the static tree: its bytes, its digest, and its compressed forms once
    asked for (`None` until then; `b""` when compressing would not make it smaller)."""

    body: bytes
    digest: str
    mimetype: str
    encoded: dict[str, bytes] = field(default_factory=dict)

    @property
    def compressible(self) -> bool:
        return self.mimetype.startswith(TEXT_TYPES) and len(self.body) > 256

    def encoding_for(self, accepted: str) -> tuple[str | None, bytes]:
        """The smallest form this browser accepts: brotli, gzip or the plain bytes."""
        if self.compressible:
            for name in ("br", "gzip"):
                if name in accepted:
                    packed = self._packed(name)
                    if packed:
                        return name, packed
        return None, self.body

    def _packed(self, name: str) -> bytes:
        if name not in self.encoded:
            packed = (brotli.compress(self.body, quality=11) if name == "br"
                      else gzip.compress(self.body, compresslevel=9, mtime=0))
            self.encoded[name] = packed if len(packed) < len(self.body) else b""
        return self.encoded[name]


class StaticTree:
    """The static folder as read at start: every file by its path, and the tree's hash."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: dict[str, StaticFile] = {}
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            body = path.read_bytes()
            name = path.relative_to(folder).as_posix()
            mimetype = ("text/javascript" if name.endswith(".js")  # whatever /etc/mime.types says
                        else mimetypes.guess_type(name)[0] or "application/octet-stream")
            self.files[name] = StaticFile(body, hashlib.sha256(body).hexdigest(), mimetype)
        self.version = tree_hash({name: f.digest for name, f in self.files.items()})
        self.modules = ModuleGraph({name: f.body.decode() for name, f in self.files.items()
                                    if name.endswith(".js")})

    def compress_all(self) -> None:
        """Every compressed form now, rather than on a file's first request."""
        for found in self.files.values():
            if found.compressible:
                found.encoding_for("br")
                found.encoding_for("gzip")

    def answer(self, filename: str, version: str | None) -> Response:
        """The file, cached for a year when asked under the current hash and revalidated
        every time otherwise."""
        found = self.files.get(filename)
        if found is None:
            abort(404)
        return send(found, long_cache=version == self.version)


def send(found: StaticFile, long_cache: bool) -> Response:
    """A file compressed when the browser takes it, with its ETag (a 304 when the browser
    has it), cached for a year or asked again every time."""
    encoding, body = found.encoding_for(request.headers.get("Accept-Encoding", ""))
    response = Response(body, mimetype=found.mimetype)
    response.headers["Vary"] = "Accept-Encoding"
    if encoding:
        response.headers["Content-Encoding"] = encoding
    response.set_etag(f"{found.digest[:32]}-{encoding or 'identity'}")
    response.headers["Cache-Control"] = LONG_CACHE if long_cache else SHORT_CACHE
    response.make_conditional(request)  # a 304 without the body when the ETag matches
    return response


def tree_hash(digests: dict[str, str]) -> str:
    """Twelve hex digits over every file's path and content: a file added, removed,
    renamed or changed makes another hash."""
    whole = hashlib.sha256()
    for name in sorted(digests):
        whole.update(f"{name}\0{digests[name]}\n".encode())
    return whole.hexdigest()[:12]


def compress_ahead(app: Flask) -> None:
    """Compress the app's static files before it serves (serve.py)."""
    app.extensions[EXTENSION].compress_all()


def serve_static_files(app: Flask) -> StaticTree:
    """Answer the app's `static` endpoint from the tree read now, at its old path and at
    the hashed one, and make `url_for('static', ...)` build the hashed URL. Pass
    `version=None` to `url_for` for the old path."""
    assert app.static_folder is not None
    tree = StaticTree(Path(app.static_folder))
    app.extensions[EXTENSION] = tree
    app.add_url_rule(HASHED_RULE, endpoint="static")  # the same view as the old path

    def static(filename: str, version: str | None = None) -> Response:
        return tree.answer(filename, version)

    app.view_functions["static"] = static

    @app.url_defaults
    def hashed_static_urls(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "version" not in values:
            values["version"] = tree.version

    app.jinja_env.globals["module_preloads"] = module_urls
    return tree


def module_urls(boot: dict) -> list[str]:
    """The hashed URLs of the modules a live page with this boot block runs, for its
    <link rel="modulepreload"> (server/module_graph.py)."""
    tree: StaticTree = current_app.extensions[EXTENSION]
    return [url_for("static", filename=name) for name in tree.modules.for_boot(boot)]
