"""The group's plan page split into what a member comes for (issue 13), in real browsers:
the actions to follow up come first (overdue first, done last), the other sections are
WAI-ARIA tabs that work with the keyboard, open from a deep link and stay open on a
reload, keep following live changes, and the strategy map shows its labels whole.

Elements are found by data-testid or role, never by their (translated) text.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_live_board_browser import by
from tests.e2e.test_workspace_browser import (
    action,
    command,
    handed_over_with_invite,
    join_group,
)

pytestmark = pytest.mark.e2e

SECTIONS = ("plans", "years", "pictures", "history-and-downloads", "who-can-do-what")
# a label of some hundred characters, and one long word with nowhere to break
LONG = ("Een sleutel voor de grote zaal van buurthuis De Boog regelen bij de beheerder "
        "van de woningcorporatie")
WORD = "Buurtbewonersparticipatiecoördinatiewerkgroepvergadering"
SIZES = ({"width": 1920, "height": 1080}, {"width": 1366, "height": 768},
         {"width": 320, "height": 640})

# every label of the strategy map, measured: whole text, nothing cut off or hidden
MEASURE_LABELS = """() => [...document.querySelectorAll('[data-testid="map-label"]')].map((el) => {
  const style = getComputedStyle(el);
  return {text: el.textContent, overflow: style.textOverflow,
          wide: el.scrollWidth - el.clientWidth, tall: el.scrollHeight - el.clientHeight};
})"""


# the test socket of tests/e2e/test_workspace_browser.SEND, opened without sending
SETUP = """if (!window.__testSocket) {
    const { io } = await import("/static/vendor/socket.io.esm.min.js");
    const boot = JSON.parse(document.getElementById("boot").textContent);
    window.__testSocket = io({ auth: { token: boot.token, lang: "en" } });
    window.__testState = new Promise((resolve) => window.__testSocket.once("snapshot", resolve));
  }
  await window.__testState;"""
STATE_NOW = ("async () => { " + SETUP + """
  return await new Promise((resolve) => window.__testSocket.emit(
    "resync", { since: -1 }, (ack) => resolve(ack.snapshot.state))); }""")


def the_plan(page: Page) -> dict:
    [plan] = page.evaluate(STATE_NOW)["plans"]
    return plan


def shown_section(page: Page, name: str) -> None:
    """Only the section `name` shows, and its tab says so."""
    for other in SECTIONS:
        tab, panel = by(page, f"tab-{other}"), by(page, f"section-{other}")
        if other == name:
            expect(tab).to_have_attribute("aria-selected", "true")
            expect(tab).to_have_attribute("tabindex", "0")
            expect(panel).to_be_visible()
        else:
            expect(tab).to_have_attribute("aria-selected", "false")
            expect(tab).to_have_attribute("tabindex", "-1")
            expect(panel).to_be_hidden()


def test_actions_come_first_and_each_section_opens_by_keyboard_and_by_link(devices, server):
    _console, link = handed_over_with_invite(devices, server)
    fatima = join_group(devices(server, viewport=SIZES[1]), link, "Fatima")
    henk = join_group(devices(server, viewport=SIZES[2], has_touch=True, is_mobile=True),
                      link, "Henk")

    # the first thing in the page's main content is the list of actions, with their
    # status lists, on the first screen of a laptop and of a phone
    for page in (fatima, henk):
        first = page.locator("main section").first
        expect(first).to_have_attribute("data-testid", "actions-section")
        expect(first.get_by_test_id("action-board")).to_be_visible()
        assert page.locator("main h2").first.get_attribute("id") == "ws-actions-heading"
        heading = page.locator("#ws-actions-heading").bounding_box()
        assert heading and heading["y"] < page.viewport_size["height"], heading
        expect(by(page, "ws-action").first.get_by_test_id("action-status")).to_be_visible()
        # the overdue action first (due in 2020), the one due in 2099 after it
        expect(by(page, "ws-action").first).to_have_attribute("data-overdue", "true")
        shown_section(page, "plans")

    # done goes last: at once on Henk's page, on Fatima's own once she leaves the card
    action(fatima, "Sleutel regelen").get_by_test_id("action-status").select_option("gereed")
    expect(by(henk, "ws-action").last.get_by_test_id("action-what")).to_have_text("Sleutel regelen")
    by(fatima, "tab-plans").focus()
    expect(by(fatima, "ws-action").last.get_by_test_id("action-what")).to_have_text(
        "Sleutel regelen")
    expect(by(fatima, "ws-action").first).to_have_attribute("data-status", "idee")

    # the keyboard: arrows move through the tabs (round), Home and End, each opening its
    # section; the open section goes into the address
    tab = by(fatima, "tab-plans")
    tab.focus()
    for name in SECTIONS[1:]:
        fatima.keyboard.press("ArrowRight")
        expect(by(fatima, f"tab-{name}")).to_be_focused()
        shown_section(fatima, name)
        expect(fatima).to_have_url(re.compile(rf"/plans#{name}$"))
    fatima.keyboard.press("ArrowRight")  # past the last: the first
    expect(by(fatima, "tab-plans")).to_be_focused()
    shown_section(fatima, "plans")
    fatima.keyboard.press("ArrowLeft")  # before the first: the last
    shown_section(fatima, "who-can-do-what")
    fatima.keyboard.press("Home")
    shown_section(fatima, "plans")
    fatima.keyboard.press("End")
    shown_section(fatima, "who-can-do-what")
    fatima.keyboard.press("ArrowLeft")
    shown_section(fatima, "history-and-downloads")
    # Tab leaves the tab list for the open section, not for the next tab
    fatima.keyboard.press("Tab")
    expect(by(fatima, "section-history-and-downloads")).to_be_focused()

    # a reload keeps the open section
    fatima.reload()
    expect(by(fatima, "connection")).to_have_attribute("data-state", "online")
    shown_section(fatima, "history-and-downloads")

    # a deep link opens its section, also a link to something inside one
    base = fatima.url.split("#")[0]
    for fragment, name in (("pictures", "pictures"), ("who-can-do-what", "who-can-do-what"),
                           ("ws-years-heading", "years"), ("years", "years"),
                           ("plans", "plans")):
        henk.goto("about:blank")  # a page loaded from the link, not a jump within one
        henk.goto(f"{base}#{fragment}")
        shown_section(henk, name)
    # a link followed on the open page (hashchange) opens it too
    henk.evaluate("location.hash = '#history-and-downloads'")
    shown_section(henk, "history-and-downloads")

    # the hidden sections keep following: Henk, on the downloads, sees Fatima's new action
    # in the history and its plan's downloads in plain words with the format in small print
    plan = the_plan(fatima)
    expect(by(henk, "connection")).to_have_attribute("data-state", "online")
    expect(by(henk, "history-item")).to_have_count(2)  # the hand-over, Fatima's "done"
    command(fatima, "add_action", plan_id=plan["id"], fields={"what": "Stoelen lenen"})
    expect(by(henk, "history-item")).to_have_count(3)
    downloads = by(henk, "plan-downloads")
    expect(downloads).to_have_count(1)
    for ext in ("md", "csv", "ics"):
        expect(downloads.get_by_test_id(f"download-{ext}")).to_have_attribute(
            "href", re.compile(rf"/plans/{plan['id']}\.{ext}$"))
    expect(downloads.locator("small.file-format")).to_have_count(3)
    expect(by(henk, "ws-export-json").locator("small.file-format")).to_have_count(1)
    expect(by(henk, "ws-action")).to_have_count(3)


def test_the_strategy_map_shows_every_label_whole_at_every_size(devices, server):
    _console, link = handed_over_with_invite(devices, server)
    fatima = join_group(devices(server), link, "Fatima")
    plan = the_plan(fatima)
    command(fatima, "add_action", plan_id=plan["id"], fields={"what": LONG})
    command(fatima, "add_action", plan_id=plan["id"], fields={"what": WORD})

    for size in SIZES:
        page = devices(server, viewport=size, storage_state=fatima.context.storage_state()
                       ).new_page()
        page.goto(fatima.url.split("#")[0] + "#pictures")
        shown_section(page, "pictures")
        labels = by(page, "map-label")
        expect(labels.filter(has_text=LONG)).to_have_count(1)
        expect(labels.filter(has_text=WORD)).to_have_count(1)
        measured = page.evaluate(MEASURE_LABELS)
        assert len(measured) == labels.count() >= 6
        for label in measured:
            assert "…" not in label["text"], (size, label)
            assert label["overflow"] != "ellipsis", (size, label)
            assert label["wide"] <= 0 and label["tall"] <= 0, (size, label)
        texts = {label["text"].strip() for label in measured}
        assert LONG in texts and WORD in texts, (size, texts)
