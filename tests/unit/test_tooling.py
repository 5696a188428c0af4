"""The checkers that keep the house, run by `make test` like any other test.

Each runs from the virtualenv the tests run in and fails with the checker's own output,
so a newcomer needs no command besides the README's two: ruff (pyproject's rule set),
mypy on `server/` (pyproject's [tool.mypy]), import-linter (the contracts in pyproject:
a pure domain, a store without transport, the floors of docs/architecture.md) and a
search for import circles, which import-linter cannot see inside one package.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

# Circles that exist today and are being taken apart; a new one fails the test.
# - the blueprint: `server/pages/__init__.py` imports every page module to register its
#   routes, and they import `bp`, `db` and friends back from the package;
# - board_kinds names BoardService for its type: removed when issue 10's store step lands.
KNOWN_CIRCLES = [
    {"server.pages", "server.pages.auth", "server.pages.common", "server.pages.console",
     "server.pages.group_data", "server.pages.groups", "server.pages.handover",
     "server.pages.join", "server.pages.join_gate", "server.pages.plans",
     "server.pages.reports", "server.pages.workspace", "server.pages.workspace_print"},
    {"server.board_kinds", "server.service"},
]


def run_checker(*command: str) -> None:
    done = subprocess.run([str(BIN / command[0]), *command[1:]], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"`{' '.join(command)}` failed:\n{done.stdout}{done.stderr}"


def test_ruff_finds_nothing():
    run_checker("ruff", "check", "--no-cache", ".")


def test_mypy_finds_nothing_in_server():
    run_checker("mypy")


def test_the_import_contracts_hold():
    run_checker("lint-imports", "--no-cache")


def import_circles(package: str) -> list[set[str]]:
    """Every group of modules that import one another in a circle (type-only imports
    included), found as the strongly connected components of the import graph."""
    graph = grimp.build_graph(package, exclude_type_checking_imports=False, cache_dir=None)
    imports = {module: graph.find_modules_directly_imported_by(module)
               for module in graph.modules}
    order: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    circles: list[set[str]] = []

    def visit(module: str) -> None:  # Tarjan's algorithm
        order[module] = lowest[module] = len(order)
        stack.append(module)
        for imported in imports[module]:
            if imported not in order:
                visit(imported)
                lowest[module] = min(lowest[module], lowest[imported])
            elif imported in stack:
                lowest[module] = min(lowest[module], order[imported])
        if lowest[module] == order[module]:
            component = set()
            while True:
                member = stack.pop()
                component.add(member)
                if member == module:
                    break
            if len(component) > 1:
                circles.append(component)

    for module in sorted(imports):
        if module not in order:
            visit(module)
    return circles


def test_no_new_import_circles():
    new = [circle for circle in import_circles("server")
           if not any(circle <= known for known in KNOWN_CIRCLES)]
    assert not new, "modules that import one another in a circle:\n" + "\n".join(
        ", ".join(sorted(circle)) for circle in new)
