"""The live board in real browsers: a facilitator's laptop, the projector and residents'
phones, each in its own browser context, against the real eventlet server.

Elements are found by data-testid or role, never by their (translated) text. The first
test runs on a server of its own (a first run); the others share one server and one
facilitator account, and each prepares an evening of its own on it.
"""
from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

# the evening's core, two consoles racing and a restart: on PostgreSQL too (docs/testing.md)
pytestmark = [pytest.mark.e2e, pytest.mark.both_engines]

GROUP = "Bewonersraad Kanaleneiland"
EVENING = "Bewonersavond Kanaleneiland-Noord"
PROJECTOR = {"width": 1920, "height": 1080}
PHONE = {"viewport": {"width": 360, "height": 640}, "has_touch": True, "is_mobile": True}
CODE = re.compile(r"^[A-Z0-9]{6}$")


def by(page: Page, testid: str):
    return page.get_by_test_id(testid)


# --- what people do ---------------------------------------------------------------


def set_up_first_account(page: Page) -> None:
    """A facilitator opens a fresh Weefwerk, follows the log-in link and lands on set-up."""
    page.goto("/")
    by(page, "login-link").click()
    expect(page).to_have_url(re.compile(r"/setup$"))
    by(page, "setup-name").fill("Anna de Vries")
    by(page, "setup-login").fill("anna")
    by(page, "setup-password").fill("weven aan samen leven")
    by(page, "setup-submit").click()
    expect(page).to_have_url(re.compile(r"/console$"))
    expect(by(page, "logout")).to_be_visible()


def add_group(page: Page) -> None:
    """On the console's start: add the resident group the facilitator works with."""
    by(page, "group-name").fill(GROUP)
    by(page, "group-submit").click()
    expect(by(page, "group")).to_have_count(1)
    expect(by(page, "group").get_by_role("heading")).to_have_text(GROUP)


def prepare_evening(page: Page) -> str:
    """On the console's start: an evening for the group, from the planning format."""
    page.goto("/console")
    by(page, "workshop-group").select_option(label=GROUP)
    by(page, "workshop-title").fill(EVENING)
    by(page, "workshop-format").select_option("participatory-planning")
    by(page, "workshop-submit").click()
    expect(page).to_have_url(re.compile(r"/console/w/\d+$"))
    expect(by(page, "connection")).to_have_attribute("data-state", "online")
    code = by(page, "console-code").inner_text().strip()
    assert CODE.match(code), code
    return code


def open_projector(context, console: Page) -> Page:
    """The read-only projector link from the console, opened on the hall's computer."""
    link = by(console, "projector-link").input_value()
    assert "/p/" in link
    projector = context.new_page()
    projector.goto(link)
    expect(by(projector, "connection")).to_have_attribute("data-state", "online")
    return projector


def join_by_code(context, code: str, name: str = "", address: str = "") -> Page:
    """A resident types the code from the big screen on the start page (the address the
    projector shows, or the one they already know)."""
    phone = context.new_page()
    phone.goto(f"http://{address}" if address else "/")
    by(phone, "join-code").fill(code.lower())
    by(phone, "join-submit").click()
    by(phone, "display-name").fill(name)
    by(phone, "join-board-submit").click()
    expect(by(phone, "phone")).to_be_visible()
    expect(by(phone, "connection")).to_have_attribute("data-state", "online")
    return phone


def open_input(console: Page, *phones: Page) -> None:
    """The facilitator opens input; wait until the phones show it open too."""
    by(console, "toggle-input").click()
    for page in (console, *phones):
        expect(by(page, "input-state")).to_have_attribute("data-state", "open")


def send_card(phone: Page, text: str) -> None:
    """Write a card; where the step asks what kind of card it is, tap the first kind."""
    by(phone, "card-text").fill(text)
    kinds = by(phone, "kind-option")
    if kinds.count() and not phone.locator("[data-testid=kind-option] input:checked").count():
        kinds.first.click()
    by(phone, "send-card").click()


def my_card(phone: Page, text: str):
    return by(phone, "my-card").filter(has_text=text)


def cards_on(page: Page, testid: str, text: str):
    return by(page, testid).filter(has_text=text)


