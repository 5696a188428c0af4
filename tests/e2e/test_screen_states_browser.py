"""One message per screen state, in real browsers: what a phone and the projector say in
the action-planning step and while the room votes, on the screens of a real hall (a
320 px phone, the 1920x1080 projector).

The evening is brought to the step on the server's own database first (tests/e2e/seed.py);
the pages open afterwards and the facilitator then acts on the console as on the evening.
Texts are compared with the page's own catalogue (the boot block's strings), never typed
into the test.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.seed import EveningSeed
from tests.e2e.test_live_board_browser import PROJECTOR, by, facilitator_state  # noqa: F401  (fixtures pytest looks up by name)

pytestmark = pytest.mark.e2e

SMALL_PHONE = {"viewport": {"width": 320, "height": 568}, "has_touch": True, "is_mobile": True}


SCRIPT_TEXT = """async (key) => {
  const boot = JSON.parse(document.getElementById("boot").textContent);
  return (await import(boot.strings_url)).default[key];
}"""


def text_of(page: Page, key: str) -> str:
    """The page's translation of a script text: from the module of its language's script
    texts that the boot block names (`strings_url`, docs/translations.md)."""
    return page.evaluate(SCRIPT_TEXT, key)


def visible_text(page: Page) -> str:
    return page.locator("body").inner_text()


def open_console(devices, server, state, seed: EveningSeed) -> Page:
    console = devices(server, storage_state=state).new_page()
    console.goto(f"/console/w/{seed.board_id}")
    expect(by(console, "connection")).to_have_attribute("data-state", "online")
    return console


def open_phone(devices, server, seed: EveningSeed, **options) -> Page:
    phone = devices(server, **(options or SMALL_PHONE)).new_page()
    phone.goto(f"/j/{seed.code}")
    by(phone, "join-board-submit").click()
    expect(by(phone, "connection")).to_have_attribute("data-state", "online")
    return phone


@pytest.fixture
def action_step(shared_server, facilitator_state):
    """A quick-start evening on its action-planning step, with one plan and one action."""
    seed = EveningSeed(shared_server, format_slug="quick-start")
    seed.promote(["Veilig oversteken bij de school"])
    seed.step(1)
    [challenge] = [r for r in seed.board_state().results.values() if r["type"] == "challenge"]
    plan = seed.run("create_plan", source_id=challenge["id"])["plan_id"]
    seed.run("add_action", plan_id=plan, fields={"what": "Zebrapad aanvragen", "owner": "Fatima"})
    return seed


def test_in_the_action_plan_step_the_phone_speaks_of_plans_and_shows_no_card_lists(
        devices, shared_server, facilitator_state, action_step):
    console = open_console(devices, shared_server, facilitator_state, action_step)
    phone = open_phone(devices, shared_server, action_step)
    expect(by(phone, "plan-panel")).to_be_visible()

    by(console, "toggle-input").click()
    expect(by(phone, "input-state")).to_have_attribute("data-state", "open")
    expect(by(phone, "notice")).to_be_visible()
    expect(phone.locator("#notice-text")).to_have_text(text_of(phone, "notice.plans_opened"))
    shown = visible_text(phone)
    for key in ("notice.input_opened", "input.open_phone", "card.none_mine", "card.none_yet"):
        assert text_of(phone, key) not in shown, key
    for testid in ("composer", "my-cards-section", "all-cards-section"):
        expect(by(phone, testid)).to_be_hidden()

    by(console, "toggle-input").click()
    expect(by(phone, "input-state")).to_have_attribute("data-state", "closed")
    expect(phone.locator("#notice-text")).to_have_text(text_of(phone, "notice.plans_closed"))
    closed = text_of(phone, "phone.plan.help_closed")
    assert visible_text(phone).count(closed) == 1, "the closed input is said more than once"
    assert text_of(phone, "notice.input_closed") not in visible_text(phone)


@pytest.fixture
def vote_step(shared_server, facilitator_state):
    """The one-evening format's trends step with three named clusters and input open."""
    seed = EveningSeed(shared_server)
    seed.clusters(["Meer jonge gezinnen", "Minder winkels op het plein", "Meer drukte in het park"])
    seed.run("open_input")
    return seed


