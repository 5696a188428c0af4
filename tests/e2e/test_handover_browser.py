"""The hand-over in real browsers, as a facilitator does it at the end of an evening: the
"Close the evening" control appears only on the last step, the confirmation page counts
what goes over, the resident's phone then shows the closed evening, and taking the
hand-over back opens the evening again on the phone.

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
from tests.e2e.test_reducers import REDUCE, page, static_url  # noqa: F401  (fixtures)
from tests.e2e.test_workspace_browser import build_plan, command

pytestmark = pytest.mark.e2e


def test_the_facilitator_closes_the_evening_at_its_end_and_can_take_it_back(devices, server):
    console = devices(server).new_page()
    set_up_first_account(console)
    add_group(console)
    code = prepare_evening(console)
    evening_url = console.url
    phone = join_by_code(devices(server, **PHONE), code)
    expect(by(console, "step-count")).not_to_be_empty()
    expect(by(console, "hand-over")).to_be_hidden()  # not from the first minute
    command(console, "go_to_step", step=3)
    expect(by(console, "step-item").nth(3)).to_have_attribute("aria-current", "step")
    expect(by(console, "hand-over")).to_be_hidden()

    build_plan(console, phone)  # ends on the last step with a plan of two actions
    expect(by(console, "hand-over")).to_be_visible()
    by(console, "hand-over").click()
    expect(console).to_have_url(re.compile(r"/console/w/\d+/hand-over$"))
    expect(by(console, "handover-plans")).to_contain_text("1")
    expect(by(console, "handover-actions")).to_contain_text("2")
    by(console, "hand-over-back").click()  # "Back" hands nothing over
    expect(console).to_have_url(re.compile(r"/console/w/\d+$"))
    expect(by(phone, "evening-closed")).to_be_hidden()

    by(console, "hand-over").click()
    by(console, "confirm-hand-over").click()
    expect(console).to_have_url(re.compile(r"/g/\d+/plans$"))
    expect(by(console, "ws-action")).to_have_count(2)
    expect(by(phone, "evening-closed")).to_be_visible()  # live, without a reload
    expect(by(phone, "plan-panel")).to_be_hidden()

    console.goto(evening_url)
    expect(by(console, "evening-closed")).to_be_visible()
    expect(by(console, "hand-over")).to_have_count(0)
    by(console, "take-back").click()
    expect(by(console, "console-notice")).to_be_visible()
    expect(by(console, "evening-closed")).to_have_count(0)
    expect(by(phone, "evening-closed")).to_be_hidden()
    expect(by(phone, "plan-panel")).to_be_visible()
    expect(by(console, "connection")).to_have_attribute("data-state", "online")
    for open_page in (console, phone):
        open_page.close()  # before the server stops, so no request of theirs is cut off


def test_the_evening_reducers_close_and_reopen(page):  # noqa: F811
    state = {"step": 5, "input_open": True, "handed_over": None,
             "timer": {"running": True, "remaining_ms": 1, "ends_at": 9}}
    closed = {"handed_over": {"group": "Raad", "by": "Anna", "at": 1, "plans": 1,
                              "actions": 2},
              "input_open": False, "timer": {"running": False, "remaining_ms": 5,
                                             "ends_at": None}}
    after = page.evaluate(REDUCE, [state, "evening_closed", closed, False])
    assert after["handed_over"]["group"] == "Raad" and after["input_open"] is False
    assert after["timer"]["running"] is False
    again = page.evaluate(REDUCE, [after, "evening_reopened", {"handed_over": None}, False])
    assert again["handed_over"] is None
