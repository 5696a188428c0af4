"""The queries live in `server/store/` (docs/architecture.md): the pages, the socket's
edge, the hand-over, the board kinds and the write path ask it, and never build a query themselves."""
from __future__ import annotations

import re
from pathlib import Path

SERVER = Path(__file__).resolve().parents[2] / "server"
ASKING = [*sorted((SERVER / "pages").glob("*.py")), *sorted((SERVER / "realtime").glob("*.py")),
          SERVER / "handover.py", SERVER / "board_kinds.py", SERVER / "service.py"]
QUERY = re.compile(r"from sqlalchemy import .*\b(select|update|delete|func|text)\b"
                   r"|\.query\(|\.execute\(|\.scalars?\(")


def test_only_the_store_builds_queries():
    found = [f"{path.relative_to(SERVER)}:{n}" for path in ASKING
             for n, line in enumerate(path.read_text().splitlines(), 1) if QUERY.search(line)]
    assert found == []
