"""Before the evening, in a real browser: the facilitator uploads a CSV of two data cards
on "Datakaarten voorbereiden", and the projector and a phone show them with their source
when the room reaches their step; the kit's poster and agenda print as one A4 page each
(the browser's own PDF, as a facilitator saves it).

Elements are found by data-testid, never by their translated text.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.seed import EveningSeed
from tests.e2e.test_live_board_browser import PROJECTOR, by, facilitator_state, open_projector  # noqa: F401  (fixtures pytest looks up by name)
from tests.e2e.test_screen_states_browser import open_console, open_phone

pytestmark = pytest.mark.e2e

CSV = ("\ufeffstap;tekst;bron\r\n"
       "1;65-plussers: van 18% naar 24% in tien jaar;Buurtscan 2026\r\n"
       "2;Drie lege winkelpanden aan de Marnixlaan;Wijkschouw maart\r\n").encode()


def pdf_pages(page: Page) -> int:
    """How many A4 pages the browser prints the page on."""
    pdf = page.pdf(format="A4", print_background=False)
    assert pdf.startswith(b"%PDF")
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_a_csv_of_data_cards_reaches_the_wall_with_its_sources_and_the_kit_prints(
        devices, shared_server, facilitator_state):
    seed = EveningSeed(shared_server)
    console = open_console(devices, shared_server, facilitator_state, seed)
    projector = open_projector(devices(shared_server, viewport=PROJECTOR), console)
    phone = open_phone(devices, shared_server, seed)

    by(console, "prepare-menu").locator("summary").click()
    by(console, "data-cards-link").click()
    by(console, "data-csv-file").set_input_files(
        {"name": "datakaarten.csv", "mimeType": "text/csv", "buffer": CSV})
    by(console, "data-csv-import").click()
    expect(by(console, "data-cards-notice")).to_be_visible()
    expect(by(console, "prepared-data-card")).to_have_count(2)

    # step 1's card is on the wall at once; step 2's waits for its step
    first = by(projector, "projector-card")
    expect(first).to_have_count(1)
    expect(first.get_by_test_id("card-source")).to_contain_text("Buurtscan 2026")
    expect(by(phone, "all-card").get_by_test_id("card-source")).to_contain_text("Buurtscan 2026")

    console.goto(f"/console/w/{seed.board_id}")
    by(console, "next-step").click()
    second = by(projector, "projector-card")
    expect(second).to_have_count(1)
    expect(second).to_contain_text("Drie lege winkelpanden")
    expect(second.get_by_test_id("card-source")).to_contain_text("Wijkschouw maart")
    expect(by(console, "console-card").get_by_test_id("card-source")).to_contain_text(
        "Wijkschouw maart")

    # during the evening, the console's card adder gives a data card its source too
    by(console, "card-adder").locator("summary").click()
    by(console, "adder-text").fill("Twee bushaltes minder sinds 2024")
    by(console, "adder-source").fill("Dienstregeling")
    by(console, "add-data-card").click()
    expect(by(projector, "projector-card")).to_have_count(2)
    expect(by(projector, "projector-card").filter(has_text="bushaltes")
           .get_by_test_id("card-source")).to_contain_text("Dienstregeling")

    console.goto(f"/console/w/{seed.board_id}")
    if by(console, "prepare-menu").get_attribute("open") is None:
        by(console, "prepare-menu").locator("summary").click()
    by(console, "kit-poster-link").click()
    expect(by(console, "kit-code")).to_have_text(seed.code)
    expect(by(console, "kit-qr").locator("svg")).to_be_visible()
    assert pdf_pages(console) == 1

    console.goto(f"/console/w/{seed.board_id}/kit/agenda")
    by(console, "kit-start").fill("20:00")
    by(console, "kit-start-apply").click()
    expect(by(console, "kit-time").first).to_have_text("20:00–20:20")
    expect(by(console, "kit-step")).to_have_count(6)
    assert pdf_pages(console) == 1
