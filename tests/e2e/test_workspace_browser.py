"""The group's plan workspace in real browsers: an evening is handed over from the console,
two members open the plans on their phones, one changes an action's status (also while
offline) and writes an ORID update, and the other's open page follows live.

Elements are found by data-testid, never by their (translated) text.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_live_board_browser import (
    PHONE,
    add_group,
    by,
    join_by_code,
    prepare_evening,
    send_card,
    set_up_first_account,
)

pytestmark = pytest.mark.e2e

# A second socket on the console page, with the page's own token and cookie: the test
# runs the evening's facilitator commands over the real protocol without clicking
# through every technique (other tests cover those screens).
SEND = """async ([name, args]) => {
  if (!window.__testSocket) {
    const { io } = await import("/static/vendor/socket.io.esm.min.js");
    const boot = JSON.parse(document.getElementById("boot").textContent);
    window.__testSocket = io({ auth: { token: boot.token, lang: "en" } });
    window.__testState = new Promise((resolve) => window.__testSocket.once("snapshot", resolve));
  }
  await window.__testState;
  const op_id = "e2e" + Math.random().toString(36).slice(2) + Date.now();
  return await new Promise((resolve) =>
    window.__testSocket.emit("command", { op_id, name, args }, resolve));
}"""
STATE = """async () => new Promise((resolve) =>
  window.__testSocket.emit("resync", { since: -1 }, (ack) => resolve(ack.snapshot.state)))"""


def command(page: Page, name: str, /, **args) -> dict:
    ack = page.evaluate(SEND, [name, args])
    assert ack["ok"], ack
    return ack


def build_plan(console: Page, phone: Page, first_action: str = "Sleutel regelen") -> None:
    """A strategy from a resident's card, a plan for it, two actions: one overdue. A test
    on the shared server names its first action its own way: that server's group keeps
    the plans of the evenings other test files handed over before it."""
    command(console, "go_to_step", step=4)
    command(console, "open_input")
    expect(by(phone, "input-state")).to_have_attribute("data-state", "open")
    send_card(phone, "Koffie op dinsdag in de school")
    expect(by(console, "console-card")).to_have_count(1)
    [card] = [c for c in console.evaluate(STATE)["cards"] if c["step"] == 4]
    cluster = command(console, "create_cluster", card_ids=[card["id"]],
                      name="Koffieochtend")["result"]["cluster_id"]
    command(console, "promote_clusters", cluster_ids=[cluster])
    [strategy] = console.evaluate(STATE)["results"]
    command(console, "go_to_step", step=5)
    plan = command(console, "create_plan", source_id=strategy["id"])["result"]["plan_id"]
    command(console, "add_action", plan_id=plan, fields={
        "what": first_action, "owner": "Fatima", "due": "2020-03-01"})
    command(console, "add_action", plan_id=plan, fields={
        "what": "Flyers maken", "due": "2099-01-01"})


def hand_over(console: Page) -> None:
    """"Close the evening" on the last step, then "Yes, hand over" on the confirmation."""
    by(console, "hand-over").click()
    expect(by(console, "handover-summary")).to_be_visible()
    by(console, "confirm-hand-over").click()
    expect(console).to_have_url(re.compile(r"/g/\d+/plans$"))


def join_group(device, link: str, name: str) -> Page:
    page = device.new_page()
    page.goto(link)
    by(page, "invite-name").fill(name)
    by(page, "invite-passcode").fill("geheim123")
    by(page, "invite-passcode-again").fill("geheim123")
    by(page, "invite-accept").click()
    by(page, "group-plans-link").click()
    expect(page).to_have_url(re.compile(r"/g/\d+/plans$"))
    expect(by(page, "connection")).to_have_attribute("data-state", "online")
    return page


def handed_over_with_invite(devices, server) -> tuple[Page, str]:
    """A facilitator's first evening with a plan, handed over to the group, and a member
    invite link: the start of every test of the group's plans after an evening."""
    console = devices(server).new_page()
    set_up_first_account(console)
    add_group(console)
    code = prepare_evening(console)
    build_plan(console, join_by_code(devices(server, **PHONE), code))
    hand_over(console)
    console.goto(console.url.removesuffix("/plans"))
    by(console, "invite-role").select_option("member")
    by(console, "create-invite").click()
    return console, by(console, "new-invite-link").input_value()


