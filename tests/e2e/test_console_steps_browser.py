"""The console's step work in real browsers, each asserting what the room sees: clustering
(make, move a card, rename, split, merge, undo), the impact x effort matrix (placing by a
row's selects, the equity question), promoting clusters and editing or removing a result,
and a phone editing a project plan (a field, adding and removing an action).

These pin the behaviour of the console's and the phone's widgets before they are split
into smaller parts (issue 10). Each test prepares an evening of its own on the module's
shared server (tests/e2e/seed.py), opens the pages afterwards and then acts through the
page's own controls. Elements are found by data-testid, never by their translated text.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.seed import EveningSeed
from tests.e2e.test_live_board_browser import PROJECTOR, by, facilitator_state, open_projector  # noqa: F401  (fixtures pytest looks up by name)
from tests.e2e.test_screen_states_browser import open_console, open_phone

pytestmark = pytest.mark.e2e


def console_card(console: Page, text: str):
    return by(console, "console-card").filter(has_text=text)


def tick(console: Page, *texts: str) -> None:
    for text in texts:
        console_card(console, text).get_by_test_id("select-card").check()


def cluster_on(page: Page, testid: str, cluster_id: str):
    return page.locator(f'[data-testid="{testid}"][data-cluster-id="{cluster_id}"]')


def paper_cards(seed: EveningSeed, texts: list[str]) -> None:
    for text in texts:
        seed.run("add_paper_card", text=text, kind=seed._kind())


def room(devices, server, state, seed: EveningSeed) -> tuple[Page, Page]:
    """The console and the projector on the seeded evening."""
    console = open_console(devices, server, state, seed)
    projector = open_projector(devices(server, viewport=PROJECTOR), console)
    return console, projector


# --- clustering --------------------------------------------------------------------

BENCHES, SQUARE, PLAYGROUND, SWINGS = ("Bankjes langs het kanaal", "Meer bankjes op het plein",
                                       "Speelplek voor de kleintjes", "Schommels in het park")


def assert_projector_clusters(projector: Page, expected: dict[str, tuple[str | None, int]]) -> None:
    """`expected`: cluster id -> (its name, or None when unnamed; how many cards)."""
    expect(by(projector, "projector-cluster")).to_have_count(len(expected))
    for cluster_id, (name, cards) in expected.items():
        shown = cluster_on(projector, "projector-cluster", cluster_id)
        if name is not None:
            expect(shown.get_by_test_id("projector-cluster-name")).to_have_text(name)
        expect(shown.get_by_test_id("cluster-card")).to_have_count(cards)


def test_clusters_made_moved_renamed_split_merged_and_undone_on_the_console_reach_the_projector(
        devices, shared_server, facilitator_state):
    seed = EveningSeed(shared_server)
    paper_cards(seed, [BENCHES, SQUARE, PLAYGROUND, SWINGS])
    console, projector = room(devices, shared_server, facilitator_state, seed)
    expect(by(console, "console-card")).to_have_count(4)
    clusters = by(console, "cluster")

    # make: tick three cards, "Make a cluster", type its name
    tick(console, BENCHES, SQUARE, PLAYGROUND)
    by(console, "make-cluster").click()
    expect(clusters).to_have_count(1)
    name = clusters.first.get_by_test_id("cluster-name")
    expect(name).to_be_focused()
    name.fill("Zitten")
    name.press("Enter")
    expect(clusters.first).to_have_attribute("data-named", "true")
    sitting = clusters.first.get_attribute("data-cluster-id")
    tick(console, SWINGS)
    by(console, "make-cluster").click()
    expect(clusters).to_have_count(2)
    name = clusters.nth(1).get_by_test_id("cluster-name")
    expect(name).to_be_focused()
    name.fill("Spelen")
    name.press("Enter")
    expect(clusters.nth(1)).to_have_attribute("data-named", "true")
    playing = clusters.nth(1).get_attribute("data-cluster-id")
    assert_projector_clusters(projector, {sitting: ("Zitten", 3), playing: ("Spelen", 1)})

    # move a card with the toolbar's "Move to"
    tick(console, PLAYGROUND)
    by(console, "move-target").select_option(playing)
    by(console, "move-selected").click()
    expect(cluster_on(console, "cluster", playing).get_by_test_id("console-card")).to_have_count(2)
    assert_projector_clusters(projector, {sitting: ("Zitten", 2), playing: ("Spelen", 2)})
    expect(cluster_on(projector, "projector-cluster", playing)).to_contain_text(PLAYGROUND)

    # rename inline
    name = cluster_on(console, "cluster", sitting).get_by_test_id("cluster-name")
    name.fill("Zitten en rusten")
    name.press("Enter")
    assert_projector_clusters(projector, {sitting: ("Zitten en rusten", 2), playing: ("Spelen", 2)})

    # split a card off into a cluster of its own
    tick(console, SQUARE)
    by(console, "split-off").click()
    expect(clusters).to_have_count(3)
    expect(by(projector, "projector-cluster")).to_have_count(3)
    split = [c for c in (k.get_attribute("data-cluster-id") for k in clusters.all())
             if c not in (sitting, playing)][0]
    assert_projector_clusters(projector, {sitting: ("Zitten en rusten", 1), playing: ("Spelen", 2),
                                          split: (None, 1)})
    expect(cluster_on(projector, "projector-cluster", split)).to_contain_text(SQUARE)

    # merge the split-off cluster back into the first
    box = cluster_on(console, "cluster", split)
    box.get_by_test_id("merge-target").select_option(sitting)
    box.get_by_test_id("merge-cluster").click()
    expect(clusters).to_have_count(2)
    assert_projector_clusters(projector, {sitting: ("Zitten en rusten", 2), playing: ("Spelen", 2)})

    # undo takes the merge back
    by(console, "undo-clustering").click()
    expect(clusters).to_have_count(3)
    assert_projector_clusters(projector, {sitting: ("Zitten en rusten", 1), playing: ("Spelen", 2),
                                          split: (None, 1)})


# --- the matrix ----------------------------------------------------------------------

ROOF, BUS = "Groen dak op de school", "Een buurtbus"


def test_a_cluster_placed_by_its_rows_selects_and_its_equity_answer_reach_the_projector(
        devices, shared_server, facilitator_state):
    seed = EveningSeed(shared_server)
    seed.step(4)  # strategies: cards, clusters, the matrix with the equity question
    roof, bus = seed.clusters([ROOF, BUS])
    console, projector = room(devices, shared_server, facilitator_state, seed)
    row = cluster_on(console, "matrix-row", roof)
    expect(row).to_be_visible()
    expect(by(projector, "projector-matrix-item")).to_have_count(0)

    # high impact, little effort: a quick win, on the console's row and on the wall
    row.get_by_test_id("matrix-impact").select_option("5")
    row.get_by_test_id("matrix-effort").select_option("1")
    expect(row.get_by_test_id("matrix-quadrant")).to_have_attribute("data-quadrant", "quick_wins")
    chip = cluster_on(projector, "projector-matrix-item", roof)
    expect(chip).to_have_attribute("data-impact", "5")
    expect(chip).to_have_attribute("data-effort", "1")
    quick_wins = projector.locator('[data-testid="projector-matrix-quadrant"][data-quadrant="quick_wins"]')
    expect(quick_wins.locator(f'[data-cluster-id="{roof}"]')).to_have_count(1)
    expect(by(projector, "matrix-unplaced")).to_contain_text(BUS)

    # the equity question: "yes" marks the chip on the wall, "no" takes the mark off
    expect(chip.locator(".matrix-equity")).to_have_count(0)
    row.get_by_test_id("equity-yes").check()
    expect(chip.locator(".matrix-equity")).to_have_count(1)
    row.get_by_test_id("equity-note").fill("Ook voor wie slecht ter been is")
    row.get_by_test_id("equity-note").press("Tab")
    row.get_by_test_id("equity-no").check()
    expect(chip.locator(".matrix-equity")).to_have_count(0)
    assert seed.board_state().clusters[roof]["equity"] == {
        "helps_least_heard": False, "note": "Ook voor wie slecht ter been is"}

    # moved by the selects again: the chip moves quadrant
    row.get_by_test_id("matrix-effort").select_option("5")
    expect(row.get_by_test_id("matrix-quadrant")).to_have_attribute("data-quadrant", "major_projects")
    majors = projector.locator('[data-testid="projector-matrix-quadrant"][data-quadrant="major_projects"]')
    expect(majors.locator(f'[data-cluster-id="{roof}"]')).to_have_count(1)



def test_half_a_place_chosen_in_a_row_survives_the_room_moving_on_before_the_second_select(
        devices, shared_server, facilitator_state):
    """The facilitator picks the impact, then something else happens on the board (here
    the console opens input; in a hall a phone joins) before they pick the effort: the
    impact they chose is still there, and the cluster lands in its quadrant."""
    seed = EveningSeed(shared_server)
    seed.step(4)
    roof, _bus = seed.clusters([ROOF, BUS])
    console, projector = room(devices, shared_server, facilitator_state, seed)
    row = cluster_on(console, "matrix-row", roof)
    row.get_by_test_id("matrix-impact").select_option("5")
    by(console, "toggle-input").click()  # an event arrives and the console draws again
    expect(by(console, "input-state")).to_have_attribute("data-state", "open")
    expect(row.get_by_test_id("matrix-impact")).to_have_value("5")
    row.get_by_test_id("matrix-effort").select_option("1")
    expect(row.get_by_test_id("matrix-quadrant")).to_have_attribute("data-quadrant", "quick_wins")
    chip = cluster_on(projector, "projector-matrix-item", roof)
    expect(chip).to_have_attribute("data-impact", "5")

# --- promoting, editing and removing results -----------------------------------------

KIDS, SHOPS = "Meer kinderen, te weinig ruimte", "Voorzieningen verdwijnen"


def test_promoted_results_edited_and_removed_on_the_console_are_what_the_next_step_shows(
        devices, shared_server, facilitator_state):
    seed = EveningSeed(shared_server)
    seed.clusters([KIDS, SHOPS])
    console, projector = room(devices, shared_server, facilitator_state, seed)
    phone = open_phone(devices, shared_server, seed)

    for name in (KIDS, SHOPS):
        by(console, "promote-list").locator("li", has_text=name).get_by_test_id("promote-check").check()
    by(console, "promote-selected").click()
    results = by(console, "result")
    expect(results).to_have_count(2)
    expect(by(console, "promote-list").locator('li[data-promoted="true"]')).to_have_count(2)

    # edit one title, remove the other (after the confirmation)
    titles = [r.get_by_test_id("result-title") for r in results.all()]
    [kids] = [t for t in titles if t.input_value() == KIDS]
    [shops] = [r for r in results.all() if r.get_by_test_id("result-title").input_value() == SHOPS]
    kids.fill("Te weinig ruimte om te spelen")
    kids.press("Enter")
    shops.get_by_test_id("remove-result").click()
    shops.get_by_test_id("remove-result-yes").click()
    expect(results).to_have_count(1)
    expect(results.first.get_by_test_id("result-title")).to_have_value("Te weinig ruimte om te spelen")

    # the next step shows what was kept, as edited, on the projector and the phone
    by(console, "next-step").click()
    expect(by(console, "context-result")).to_have_count(1)
    expect(by(projector, "projector-before-result")).to_have_count(1)
    expect(by(projector, "projector-before-result")).to_contain_text("Te weinig ruimte om te spelen")
    by(phone, "before-panel").locator("summary").click()
    expect(by(phone, "before-result")).to_have_count(1)
    expect(by(phone, "before-result")).to_contain_text("Te weinig ruimte om te spelen")


# --- a phone edits a plan --------------------------------------------------------------

PHONE_PLAN = {"viewport": {"width": 360, "height": 740}, "has_touch": True, "is_mobile": True}


def test_a_phone_edits_a_plans_field_adds_and_removes_an_action_and_the_room_sees_it(
        devices, shared_server, facilitator_state):
    seed = EveningSeed(shared_server, format_slug="quick-start")
    seed.promote(["Veilig oversteken bij de school"])
    seed.step(1)
    [challenge] = [r for r in seed.board_state().results.values() if r["type"] == "challenge"]
    seed.run("create_plan", source_id=challenge["id"])
    seed.run("open_input")
    console, projector = room(devices, shared_server, facilitator_state, seed)
    phone = open_phone(devices, shared_server, seed, **PHONE_PLAN)
    expect(by(phone, "plan-panel")).to_be_visible()

    # a field: the plan's title, typed on the phone
    title = by(phone, "plan-field-title")
    title.fill("Samen veilig naar school")
    title.press("Tab")
    expect(by(console, "plan-field-title")).to_have_value("Samen veilig naar school")
    expect(by(projector, "projector-plan-title")).to_contain_text("Samen veilig naar school")

    # add an action
    by(phone, "new-action-what").fill("Zebrapad aanvragen")
    by(phone, "add-action-submit").click()
    expect(by(phone, "action-item")).to_have_count(1)
    expect(by(phone, "action-summary")).to_contain_text("Zebrapad aanvragen")
    expect(by(projector, "projector-action")).to_have_count(1)
    expect(by(projector, "projector-action")).to_contain_text("Zebrapad aanvragen")
    expect(by(console, "action")).to_have_count(1)
    expect(by(console, "action-field-what")).to_have_value("Zebrapad aanvragen")

    # remove it: the first tap asks, the second removes
    by(phone, "action-summary").click()
    by(phone, "remove-action").click()
    expect(by(phone, "action-item")).to_have_count(1)
    by(phone, "remove-action").click()
    expect(by(phone, "action-item")).to_have_count(0)
    expect(by(projector, "projector-action")).to_have_count(0)
    expect(by(console, "action")).to_have_count(0)