def test_opening_the_vote_leaves_one_message_on_the_projector_and_the_vote_first_on_the_phone(
        devices, shared_server, facilitator_state, vote_step):
    console = open_console(devices, shared_server, facilitator_state, vote_step)
    projector = devices(shared_server, viewport=PROJECTOR).new_page()
    projector.goto(by(console, "projector-link").input_value())
    phone = open_phone(devices, shared_server, vote_step)
    expect(by(projector, "input-state")).to_have_attribute("data-state", "open")
    expect(by(phone, "composer")).to_be_visible()

    by(console, "open-vote").click()
    expect(by(projector, "projector-vote")).to_be_visible()
    expect(by(projector, "input-state")).to_be_hidden()
    assert text_of(projector, "input.open_projector") not in visible_text(projector)
    expect(by(console, "input-state")).to_have_attribute("data-state", "closed")
    expect(by(console, "toggle-input")).to_be_disabled()

    # the phone that watched: the vote in view, the composer gone, no card notice
    expect(by(phone, "vote-panel")).to_have_attribute("data-state", "open")
    expect(by(phone, "composer")).to_be_hidden()
    expect(by(phone, "notice")).to_be_hidden()
    assert text_of(phone, "input.open_phone") not in visible_text(phone)
    assert_vote_in_first_screen(phone)
    # a phone that joins (or reloads) during the vote: the same, without any scrolling
    late = open_phone(devices, shared_server, vote_step)
    expect(by(late, "vote-panel")).to_have_attribute("data-state", "open")
    assert late.evaluate("() => window.scrollY") == 0
    assert_vote_in_first_screen(late)

    by(console, "reveal-votes").click()
    expect(by(console, "toggle-input")).to_be_enabled()


def assert_vote_in_first_screen(phone: Page) -> None:
    """The vote's heading and its first item with its + button are on the 568 px screen."""
    height = SMALL_PHONE["viewport"]["height"]
    heading = by(phone, "vote-panel").locator("h2").bounding_box()
    plus = by(phone, "vote-item").first.get_by_test_id("dot-plus").bounding_box()
    assert heading and heading["y"] >= 0, heading
    assert plus and plus["y"] + plus["height"] <= height, f"the first + is at {plus}"


LAPTOP = {"width": 1366, "height": 768}


def first_work_panel_top(console: Page) -> float:
    """Where the first shown panel of the step's work column starts, in the viewport."""
    return console.evaluate("""() => {
      const shown = [...document.querySelectorAll('.console-work > .panel')]
        .filter((p) => !p.hidden && p.getClientRects().length);
      return shown.length ? shown[0].getBoundingClientRect().top : Infinity;
    }""")


@pytest.mark.parametrize("stage", ["cards", "action_plan"])
def test_on_a_1366_laptop_the_steps_work_starts_in_the_first_screen(
        devices, shared_server, facilitator_state, stage, request):
    seed = request.getfixturevalue("action_step") if stage == "action_plan" else EveningSeed(shared_server)
    console = devices(shared_server, storage_state=facilitator_state, viewport=LAPTOP).new_page()
    console.goto(f"/console/w/{seed.board_id}")
    expect(by(console, "connection")).to_have_attribute("data-state", "online")
    expect(by(console, "plans-panel" if stage == "action_plan" else "console-cards")).to_be_attached()
    assert console.evaluate("() => window.scrollY") == 0
    top = first_work_panel_top(console)
    assert top <= LAPTOP["height"] / 3, f"the step's work starts {top:.0f} px down"
    step = by(console, "current-step").bounding_box()
    assert step["y"] <= LAPTOP["height"] / 3, step
    buttons = by(console, "next-step").bounding_box()
    assert buttons["y"] + buttons["height"] <= LAPTOP["height"], buttons
    expect(by(console, "open-projector")).to_be_attached()
    expect(by(console, "toggle-join")).to_be_attached()


def test_on_a_1366_laptop_a_running_vote_is_in_the_first_screen(
        devices, shared_server, facilitator_state, vote_step):
    """The count and "reveal" of a running vote without scrolling: its panel goes above the
    locked cards while the vote runs, and back below them after the reveal."""
    vote_step.run("open_vote")
    console = devices(shared_server, storage_state=facilitator_state, viewport=LAPTOP).new_page()
    console.goto(f"/console/w/{vote_step.board_id}")
    expect(by(console, "connection")).to_have_attribute("data-state", "online")
    expect(by(console, "vote-panel")).to_have_attribute("data-phase", "open")
    assert console.evaluate("() => window.scrollY") == 0
    assert console.evaluate("() => document.querySelector('.console-work > .panel:not([hidden])').id") \
        == "vote-panel"
    for testid in ("vote-count", "reveal-votes"):
        box = by(console, testid).bounding_box()
        assert box and box["y"] + box["height"] <= LAPTOP["height"], f"{testid} is at {box}"

    by(console, "reveal-votes").click()
    expect(by(console, "vote-panel")).to_have_attribute("data-phase", "revealed")
    assert console.evaluate("() => document.querySelector('.console-work > .panel:not([hidden])').id") \
        == "cards-panel"
