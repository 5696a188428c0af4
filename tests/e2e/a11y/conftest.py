"""The accessibility run: one server and one walk through every page and state for the
whole folder (tests/e2e/a11y/tour.py); the tests then read what axe found there."""
from __future__ import annotations

import json
import os
from dataclasses import asdict

import pytest

from tests.e2e.a11y.tour import Tour
from tests.e2e.conftest import running_server


@pytest.fixture(scope="session")
def a11y_server(browser, tmp_path_factory):
    """A server of the a11y run's own: a first run, so the set-up page can be checked.
    SQLite on either engine's run: the tour checks pages, not the database."""
    directory = tmp_path_factory.mktemp("a11y-server")
    with running_server(directory, f"sqlite:///{directory / 'a11y.db'}") as running:
        yield running


@pytest.fixture(scope="session")
def tour(browser, a11y_server):
    """The tour, walked once; a failure on the way fails every state it did not reach."""
    walked = Tour(browser, a11y_server)
    try:
        walked.walk()
    except Exception as stopped:
        walked.stopped = stopped
    else:
        walked.stopped = None
    report = os.environ.get("WEEFWERK_A11Y_REPORT")  # every finding, for docs/accessibility.md
    if report:
        with open(report, "w", encoding="utf-8") as out:
            json.dump({state: [asdict(v) for v in found] for state, found in walked.results.items()},
                      out, indent=1, ensure_ascii=False)
    return walked
