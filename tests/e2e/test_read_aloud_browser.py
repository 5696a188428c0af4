"""The phone reads the step's question aloud ("Lees voor"), in real chromium.

Headless chromium has no voices, so the browser's speech engine is the one part stood in
for: an init script replaces `window.speechSynthesis` with a recorder of what the page asks
it (speak with which text and language, cancel) before the page's own scripts run. The
button, its label, the question it reads and the language it picks are Weefwerk's own code
(static/js/views/phone/read-aloud.js). Without the engine the button stays hidden.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.seed import EveningSeed
from tests.e2e.test_live_board_browser import by, facilitator_state  # noqa: F401  (fixture)
from tests.e2e.test_screen_states_browser import text_of

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 320, "height": 568}, "has_touch": True, "is_mobile": True}

# The speech engine, recorded: what the page says to it, in `window.spoken`.
RECORDING_ENGINE = """
window.spoken = [];
const engine = {
  speaking: false,
  speak(u) { window.spoken.push({call: "speak", text: u.text, lang: u.lang}); this.speaking = true;
             window.lastUtterance = u; },
  cancel() { window.spoken.push({call: "cancel"}); this.speaking = false; },
  getVoices() { return []; },
  addEventListener() {}, removeEventListener() {},
};
Object.defineProperty(window, "speechSynthesis", {value: engine, configurable: true});
"""
NO_ENGINE = """
Object.defineProperty(window, "speechSynthesis", {value: undefined, configurable: true});
"""


def open_phone(devices, server, seed: EveningSeed, engine: str, lang: str = "nl") -> Page:
    context = devices(server, **PHONE)
    context.add_init_script(engine)
    phone = context.new_page()
    if lang != "nl":
        phone.goto(f"/lang/{lang}?next=/")
    phone.goto(f"/j/{seed.code}")
    by(phone, "join-board-submit").click()
    expect(by(phone, "connection")).to_have_attribute("data-state", "online")
    expect(by(phone, "step-question")).not_to_be_empty()
    return phone


def spoken(phone: Page) -> list[dict]:
    return phone.evaluate("window.spoken")


def label(phone: Page, key: str) -> str:
    return text_of(phone, key)


@pytest.mark.parametrize("lang, speech_lang", [("nl", "nl-NL"), ("en", "en-GB")])
def test_the_phone_reads_the_question_aloud_in_its_language_and_stops_on_a_second_press(
        devices, shared_server, facilitator_state, lang, speech_lang):
    seed = EveningSeed(shared_server)
    phone = open_phone(devices, shared_server, seed, RECORDING_ENGINE, lang)
    button = by(phone, "read-aloud")
    expect(button).to_be_visible()
    expect(button).to_have_text(label(phone, "phone.read_aloud"))
    box = button.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44, box
    assert button.locator("svg").count() == 1  # the speaker, beside the word

    question = by(phone, "step-question").inner_text().strip()
    button.click()
    assert spoken(phone)[-1] == {"call": "speak", "text": question, "lang": speech_lang}
    expect(button).to_have_attribute("data-speaking", "true")
    expect(button).to_have_text(label(phone, "phone.read_aloud.stop"))

    button.click()  # again: it stops
    assert spoken(phone)[-1] == {"call": "cancel"}
    expect(button).to_have_attribute("data-speaking", "false")
    expect(button).to_have_text(label(phone, "phone.read_aloud"))
    assert [c["call"] for c in spoken(phone)].count("speak") == 1

    # read to the end: the engine says so and the button is ready to read again
    button.click()
    phone.evaluate("window.lastUtterance.dispatchEvent(new Event('end'))")
    expect(button).to_have_attribute("data-speaking", "false")


def test_the_next_step_stops_the_reading_of_the_last_question(devices, shared_server, facilitator_state):
    seed = EveningSeed(shared_server)
    phone = open_phone(devices, shared_server, seed, RECORDING_ENGINE)
    console = devices(shared_server, storage_state=facilitator_state).new_page()
    console.goto(f"/console/w/{seed.board_id}")
    expect(by(console, "connection")).to_have_attribute("data-state", "online")
    first = by(phone, "step-question").inner_text()
    by(phone, "read-aloud").click()
    expect(by(phone, "read-aloud")).to_have_attribute("data-speaking", "true")

    by(console, "next-step").click()
    expect(by(phone, "step-question")).not_to_have_text(first)
    expect(by(phone, "read-aloud")).to_have_attribute("data-speaking", "false")
    assert spoken(phone)[-1] == {"call": "cancel"}


def test_without_a_speech_engine_the_button_is_not_there(devices, shared_server, facilitator_state):
    seed = EveningSeed(shared_server)
    phone = open_phone(devices, shared_server, seed, NO_ENGINE)
    expect(by(phone, "read-aloud")).to_be_hidden()
    expect(by(phone, "read-aloud")).to_be_attached()
