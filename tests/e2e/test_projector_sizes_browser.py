"""The projector read from the back of the hall, in every step and state of an evening:
every visible text at least 28 px on a 1920x1080 wall (the floor scales with the width on
a smaller wall: 15 px at 1024), and nothing cut off on a 1024x768 beamer.

The README's sample evening (tools/sample_evening.py) goes through all six steps on the
server's own database (tests/e2e/seed.py); two projectors, 1920x1080 and 1024x768, are
reloaded after each state and measured in the page (tests/e2e/projector_measure.py): the
computed font size of every element with visible text of its own, and its box against the
viewport and every ancestor that hides its overflow. Then the evening is handed over (the
closed screen) and a council meeting of the same group opens with its review of the open
actions. A failure lists every offender by state, wall, selector and text.

Set WEEFWERK_PROJECTOR_SHOTS to a folder to keep a screenshot of every state and wall.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.projector_measure import clipped, describe, small_type
from tests.e2e.seed import EveningSeed
from tests.e2e.test_live_board_browser import (  # noqa: F401  (facilitator_state: a fixture)
    PROJECTOR,
    add_group,
    by,
    facilitator_state,
    set_up_first_account,
)
from tests.e2e.test_workspace_browser import hand_over
from tools.sample_evening import SampleEvening

pytestmark = pytest.mark.e2e

BEAMER = {"width": 1024, "height": 768}
SHOTS = os.environ.get("WEEFWERK_PROJECTOR_SHOTS")


class Walls:
    """Two projectors of one evening, measured after every state."""

    def __init__(self, devices, server, link: str):
        self.pages = {name: devices(server, viewport=viewport, locale="nl-NL").new_page()
                      for name, viewport in (("1920x1080", PROJECTOR), ("1024x768", BEAMER))}
        self.show(link)
        self.problems: list[str] = []
        self.measured: list[str] = []

    def show(self, link: str) -> None:
        for page in self.pages.values():
            page.goto(link)

    def measure(self, state: str, ready: str) -> None:
        """Reload (the seed does not broadcast), wait for `ready`, then measure both walls."""
        for name, page in self.pages.items():
            page.reload()
            expect(by(page, "connection")).to_have_attribute("data-state", "online")
            expect(by(page, ready)).to_be_visible()
            page.evaluate("document.fonts.ready.then(() => true)")
            # the wall fits its type after layout: wait until two frames pass unchanged
            page.wait_for_function("""() => new Promise((done) => {
              const snap = () => document.body.innerHTML.length + ':' + document.body.scrollHeight;
              const a = snap(); requestAnimationFrame(() => requestAnimationFrame(() => done(a === snap())));
            })""")
            if SHOTS:
                Path(SHOTS).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=f"{SHOTS}/{len(self.measured):02d}-{state}-{name}.png",
                                animations="disabled", caret="hide")
            small = small_type(page)
            if small:
                self.problems.append(f"{state} at {name}, type under the floor:\n{describe(small)}")
            cut = clipped(page)
            if cut:
                self.problems.append(f"{state} at {name}, cut off:\n{describe(cut)}")
        self.measured.append(state)


def test_every_step_and_state_of_the_projector_is_readable_and_whole(devices, server):
    setup = devices(server).new_page()
    set_up_first_account(setup)
    add_group(setup)
    facilitator = setup.context.storage_state()
    seed = EveningSeed(server)
    evening = SampleEvening(seed)
    console = devices(server, storage_state=facilitator, viewport={"width": 1366, "height": 768}).new_page()
    console.goto(f"/console/w/{seed.board_id}")
    walls = Walls(devices, server, by(console, "projector-link").input_value())

    walls.measure("1-waiting", "projector-code")
    trends = evening.trends()
    walls.measure("1-cards-and-clusters", "projector-clusters")
    seed.run("close_input")
    seed.run("promote_clusters", cluster_ids=trends)

    seed.step(1)
    challenges = evening.challenges()
    walls.measure("2-vote-running", "projector-vote")
    seed.run("reveal_votes")
    walls.measure("2-vote-result", "projector-vote")
    seed.run("promote_clusters", cluster_ids=challenges[:3])

    seed.step(2)
    evening.future()
    walls.measure("3-results-and-chosen-before", "projector-clusters")

    seed.step(3)
    forces = evening.forces()  # revealed: four items
    walls.measure("4-vote-result", "projector-vote")
    seed.run("promote_clusters", cluster_ids=forces)

    seed.step(4)
    strategies = evening.strategies()
    walls.measure("5-matrix", "projector-matrix")
    evening.vote([{strategies[0]: 2, strategies[1]: 1}, {strategies[0]: 1, strategies[2]: 2},
                  {strategies[1]: 2, strategies[0]: 1}])
    seed.run("reveal_votes")
    walls.measure("5-vote-result", "projector-vote")
    seed.run("promote_clusters", cluster_ids=strategies)
    evening.link_strategy()

    seed.step(5)
    evening.action_plan()
    walls.measure("6-plan-fields-and-actions", "projector-plans")

    console.reload()
    expect(by(console, "connection")).to_have_attribute("data-state", "online")
    hand_over(console)
    walls.measure("6-closed", "evening-closed")

    review = EveningSeed(server, format_slug="council-review", title="Raadsvergadering")
    console.goto(f"/console/w/{review.board_id}")
    expect(by(console, "connection")).to_have_attribute("data-state", "online")
    walls.show(by(console, "projector-link").input_value())
    walls.measure("review-open-actions", "projector-review")

    assert len(walls.measured) == 11
    assert not walls.problems, "\n\n".join(walls.problems)


TOPICS = ["meer verkeer bij de school", "minder winkels op het plein", "meer ouderen die alleen wonen",
          "huren stijgen hard", "minder plekken voor jongeren", "het park wordt slechter onderhouden"]


def test_a_full_wall_stays_readable_and_whole(devices, shared_server, facilitator_state):
    """A busy first step: sixty cards, then eight clusters of them, then a vote on the
    eight: the type stays at the floor and what does not fit is left out whole, never cut."""
    seed = EveningSeed(shared_server)
    console = devices(shared_server, storage_state=facilitator_state).new_page()
    console.goto(f"/console/w/{seed.board_id}")
    walls = Walls(devices, shared_server, by(console, "projector-link").input_value())
    kinds = ["rising", "falling", "steady"]
    cards = [seed.run("add_paper_card", text=f"Kaartje {n + 1}: {TOPICS[n % len(TOPICS)]}",
                      kind=kinds[n % 3])["card_id"] for n in range(60)]
    walls.measure("60-cards", "projector-cards")
    clusters = [seed.run("create_cluster", card_ids=cards[k * 6:(k + 1) * 6],
                         name=f"Groepje {k + 1}: {TOPICS[k % len(TOPICS)]}")["cluster_id"]
                for k in range(8)]
    walls.measure("8-clusters-of-6-and-12-loose", "projector-clusters")
    seed.run("open_vote")
    walls.measure("vote-on-8-running", "projector-vote")
    seed.run("reveal_votes")
    walls.measure("vote-on-8-result", "projector-vote")
    assert len(clusters) == 8
    assert not walls.problems, "\n\n".join(walls.problems)
