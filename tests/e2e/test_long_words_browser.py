"""Long unbroken text never breaks a screen: a resident pastes a 105-character link as a
card, a cluster's name, a plan's title and an action's owner. On the projector at
1920x1080 the QR code stays on screen, and no screen (phones at 320 and 390 px, the
console, the plan page, the print pages, the group's plans and the review at a council
meeting) gets wider than its window. A right-to-left override in a title does not reverse
the text after it.

Both tests run on the run's shared server, as its one facilitator and group, each on an
evening of its own: neither is about a first run.

Elements are found by data-testid, never by their (translated) text.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_live_board_browser import (
    PHONE,
    PROJECTOR,
    by,
    facilitator_state,  # noqa: F401  (a fixture: the shared server's facilitator, logged in)
    join_by_code,
    open_projector,
    prepare_evening,
    send_card,
)
from tests.e2e.test_review_step_browser import council_evening
from tests.e2e.test_workspace_browser import STATE, command, hand_over, join_group

pytestmark = pytest.mark.e2e

LINK = ("https://www.gemeente.nl/wonen-en-leven/buurtbudget/aanvragen/formulier"
        "?wijk=kanaleneiland-noord&id=847213")
assert len(LINK) == 105 and " " not in LINK
RTL = "Buurt\u202ekamer"  # an override: without isolation it reverses what follows
PHONE_320 = {**PHONE, "viewport": {"width": 320, "height": 640}}
PHONE_390 = {**PHONE, "viewport": {"width": 390, "height": 844}}


def assert_fits(page: Page, where: str) -> None:
    """Nothing on the page is wider than the window: no sideways scrolling."""
    page.wait_for_load_state("load")
    wide = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert wide[0] <= wide[1], f"{where}: {wide[0]} px wide in a {wide[1]} px window"


def assert_on_screen(page: Page, testid: str) -> None:
    box = by(page, testid).bounding_box()
    size = page.viewport_size
    assert box is not None and box["width"] > 0, testid
    assert box["x"] >= 0 and box["y"] >= 0, box
    assert box["x"] + box["width"] <= size["width"] + 0.5, (box, size)
    assert box["y"] + box["height"] <= size["height"] + 0.5, (box, size)


def long_plan(console: Page, phone: Page) -> str:
    """A card with the link, its cluster named with it, a plan titled with an override, and
    actions whose owner and "what" are the link; returns the plan's id."""
    command(console, "go_to_step", step=4)
    command(console, "open_input")
    expect(by(phone, "input-state")).to_have_attribute("data-state", "open")
    send_card(phone, LINK)
    expect(by(console, "console-card")).to_have_count(1)
    [card] = [c for c in console.evaluate(STATE)["cards"] if c["step"] == 4]
    cluster = command(console, "create_cluster", card_ids=[card["id"]],
                      name=LINK)["result"]["cluster_id"]
    return plan_from(console, cluster)


def plan_from(console: Page, cluster: str) -> str:
    """The cluster promoted to a strategy, and on the action-plan step a plan titled with an
    override whose owner and action are the link; returns the plan's id."""
    command(console, "promote_clusters", cluster_ids=[cluster])
    [strategy] = console.evaluate(STATE)["results"]
    command(console, "go_to_step", step=5)
    command(console, "open_input")
    plan = command(console, "create_plan", source_id=strategy["id"])["result"]["plan_id"]
    command(console, "update_plan", plan_id=plan, field="title", value=RTL + " op dinsdag",
            base=0)
    command(console, "update_plan", plan_id=plan, field="owner", value=LINK, base=0)
    command(console, "add_action", plan_id=plan, fields={
        "what": LINK, "owner": LINK, "helpers": LINK, "due": "2020-03-01"})
    return plan


