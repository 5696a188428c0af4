"""The yearly cycle and the pictures on the group's plan page in real browsers: a member
sets a plan's year, the year's phase, writes the yearly evaluation and a new meaning, and
the other member's open page follows live; the strategy map links to the printable plans.

Elements are found by data-testid, never by their (translated) text.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_live_board_browser import (
    PHONE,
    add_group,
    by,
    join_by_code,
    prepare_evening,
    set_up_first_account,
)
from tests.e2e.test_workspace_browser import (
    build_plan,
    hand_over,
    handed_over_with_invite,
    join_group,
)

pytestmark = pytest.mark.e2e


def test_members_plan_a_year_evaluate_it_and_add_meanings_live(devices, server):
    console, link = handed_over_with_invite(devices, server)
    fatima = join_group(devices(server), link, "Fatima")
    henk = join_group(devices(server, **PHONE), link, "Henk")

    # pictures: the map links the plan and its actions to the printable plan page
    links = [a.get_attribute("href") for a in by(fatima, "map-link").all()]
    assert any(re.search(r"/plans/print#plan-p\d+$", href) for href in links)
    assert sum(bool(re.search(r"/plans/print#action-a\d+$", h)) for h in links) == 2

    by(fatima, "tab-years").click()  # the year plan is behind its tab (docs/workspace.md)
    row = by(fatima, "plan-year").first
    row.get_by_test_id("plan-year-input").fill("2027")
    row.get_by_test_id("plan-year-save").click()
    year = by(henk, "year").and_(henk.locator('[data-year="2027"]'))
    expect(year).to_have_count(1)
    expect(year.get_by_test_id("year-plan")).to_have_count(1)
    expect(by(henk, "plan-year").first.get_by_test_id("plan-year-input")).to_have_value("2027")

    mine = by(fatima, "year").and_(fatima.locator('[data-year="2027"]'))
    mine.get_by_test_id("year-phase").select_option("2")
    expect(year.get_by_test_id("year-phase")).to_have_value("2")

    mine.locator("summary").first.click()
    mine.get_by_test_id("evaluation-did").fill("Elke dinsdag koffie")
    mine.get_by_test_id("evaluation-meaning").fill("Volgend jaar ook op zaterdag")
    mine.get_by_test_id("evaluation-form-send").click()
    expect(year.get_by_test_id("year-evaluation")).to_contain_text("Elke dinsdag koffie")
    expect(year.get_by_test_id("year-evaluation")).to_contain_text("Fatima")

    mine.locator("summary").nth(1).click()
    mine.get_by_test_id("meaning-text").fill("Meer jonge gezinnen in de wijk")
    mine.get_by_test_id("meaning-kind-force").check()
    mine.get_by_test_id("meaning-form-send").click()
    expect(year.get_by_test_id("meaning")).to_have_count(1)
    expect(year.get_by_test_id("meaning")).to_have_attribute("data-kind", "force")
    expect(year.get_by_test_id("meaning")).to_contain_text("Meer jonge gezinnen in de wijk")
    assert henk.evaluate("document.documentElement.scrollWidth") <= 360

    henk.reload()  # the snapshot agrees with the live events
    expect(by(henk, "connection")).to_have_attribute("data-state", "online")
    year = by(henk, "year").and_(henk.locator('[data-year="2027"]'))
    expect(year.get_by_test_id("year-phase")).to_have_value("2")
    expect(year.get_by_test_id("meaning")).to_have_count(1)


def test_the_review_screen_shows_open_actions_overdue_first_and_follows_live(devices, server):
    console = devices(server).new_page()
    set_up_first_account(console)
    add_group(console)
    code = prepare_evening(console)
    build_plan(console, join_by_code(devices(server, **PHONE), code))
    hand_over(console)
    group_url = console.url.removesuffix("/plans")
    screen = devices(server, viewport={"width": 1280, "height": 720}).new_page()
    screen.context.add_cookies(console.context.cookies())
    screen.goto(group_url + "/plans/screen")
    expect(by(screen, "connection")).to_have_attribute("data-state", "online")
    expect(by(screen, "screen-action")).to_have_count(2)
    expect(by(screen, "screen-action").first).to_have_attribute("data-overdue", "true")
    expect(by(screen, "screen-action").first.get_by_test_id("screen-overdue")).to_be_visible()
    expect(by(screen, "screen-action").first).to_contain_text("Sleutel regelen")
    expect(by(screen, "screen-action").nth(1)).to_have_attribute("data-overdue", "false")

    console.goto(group_url)
    by(console, "invite-role").select_option("member")
    by(console, "create-invite").click()
    fatima = join_group(devices(server, **PHONE), by(console, "new-invite-link").input_value(),
                        "Fatima")
    flyers = by(fatima, "ws-action").filter(has_text="Flyers maken")
    flyers.get_by_test_id("action-status").select_option("gereed")
    expect(by(screen, "screen-action")).to_have_count(1)  # done: off the screen, live
    expect(by(screen, "screen-summary")).to_contain_text("1")
