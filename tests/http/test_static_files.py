"""Static files for a phone on a slow line (issue 13, server/static_files.py): under the
static tree's hash, compressed and cached for a year; the old path still answered and
asked again each time; a changed file makes a new URL; a page preloads exactly the
modules its screen runs (server/module_graph.py)."""
from __future__ import annotations

import gzip
import re
from pathlib import Path

import brotli
import pytest

from server.module_graph import MAIN, VIEW_ENTRIES, ModuleGraph, imports_of
from server.static_files import LONG_CACHE, StaticTree
from tests.conftest import Evening, hashed_static_url, phone_later_parts, script_strings

STATIC = Path(__file__).resolve().parents[2] / "static"


def tree(app) -> StaticTree:
    return app.extensions["weefwerk.static"]


def test_a_hashed_url_is_cached_for_a_year_and_compressed_as_the_browser_accepts(app):
    client = app.test_client()
    url = hashed_static_url(app, "js/views/phone/start.js")
    plain = (STATIC / "js/views/phone/start.js").read_bytes()

    zipped = client.get(url, headers={"Accept-Encoding": "gzip, deflate"})
    assert zipped.status_code == 200 and zipped.headers["Content-Encoding"] == "gzip"
    assert zipped.headers["Cache-Control"] == LONG_CACHE
    assert "Accept-Encoding" in zipped.headers["Vary"]
    assert zipped.mimetype == "text/javascript" and zipped.headers["X-Content-Type-Options"] == "nosniff"
    assert gzip.decompress(zipped.data) == plain and len(zipped.data) < len(plain) / 2

    squeezed = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert squeezed.headers["Content-Encoding"] == "br"
    assert brotli.decompress(squeezed.data) == plain and len(squeezed.data) < len(zipped.data)

    bare = client.get(url, headers={"Accept-Encoding": ""})
    assert "Content-Encoding" not in bare.headers and bare.data == plain


