""""Mijn draaiboeken" in a real browser: from the console's start page the facilitator
opens the list and uploads a file under a long name; the pages fit a 1920x1080 projector-laptop, a 1024x768
laptop and a 320 px phone without sideways scrolling, the list and the question before
deleting alike; "Nieuwe avond met dit draaiboek" chooses it in the new-evening form; and
after "Ja, verwijderen" it is gone. (Refused files: tests/http/test_own_formats_pages.py;
a 400 page would count as a script error here.)

Runs on the run's shared server as its one facilitator (not about a first run); the test
deletes the format it made. Elements are found by data-testid, never by their text.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_live_board_browser import by, facilitator_state  # noqa: F401  (a fixture)

pytestmark = pytest.mark.e2e

SESSIONS = Path(__file__).resolve().parents[2] / "sessions"
NAME = "mijn-eigen-draaiboek-voor-de-bewonersavond-in-kanaleneiland-noord-najaar-2027"
SIZES = {"laptop-1920": (1920, 1080), "laptop-1024": (1024, 768), "phone-320": (320, 640)}


def assert_fits_everywhere(page: Page, what: str) -> None:
    """No sideways scrolling at any of the sizes; a screenshot of each when
    WEEFWERK_SCREENSHOTS names a folder (to look at them, not asserted)."""
    folder = os.environ.get("WEEFWERK_SCREENSHOTS")
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        wide = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert wide[0] <= wide[1], f"{what} at {size}: {wide[0]} px wide in {wide[1]} px"
        if folder:
            page.screenshot(path=str(Path(folder) / f"{what}-{size}.png"), full_page=True)


def choose_file(page: Page, name: str, content: bytes) -> None:
    by(page, "own-format-file").set_input_files(
        {"name": name, "mimeType": "application/toml", "buffer": content})


def test_a_facilitator_uploads_uses_and_deletes_an_own_format(devices, shared_server,
                                                              facilitator_state):
    page = devices(shared_server, storage_state=facilitator_state,
                   viewport={"width": 1920, "height": 1080}).new_page()
    page.goto("/console")
    assert_fits_everywhere(page, "console")
    by(page, "own-formats-link").click()
    expect(by(page, "own-format-upload-form")).to_be_visible()

    choose_file(page, "snel.toml", (SESSIONS / "quick-start.toml").read_bytes())
    by(page, "own-format-slug").fill(NAME)
    by(page, "own-format-upload").click()
    expect(by(page, "own-formats-notice")).to_be_visible()
    entry = page.locator(f'[data-testid="own-format"][data-slug="{NAME}"]')
    expect(entry).to_have_count(1)
    assert_fits_everywhere(page, "own-formats")

    entry.get_by_test_id("own-format-new-evening").click()
    expect(by(page, "workshop-format")).to_have_value(f"own:{NAME}")

    page.go_back()
    entry.get_by_test_id("own-format-delete").click()
    expect(by(page, "own-format-confirm")).to_be_visible()
    assert_fits_everywhere(page, "own-formats-confirm")
    by(page, "own-format-delete-confirm").click()
    expect(by(page, "own-formats-notice")).to_be_visible()
    expect(entry).to_have_count(0)
