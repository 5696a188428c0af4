"""No serious or critical WCAG 2.2 A/AA violation on any page, in any state of an evening
(issue 13). axe-core checks each page and state the tour (tests/e2e/a11y/tour.py) reaches; a
failure names the state and, per rule, its impact, the elements and axe's help page.

Moderate and minor findings do not fail a test: they are printed (`-rP` or `-s` shows
them) and docs/accessibility.md lists those still open.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.e2e.a11y.axe import AXE_VERSION
from tests.e2e.a11y.tour import STATES

pytestmark = pytest.mark.e2e

STATEMENT = Path(__file__).resolve().parents[3] / "docs" / "accessibility.md"


@pytest.mark.parametrize("state", STATES)
def test_no_serious_or_critical_violation(tour, state):
    if state not in tour.results:
        raise AssertionError(f"the tour did not reach {state}") from tour.stopped
    found = tour.results[state]
    for violation in found:
        if not violation.blocking:
            print(violation.describe())
    blocking = [v for v in found if v.blocking]
    assert not blocking, f"{state}: {len(blocking)} serious or critical:\n" + "\n".join(
        v.describe() for v in blocking)


def test_the_tour_reached_every_state(tour):
    if tour.stopped:
        raise AssertionError("the tour stopped") from tour.stopped
    assert set(tour.results) == set(STATES)


def test_the_accessibility_statement_names_the_axe_version_that_runs():
    """The statement says how Weefwerk was tested; a new axe-core must update it."""
    text = STATEMENT.read_text(encoding="utf-8")
    named = set(re.findall(r"axe-core ([0-9]+\.[0-9]+\.[0-9]+)", text))
    assert named == {AXE_VERSION}, (
        f"docs/accessibility.md names {named or 'no version'}, the tests run {AXE_VERSION}")


# The projector is left out: with the extra spacing its clusters, vote, matrix, plans and
# review still overflow the panels it pages by measurement (docs/accessibility.md, "Wat
# nog niet voldoet"). Every other page and state is held to it.
SPACING_STATES = [state for state in STATES if "projector" not in state]


@pytest.mark.parametrize("state", SPACING_STATES)
def test_text_spacing_cuts_nothing_off(tour, state):
    """WCAG 1.4.12 (tests/e2e/a11y/spacing.py): with the criterion's extra line, letter,
    word and paragraph spacing, no text is cut off and no page scrolls sideways."""
    if state not in tour.spacing:
        raise AssertionError(f"the tour did not reach {state}") from tour.stopped
    assert not tour.spacing[state], f"{state}: " + "; ".join(tour.spacing[state])