def test_a_long_link_breaks_no_screen_and_the_qr_code_stays_on_the_projector(
        shared_server, devices, facilitator_state):
    server = shared_server
    console = devices(server, storage_state=facilitator_state).new_page()
    code = prepare_evening(console)
    projector = open_projector(devices(server, viewport=PROJECTOR), console)
    small = join_by_code(devices(server, **PHONE_320), code, "Fatima")
    wide = join_by_code(devices(server, **PHONE_390), code)

    command(console, "go_to_step", step=4)
    command(console, "open_input")
    expect(by(small, "input-state")).to_have_attribute("data-state", "open")
    send_card(small, LINK)
    expect(by(projector, "projector-cards")).to_contain_text(LINK[:30])
    for page, where in ((projector, "projector, cards"), (small, "phone 320, cards"),
                        (wide, "phone 390, cards"), (console, "console, cards")):
        assert_fits(page, where)
    assert_on_screen(projector, "qr")

    [card] = [c for c in console.evaluate(STATE)["cards"] if c["step"] == 4]
    cluster = command(console, "create_cluster", card_ids=[card["id"]],
                      name=LINK)["result"]["cluster_id"]
    expect(by(projector, "projector-clusters")).to_contain_text(LINK[:30])
    for page, where in ((projector, "projector, clusters"), (small, "phone 320, clusters"),
                        (wide, "phone 390, clusters"), (console, "console, clusters")):
        assert_fits(page, where)
    assert_on_screen(projector, "qr")

    plan = plan_from(console, cluster)
    expect(by(projector, "projector-plans")).to_contain_text(LINK[:30])
    expect(by(small, "action-list")).to_contain_text(LINK[:30])
    expect(by(wide, "action-list")).to_contain_text(LINK[:30])
    for page, where in ((projector, "projector, plans"), (small, "phone 320, plan"),
                        (wide, "phone 390, plan"), (console, "console, plans")):
        assert_fits(page, where)
    assert_on_screen(projector, "qr")
    console.set_viewport_size({"width": 320, "height": 640})  # the console on a phone
    assert_fits(console, "console at 320, plans")
    console.set_viewport_size({"width": 1280, "height": 800})

    board = re.search(r"/console/w/(\d+)", console.url).group(1)
    pages = devices(server).new_page()
    pages.context.add_cookies(console.context.cookies())
    for url in (f"/console/w/{board}/plans", f"/console/w/{board}/plans/{plan}",
                f"/console/w/{board}/report"):
        for width in (1920, 320):
            pages.set_viewport_size({"width": width, "height": 900})
            pages.goto(url)
            assert_fits(pages, f"{url} at {width}")

    hand_over(console)
    console.goto(console.url.removesuffix("/plans"))
    by(console, "invite-role").select_option("member")
    by(console, "create-invite").click()
    member = join_group(devices(server, **PHONE_320), by(console, "new-invite-link")
                        .input_value(), "Henk")
    group = member.url.removesuffix("/plans")
    assert_fits(member, "the group's plans at 320")
    for url in (f"{group}/plans/print", f"{group}/plans/screen"):
        member.goto(url)
        assert_fits(member, f"{url} at 320")

    code = council_evening(console)
    review = open_projector(devices(server, viewport=PROJECTOR), console)
    phone = join_by_code(devices(server, **PHONE_320), code, "Ans")
    # the shared server's group also keeps the actions other test files handed over
    expect(by(review, "projector-review-action").filter(has_text=LINK[:30])).to_have_count(1)
    expect(by(phone, "phone-review-action").filter(has_text=LINK[:30])).to_have_count(1)
    for page, where in ((review, "review on the projector"), (phone, "review at 320"),
                        (console, "review on the console")):
        assert_fits(page, where)
    assert_on_screen(review, "qr")


READS_LEFT_TO_RIGHT = """(root, word) => {
  // where the first and the last letter of `word` are drawn: left to right, or reversed
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(word);
    if (at < 0) continue;
    const box = (i) => { const r = document.createRange(); r.setStart(node, i);
                         r.setEnd(node, i + 1); return r.getBoundingClientRect().left; };
    return box(at) < box(at + word.length - 1);
  }
  return null;
}"""


def test_an_override_reverses_nothing_after_it_and_each_box_takes_what_the_server_does(
        shared_server, devices, facilitator_state):
    server = shared_server
    console = devices(server, storage_state=facilitator_state).new_page()
    code = prepare_evening(console)
    projector = open_projector(devices(server, viewport=PROJECTOR), console)
    phone = join_by_code(devices(server, **PHONE_390), code)
    plan = long_plan(console, phone)
    command(console, "add_action", plan_id=plan, fields={
        "what": "Flyers maken", "owner": "Fatima\u202e", "due": "2027-03-01"})

    # the boxes take exactly what the server takes (boot data `limits`)
    for page in (phone, console):
        for testid, limit in (("plan-field-title", "120"), ("plan-field-notes", "2000"),
                              ("new-action-what", "200")):
            expect(by(page, testid).first).to_have_attribute("maxlength", limit)

    # the projector: "Fatima‮ · klaar op 1 maart 2027": the date after the name reads on
    action = by(projector, "projector-action").filter(has_text="Flyers maken")
    expect(action).to_contain_text("2027")
    meta = action.locator(".proj-action-meta")
    assert meta.evaluate(READS_LEFT_TO_RIGHT, "2027") is True
    # the plan page: the title's override stays inside the title, in <title> too
    board = re.search(r"/console/w/(\d+)", console.url).group(1)
    console.goto(f"/console/w/{board}/plans/{plan}")
    assert "\u2068" in console.title() and "Weefwerk" in console.title()
    for where in (by(console, "approach"), console.locator("body")):
        assert where.evaluate(READS_LEFT_TO_RIGHT, "2027") is True
