"""A council meeting that opens with the group's open actions, in real browsers: a group's
workspace holds a plan with one open and one done action; a new evening from the council
format shows the open one (with its owner, overdue) on the projector, the phone and the
console, and not the done one. A member changes the action's status on the plan page
during the meeting; the facilitator presses "refresh the actions" and the projector follows.

Elements are found by data-testid, never by their (translated) text.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_live_board_browser import (
    GROUP,
    PHONE,
    PROJECTOR,
    by,
    join_by_code,
    open_projector,
)
from tests.e2e.test_workspace_browser import action, handed_over_with_invite, join_group

pytestmark = pytest.mark.e2e

FORMAT = "council-review"  # sessions/council-review.toml


def council_evening(console: Page) -> str:
    """On the console's start: a council meeting for the group; returns its join code."""
    console.goto("/console")
    by(console, "workshop-group").select_option(label=GROUP)
    by(console, "workshop-title").fill("Raadsvergadering november")
    by(console, "workshop-format").select_option(FORMAT)
    by(console, "workshop-submit").click()
    expect(console).to_have_url(re.compile(r"/console/w/\d+$"))
    expect(by(console, "connection")).to_have_attribute("data-state", "online")
    return by(console, "console-code").inner_text().strip()


def set_status(member: Page, what: str, status: str, history: int) -> None:
    """A member changes an action's status; the group's history shows it arrived."""
    action(member, what).get_by_test_id("action-status").select_option(status)
    expect(by(member, "history-item")).to_have_count(history)


def test_a_council_meeting_opens_with_the_open_actions_and_refreshes_them(devices, server):
    console, link = handed_over_with_invite(devices, server)
    fatima = join_group(devices(server, **PHONE), link, "Fatima")
    expect(by(fatima, "history-item")).to_have_count(1)  # the hand-over
    set_status(fatima, "Flyers maken", "gereed", 2)  # done: no longer an open action

    code = council_evening(console)
    projector = open_projector(devices(server, viewport=PROJECTOR), console)
    phone = join_by_code(devices(server, **PHONE), code, "Henk")

    # the projector: only the open action, with its owner and "overdue" in words
    review = by(projector, "projector-review")
    expect(review).to_be_visible()
    expect(by(projector, "projector-review-heading")).not_to_be_empty()
    expect(by(projector, "projector-review-plan")).to_have_count(1)
    items = by(projector, "projector-review-action")
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("Sleutel regelen")
    expect(items.first.get_by_test_id("projector-review-owner")).to_contain_text("Fatima")
    expect(items.first).to_have_attribute("data-overdue", "true")
    expect(items.first.get_by_test_id("review-overdue")).to_be_visible()
    expect(items.first).to_have_attribute("data-status", "idee")
    expect(review).not_to_contain_text("Flyers maken")
    expect(by(projector, "projector-cards")).to_be_hidden()
    what_px = float(items.first.locator(".proj-review-what").evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"))
    assert what_px >= 30, what_px  # readable from the back of the hall

    # the phone: the same list, in the context block that a review step opens
    expect(by(phone, "before-panel")).to_be_visible()
    expect(by(phone, "before-panel")).to_have_attribute("open", "")
    expect(by(phone, "phone-review-action")).to_have_count(1)
    expect(by(phone, "phone-review-action")).to_contain_text("Sleutel regelen")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    # the console: the list, when it was copied, and the refresh button
    expect(by(console, "review-panel")).to_be_visible()
    expect(by(console, "console-review-action")).to_have_count(1)
    expect(by(console, "review-updated")).to_contain_text(re.compile(r"\d{2}[:.]\d{2}"))

    # during the meeting Fatima starts on it: the copy stays until the facilitator refreshes
    set_status(fatima, "Sleutel regelen", "bezig", 3)
    expect(items.first).to_have_attribute("data-status", "idee")
    by(console, "refresh-review").click()
    expect(items.first).to_have_attribute("data-status", "bezig")
    expect(by(phone, "phone-review-action")).to_have_attribute("data-status", "bezig")
    expect(by(console, "console-review-action")).to_have_attribute("data-status", "bezig")

    # done: it leaves the list, and the projector says there are no open actions
    set_status(fatima, "Sleutel regelen", "gereed", 4)
    by(console, "refresh-review").click()
    expect(items).to_have_count(0)
    expect(by(projector, "projector-review-empty")).to_be_visible()
    expect(by(phone, "phone-review-action-empty")).to_be_attached()

    projector.reload()  # the snapshot agrees with the events
    expect(by(projector, "connection")).to_have_attribute("data-state", "online")
    expect(by(projector, "projector-review-empty")).to_be_visible()
