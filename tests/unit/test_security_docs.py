"""docs/security.md says which test keeps each promise: every test file and table it
names must exist, and every test file of the authorization matrix must be named there."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "security.md"


def named_paths() -> set[str]:
    return set(re.findall(r"`(tests/[\w/]+\.(?:py|txt))`", DOC.read_text(encoding="utf-8")))


def test_every_test_the_security_page_names_exists():
    named = named_paths()
    assert len(named) > 10
    assert sorted(p for p in named if not (ROOT / p).is_file()) == []


def test_every_file_of_the_matrix_is_on_the_security_page():
    matrix = {p.relative_to(ROOT).as_posix() for p in (ROOT / "tests" / "authz").glob("*")
              if p.suffix in (".py", ".txt") and p.name not in ("__init__.py", "conftest.py")}
    assert sorted(matrix - named_paths()) == []
