"""docs/architecture.md names every code folder, so a newcomer can find a rule from its path.

The tree section has one line per folder, each starting with the folder in backticks. A
code folder is a direct child of `server/`, or a folder under `server/` that holds Python
(a package, or the migration versions); every folder under `static/js/` counts (the
views, the reducers, the selectors), and `static/js/` itself. A new folder without its
line fails here, and so does a line for a folder that is gone.
"""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "architecture.md"
SKIPPED = {"__pycache__"}


def _folders(top: str, code_only: bool) -> set[str]:
    """`top` and the folders under it, as `path/` relative to the repository."""
    base = ROOT / top
    found = {f"{top}/"}
    for path in base.rglob("*"):
        if not path.is_dir() or SKIPPED & set(path.relative_to(base).parts):
            continue
        direct = path.parent == base
        if not code_only or direct or any(path.glob("*.py")):
            found.add(f"{path.relative_to(ROOT).as_posix()}/")
    return found


def code_folders() -> set[str]:
    return _folders("server", code_only=True) | _folders("static/js", code_only=False)


def documented_folders() -> set[str]:
    """The folders the tree section of docs/architecture.md has a line for."""
    text = DOC.read_text(encoding="utf-8")
    tree = text.split("## The tree", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^- `([^`]+/)`", tree, flags=re.M))


def test_the_folders_are_found_at_all():
    assert {"server/", "server/domain/", "server/domain/evening/", "server/pages/",
            "static/js/views/"} <= code_folders()


def test_every_code_folder_has_its_line_in_the_architecture_page():
    assert sorted(code_folders() - documented_folders()) == []


def test_the_architecture_page_names_no_folder_that_is_gone():
    assert sorted(documented_folders() - code_folders()) == []
