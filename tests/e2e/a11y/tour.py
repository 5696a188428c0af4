"""The accessibility tour: every page of Weefwerk, in every state of a sample evening,
visited once and checked by axe as it stands.

One server for the whole tour (a first run, so the set-up page is still there), one
browser context per device: a facilitator's laptop (1280 x 800), the hall's projector
(1920 x 1080) and a 320 px phone. The evening is the README's sample evening
(tools/sample_evening.py) put in through `BoardService.handle` on the server's own database
(tests/e2e/seed.py); the pages are reloaded after each step's content is in, because the
seed's app does not broadcast to them. Each state's violations are kept under its name
(`STATES`), so every page and state is a test of its own that names what failed.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from tests.e2e.a11y.axe import Violation, check
from tests.e2e.a11y.spacing import spacing_problems
from tests.e2e.conftest import WAIT_MS
from tests.e2e.seed import EveningSeed
from tests.e2e.test_live_board_browser import add_group, by, send_card, set_up_first_account
from tests.e2e.test_review_step_browser import council_evening
from tests.e2e.test_workspace_browser import hand_over
from tools.sample_evening import SampleEvening

CONSOLE = {"viewport": {"width": 1280, "height": 800}}
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}
PHONE = {"viewport": {"width": 320, "height": 640}, "has_touch": True, "is_mobile": True}
SCREENS = ("console", "projector", "phone")

# the evening's states, in the order the tour reaches them; each is seen on all three screens
EVENING_STATES = (
    "trends-cards-and-clusters",  # step 1: input open, residents' cards, clusters
    "opgaven-vote-open",  # step 2: the hidden vote
    "opgaven-vote-result",  # step 2: the revealed bar chart
    "toekomst-results",  # step 3: input closed, clusters promoted into results
    "krachten-kinds-and-vote",  # step 4: barriers and potentials, revealed vote
    "strategieen-matrix",  # step 5: impact x effort and the equity question
    "acties-planning-fields",  # step 6: a plan with fields and actions, input open
    "raad-review",  # a council meeting: the review of the group's open actions
)

STATES = (
    "home-first-run", "setup", "console-start", "login", "login-refused", "not-found",
    "join-unknown-code", "join-name",
    *(f"{state}/{screen}" for state in EVENING_STATES for screen in SCREENS),
    "trends-cards-selected/console",  # two cards ticked: the clustering toolbar at work
    "strategieen-matrix/projector-1024x768",  # the hall's older beamer
    "acties-parking-sheet/phone",  # "park a question" opened
    "data-cards", "evening-format", "own-formats", "kit-agenda-print", "kit-poster-print",
    "plans-list", "plan-page", "evening-report", "hand-over-confirm",
    "phone-after-hand-over", "group-plans-workspace", "group-plans-print",
    "group-plans-screen", "group-home", "group-delete",
    "group-sign-in", "invite",
)
# Not a page of its own: /g/<id>/plans/pictures is the pictures' fragment the plan page
# fetches again after a change; axe checks it inside "group-plans-workspace".


# Fonts loaded and every running animation ended (a card fading in is half transparent,
# which axe would measure as too little contrast). An endless animation is not waited for.
SETTLED = """async () => {
  await document.fonts.ready;
  const ending = document.getAnimations().filter(
    (a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity);
  await Promise.all(ending.map((a) => a.finished.catch(() => null)));
  return true;
}"""


class Tour:
    """Walks the pages; `results[state]` holds what axe found there."""

    def __init__(self, browser, server):
        self.browser, self.server = browser, server
        self.results: dict[str, list[Violation]] = {}
        self.spacing: dict[str, list[str]] = {}  # WCAG 1.4.12: what extra spacing cuts off
        self.facilitator: dict | None = None  # the signed-in laptop, for the other a11y tests

    def device(self, **options) -> Page:
        context = self.browser.new_context(base_url=self.server.url, locale="nl-NL", **options)
        context.set_default_timeout(WAIT_MS)
        self.server.contexts.append(context)
        return context.new_page()

    def audit(self, state: str, page: Page) -> None:
        assert state in STATES, f"{state} is not in tests/e2e/a11y/tour.py STATES"
        page.evaluate(SETTLED)
        self.results[state] = check(page)
        self.spacing[state] = spacing_problems(page)
        shots = os.environ.get("WEEFWERK_A11Y_SHOTS")  # a folder: see what axe saw
        if shots:
            page.screenshot(path=str(Path(shots) / (state.replace("/", "-") + ".png")), full_page=True)

    def visit(self, state: str, page: Page, path: str) -> None:
        page.goto(path)
        self.audit(state, page)

    def walk(self) -> None:
        laptop = self.device(**CONSOLE)
        self.visit("home-first-run", laptop, "/")
        self.visit("setup", laptop, "/setup")
        set_up_first_account(laptop)
        add_group(laptop)
        self.audit("console-start", laptop)
        facilitator = self.facilitator = laptop.context.storage_state()

        stranger = self.device(**PHONE)
        self.visit("login", stranger, "/login")
        by(stranger, "login-login").fill("anna")
        by(stranger, "login-password").fill("verkeerd wachtwoord")
        by(stranger, "login-submit").click()
        expect(by(stranger, "form-error")).to_be_visible()
        self.audit("login-refused", stranger)
        self.visit("not-found", stranger, "/no/such/page")
        self.visit("join-unknown-code", stranger, "/j/ZZZZZZ")

        seed = EveningSeed(self.server)
        console = self.device(storage_state=facilitator, **CONSOLE)
        console.goto(f"/console/w/{seed.board_id}")
        projector = self.device(**PROJECTOR)
        projector.goto(urlsplit(by(console, "projector-link").input_value()).path)
        phone = self.device(**PHONE)
        self.visit("join-name", phone, f"/j/{seed.code}")
        by(phone, "display-name").fill("Samira")
        by(phone, "join-board-submit").click()
        settle(phone)
        self.evening(seed, SampleEvening(seed), console, projector, phone)
        board = f"/console/w/{seed.board_id}"
        plan = next(iter(seed.board_state().plans))

        for state, path in (("data-cards", "/data-cards"), ("evening-format", "/format"),
                            ("kit-agenda-print", "/kit/agenda"), ("kit-poster-print", "/kit/poster"),
                            ("plans-list", "/plans"), ("plan-page", f"/plans/{plan}"),
                            ("evening-report", "/report"), ("hand-over-confirm", "/hand-over")):
            self.visit(state, console, board + path)
        self.visit("own-formats", console, "/console/formats")

        console.goto(board)
        settle(console)
        hand_over(console)
        settle(console)
        self.audit("group-plans-workspace", console)
        group = re.search(r"/g/(\d+)/", console.url).group(1)
        phone.reload()
        expect(by(phone, "idea")).to_have_count(1)
        self.audit("phone-after-hand-over", phone)
        for state, path in (("group-plans-print", "/plans/print"), ("group-plans-screen", "/plans/screen"),
                            ("group-delete", "/delete")):
            self.visit(state, console, f"/g/{group}{path}")
        self.visit("group-home", console, f"/g/{group}")
        by(console, "invite-role").select_option("member")
        by(console, "create-invite").click()
        invite = urlsplit(by(console, "new-invite-link").input_value()).path
        self.audit("group-home", console)  # with the new invite link shown
        self.visit("invite", stranger, invite)
        self.visit("group-sign-in", stranger, f"/g/{group}/sign-in")
        self.council(console, projector, phone)

    def evening(self, seed, evening, console: Page, projector: Page, phone: Page) -> None:
        def all_three(state: str) -> None:
            for page, screen in ((console, "console"), (projector, "projector"), (phone, "phone")):
                page.reload()
                settle(page)
                self.audit(f"{state}/{screen}", page)

        trends = evening.trends()
        phone.reload()
        settle(phone)
        send_card(phone, "Meer kinderen spelen op straat")
        expect(by(phone, "my-card")).to_have_count(1)
        all_three("trends-cards-and-clusters")
        for box in by(console, "select-card").all()[:2]:
            box.check()
        self.audit("trends-cards-selected/console", console)
        seed.run("close_input")
        seed.run("promote_clusters", cluster_ids=trends)

        seed.step(1)
        challenges = evening.challenges()
        all_three("opgaven-vote-open")
        seed.run("reveal_votes")
        all_three("opgaven-vote-result")
        seed.run("promote_clusters", cluster_ids=challenges[:3])

        seed.step(2)
        evening.future()
        all_three("toekomst-results")

        seed.step(3)
        forces = evening.forces()
        all_three("krachten-kinds-and-vote")
        seed.run("promote_clusters", cluster_ids=forces)

        seed.step(4)
        strategies = evening.strategies()
        all_three("strategieen-matrix")
        projector.set_viewport_size({"width": 1024, "height": 768})
        self.audit("strategieen-matrix/projector-1024x768", projector)
        projector.set_viewport_size(PROJECTOR["viewport"])
        evening.vote([{strategies[0]: 2, strategies[1]: 1}, {strategies[0]: 1, strategies[2]: 2}])
        seed.run("reveal_votes")
        seed.run("promote_clusters", cluster_ids=strategies)
        evening.link_strategy()

        seed.step(5)
        evening.action_plan()
        all_three("acties-planning-fields")
        by(phone, "park-open").click()
        expect(by(phone, "park-text")).to_be_visible()
        self.audit("acties-parking-sheet/phone", phone)

    def council(self, console: Page, projector: Page, phone: Page) -> None:
        """A council meeting of the same group: the review of its open actions."""
        code = council_evening(console)
        projector.goto(urlsplit(by(console, "projector-link").input_value()).path)
        phone.goto(f"/j/{code}")
        by(phone, "join-board-submit").click()
        for page, screen in ((console, "console"), (projector, "projector"), (phone, "phone")):
            settle(page)
            self.audit(f"raad-review/{screen}", page)


def settle(page: Page) -> None:
    """Live and drawn: connected, fonts loaded."""
    expect(by(page, "connection")).to_have_attribute("data-state", "online")
    if page.locator("#phone").count():  # the parts a phone loads after its board (later.js)
        expect(page.locator("#phone")).to_have_attribute("data-parts", "ready")
    page.evaluate("document.fonts.ready.then(() => true)")
