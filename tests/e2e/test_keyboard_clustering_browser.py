"""Clustering on the console by keyboard alone (issue 13), in a real browser: after the
console page opens, only `page.keyboard` is used. The "To the cards" skip link brings the
keyboard to the first card in two keys; the arrow keys move between the cards, Space ticks,
C opens the cluster chooser (arrows, Enter, Escape), 0 takes a card out. What the keys did
is checked where the room and the evening keep it: on the projector and in the board's
stored state.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.seed import EveningSeed
from tests.e2e.test_console_steps_browser import paper_cards, room
from tests.e2e.test_live_board_browser import by, facilitator_state  # noqa: F401  (a fixture pytest looks up by name)
from tests.e2e.test_screen_states_browser import text_of

pytestmark = pytest.mark.e2e

CROSSING, LIGHTS, BINS = ("Oversteken bij de school is gevaarlijk", "Meer licht onder het viaduct",
                          "Vuilnis naast de containers")
KEYS_TO_THE_FIRST_CARD = 3  # issue 13: today 18 to 32 Tabs


def focused_card(console: Page):
    """The card that has the keyboard (a locator that waits for it)."""
    return console.locator('[data-testid="console-card"]:focus')


def card_id_of(seed: EveningSeed, text: str) -> str:
    return next(c["id"] for c in seed.board_state().cards.values() if c["text"] == text)


def test_a_facilitator_clusters_cards_with_the_keyboard_only(devices, shared_server, facilitator_state):
    seed = EveningSeed(shared_server)
    paper_cards(seed, [CROSSING, LIGHTS, BINS])
    crossing, lights, bins = (card_id_of(seed, text) for text in (CROSSING, LIGHTS, BINS))
    console, projector = room(devices, shared_server, facilitator_state, seed)
    expect(by(console, "console-card")).to_have_count(3)
    keys = console.keyboard

    # from the top of the page to the first card: count the keys, never the time
    console.evaluate("() => document.activeElement && document.activeElement.blur()")
    presses = 0
    while presses < 40:
        on = console.evaluate("() => document.activeElement.dataset.testid || ''")
        if on == "console-card":
            break
        keys.press("Enter" if on == "skip-to-cards" else "Tab")
        presses += 1
    expect(focused_card(console)).to_have_attribute("data-card-id", crossing)
    assert presses <= KEYS_TO_THE_FIRST_CARD, f"{presses} keys to reach the first card"
    # the wall is one Tab stop: the focused card's own "hide" button, then out of the wall
    assert console.evaluate("""() => [...document.querySelectorAll('[data-testid=console-card]')]
        .filter((c) => c.tabIndex === 0).length""") == 1
    expect(focused_card(console)).to_have_attribute("aria-describedby", "wall-keys-hint")
    expect(by(console, "wall-keys-hint")).to_have_text(text_of(console, "wall.hint"))

    # a cluster of two: tick the first card, go down to the second, C, "New cluster", name it
    keys.press("Space")
    expect(by(console, "console-card").first).to_have_attribute("data-selected", "true")
    keys.press("ArrowDown")
    expect(focused_card(console)).to_have_attribute("data-card-id", lights)
    keys.press("c")
    chooser = by(console, "cluster-chooser")
    expect(chooser).to_be_visible()
    expect(chooser.get_by_test_id("chooser-option").first).to_be_focused()
    expect(chooser.get_by_test_id("chooser-option").first).to_have_attribute("data-target", "new")
    keys.press("Enter")
    expect(by(console, "cluster")).to_have_count(1)
    name = by(console, "cluster").first.get_by_test_id("cluster-name")
    expect(name).to_be_focused()
    keys.type("Veiligheid")
    keys.press("Enter")
    expect(by(console, "cluster").first).to_have_attribute("data-named", "true")
    expect(focused_card(console)).to_have_attribute("data-card-id", lights)  # back on the wall
    cluster = by(console, "cluster").first.get_attribute("data-cluster-id")

    # the third card into it: Left goes to the list before (the loose cards), C, arrows, Enter
    keys.press("ArrowLeft")
    expect(focused_card(console)).to_have_attribute("data-card-id", bins)
    keys.press("c")
    options = by(console, "cluster-chooser").get_by_test_id("chooser-option")
    expect(options).to_have_count(2)  # a new cluster, or "Veiligheid"
    keys.press("ArrowDown")
    expect(options.nth(1)).to_be_focused()
    expect(options.nth(1)).to_have_attribute("data-target", cluster)
    keys.press("Enter")
    expect(by(console, "cluster").first.get_by_test_id("console-card")).to_have_count(3)
    expect(by(console, "cluster-chooser")).to_have_count(0)
    # the keyboard followed its card into the cluster, and the result was said
    expect(focused_card(console)).to_have_attribute("data-card-id", bins)
    expect(console.locator("#announce")).to_have_text(
        text_of(console, "wall.in_cluster.one").replace("%(name)s", "Veiligheid"))

    # Escape closes the chooser and changes nothing
    keys.press("Home")
    expect(focused_card(console)).to_have_attribute("data-card-id", crossing)
    keys.press("Enter")
    expect(by(console, "cluster-chooser")).to_be_visible()
    keys.press("Escape")
    expect(by(console, "cluster-chooser")).to_have_count(0)
    expect(focused_card(console)).to_have_attribute("data-card-id", crossing)

    # one key takes the first card out again
    keys.press("0")
    expect(by(console, "unclustered-cards").get_by_test_id("console-card")).to_have_count(1)
    expect(focused_card(console)).to_have_attribute("data-card-id", crossing)
    expect(by(console, "cluster").first.get_by_test_id("console-card")).to_have_count(2)

    # the room sees it, and the evening keeps it
    shown = projector.locator(f'[data-testid="projector-cluster"][data-cluster-id="{cluster}"]')
    expect(shown.get_by_test_id("projector-cluster-name")).to_have_text("Veiligheid")
    expect(shown.get_by_test_id("cluster-card")).to_have_count(2)
    expect(by(projector, "projector-loose")).to_contain_text(CROSSING)
    state = seed.board_state()
    assert state.clusters[cluster]["name"] == "Veiligheid"
    assert {i: state.cards[i].get("cluster") for i in (crossing, lights, bins)} == {
        crossing: None, lights: cluster, bins: cluster}


def test_number_keys_put_a_card_in_cluster_n_and_say_when_there_is_none(
        devices, shared_server, facilitator_state):
    seed = EveningSeed(shared_server)
    first, second = seed.clusters(["Verkeer", "Groen"])
    paper_cards(seed, [BINS])
    bins = card_id_of(seed, BINS)
    console, _projector = room(devices, shared_server, facilitator_state, seed)
    expect(by(console, "cluster-key")).to_have_count(2)  # each cluster shows its key
    console.evaluate("() => document.activeElement && document.activeElement.blur()")
    console.keyboard.press("Tab")
    expect(by(console, "skip-to-cards")).to_be_focused()
    console.keyboard.press("Enter")
    expect(focused_card(console)).to_have_attribute("data-card-id", bins)  # the loose list is first

    console.keyboard.press("7")
    expect(by(console, "console-status")).to_have_text(
        text_of(console, "wall.no_cluster").replace("%(number)s", "7"))
    console.keyboard.press("2")
    expect(console.locator(f'[data-testid="cluster"][data-cluster-id="{second}"]')
           .get_by_test_id("console-card")).to_have_count(2)
    expect(focused_card(console)).to_have_attribute("data-card-id", bins)
    console.keyboard.press("1")
    expect(console.locator(f'[data-testid="cluster"][data-cluster-id="{first}"]')
           .get_by_test_id("console-card")).to_have_count(2)
    assert seed.board_state().cards[bins]["cluster"] == first
