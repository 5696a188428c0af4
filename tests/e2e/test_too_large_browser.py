"""A command the server could never take is dropped, and the resident is told.

In the hall a resident pasted a long text while the Wi-Fi was gone. A frame over 16 KB
makes the server close the socket without an answer; before the fix the outbox sent it
again after every reconnect, for ever, and the card stayed "waiting". Now the outbox
measures the command against the limit in the page's boot data, drops it, shows why
(the text is kept to reuse), and the phone's next card goes through.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.test_live_board_browser import (  # noqa: F401  (fixtures)
    by,
    cards_on,
    evening,
    facilitator_state,
    my_card,
    open_input,
    send_card,
)

pytestmark = pytest.mark.e2e

PASTED = "Ons plein is te stenig en te heet in de zomer. " * 450  # about 21 KB


def paste_and_send(phone, text: str) -> None:
    """A pasted text, past any length the field itself may set, then the kind and send."""
    by(phone, "card-text").evaluate("(el, text) => { el.value = text; }", text)
    kinds = by(phone, "kind-option")
    if kinds.count() and not phone.locator("[data-testid=kind-option] input:checked").count():
        kinds.first.click()
    by(phone, "send-card").click()


def test_a_text_too_long_to_send_is_dropped_with_a_message_and_the_next_card_arrives(
        evening):  # noqa: F811
    phone = evening.phone()
    open_input(evening.console, phone)
    phone.context.set_offline(True)
    expect(by(phone, "connection")).not_to_have_attribute("data-state", "online")
    paste_and_send(phone, PASTED)
    send_card(phone, "Meer bankjes in de schaduw")
    phone.context.set_offline(False)

    refused = my_card(phone, "te stenig")
    expect(refused).to_have_attribute("data-state", "failed")
    expect(refused.get_by_test_id("card-state")).to_have_text(
        "Dit is te lang om te versturen. Maak het korter en probeer het opnieuw.")
    expect(my_card(phone, "bankjes")).to_have_attribute("data-state", "sent")
    expect(cards_on(evening.projector, "projector-card", "bankjes")).to_have_count(1)
    expect(by(phone, "connection")).to_have_attribute("data-state", "online")
    waiting = phone.evaluate("""() => Object.keys(localStorage)
        .filter((k) => k.startsWith("weefwerk:outbox:"))
        .flatMap((k) => JSON.parse(localStorage.getItem(k)))""")
    assert waiting == []
    expect(refused.get_by_test_id("reuse-text")).to_be_visible()
