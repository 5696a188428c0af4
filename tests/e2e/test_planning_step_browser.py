"""One whole planning step in real browsers, as on the evening the issue describes: the
facilitator's console, the projector and two residents' phones go through the trends step:
cards with a kind -> clusters -> a hidden dot vote -> the reveal -> promoting the top
cluster, which the next step shows as "what we chose before".

Elements are found by data-testid (and the names the facilitator typed), never by
translated text. The server, the facilitator account and the devices come from the
live-board tests' fixtures.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_live_board_browser import by, evening, facilitator_state, open_input  # noqa: F401  (fixtures pytest looks up by name)

pytestmark = pytest.mark.e2e

KIDS = "Meer kinderen, te weinig ruimte"
SHOPS = "Voorzieningen verdwijnen"
CARDS = {  # phone -> [(kind, text)]
    0: [("rising", "Meer jonge gezinnen in de buurt"), ("falling", "Minder winkels op het plein")],
    1: [("rising", "Steeds meer drukte op de speelplekken"), ("falling", "De bibliotheek is dicht")],
}
# two phones, budget 3, at most 2 on one item: kids 2 + 2 = 4, shops 1 + 0 = 1
BALLOTS = [{KIDS: 2, SHOPS: 1}, {KIDS: 2}]
TOTALS = {KIDS: 4, SHOPS: 1}


def send_kind_card(phone: Page, kind: str, text: str) -> None:
    phone.locator(f'[data-testid="kind-option"][data-kind="{kind}"]').click()
    by(phone, "card-text").fill(text)
    by(phone, "send-card").click()
    expect(by(phone, "my-card").filter(has_text=text)).to_have_attribute("data-state", "sent")


def console_card(console: Page, text: str):
    return by(console, "console-card").filter(has_text=text)


def make_cluster(console: Page, texts: list[str], name: str) -> str:
    """Tick the cards, "Make a cluster", type its name; returns the cluster's id."""
    for text in texts:
        console_card(console, text).get_by_test_id("select-card").check()
    before = by(console, "cluster").count()
    by(console, "make-cluster").click()
    expect(by(console, "cluster")).to_have_count(before + 1)
    cluster = by(console, "cluster").nth(before)
    field = cluster.get_by_test_id("cluster-name")
    expect(field).to_be_focused()
    field.fill(name)
    field.press("Enter")
    expect(cluster).to_have_attribute("data-named", "true")
    expect(cluster.get_by_test_id("console-card")).to_have_count(len(texts))
    return cluster.get_attribute("data-cluster-id")


def vote(phone: Page, ids: dict[str, str], ballot: dict[str, int]) -> None:
    expect(by(phone, "vote-item")).to_have_count(len(ids))
    for name, dots in ballot.items():
        item = phone.locator(f'[data-testid="vote-item"][data-item-id="{ids[name]}"]')
        for _ in range(dots):
            item.get_by_test_id("dot-plus").click()
        expect(item).to_have_attribute("data-dots", str(dots))
    by(phone, "vote-send").click()
    expect(by(phone, "vote-status")).to_have_attribute("data-state", "in")