class Evening:
    """A prepared evening: console, projector and phones, each its own device."""

    def __init__(self, devices, server, facilitator_state):
        self.new_device = lambda **options: devices(server, **options)
        self.console = self.new_device(storage_state=facilitator_state).new_page()
        self.code = prepare_evening(self.console)
        self.projector = open_projector(self.new_device(viewport=PROJECTOR), self.console)

    def phone(self, name: str = "", address: str = "") -> Page:
        return join_by_code(self.new_device(**PHONE), self.code, name, address)


_FACILITATORS: dict[str, Any] = {}  # the shared server's address -> its facilitator's state


@pytest.fixture(scope="module")
def facilitator_state(browser, shared_server):
    """The shared server's facilitator: account and group made once per server (the first
    run's set-up page closes after it), logged in. Modules import this fixture, so pytest
    calls it once per module: the state is kept here, by server, for all of them."""
    if shared_server.url not in _FACILITATORS:
        context = browser.new_context(base_url=shared_server.url)
        try:
            page = context.new_page()
            set_up_first_account(page)
            add_group(page)
            _FACILITATORS[shared_server.url] = context.storage_state()
        except Exception as failed:  # the set-up page is gone now: later modules fail fast
            _FACILITATORS[shared_server.url] = failed
            raise
        finally:
            context.close()
    state = _FACILITATORS[shared_server.url]
    if isinstance(state, Exception):
        raise AssertionError("the shared server's facilitator could not be set up") from state
    return state


@pytest.fixture
def evening(devices, shared_server, facilitator_state):
    return Evening(devices, shared_server, facilitator_state)


# --- the tests --------------------------------------------------------------------


def test_a_facilitator_sets_up_weefwerk_and_puts_the_evening_on_the_projector(devices, server):
    console = devices(server).new_page()
    set_up_first_account(console)
    add_group(console)
    code = prepare_evening(console)
    expect(by(console, "step-question")).not_to_be_empty()

    projector = open_projector(devices(server, viewport=PROJECTOR), console)

    expect(by(projector, "step-question")).to_have_text(by(console, "step-question").inner_text())
    expect(by(projector, "qr").locator("svg")).to_be_visible()
    expect(by(projector, "projector-code")).to_have_text(code)
    expect(by(projector, "participants")).to_have_attribute("data-count", "0")
    expect(by(projector, "participants")).not_to_be_empty()
    assert_readable_from_the_back(projector)


def assert_readable_from_the_back(projector: Page) -> None:
    """On a 1920x1080 wall: big question, big QR code, big join code."""
    def font_px(testid):
        return float(by(projector, testid).evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))

    assert font_px("step-question") >= 40
    assert font_px("projector-code") >= 72
    qr = by(projector, "qr").locator("svg").bounding_box()
    assert qr and qr["width"] >= 380 and qr["height"] >= 380, qr


def test_two_phones_send_cards_that_the_projector_and_console_show(evening):
    fatima = evening.phone("Fatima")
    anonymous = evening.phone(address=by(evening.projector, "join-host").inner_text())
    expect(by(evening.projector, "participants")).to_have_attribute("data-count", "2")

    open_input(evening.console, fatima, anonymous)
    send_card(fatima, "Meer bankjes langs het kanaal")
    send_card(anonymous, "Speelplek voor de kleintjes")

    for text in ("Meer bankjes langs het kanaal", "Speelplek voor de kleintjes"):
        expect(cards_on(evening.projector, "projector-card", text)).to_have_count(1)
        expect(cards_on(evening.console, "console-card", text)).to_have_count(1)
        for phone in (fatima, anonymous):
            expect(cards_on(phone, "all-card", text)).to_have_count(1)
    expect(my_card(fatima, "bankjes")).to_have_attribute("data-state", "sent")
    expect(my_card(anonymous, "Speelplek")).to_have_attribute("data-state", "sent")
    expect(by(fatima, "my-card")).to_have_count(1)
    expect(by(anonymous, "my-card")).to_have_count(1)
    # the facilitator sees who gave a name; the projector shows no names by default
    expect(cards_on(evening.console, "console-card", "bankjes")).to_contain_text("Fatima")
    expect(evening.projector.get_by_text("Fatima")).to_have_count(0)


