"""What became of my ideas, in real browsers: after the hand-over the resident's phone,
still on the evening's link, shows its card with the result it became and the plan's
actions; a member of the group sets an action's status in the workspace, and the phone
shows that status under the card when the resident looks again. No names on the phone.

Elements are found by data-testid, never by their (translated) text.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.test_live_board_browser import PHONE, by, evening, facilitator_state  # noqa: F401
from tests.e2e.test_workspace_browser import action, build_plan, hand_over, join_group

pytestmark = pytest.mark.e2e

# this test's own action: the shared server's group has other test files' plans too
KEY = "Sleutel regelen voor de koffie"


def test_the_phone_shows_under_its_card_the_status_a_member_set(evening):  # noqa: F811
    phone = evening.phone()
    console = evening.console
    # the phone's card becomes the strategy of a two-action plan
    build_plan(console, phone, first_action=KEY)
    expect(by(phone, "my-ideas")).to_be_hidden()  # nothing to tell while the evening runs
    hand_over(console)

    expect(by(phone, "evening-closed")).to_be_visible()  # live, without a reload
    expect(by(phone, "my-ideas")).to_be_visible()
    [idea] = [by(phone, "idea")]
    expect(idea).to_have_count(1)
    expect(idea).to_contain_text("Koffie op dinsdag in de school")
    expect(idea.get_by_test_id("idea-result")).to_contain_text("Koffieochtend")
    key = idea.get_by_test_id("idea-action").filter(has_text=KEY)
    expect(key).to_have_attribute("data-status", "idee")
    expect(idea.get_by_test_id("idea-action")).to_have_count(2)

    console.goto(console.url.removesuffix("/plans"))
    by(console, "invite-role").select_option("member")
    by(console, "create-invite").click()
    # the shared server's group has other tests' members too: a name of this test's own
    henk = join_group(evening.new_device(**PHONE), by(console, "new-invite-link").input_value(),
                      "Henk van de Ideeën")
    action(henk, KEY).get_by_test_id("action-status").select_option("bezig")
    expect(by(henk, "history-item").first).to_contain_text("Henk van de Ideeën")

    by(phone, "my-ideas-again").click()
    expect(key).to_have_attribute("data-status", "bezig")
    expect(idea.get_by_test_id("idea-action").filter(has_text="Flyers maken")) \
        .to_have_attribute("data-status", "idee")
    shown = by(phone, "my-ideas").inner_text()
    for name in ("Henk", "Fatima"):  # who changed it, and the action's owner
        assert name not in shown
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]
    for open_page in (henk, phone, console):
        open_page.close()  # before the server stops, so no request of theirs is cut off
