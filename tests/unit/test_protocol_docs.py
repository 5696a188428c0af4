"""docs/protocol.md (the evening) and docs/workspace.md (the group's plan workspace)
together name every command, event and error code the code knows; the workspace's own
commands are in docs/workspace.md."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from server.domain.board.commands import COMMANDS
from server.domain.board.events import EVENT_NAMES
from server.domain.board.policy import WORKSPACE_ROLES

DOCS = Path(__file__).resolve().parents[2] / "docs"
NAMES = re.compile(r"`([a-z_]+)`")
EVENING = set(NAMES.findall((DOCS / "protocol.md").read_text()))
WORKSPACE = set(NAMES.findall((DOCS / "workspace.md").read_text()))
DOCUMENTED = EVENING | WORKSPACE
WHERE = "docs/protocol.md and docs/workspace.md"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_documented(name):
    assert name in DOCUMENTED, f"command {name} is missing from {WHERE}"


@pytest.mark.parametrize("name", EVENT_NAMES)
def test_every_event_is_documented(name):
    assert name in DOCUMENTED, f"event {name} is missing from {WHERE}"


def test_every_error_code_is_documented():
    from server.i18n.messages import MESSAGES

    missing = sorted(set(MESSAGES) - DOCUMENTED)
    assert missing == [], f"error codes missing from {WHERE}: {missing}"


@pytest.mark.parametrize("name", sorted(WORKSPACE_ROLES))
def test_every_workspace_command_is_in_the_workspace_doc(name):
    assert name in WORKSPACE, f"workspace command {name} is missing from docs/workspace.md"
