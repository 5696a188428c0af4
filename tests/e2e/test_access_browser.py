"""Access ending in real browsers, on the real eventlet server: the facilitator invites the
group's first coordinator (copy button, QR code), the coordinator takes the facilitator's
access back from her phone, and the console on the laptop and the projector on the hall's
PC stop showing the evening at once; the projector link is closed.

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
    open_projector,
    prepare_evening,
    set_up_first_account,
)

pytestmark = pytest.mark.e2e


def test_taking_access_back_closes_the_console_and_the_projector(server, devices):
    laptop = devices(server)
    console = laptop.new_page()
    set_up_first_account(console)
    add_group(console)
    group_id = by(console, "group").get_attribute("data-group-id")
    prepare_evening(console)
    hall = devices(server, viewport={"width": 1920, "height": 1080})
    projector = open_projector(hall, console)
    projector_link = projector.url

    group_page = laptop.new_page()
    group_page.goto(f"/g/{group_id}")
    by(group_page, "invite-role").select_option("coordinator")
    by(group_page, "create-invite").click()
    link = by(group_page, "new-invite-link").input_value()
    expect(by(group_page, "invite-qr").locator("svg")).to_be_visible()
    by(group_page, "copy-invite-link").click()
    expect(by(group_page, "copy-status")).not_to_be_empty()

    fatima = devices(server, **PHONE).new_page()
    fatima.goto(link)
    by(fatima, "invite-name").fill("Fatima")
    by(fatima, "invite-passcode").fill("geheim123")
    by(fatima, "invite-passcode-again").fill("geheim123")
    by(fatima, "invite-accept").click()
    expect(fatima).to_have_url(re.compile(rf"/g/{group_id}$"))
    by(fatima, "toggle-grant").click()

    expect(by(projector, "access-closed")).to_be_visible()
    expect(by(projector, "projector-code")).to_have_count(0)
    expect(by(console, "access-closed")).to_be_visible()
    assert projector.request.get(projector_link).status == 410
