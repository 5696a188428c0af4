"""Two residents edit the same field of a plan on their phones at the same time, in
chromium against the real server. Both start typing from the same version of the field;
the first to send wins; the second phone is told someone else changed it first
(`superseded`), sees what the field says now, keeps its own text, and can send that
again with "use my text". The protocol's rule: docs/protocol.md, "Concurrent edits";
the phone's side: static/js/views/phone/field.js.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.seed import EveningSeed
from tests.e2e.test_live_board_browser import by, facilitator_state  # noqa: F401  (fixture)

pytestmark = pytest.mark.e2e

PHONE_PLAN = {"viewport": {"width": 360, "height": 740}, "has_touch": True, "is_mobile": True}
FIRST = "Elke dinsdag open, met koffie"
SECOND = "Een keer per maand, op zaterdag"


def open_phone(devices, server, seed: EveningSeed) -> Page:
    phone = devices(server, **PHONE_PLAN).new_page()
    phone.goto(f"/j/{seed.code}")
    by(phone, "join-board-submit").click()
    expect(by(phone, "connection")).to_have_attribute("data-state", "online")
    expect(by(phone, "plan-panel")).to_be_visible()
    return phone


def test_the_second_phone_is_told_its_edit_was_overtaken_and_keeps_its_text(
        devices, shared_server, facilitator_state):  # noqa: F811
    seed = EveningSeed(shared_server, format_slug="quick-start")
    seed.promote(["Een plek om samen te eten"])
    seed.step(1)
    [challenge] = [r for r in seed.board_state().results.values() if r["type"] == "challenge"]
    plan_id = seed.run("create_plan", source_id=challenge["id"])["plan_id"]
    seed.run("open_input")
    fatima, karim = open_phone(devices, shared_server, seed), open_phone(devices, shared_server, seed)
    goal = {phone: by(phone, "plan-field-goal") for phone in (fatima, karim)}

    # both start on the same version of the field
    for phone in (fatima, karim):
        goal[phone].click()
    goal[fatima].fill(FIRST)
    goal[fatima].press("Tab")
    expect(goal[karim]).to_have_value("")  # Karim is typing: his box is not overwritten
    goal[karim].fill(SECOND)
    goal[karim].press("Tab")

    conflict = karim.locator("#" + goal[karim].get_attribute("id") + "-problem")
    expect(conflict).to_be_visible()
    expect(conflict.get_by_test_id("field-now")).to_contain_text(FIRST)
    expect(conflict.get_by_test_id("field-mine")).to_contain_text(SECOND)
    expect(goal[karim]).to_have_value(FIRST)  # the box shows what the plan says now
    expect(goal[fatima]).to_have_value(FIRST)
    stored = seed.board_state().plans[plan_id]["fields"]["goal"]
    assert stored["value"] == FIRST and stored["v"] == 1, stored

    # Karim chooses his own text after all: it goes out on the new version and wins
    conflict.get_by_test_id("use-my-text").click()
    expect(conflict).to_be_hidden()
    expect(goal[fatima]).to_have_value(SECOND)
    expect(goal[karim]).to_have_value(SECOND)
    # and what he types on starts from his own edit, not from the one it replaced
    goal[karim].fill(SECOND + " en zondag")
    goal[karim].press("Tab")
    expect(goal[fatima]).to_have_value(SECOND + " en zondag")
    expect(conflict).to_be_hidden()
    assert seed.board_state().plans[plan_id]["fields"]["goal"]["v"] == 3