def test_a_card_written_offline_waits_and_arrives_exactly_once(evening):
    phone = evening.phone()
    neighbour = evening.phone()
    open_input(evening.console, phone, neighbour)

    phone.context.set_offline(True)
    expect(by(phone, "connection")).not_to_have_attribute("data-state", "online")
    send_card(phone, "Een buurtmoestuin bij de school")
    expect(my_card(phone, "buurtmoestuin")).to_have_attribute("data-state", "waiting")
    expect(by(phone, "card-text")).to_have_value("")
    send_card(neighbour, "Meer groen op het plein")  # while the first phone is away
    expect(cards_on(evening.projector, "projector-card", "plein")).to_have_count(1)

    phone.context.set_offline(False)
    expect(by(phone, "connection")).to_have_attribute("data-state", "online")
    expect(my_card(phone, "buurtmoestuin")).to_have_attribute("data-state", "sent", timeout=15_000)
    expect(cards_on(evening.projector, "projector-card", "buurtmoestuin")).to_have_count(1)
    expect(cards_on(evening.console, "console-card", "buurtmoestuin")).to_have_count(1)
    expect(by(phone, "my-card")).to_have_count(1)
    expect(cards_on(phone, "all-card", "buurtmoestuin")).to_have_count(1)
    expect(cards_on(phone, "all-card", "plein")).to_have_count(1)  # missed, then caught up
    expect(cards_on(neighbour, "all-card", "buurtmoestuin")).to_have_count(1)


def test_reloading_keeps_the_phone_its_identity_and_the_projector_its_cards(evening):
    phone = evening.phone("Karim")
    other = evening.phone()
    open_input(evening.console, phone, other)
    send_card(phone, "Betere verlichting in het park")
    send_card(other, "Een wekelijkse buurtmarkt")
    expect(my_card(phone, "verlichting")).to_have_attribute("data-state", "sent")
    expect(by(other, "my-card")).to_have_count(1)

    phone.reload()
    expect(by(phone, "connection")).to_have_attribute("data-state", "online")
    expect(by(phone, "phone")).to_be_visible()  # no join form again: same identity
    expect(by(phone, "my-card")).to_have_count(1)
    expect(my_card(phone, "verlichting")).to_have_attribute("data-state", "sent")
    expect(cards_on(phone, "all-card", "verlichting")).to_have_attribute("data-mine", "true")
    expect(cards_on(phone, "all-card", "buurtmarkt")).to_have_attribute("data-mine", "false")
    # still the same person: the console keeps the name on the new card too
    send_card(phone, "Minder zwerfafval")
    expect(cards_on(evening.console, "console-card", "zwerfafval")).to_contain_text("Karim")

    evening.projector.reload()
    expect(by(evening.projector, "connection")).to_have_attribute("data-state", "online")
    expect(by(evening.projector, "projector-card")).to_have_count(3)
    for text in ("verlichting", "buurtmarkt", "zwerfafval"):
        expect(cards_on(evening.projector, "projector-card", text)).to_have_count(1)


def test_a_card_the_facilitator_hides_disappears_from_projector_and_phones(evening):
    author = evening.phone()
    neighbour = evening.phone()
    open_input(evening.console, author, neighbour)
    send_card(author, "Iets kwetsends over de buren")
    send_card(neighbour, "Een bankje bij de bushalte")
    for page, testid in ((evening.projector, "projector-card"), (neighbour, "all-card"),
                         (author, "all-card")):
        expect(by(page, testid)).to_have_count(2)

    card = cards_on(evening.console, "console-card", "kwetsends")
    card.get_by_test_id("hide-card").click()

    expect(card).to_have_attribute("data-hidden", "true")
    for page, testid in ((evening.projector, "projector-card"), (neighbour, "all-card"),
                         (author, "all-card")):
        expect(cards_on(page, testid, "kwetsends")).to_have_count(0)
        expect(cards_on(page, testid, "bushalte")).to_have_count(1)

    card.get_by_test_id("unhide-card").click()
    expect(card).to_have_attribute("data-hidden", "false")
    expect(cards_on(evening.projector, "projector-card", "kwetsends")).to_have_count(1)
    expect(cards_on(neighbour, "all-card", "kwetsends")).to_have_count(1)


