"""Screenshots of a sample evening for the README: `make screenshots` refreshes them.

The real server (`serve.py`, eventlet) starts on a free loopback port with a fresh SQLite
database in a temporary folder. A facilitator account and the resident group "Bewonersraad
Kanaleneiland" are made through the pages, then an evening of the main format
(participatory-planning, Dutch) walks through its six steps with residents' cards,
clusters, votes, a matrix and an action plan. For every step the projector (1920x1080,
stored at two thirds to keep the files small), the console (1366x768) and a 320 px phone
are photographed, then the plan page and, after the hand-over, the group's workspace.

The board's content (tools/sample_evening.py) goes in through `BoardService.handle`, the
door the sockets use, on the server's own database (tests/e2e/seed.py: `EveningSeed`); the
pages are reloaded after each step's content is in, because the seed's app does not
broadcast to them. This imports the browser tests' helpers from tests/e2e (running_server,
EveningSeed, set_up_first_account, add_group, send_card, hand_over) rather than copy them:
the screenshots walk the same paths the tests check.

Same data and names on every run, so a re-run only changes the images whose screens
changed; the join code and its QR code, and the dates of "today" (the workspace's history)
differ per run. The server has a fixed public address (PUBLIC_URL below).
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["WEEFWERK_TEST_ENGINE"] = "sqlite"  # the helpers' engine: an SQLite file here

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

from tests.e2e.conftest import CHROMIUM_ARGS, WAIT_MS, running_server  # noqa: E402
from tests.e2e.seed import EveningSeed  # noqa: E402
from tests.e2e.test_live_board_browser import (  # noqa: E402
    add_group,
    by,
    send_card,
    set_up_first_account,
)
from tests.e2e.test_workspace_browser import hand_over  # noqa: E402
from tools.sample_evening import SampleEvening  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}, "device_scale_factor": 2 / 3}
CONSOLE = {"viewport": {"width": 1366, "height": 768}}
PHONE = {"viewport": {"width": 320, "height": 640}, "has_touch": True, "is_mobile": True}
# The address a real installation has behind its proxy (docs/deploy.md): in the QR code and
# under it, the same on every run, and no "phones cannot reach" warning on the console.
PUBLIC_URL = "https://weefwerk.example.nl"
STEPS = ("trends", "opgaven", "toekomst", "krachten", "strategieen", "acties")


def settle(page: Page) -> None:
    """Wait until the page is live and drawn: connected, fonts loaded, transitions over."""
    expect(by(page, "connection")).to_have_attribute("data-state", "online")
    if page.locator("#phone").count():  # the parts a phone loads after its board (later.js)
        expect(page.locator("#phone")).to_have_attribute("data-parts", "ready")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_timeout(400)


# Every visible text on the page set smaller than the projector's 28 px reading floor
# (docs/screens.md), as (size, text): printed with each projector shot, for whoever works on
# the projector's readability from the back of the hall.
SMALL_TEXTS = """floor => {
  const seen = new Map();
  for (const element of document.body.querySelectorAll("*")) {
    const own = [...element.childNodes].filter((n) => n.nodeType === 3).map((n) => n.data).join("").trim();
    if (!own || !element.getClientRects().length) continue;
    const size = parseFloat(getComputedStyle(element).fontSize);
    if (size < floor && !seen.has(own)) seen.set(own, size);
  }
  return [...seen].map(([text, size]) => [size, text.slice(0, 40)]).sort((a, b) => a[0] - b[0]);
}"""


def report_small_text(page: Page) -> None:
    small = page.evaluate(SMALL_TEXTS, 28)
    if small:
        listed = "; ".join(f"{size:g}px {text!r}" for size, text in small[:8])
        print(f"    {len(small)} texts under 28 px: {listed}{' …' if len(small) > 8 else ''}")


def shoot(page: Page, path: Path, **options) -> None:
    page.screenshot(path=str(path), animations="disabled", caret="hide",
                    scale="device", **options)
    print(f"  {path.name}")


def walk(browser, server, into: Path) -> None:
    """The sample evening, photographed into the folder `into`."""
    def device(**options):
        context = browser.new_context(base_url=server.url, locale="nl-NL", **options)
        context.set_default_timeout(WAIT_MS)
        server.contexts.append(context)
        return context

    setup = device(**CONSOLE).new_page()
    set_up_first_account(setup)
    add_group(setup)
    facilitator = setup.context.storage_state()
    seed = EveningSeed(server)
    evening = SampleEvening(seed)
    console = device(storage_state=facilitator, **CONSOLE).new_page()
    console.goto(f"/console/w/{seed.board_id}")
    projector = device(**PROJECTOR).new_page()
    # the link names the public address; the hall's computer here reaches the server directly
    projector.goto(urlsplit(by(console, "projector-link").input_value()).path)
    phone = device(**PHONE).new_page()
    phone.goto(f"/j/{seed.code}")
    by(phone, "display-name").fill("Samira")
    by(phone, "join-board-submit").click()
    settle(phone)

    def photograph(number: int) -> None:
        for page, screen in ((projector, "projector"), (console, "console"), (phone, "phone")):
            page.reload()
            settle(page)
            shoot(page, into / f"{number + 1}-{STEPS[number]}-{screen}.png")
            if screen == "projector":
                report_small_text(page)

    trends = evening.trends()
    phone.reload()
    settle(phone)
    send_card(phone, "Meer kinderen spelen op straat")
    expect(by(phone, "my-card")).to_have_count(1)
    photograph(0)
    seed.run("close_input")
    seed.run("promote_clusters", cluster_ids=trends)

    seed.step(1)
    challenges = evening.challenges()
    photograph(1)
    seed.run("reveal_votes")
    seed.run("promote_clusters", cluster_ids=challenges[:3])

    seed.step(2)
    evening.future()
    photograph(2)

    seed.step(3)
    forces = evening.forces()
    photograph(3)
    seed.run("promote_clusters", cluster_ids=forces)

    seed.step(4)
    strategies = evening.strategies()
    photograph(4)
    evening.vote([{strategies[0]: 2, strategies[1]: 1}, {strategies[0]: 1, strategies[2]: 2},
                  {strategies[1]: 2, strategies[0]: 1}])
    seed.run("reveal_votes")
    seed.run("promote_clusters", cluster_ids=strategies)
    evening.link_strategy()

    seed.step(5)
    plan = evening.action_plan()
    photograph(5)

    console.goto(f"/console/w/{seed.board_id}/plans/{plan}")
    console.wait_for_load_state("networkidle")
    shoot(console, into / "plan.png", full_page=True)
    console.goto(f"/console/w/{seed.board_id}")
    settle(console)
    hand_over(console)
    # the pictures' tab (docs/workspace.md, "The plan page"): its top shows what needs
    # doing, the tabs and the strategy map
    console.goto(console.url + "#pictures")
    settle(console)
    shoot(console, into / "workspace.png", full_page=True,
          clip={"x": 0, "y": 0, "width": CONSOLE["viewport"]["width"], "height": 1500})


def main() -> int:
    chromium = shutil.which("chromium")
    if chromium is None:
        print("Debian's chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 1
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="weefwerk-screenshots-") as folder, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            with running_server(Path(folder), f"sqlite:///{folder}/screenshots.db",
                                {"WEEFWERK_PUBLIC_URL": PUBLIC_URL}) as server:
                walk(browser, server, Path(folder))
        finally:
            browser.close()
        # only now, with the whole evening photographed, the old images go: a run that
        # fails half-way leaves the README's images as they were
        for old in OUT.glob("*.png"):
            old.unlink()
        for new in Path(folder).glob("*.png"):
            shutil.move(new, OUT / new.name)
    total = sum(p.stat().st_size for p in OUT.glob("*.png"))
    print(f"{len(list(OUT.glob('*.png')))} screenshots, {total // 1024} KB, "
          f"in {time.monotonic() - started:.0f} s: {OUT.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
