"""A new phone joins on the board's own page, in real chromium (issue 13, a slow line).

While the resident reads the name form, the board's scripts have loaded and run; "Doe
mee" asks for the token with one request and the board appears in the same document (no
second page, no second start of the scripts). A tap with no connection says so and can
be tried again; two quick taps join once.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, Route, expect

from tests.e2e.test_live_board_browser import (  # noqa: F401  (fixtures pytest looks up by name)
    PHONE,
    by,
    evening,
    facilitator_state,
    open_input,
    send_card,
)

pytestmark = pytest.mark.e2e


def ran_scripts(page: Page) -> set[str]:
    return set(page.evaluate("""() => performance.getEntriesByType("resource")
        .map((e) => new URL(e.name).pathname).filter((p) => p.endsWith(".js"))"""))


def test_the_board_is_ready_behind_the_name_form_and_appears_without_a_second_page(evening):
    phone = evening.new_device(**PHONE).new_page()
    phone.goto(f"/j/{evening.code}")
    expect(by(phone, "join-form")).to_be_visible()
    expect(by(phone, "phone")).to_be_hidden()
    # the resident reads: meanwhile the phone's own view has loaded
    phone.wait_for_function("""() => performance.getEntriesByType("resource")
        .some((e) => e.name.endsWith("/js/views/phone/start.js"))""")
    phone.evaluate("window.sameDocument = true")
    by(phone, "display-name").fill("Fatima")
    by(phone, "join-board-submit").click()
    expect(by(phone, "phone")).to_be_visible()
    expect(by(phone, "connection")).to_have_attribute("data-state", "online")
    expect(by(phone, "join-form")).to_have_count(0)
    assert phone.evaluate("window.sameDocument") is True  # no second page was loaded
    expect(by(phone, "step-question")).to_be_focused()
    # the vote, the plan editor and "what we chose before" arrive after the board
    expect(by(phone, "phone")).to_have_attribute("data-parts", "ready")
    assert any(path.endswith("/js/views/phone/start.js") for path in ran_scripts(phone))
    open_input(evening.console, phone)
    send_card(phone, "Een bankje bij de bushalte")
    expect(by(phone, "my-card").filter(has_text="Een bankje bij de bushalte")) \
        .to_have_attribute("data-state", "sent")
    # a reload knows the phone: the board at once, no form
    phone.reload()
    expect(by(phone, "connection")).to_have_attribute("data-state", "online")
    expect(by(phone, "join-form")).to_have_count(0)


def test_a_tap_without_connection_says_so_and_the_next_tap_joins(evening):
    context = evening.new_device(**PHONE)
    phone = context.new_page()
    phone.goto(f"/j/{evening.code}")
    phone.wait_for_load_state("networkidle")
    context.set_offline(True)
    by(phone, "join-board-submit").click()
    expect(by(phone, "form-error")).to_contain_text("Geen verbinding met de avond")
    expect(by(phone, "join-board-submit")).to_have_text("Doe mee")
    expect(by(phone, "phone")).to_be_hidden()
    context.set_offline(False)
    by(phone, "join-board-submit").click()
    expect(by(phone, "connection")).to_have_attribute("data-state", "online")
    expect(by(phone, "form-error")).to_have_count(0)


def test_two_quick_taps_send_one_request(evening):
    phone = evening.new_device(**PHONE).new_page()
    posts: list[Route] = []

    def hold(route: Route) -> None:
        if route.request.method == "POST":
            posts.append(route)  # held until both taps are in
        else:
            route.continue_()

    phone.route(f"**/j/{evening.code}*", hold)
    phone.goto(f"/j/{evening.code}")
    phone.wait_for_load_state("networkidle")
    by(phone, "join-board-submit").click()
    expect(by(phone, "join-board-submit")).to_have_attribute("aria-disabled", "true")
    by(phone, "join-board-submit").click(force=True)  # a thumb does not wait for the state
    phone.wait_for_timeout(300)
    assert len(posts) == 1
    posts[0].continue_()
    expect(by(phone, "connection")).to_have_attribute("data-state", "online")
    assert len(posts) == 1