def test_the_old_path_still_works_and_is_asked_again_each_time(app):
    client = app.test_client()
    old = client.get("/static/css/app.css", headers={"Accept-Encoding": "gzip"})
    assert old.status_code == 200 and old.headers["Cache-Control"] == "no-cache"
    assert gzip.decompress(old.data) == (STATIC / "css/app.css").read_bytes()
    again = client.get("/static/css/app.css", headers={"Accept-Encoding": "gzip",
                                                       "If-None-Match": old.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    # a page loaded before a new version started asks under its old hash: today's file,
    # never kept for long
    stale = client.get("/static/v/0123456789ab/css/app.css")
    assert stale.status_code == 200 and stale.headers["Cache-Control"] == "no-cache"
    assert stale.data == (STATIC / "css/app.css").read_bytes()


@pytest.mark.parametrize("path", ["/static/js/nothing.js", "/static/../server/config.py",
                                  "/static/v/x/../../server/config.py", "/static/js/",
                                  "/static/v/{version}/js/../../pyproject.toml"])
def test_only_the_files_of_the_static_tree_are_answered(app, path):
    assert app.test_client().get(path.format(version=tree(app).version)).status_code == 404


def test_a_changed_added_or_removed_file_makes_a_new_url_and_nothing_else_does(tmp_path):
    (tmp_path / "js").mkdir()
    (tmp_path / "js" / "a.js").write_text("export const a = 1;\n")
    (tmp_path / "css.css").write_text("p { color: black; }\n")
    first = StaticTree(tmp_path).version
    assert StaticTree(tmp_path).version == first  # read again, unchanged: the same URL
    (tmp_path / "js" / "a.js").write_text("export const a = 2;\n")
    changed = StaticTree(tmp_path).version
    (tmp_path / "js" / "b.js").write_text("export const b = 1;\n")
    added = StaticTree(tmp_path).version
    (tmp_path / "js" / "b.js").rename(tmp_path / "js" / "c.js")
    renamed = StaticTree(tmp_path).version
    assert len({first, changed, added, renamed}) == 4
    assert re.fullmatch(r"[0-9a-f]{12}", first)


def test_pages_link_their_styles_and_scripts_under_the_hash(app):
    evening = Evening(app)
    phone = evening.phone("Mo")
    html = phone.http.get(f"/j/{evening.code}").get_data(as_text=True)
    assert f'href="{hashed_static_url(app, "css/app.css")}"' in html
    assert f'src="{hashed_static_url(app, "js/main.js")}"' in html
    assert "/static/js/" not in html and "/static/css/" not in html


def test_the_phone_page_preloads_the_phone_and_nothing_of_the_other_screens(app):
    evening = Evening(app)
    phone = evening.phone("Mo")
    html = phone.http.get(f"/j/{evening.code}").get_data(as_text=True)
    listed = re.findall(r'<link rel="modulepreload" href="([^"]+)">', html)
    version = tree(app).version
    modules = [u.removeprefix(f"/static/v/{version}/") for u in listed
               if u.startswith("/static/")]
    assert modules == list(tree(app).modules.per_view["participant"])
    assert modules[0] == MAIN and "js/views/phone/start.js" in modules
    assert not [m for m in modules if re.search(r"views/(console|projector|workspace)/", m)]
    assert "vendor/socket.io.esm.min.js" in modules
    [strings] = [u for u in listed if u.startswith("/strings/")]
    assert script_strings(phone.http, {"strings_url": strings})["card.send"] == "Versturen"


def test_every_module_a_view_imports_is_in_its_preload_list():
    """Each view's list is closed under import: every static import of every module in
    it is in it too, and every module exists. Read with a second, plainer reading of
    the sources than module_graph's (each `from "..."` and bare `import "..."`)."""
    sources = {p.relative_to(STATIC).as_posix(): p.read_text()
               for p in STATIC.rglob("*.js")}
    graph = ModuleGraph(sources)
    plain = re.compile(r"""(?:\bfrom\s*|^\s*import\s*)["'](\.{1,2}/[^"']+)["']""", re.M)
    for view, modules in graph.per_view.items():
        assert set(VIEW_ENTRIES[view]) <= set(modules)
        for module in modules:
            for spec in plain.findall(sources[module]):
                target = (Path(module).parent / spec).as_posix()
                target = str(Path("/", target).resolve()).lstrip("/")
                assert target in modules, (view, module, spec)


def test_main_js_loads_the_same_module_for_each_view_as_the_server_preloads():
    main = (STATIC / MAIN).read_text()
    table = main[main.index("const VIEWS = {"):main.index("};", main.index("const VIEWS = {"))]
    in_main: dict[str, tuple[str, ...]] = {}
    for name, body in re.findall(r"^  (\w+): \(\) => (.*?)(?=^  \w+: \(\) =>|\Z)", table,
                                 re.M | re.S):
        in_main[name] = tuple("js/" + spec.removeprefix("./")
                              for spec in re.findall(r'import\("([^"]+)"\)', body))
    assert in_main == VIEW_ENTRIES


def test_each_later_part_of_the_phone_asks_for_exactly_the_modules_it_adds():
    """static/js/views/phone/later.js asks for a part's modules all at once: its list is
    the part's whole static import graph less what the phone's board has loaded already,
    no module more (a wasted request on a slow line) and none less (found one import
    level at a time, a round trip each). None of it is in the board's own preload list."""
    sources = {p.relative_to(STATIC).as_posix(): p.read_text()
               for p in STATIC.rglob("*.js")}
    graph = ModuleGraph(sources)
    board = set(graph.per_view["participant"])
    parts = phone_later_parts()
    assert set(parts) == {"vote", "plan", "context", "myIdeas"}
    for name, modules in parts.items():
        assert len(modules) == len(set(modules)), name
        assert set(modules) == set(graph.closure((modules[0],))) - board, name
        assert not set(modules) & board, name


def test_the_import_reader_follows_every_static_form_and_no_dynamic_import():
    source = '''import { a,
      b } from "./a.js";
    import "./side.js";
    export { c } from '../c.js';
    export * from "./d.js";
    const later = () => import("./lazy.js");
    import { io } from "https://cdn.example/x.js";
    '''
    assert imports_of(source, "js/views/x.js") == [
        "js/views/a.js", "js/views/side.js", "js/c.js", "js/views/d.js"]
    with pytest.raises(LookupError):
        ModuleGraph({"js/main.js": 'import "./gone.js";\n'})


def test_the_strings_module_is_compressed_cached_and_moves_with_the_language(app):
    client = app.test_client()
    evening = Evening(app)
    phone = evening.phone("Mo")
    dutch = re.search(r'"strings_url": "([^"]+)"',
                      phone.http.get(f"/j/{evening.code}").get_data(as_text=True)).group(1)
    phone.http.get("/lang/en")
    english = re.search(r'"strings_url": "([^"]+)"',
                        phone.http.get(f"/j/{evening.code}").get_data(as_text=True)).group(1)
    assert dutch.startswith("/strings/nl/") and english.startswith("/strings/en/")
    answer = client.get(english, headers={"Accept-Encoding": "gzip"})
    assert answer.headers["Cache-Control"] == LONG_CACHE
    assert answer.headers["Content-Encoding"] == "gzip" and "Cookie" not in answer.headers["Vary"]
    assert gzip.decompress(answer.data).startswith(b"export default {")
    assert script_strings(client, {"strings_url": english})["card.send"] == "Send"
    assert client.get("/strings/de/0123456789ab.js").status_code == 404


def test_a_file_answered_late_never_puts_an_older_session_back(app):
    """A phone's join form page stores its CSRF token in the session while the files of
    the page before are still on their way; their late answers must not send the session
    they were asked with (without the token), or the form's POST is refused."""
    evening = Evening(app)
    browser = app.test_client()
    browser.get("/lang/en?next=/")  # a permanent session, without a form's token yet
    before = browser.get_cookie("weefwerk").value
    style = hashed_static_url(app, "css/app.css")
    form = browser.get(f"/j/{evening.code}").get_data(as_text=True)
    after = browser.get_cookie("weefwerk").value
    assert after != before  # the form page stored its token
    strings = re.search(r'/strings/en/[0-9a-f]+\.js', form).group(0)  # preloaded

    browser.set_cookie("weefwerk", before)  # files asked for with the older session …
    for late in (style, "/static/css/app.css", strings):
        answer = browser.get(late)
        assert answer.status_code == 200, late
        assert "Set-Cookie" not in answer.headers, late  # … answer without one
        assert "Cookie" not in answer.headers.get("Vary", ""), late
    assert browser.get_cookie("weefwerk").value == before
    page = browser.get("/")
    assert "Set-Cookie" in page.headers  # pages still refresh the session
