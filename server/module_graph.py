"""Which script modules a screen runs, so its page can preload them all at once.

`static/js/main.js` imports only the entry of the screen it starts (`import()` per view),
so a phone never downloads the console's code. Left alone, the browser would then find
the phone's modules one import level at a time: main.js, then the view's start.js, then
what that imports... each level a round trip, and on a slow line (400 ms) the levels add
up to seconds. The page lists the screen's whole module graph as `<link
rel="modulepreload">` instead, so the browser asks for all of them in the first round.

The graph is read once at start from the modules' own `import ... from "..."` and
`export ... from "..."` statements (the static ones: `import()` is how main.js chooses
a view, and is followed here only through `VIEW_ENTRIES`). tests/e2e/test_light_phone_
browser.py checks that every module a screen's browser fetches is in its list.
"""
from __future__ import annotations

import posixpath
import re

# Static imports and re-exports, also over several lines: `import { a,\n b } from "./x.js"`.
STATIC_IMPORT = re.compile(
    r"""^[ \t]*(?:import|export)\b[^;"'`()]*?\bfrom\s*(["'])(?P<from>[^"']+)\1"""
    r"""|^[ \t]*import\s*(["'])(?P<bare>[^"']+)\3""", re.MULTILINE)

MAIN = "js/main.js"
# The module main.js imports for each view, by the name it gives the view: the boot
# block's `view`, else its role. Keep in step with VIEWS in main.js (a unit test reads it).
VIEW_ENTRIES = {
    "participant": ("js/views/phone/start.js",),
    "projector": ("js/views/projector/start.js",),
    "facilitator": ("js/views/console/start.js",),
    "workspace": ("js/views/workspace/start.js", "js/reducers/apply-workspace.js"),
    "workspace_screen": ("js/views/workspace/screen.js", "js/reducers/apply-workspace.js"),
}


def imports_of(source: str, module: str) -> list[str]:
    """The modules `module` (a path under static/) imports statically, as paths under
    static/, in the order written. Only relative specifiers: there is no import map."""
    found = []
    for match in STATIC_IMPORT.finditer(source):
        spec = match.group("from") or match.group("bare")
        if spec.startswith(("./", "../")):
            found.append(posixpath.normpath(posixpath.join(posixpath.dirname(module), spec)))
    return found


class ModuleGraph:
    """Every module's static imports, and each view's whole graph below main.js."""

    def __init__(self, sources: dict[str, str]) -> None:
        self.imports = {name: imports_of(text, name) for name, text in sources.items()
                        if name.endswith(".js")}
        # a static folder without main.js (a test's own) has no views to preload
        self.per_view = {view: self.closure((MAIN, *entries))
                         for view, entries in VIEW_ENTRIES.items() if MAIN in self.imports}

    def closure(self, roots: tuple[str, ...]) -> tuple[str, ...]:
        """The roots and everything they import, directly or not, each once, depth first
        in import order (the order the browser would find them)."""
        seen: dict[str, None] = {}
        stack = list(reversed(roots))
        while stack:
            name = stack.pop()
            if name in seen:
                continue
            if name not in self.imports:
                raise LookupError(f"{name} is imported but not in static/")
            seen[name] = None
            stack.extend(reversed(self.imports[name]))
        return tuple(seen)

    def for_boot(self, boot: dict) -> tuple[str, ...]:
        """The modules the page with this boot block runs, main.js first; none for a
        view main.js does not start. The same choice as `viewNameOf` in main.js."""
        view = boot.get("view")
        if not isinstance(view, str) or view not in self.per_view:
            role = boot.get("role")
            view = "workspace" if role == "member" else str(role)
        return self.per_view.get(view, ())