def action(page: Page, what: str):
    return by(page, "ws-action").filter(has=page.get_by_test_id("action-what").get_by_text(
        what, exact=True))


def test_a_members_status_change_reaches_the_other_members_open_page(devices, server):
    console = devices(server).new_page()
    set_up_first_account(console)
    add_group(console)
    code = prepare_evening(console)
    resident = join_by_code(devices(server, **PHONE), code)
    build_plan(console, resident)

    hand_over(console)
    expect(by(console, "handover-notice")).to_be_visible()
    expect(by(console, "ws-action")).to_have_count(2)  # the facilitator's workspace view
    group_url = console.url.removesuffix("/plans")
    console.goto(group_url)
    by(console, "invite-role").select_option("member")
    by(console, "create-invite").click()
    link = by(console, "new-invite-link").input_value()

    fatima = join_group(devices(server, **PHONE), link, "Fatima")
    henk = join_group(devices(server, **PHONE), link, "Henk")
    key, other = action(fatima, "Sleutel regelen"), action(henk, "Sleutel regelen")
    for page in (fatima, henk):
        expect(by(page, "ws-action")).to_have_count(2)
        expect(action(page, "Sleutel regelen")).to_have_attribute("data-overdue", "true")
        expect(action(page, "Sleutel regelen").get_by_test_id("action-overdue")).to_be_visible()
        expect(action(page, "Flyers maken")).to_have_attribute("data-overdue", "false")
        expect(by(page, "history-item")).to_have_count(1)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360

    key.get_by_test_id("action-status").select_option("bezig")
    expect(other.get_by_test_id("action-status")).to_have_value("bezig")
    expect(other).to_have_attribute("data-status", "bezig")
    expect(other).to_have_attribute("data-overdue", "true")  # still not done: still late
    expect(by(henk, "history-item")).to_have_count(2)
    expect(by(henk, "history-item").first).to_contain_text("Fatima")
    # the pictures on Henk's open page follow too (drawn again by the server)
    expect(by(henk, "progress-row")).to_have_attribute("data-busy", "1")
    expect(by(henk, "progress-row")).to_have_attribute("data-open", "1")

    # offline: the change waits on Fatima's phone and arrives once when she is back
    fatima.context.set_offline(True)
    expect(by(fatima, "connection")).not_to_have_attribute("data-state", "online")
    key.get_by_test_id("action-status").select_option("gereed")
    expect(key.get_by_test_id("action-waiting")).to_be_visible()
    expect(by(fatima, "ws-status")).to_be_visible()
    expect(other.get_by_test_id("action-status")).to_have_value("bezig")
    fatima.context.set_offline(False)
    expect(by(fatima, "connection")).to_have_attribute("data-state", "online")
    expect(other.get_by_test_id("action-status")).to_have_value("gereed", timeout=15_000)
    expect(other).to_have_attribute("data-overdue", "false")
    expect(other.get_by_test_id("action-overdue")).to_be_hidden()
    expect(key.get_by_test_id("action-waiting")).to_be_hidden()
    expect(by(henk, "progress-row")).to_have_attribute("data-done", "1")
    expect(by(henk, "timeline-overdue")).to_have_count(0)
    expect(by(henk, "history-item")).to_have_count(3)

    # an ORID update written by Henk appears on Fatima's page
    other.locator("summary").click()
    other.get_by_test_id("orid-did").fill("De conciërge gebeld")
    other.get_by_test_id("orid-learned").fill("Op maandag is hij er")
    other.get_by_test_id("orid-send").click()
    expect(other.get_by_test_id("orid-did")).to_have_value("")
    expect(key.get_by_test_id("action-update")).to_have_count(1)
    expect(key.get_by_test_id("action-update")).to_contain_text("De conciërge gebeld")
    expect(key.get_by_test_id("action-update")).to_contain_text("Henk")

    henk.reload()  # the snapshot says the same as the live events did
    expect(by(henk, "connection")).to_have_attribute("data-state", "online")
    expect(action(henk, "Sleutel regelen").get_by_test_id("action-status")).to_have_value("gereed")
    expect(by(henk, "history-item")).to_have_count(4)
