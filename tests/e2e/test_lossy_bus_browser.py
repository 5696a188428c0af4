"""A lossy bus in the real browser client: one Socket.IO frame carrying an `event` is
dropped on its way into the page (Playwright's `route_web_socket` stands between the
page and the real server and forwards every other frame as it is). The page's own
script (static/js/socket.js) must notice and repair the loss:

- the projector loses a card's event; the next event shows the gap in the versions,
  the page sends `resync {since}`, and the missed card appears;
- a phone loses the event of its own card, the last of a quiet moment, so no later
  event shows a gap; the ack told the phone that version, and its `catchUp` asks for it.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, WebSocketRoute, expect

from tests.e2e.test_live_board_browser import (  # noqa: F401  (fixtures pytest looks up by name)
    PHONE,
    PROJECTOR,
    by,
    cards_on,
    evening,
    facilitator_state,
    my_card,
    open_input,
    send_card,
)

pytestmark = pytest.mark.e2e

SOCKET = re.compile(r"/socket\.io/")
CATCH_UP_MS = 15_000  # socket.js asks 1.5 s after the ack; the machine may be busy


class LossyLine:
    """Between one page and the server: drops the first server frame that carries an
    `event` with `text` in it, and notes each `resync` the page sends."""

    def __init__(self, page: Page, text: str) -> None:
        self.text = text
        self.dropped: list[str] = []
        self.resyncs: list[str] = []
        page.route_web_socket(SOCKET, self.route)

    def route(self, ws: WebSocketRoute) -> None:
        server = ws.connect_to_server()

        def to_page(message) -> None:
            if (not self.dropped and isinstance(message, str) and message.startswith("42")
                    and '"event"' in message and self.text in message):
                self.dropped.append(message)  # lost on the way
                return
            ws.send(message)

        def to_server(message) -> None:
            if isinstance(message, str) and '"resync"' in message:
                self.resyncs.append(message)
            server.send(message)

        server.on_message(to_page)
        ws.on_message(to_server)


def test_the_projector_misses_a_card_notices_the_gap_and_shows_it(evening):
    projector = evening.new_device(viewport=PROJECTOR).new_page()
    line = LossyLine(projector, "De verloren kaart")
    projector.goto(by(evening.console, "projector-link").input_value())
    expect(by(projector, "connection")).to_have_attribute("data-state", "online")
    phone = evening.phone()
    open_input(evening.console, phone)

    send_card(phone, "De verloren kaart")
    expect(my_card(phone, "verloren")).to_have_attribute("data-state", "sent")
    expect(cards_on(evening.console, "console-card", "verloren")).to_have_count(1)
    assert len(line.dropped) == 1, "the card's event was not on the projector's line"
    expect(cards_on(projector, "projector-card", "verloren")).to_have_count(0)  # lost

    send_card(phone, "De kaart daarna")
    expect(cards_on(projector, "projector-card", "daarna")).to_have_count(1)
    expect(cards_on(projector, "projector-card", "verloren")).to_have_count(1)
    assert line.resyncs, "the projector filled the gap without asking"
    expect(by(projector, "projector-card")).to_have_count(2)


def test_a_phone_that_misses_its_own_last_card_asks_for_it_after_the_ack(evening):
    phone = evening.new_device(**PHONE).new_page()
    line = LossyLine(phone, "Mijn eigen kaart")
    phone.goto("/")
    by(phone, "join-code").fill(evening.code.lower())
    by(phone, "join-submit").click()
    by(phone, "join-board-submit").click()
    expect(by(phone, "connection")).to_have_attribute("data-state", "online")
    open_input(evening.console, phone)

    send_card(phone, "Mijn eigen kaart")
    expect(my_card(phone, "eigen")).to_have_attribute("data-state", "sent")
    expect(cards_on(evening.projector, "projector-card", "eigen")).to_have_count(1)
    assert len(line.dropped) == 1, "the card's event was not on the phone's line"
    # no later event comes; the ack's version is what shows the phone it is behind
    expect(cards_on(phone, "all-card", "eigen")).to_have_count(1, timeout=CATCH_UP_MS)
    assert line.resyncs, "the phone caught up without asking"
