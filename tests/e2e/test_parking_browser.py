"""The parking lot in real browsers: a resident parks a question from a 320 px phone, the
console answers it (the phone shows the answer) and marks it for later, the projector
shows nothing of it, and after the hand-over the group's workspace and its print list it
as an open point. The reducers and the console's order are checked on their own below.

Elements are found by data-testid, never by their (translated) text.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_live_board_browser import (  # noqa: F401  (fixtures)
    Evening,
    by,
    evening,
    facilitator_state,
    join_by_code,
)
from tests.e2e.test_reducers import REDUCE, page, static_url  # noqa: F401  (fixtures)
from tests.e2e.test_workspace_browser import build_plan, hand_over

pytestmark = pytest.mark.e2e

NARROW_PHONE = {"viewport": {"width": 320, "height": 568}, "has_touch": True, "is_mobile": True}
QUESTION = "Wanneer wordt de stoep bij de school eindelijk gemaakt?"
ANSWER = "Navragen bij de gemeente"


def park(phone: Page, text: str) -> None:
    """Open the phone's parking sheet with one tap and park `text`."""
    if by(phone, "park-sheet").get_attribute("open") is None:
        by(phone, "park-open").tap()
    by(phone, "park-text").fill(text)
    by(phone, "park-send").tap()


def parked_on_console(console: Page, text: str):
    return by(console, "park-item").filter(has_text=text)


def test_a_parked_question_is_answered_marked_for_later_and_reaches_the_workspace(
        evening: Evening):  # noqa: F811
    console, projector = evening.console, evening.projector
    phone = join_by_code(evening.new_device(**NARROW_PHONE), evening.code)
    park(phone, QUESTION)  # the first step, input closed: parking still works
    mine = by(phone, "park-mine-item").filter(has_text=QUESTION)
    expect(mine).to_have_attribute("data-status", "open")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320  # no sideways scroll

    item = parked_on_console(console, QUESTION)
    expect(item).to_have_attribute("data-status", "open")
    expect(by(console, "park-open-count")).not_to_be_empty()
    item.get_by_test_id("park-answer").click()
    item.get_by_test_id("park-answer-text").fill(ANSWER)
    item.get_by_test_id("park-save-answer").click()
    expect(mine.get_by_test_id("park-answer")).to_contain_text(ANSWER)  # live on the phone
    item.get_by_test_id("park-later").click()
    expect(mine).to_have_attribute("data-status", "later")
    expect(item.get_by_test_id("park-later")).to_be_disabled()
    expect(projector.get_by_text(QUESTION)).to_have_count(0)  # the wall belongs to the step

    build_plan(console, phone)  # ends on the last step with a plan
    hand_over(console)
    point = by(console, "open-point").filter(has_text=QUESTION)
    expect(point).to_have_count(1)
    expect(point).to_contain_text(ANSWER)
    console.goto(re.sub(r"/plans$", "/plans/print", console.url))
    expect(by(console, "print-open-point").filter(has_text=QUESTION)).to_have_count(1)
    for open_page in (console, projector, phone):
        open_page.close()  # before the server stops, so no request of theirs is cut off


def test_a_hidden_parked_item_leaves_public_screens_and_stays_on_the_console(
        evening: Evening):  # noqa: F811
    console = evening.console
    phone, other = evening.phone(), evening.phone()
    park(phone, "Een vervelende opmerking over de buren")
    item = parked_on_console(console, "vervelende")
    item.get_by_test_id("park-hide").click()
    expect(item).to_have_attribute("data-hidden", "true")
    expect(by(phone, "park-mine-item")).to_have_count(0)  # hidden: not even its writer
    other.reload()
    expect(by(other, "connection")).to_have_attribute("data-state", "online")
    expect(other.get_by_text("vervelende")).to_have_count(0)
    item.get_by_test_id("park-hide").click()  # shown again
    expect(item).to_have_attribute("data-hidden", "false")
    expect(by(phone, "park-mine-item")).to_have_count(1)
    for open_page in (console, evening.projector, phone, other):
        open_page.close()


def parked(pid, status="open", **extra):
    return {"id": pid, "step": 0, "text": f"text {pid}", "origin": "phone", "status": status,
            "answer": "", "publish": None, **extra}


def test_the_reducers_add_update_hide_and_show_parked_items(page):  # noqa: F811
    state = {"parked": [{**parked("q1"), "mine": True}]}
    state = page.evaluate(REDUCE, [state, "item_parked", {"parked": parked("q2")}, False])
    assert [p["id"] for p in state["parked"]] == ["q1", "q2"]
    state = page.evaluate(REDUCE, [state, "parked_updated",
                                   {"parked": parked("q1", "answered", answer="Ja")}, False])
    assert state["parked"][0]["answer"] == "Ja" and state["parked"][0]["mine"] is True
    # the public hears only the id of a change to a hidden item: nothing changes
    assert page.evaluate(REDUCE, [state, "parked_updated", {"parked_id": "q2"}, False]) == state
    public = page.evaluate(REDUCE, [state, "parked_hidden", {"parked_id": "q2"}, False])
    assert [p["id"] for p in public["parked"]] == ["q1"]
    staff = page.evaluate(REDUCE, [state, "parked_hidden", {"parked_id": "q2"}, True])
    assert staff["parked"][1]["hidden"] is True
    shown = page.evaluate(REDUCE, [public, "parked_unhidden", {"parked": parked("q2")}, False])
    assert [p["id"] for p in shown["parked"]] == ["q1", "q2"]
    older = page.evaluate(REDUCE, [{}, "item_parked", {"parked": parked("q3")}, False])
    assert [p["id"] for p in older["parked"]] == ["q3"]  # a state without a parking lot yet


LOT = """async (items) => {
  const { parkingLot } = await import("/js/selectors/parking.js");
  return parkingLot({ parked: items }).map((p) => p.id);
}"""


def test_the_console_lists_open_items_first_newest_first(page):  # noqa: F811
    items = [parked("q1", "closed"), parked("q2"), parked("q3", "later"), parked("q4"),
             parked("q5", "answered")]
    assert page.evaluate(LOT, items) == ["q4", "q2", "q5", "q3", "q1"]
