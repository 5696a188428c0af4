"""docs/protocol.md names every command, event and error code the code knows."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from server.domain.commands import COMMANDS
from server.domain.events import EVENT_NAMES

PROTOCOL = (Path(__file__).resolve().parents[2] / "docs" / "protocol.md").read_text()
DOCUMENTED = set(re.findall(r"`([a-z_]+)`", PROTOCOL))


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_documented(name):
    assert name in DOCUMENTED, f"command {name} is missing from docs/protocol.md"


@pytest.mark.parametrize("name", EVENT_NAMES)
def test_every_event_is_documented(name):
    assert name in DOCUMENTED, f"event {name} is missing from docs/protocol.md"


def test_every_error_code_is_documented():
    from server.messages import MESSAGES

    missing = sorted(set(MESSAGES) - DOCUMENTED)
    assert missing == [], f"error codes missing from docs/protocol.md: {missing}"
