"""What a screen reader hears when cards arrive, and what moves for someone who asked
their system for less motion (issue 13).

New cards are said in the page's polite live region (#announce) on the console and the
projector: a burst as one sentence ("3 nieuwe kaartjes"), a single card with its text,
and nothing for what a reconnect brings back (static/js/views/shared/new-cards.js). With
`prefers-reduced-motion: reduce` the cards appear without their fade-in.

These run on the a11y tour's server, after the tour (its facilitator signs in here).
"""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from server.models import Board
from tests.e2e.a11y.tour import PHONE, PROJECTOR
from tests.e2e.seed import EveningSeed
from tests.e2e.test_live_board_browser import by, send_card

pytestmark = pytest.mark.e2e

# Everything the live region says, in order, kept on the page before its scripts run.
RECORD = """window.__said = [];
document.addEventListener("DOMContentLoaded", () => {
  const region = document.getElementById("announce");
  if (!region) return;
  new MutationObserver(() => {
    const text = region.textContent.trim();
    if (text) window.__said.push(text);
  }).observe(region, { childList: true, characterData: true, subtree: true });
});"""

# Cards from the phone over a socket of its own with the page's token, all sent at once
# (as a hall of phones does) and each answered before this returns.
SEND_CARDS = """async (texts) => {
  const { io } = await import("/static/vendor/socket.io.esm.min.js");
  const boot = JSON.parse(document.getElementById("boot").textContent);
  // the phone joined on this page: its token came with the join, not in the boot block;
  // the page as it loads now (the session knows the phone) names it
  const token = boot.token || JSON.parse((await (await fetch(location.href)).text())
    .match(/<script type="application\\/json" id="boot">([\\s\\S]*?)<\\/script>/)[1]).token;
  const socket = io({ auth: { token, lang: boot.lang } });
  await new Promise((resolve, reject) => {
    socket.once("snapshot", resolve);
    socket.once("connect_error", (error) => reject(new Error(`refused: ${error.message}`)));
  });
  const acks = await Promise.all(texts.map((text, n) => new Promise((resolve) =>
    socket.emit("command", { op_id: "a11y" + n + Math.random().toString(36).slice(2),
                             name: "add_card", args: { text } }, resolve))));
  socket.close();
  return acks;
}"""

# a text from the page's own translated strings, so the test reads no translation itself
WORDS = """async ([key, name, value]) => {
  const boot = JSON.parse(document.getElementById("boot").textContent);
  return (await import(boot.strings_url)).default[key].replace(`%(${name})s`, value);
}"""


def projector_key(seed: EveningSeed) -> str:
    """The evening's read-only projector link, as the console would show it."""
    with seed.service.sessions() as db:
        return db.get(Board, seed.board_id).projector_key


def send_cards(phone: Page, *texts: str) -> None:
    acks = phone.evaluate(SEND_CARDS, list(texts))
    assert all(ack["ok"] for ack in acks), acks


def said(page: Page, count: int) -> list[str]:
    """What the live region said, once it has said `count` things."""
    page.wait_for_function("n => window.__said.length >= n", arg=count)
    return page.evaluate("window.__said")


@pytest.fixture
def hall(tour, devices):
    """An evening on the tour's server at a step without card kinds, input open, with
    its console, projector and two joined phones, each recording its live region."""
    assert tour.facilitator, "the tour did not sign its facilitator in"
    seed = EveningSeed(tour.server)
    seed.step(1)
    seed.run("open_input")

    def device(**options):
        context = devices(tour.server, locale="nl-NL", **options)
        context.add_init_script(RECORD)
        return context.new_page()

    console = device(storage_state=tour.facilitator)
    console.goto(f"/console/w/{seed.board_id}")
    projector = device(**PROJECTOR)
    projector.goto(urlsplit(by(console, "projector-link").input_value()).path)
    phones = []
    for _ in range(2):  # a phone sends at most five cards a step
        phone = device(**PHONE)
        phone.goto(f"/j/{seed.code}")
        by(phone, "join-board-submit").click()
        phones.append(phone)
    for page in (console, projector, *phones):
        expect(by(page, "connection")).to_have_attribute("data-state", "online")
    return console, projector, *phones


