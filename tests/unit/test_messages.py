"""Every refusal a board command can get has a message a resident can read.

(`access.py` refuses group-page forms, which carry their own messages, so it is left out.)
"""
from __future__ import annotations

import re
from pathlib import Path

from server.i18n.messages import MESSAGES

DOMAIN = Path(__file__).resolve().parents[2] / "server" / "domain"
RAISED = sorted({code for path in DOMAIN.rglob("*.py") if path.name != "access.py"
                 for code in re.findall(r'DomainError\(\s*"([a-z_]+)"', path.read_text())})


def test_the_domain_raises_codes_at_all():
    assert {"superseded", "over_budget", "vote_in_progress"} <= set(RAISED)


def test_every_code_the_domain_raises_has_a_message():
    assert [code for code in RAISED if code not in MESSAGES] == []