def test_a_card_still_waiting_when_the_page_closes_is_sent_when_it_opens_again(evening):
    phone = evening.phone()
    address = phone.url
    open_input(evening.console, phone)
    phone.context.set_offline(True)
    expect(by(phone, "connection")).not_to_have_attribute("data-state", "online")
    send_card(phone, "Een zebrapad bij de Marshallaan")
    expect(my_card(phone, "zebrapad")).to_have_attribute("data-state", "waiting")

    context = phone.context
    phone.close()  # the browser dropped the tab; the outbox is on the phone
    context.set_offline(False)
    phone = context.new_page()
    phone.goto(address)

    expect(my_card(phone, "zebrapad")).to_have_attribute("data-state", "sent")
    expect(cards_on(evening.projector, "projector-card", "zebrapad")).to_have_count(1)
    expect(cards_on(evening.console, "console-card", "zebrapad")).to_have_count(1)
    expect(by(phone, "my-card")).to_have_count(1)


def test_a_card_whose_answer_was_lost_is_sent_again_and_stored_once(evening):
    """The server stored the card, but the connection broke before its answer arrived:
    the phone sends it again with the same op_id and the server does not store it twice."""
    context = evening.new_device(**PHONE)
    lost = []

    def drop_the_first_card_answer(ws):
        server = ws.connect_to_server()

        def to_phone(message):
            answer = isinstance(message, str) and message.startswith("43")  # a Socket.IO ack
            if answer and not lost and '"card_id"' in message:
                lost.append(message)
                ws.close()  # the answer is lost with the connection
            else:
                ws.send(message)

        server.on_message(to_phone)

    # only the connection that loses the answer goes through the route; the next is direct
    context.route_web_socket(lambda url: "/socket.io/" in url and not lost,
                             drop_the_first_card_answer)
    phone = join_by_code(context, evening.code)
    open_input(evening.console, phone)

    send_card(phone, "Een AED in de buurt")

    # The reconnect's snapshot names the stored card as mine a moment before the resent
    # command's answer takes the waiting entry away; wait for that end state.
    sent = phone.locator("[data-testid=my-card][data-state=sent]", has_text="AED")
    expect(sent).to_have_count(1, timeout=15_000)
    expect(phone.locator("[data-testid=my-card][data-state=waiting]")).to_have_count(0)
    assert lost, "the test did not drop an answer"
    expect(cards_on(evening.projector, "projector-card", "AED")).to_have_count(1)
    expect(cards_on(evening.console, "console-card", "AED")).to_have_count(1)
    expect(by(phone, "my-card")).to_have_count(1)
    expect(cards_on(phone, "all-card", "AED")).to_have_attribute("data-mine", "true")


def test_a_resident_edits_and_withdraws_a_card_and_gets_a_refused_text_back(evening):
    phone = evening.phone()
    open_input(evening.console, phone)
    send_card(phone, "Meer groen op het plein")
    card = my_card(phone, "Meer groen")
    expect(card).to_have_attribute("data-state", "sent")

    card.get_by_test_id("edit-card").click()
    expect(by(phone, "card-text")).to_have_value("Meer groen op het plein")
    by(phone, "card-text").fill("Meer bomen op het plein")
    by(phone, "send-card").click()
    expect(cards_on(evening.projector, "projector-card", "Meer bomen")).to_have_count(1)
    expect(cards_on(evening.projector, "projector-card", "Meer groen")).to_have_count(0)

    # withdrawing asks a second tap
    my_card(phone, "Meer bomen").get_by_test_id("withdraw-card").click()
    by(phone, "confirm-withdraw").click()
    expect(by(phone, "my-card")).to_have_count(0)
    expect(cards_on(evening.projector, "projector-card", "Meer bomen")).to_have_count(0)

    # written offline while the facilitator closes input: refused, the text comes back
    phone.context.set_offline(True)
    expect(by(phone, "connection")).not_to_have_attribute("data-state", "online")
    send_card(phone, "Een bankje bij de bushalte")
    by(evening.console, "toggle-input").click()
    expect(by(evening.console, "input-state")).to_have_attribute("data-state", "closed")
    phone.context.set_offline(False)
    refused = my_card(phone, "bankje")
    expect(refused).to_have_attribute("data-state", "failed", timeout=15_000)
    refused.get_by_test_id("reuse-text").click()
    expect(by(phone, "card-text")).to_have_value("Een bankje bij de bushalte")
    expect(by(phone, "my-card")).to_have_count(0)
    expect(cards_on(evening.projector, "projector-card", "bankje")).to_have_count(0)