def test_one_planning_step_from_cards_to_the_chosen_trend(evening):
    console, projector = evening.console, evening.projector
    phones = [evening.phone("Fatima"), evening.phone()]
    expect(by(projector, "participants")).to_have_attribute("data-count", "2")

    # cards: the facilitator opens input on the trends step, the phones send cards with a kind
    open_input(console)
    for index, phone in enumerate(phones):
        expect(by(phone, "input-state")).to_have_attribute("data-state", "open")
        for kind, text in CARDS[index]:
            send_kind_card(phone, kind, text)
    expect(by(console, "console-card")).to_have_count(4)

    # cluster: two named clusters on the console, shown on the projector
    ids = {KIDS: make_cluster(console, ["jonge gezinnen", "speelplekken"], KIDS),
           SHOPS: make_cluster(console, ["winkels", "bibliotheek"], SHOPS)}
    expect(by(projector, "projector-cluster")).to_have_count(2)
    for name, cluster_id in ids.items():
        shown = projector.locator(f'[data-testid="projector-cluster"][data-cluster-id="{cluster_id}"]')
        expect(shown.get_by_test_id("projector-cluster-name")).to_have_text(name)
        expect(shown.get_by_test_id("cluster-card")).to_have_count(2)

    # vote: opened on the console, dots placed and sent on the phones
    by(console, "open-vote").click()
    expect(by(console, "reveal-votes")).to_be_visible()
    expect(by(console, "vote-count")).to_have_attribute("data-voters", "0")
    expect(by(projector, "projector-vote-item")).to_have_count(2)
    for phone, ballot in zip(phones, BALLOTS, strict=False):
        vote(phone, ids, ballot)

    # while the vote is open: how many voted, and no dot totals anywhere
    expect(by(console, "vote-count")).to_have_attribute("data-voters", "2")
    expect(by(projector, "vote-voters")).to_have_attribute("data-count", "2")
    expect(by(projector, "result-bar")).to_have_count(0)
    expect(projector.locator("[data-dots]")).to_have_count(0)
    expect(by(console, "vote-result")).to_have_count(0)
    for phone in phones:
        expect(by(phone, "phone-result-bar")).to_have_count(0)
        expect(by(phone, "vote-result")).to_have_count(0)
        expect(by(phone, "vote-panel")).to_have_attribute("data-state", "open")
        expect(by(phone, "phone-vote-voters")).to_have_attribute("data-count", "2")
    # the whole text, hidden elements included; after the reveal the tallies' own words are
    # known, and none of them may have been on a page before
    projector_text = projector.locator("body").text_content()
    phone_texts = [phone.locator("body").text_content() for phone in phones]

    # reveal: the bar chart on the projector, most dots first, with the right numbers
    by(console, "reveal-votes").click()
    bars = by(projector, "result-bar")
    expect(bars).to_have_count(2)
    for rank, name in enumerate((KIDS, SHOPS)):
        expect(bars.nth(rank)).to_have_attribute("data-item-id", ids[name])
        expect(bars.nth(rank)).to_have_attribute("data-dots", str(TOTALS[name]))
        expect(bars.nth(rank)).to_contain_text(name)
        expect(bars.nth(rank).get_by_test_id("result-bar-value")).to_contain_text(str(TOTALS[name]))
    expect(by(console, "vote-result")).to_have_count(2)
    for bar in bars.all():
        value = bar.get_by_test_id("result-bar-value").inner_text()
        assert value not in projector_text, f"{value!r} was on the projector before the reveal"
    for phone, before in zip(phones, phone_texts, strict=False):
        phone_bars = by(phone, "phone-result-bar")
        expect(phone_bars).to_have_count(2)
        expect(phone_bars.first).to_have_attribute("data-dots", str(TOTALS[KIDS]))
        top = phone_bars.first.locator(".bar-value").inner_text()
        assert top not in before, f"{top!r} was on a phone before the reveal"

    # promote the top cluster
    checks = by(console, "promote-check")
    expect(checks).to_have_count(2)
    for name in (KIDS, SHOPS):
        box = by(console, "promote-list").locator("li", has_text=name).get_by_test_id("promote-check")
        box.set_checked(name == KIDS)
    by(console, "promote-selected").click()
    expect(by(console, "result")).to_have_count(1)
    result = by(console, "result").first
    expect(result).to_have_attribute("data-type", "trend")
    expect(result.get_by_test_id("result-title")).to_have_value(KIDS)

    # the next step shows what we chose, on the projector and on the phones
    question = by(console, "step-question").inner_text()
    by(console, "next-step").click()
    expect(by(console, "step-question")).not_to_have_text(question)
    expect(by(console, "context-result")).to_have_count(1)
    expect(by(console, "context-result")).to_contain_text(KIDS)
    expect(by(projector, "projector-context")).to_be_visible()
    expect(by(projector, "projector-before-result")).to_have_count(1)
    expect(by(projector, "projector-before-result")).to_contain_text(KIDS)
    for phone in phones:
        expect(by(phone, "step-question")).to_have_text(by(console, "step-question").inner_text())
        expect(by(phone, "before-panel")).to_be_visible()
        by(phone, "before-panel").locator("summary").click()
        expect(by(phone, "before-result")).to_have_count(1)
        expect(by(phone, "before-result")).to_be_visible()
        expect(by(phone, "before-result")).to_contain_text(KIDS)