def test_new_cards_are_said_once_per_burst_and_never_for_a_reconnect(hall):
    console, projector, phone, other_phone = hall
    send_cards(phone, "Bankjes bij de vijver", "Een moestuin", "Meer licht in de steeg")
    for screen in (console, projector):
        many = screen.evaluate(WORDS, ["cards.new_many.other", "n", "3"])
        assert said(screen, 1) == [many], screen.url

    send_cards(phone, "Een speeltuin voor kleine kinderen")
    for screen in (console, projector):
        one = screen.evaluate(WORDS, ["cards.new_announce", "text", "Een speeltuin voor kleine kinderen"])
        assert said(screen, 2)[1:] == [one], screen.url

    # the projector misses two cards; when it is back, they are on the wall, unannounced
    projector.context.set_offline(True)
    expect(by(projector, "connection")).not_to_have_attribute("data-state", "online")
    send_cards(other_phone, "Gemist kaartje een", "Gemist kaartje twee")
    projector.context.set_offline(False)
    expect(by(projector, "connection")).to_have_attribute("data-state", "online")
    expect(by(projector, "projector-card")).to_have_count(6)
    send_cards(other_phone, "Een bloembak")  # the next live card is said again
    one = projector.evaluate(WORDS, ["cards.new_announce", "text", "Een bloembak"])
    assert said(projector, 3)[2:] == [one]

    # a reload says nothing about the cards already there
    projector.reload()
    expect(by(projector, "projector-card")).to_have_count(7)
    send_cards(other_phone, "Na het herladen")
    after = projector.evaluate(WORDS, ["cards.new_announce", "text", "Na het herladen"])
    assert said(projector, 1) == [after]


ANIMATED = """() => [...document.querySelectorAll("[data-testid=projector-card], [data-testid=my-card]")]
  .map((card) => getComputedStyle(card).animationName)"""


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_cards_fade_in_only_for_those_who_did_not_ask_for_less_motion(tour, devices, motion):
    assert tour.facilitator, "the tour did not sign its facilitator in"
    seed = EveningSeed(tour.server)
    seed.step(1)
    seed.run("open_input")
    projector = devices(tour.server, reduced_motion=motion, **PROJECTOR).new_page()
    projector.goto(f"/p/{projector_key(seed)}")
    phone = devices(tour.server, reduced_motion=motion, **PHONE).new_page()
    phone.goto(f"/j/{seed.code}")
    by(phone, "join-board-submit").click()
    expect(by(phone, "connection")).to_have_attribute("data-state", "online")
    send_card(phone, "Een boom op het plein")
    expect(by(phone, "my-card")).to_have_count(1)
    expect(by(projector, "projector-card")).to_have_count(1)
    expected = "none" if motion == "reduce" else "card-in"
    for page in (projector, phone):
        assert page.evaluate(ANIMATED) == [expected], page.url


def test_the_projector_stops_turning_its_pages_while_p_is_pressed(tour, devices):
    """WCAG 2.2.2: the plans turn a page every 13 s by themselves; P stops that and starts
    it again, a key still turns a page by hand. The page's clock is Playwright's, moved on
    by the test, so nothing waits for the real 13 s."""
    from tests.e2e.test_projector_wall_browser import EARLIER, add_plans

    assert tour.facilitator, "the tour did not sign its facilitator in"
    seed = EveningSeed(tour.server)
    for step, names in EARLIER:
        seed.step(step)
        seed.promote(names)
    seed.step(5)
    add_plans(seed, 6)
    wall = devices(tour.server, locale="nl-NL", **PROJECTOR).new_page()
    wall.clock.install()
    wall.goto(f"/p/{projector_key(seed)}")
    pages = by(wall, "projector-plans-pages")
    expect(pages).to_contain_text("1/")
    count = int(pages.locator("[aria-hidden]").inner_text().split("/")[1])
    assert count >= 3, count
    period = 13_000 + 500

    wall.clock.fast_forward(period)
    expect(pages).to_contain_text("2/")
    wall.keyboard.press("p")
    expect(pages).to_have_attribute("data-paused", "true")
    paused = wall.evaluate(WORDS, ["projector.page_paused", "i", "2"]).replace("%(n)s", str(count))
    expect(pages.locator(".visually-hidden")).to_have_text(paused)
    wall.clock.fast_forward(period)
    expect(pages.locator("[aria-hidden]")).to_have_text(
        wall.evaluate(WORDS, ["projector.page_stopped", "i", "2"]).replace("%(n)s", str(count)))
    wall.keyboard.press("PageDown")  # by hand it still turns, and stays stopped
    expect(pages).to_contain_text("3/")
    wall.clock.fast_forward(period)
    expect(pages).to_contain_text("3/")
    expect(pages).to_have_attribute("data-paused", "true")

    wall.keyboard.press("p")
    expect(pages).to_have_attribute("data-paused", "false")
    wall.clock.fast_forward(period)
    expect(pages).to_contain_text(f"{3 % count + 1}/")
