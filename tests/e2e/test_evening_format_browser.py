"""Preparing an evening in a real browser: from the main format, the facilitator changes
step 1's question and the name of one of its card kinds, skips step 2 on "Avond
aanpassen", prepares two data cards from a CSV file, and runs the evening: the projector
and a phone show the adapted question and kind at once, and the step after it is the one
after the skipped step, with its data card.

Elements are found by data-testid, never by their translated text.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.seed import EveningSeed
from tests.e2e.test_live_board_browser import PROJECTOR, by, facilitator_state, open_projector  # noqa: F401  (fixtures pytest looks up by name)
from tests.e2e.test_screen_states_browser import open_console, open_phone

pytestmark = pytest.mark.e2e

QUESTION = "Wat is er sinds 2020 in de Rivierenbuurt veranderd?"
FUTURE = "Het is over vier jaar. Je loopt trots door de buurt."
CSV = (b"stap;tekst;bron\r\n"
       b"1;65-plussers: van 18% naar 24% in tien jaar;Buurtscan 2026\r\n"
       b"2;Zes op de tien bewoners wil meer groen;Bewonerspeiling 2025\r\n")


def test_an_adapted_evening_shows_its_own_questions_and_steps(
        devices, shared_server, facilitator_state):
    seed = EveningSeed(shared_server)
    console = open_console(devices, shared_server, facilitator_state, seed)
    projector = open_projector(devices(shared_server, viewport=PROJECTOR), console)
    phone = open_phone(devices, shared_server, seed)

    by(console, "prepare-menu").locator("summary").click()
    by(console, "evening-format-link").click()
    by(console, "s0-question.nl").fill(QUESTION)
    by(console, "s0-question.en").fill("What has changed in the Rivierenbuurt since 2020?")
    by(console, "s0-tags").locator("summary").click()  # the trends' kinds, folded
    by(console, "s0-kind0-nl").fill("Wordt meer")  # was "Neemt toe"
    by(console, "s1-skip").check()
    # 20 minutes less makes "about 2.5 hours" untrue, so the description changes with it
    # (the refusal next to the field: tests/http/test_evening_format_pages.py)
    by(console, "description.nl").fill("Van trends tot acties in ruim 2 uur.")
    by(console, "description.en").fill("From trends to actions in just over 2 hours.")
    by(console, "format-save").click()
    expect(by(console, "format-notice")).to_be_visible()
    expect(by(console, "format-step")).to_have_count(5)

    expect(by(projector, "step-question")).to_have_text(QUESTION)
    expect(by(phone, "step-question")).to_have_text(QUESTION)
    expect(by(phone, "kind-option").first).to_contain_text("Wordt meer")

    console.goto(f"/console/w/{seed.board_id}/data-cards")
    by(console, "data-csv-file").set_input_files(
        {"name": "datakaarten.csv", "mimeType": "text/csv", "buffer": CSV})
    by(console, "data-csv-import").click()
    expect(by(console, "prepared-data-card")).to_have_count(2)
    expect(by(projector, "projector-card")).to_have_count(1)

    console.goto(f"/console/w/{seed.board_id}")
    by(console, "next-step").click()  # the step after the skipped one: the desired future
    expect(by(projector, "step-question")).to_contain_text(FUTURE)
    expect(by(phone, "step-question")).to_contain_text(FUTURE)
    card = by(projector, "projector-card")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("Zes op de tien bewoners")
    expect(card.get_by_test_id("card-source")).to_contain_text("Bewonerspeiling 2025")
