"""Script written into any text stays text, in a real browser, under the strict CSP.

Every text a person controls gets an attack: the group's name, the evening's title, a
format's question (the adapt form), data cards (one typed, one from a CSV file), a
resident's name, card and parked question, the facilitator's answer, a cluster's name, a
result's title, a plan's fields and its action's, a member's name and their progress
update in the workspace. Each attack tries every way in at once: an `<img>` whose error
runs script, `"><svg onload=…>`, a `<script>` element, a `</textarea>` that would close
a form's box, a `javascript:` address, a template expression (`{{7*7}}`) and bidi and
zero-width characters. The script it tries to run is `__xss(n)`, a function this test
gives every page and which records the call.

Then projector, console, phone, plan page, report, the printed kit, the group's print and
meeting-screen pages, and the workspace (its pictures included) as facilitator and as
member are opened, and the test checks that: no attack ran (`__xss` was never called);
each page shows the text literally (`{{7*7}}` stays as typed) and has no element with
an inline event handler, no inline script and no `javascript:` link; and the browser reported no CSP violation
(`securitypolicyviolation` events, collected from before any page script runs, and the
console's errors, which the `devices` fixture fails on): under the strict policy every
page still works.

It runs on the shared server, as its facilitator, on a group and an evening of its own.
"""
from __future__ import annotations

import csv
import io
import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import WAIT_MS
from tests.e2e.test_live_board_browser import (
    PHONE,
    PROJECTOR,
    by,
    facilitator_state,  # noqa: F401  (a fixture: the shared server's facilitator, logged in)
    join_by_code,
    open_projector,
    send_card,
)
from tests.e2e.test_parking_browser import park
from tests.e2e.test_workspace_browser import STATE, command, hand_over, join_group

pytestmark = pytest.mark.e2e

BIDI = "\u202e\u200b\u2067"  # a right-to-left override, a zero-width space, an isolate


def attack(n: int) -> str:
    """Every way in at once (120 characters at most: a title's or a cluster's limit)."""
    text = (f'"><svg onload=__xss({n})><script>__xss({n})</script></textarea>'
            f"<img src onerror=__xss({n})>{{{{7*7}}}}{BIDI}javascript:__xss({n})")
    assert len(text) <= 120
    return text


def short_attack(n: int) -> str:
    """For the names (40 characters at most)."""
    text = f"<img src onerror=__xss({n})>{{{{7*7}}}}{BIDI}"
    assert len(text) <= 40
    return text


def shown(n: int) -> str:
    """What the page must show literally for attack `n`: all of it before the bidi marks
    (which a page may wrap in isolates of its own)."""
    text = short_attack(n) if n in NAMES else attack(n)
    return text[:text.index(BIDI)]


GROUP, TITLE, QUESTION, DATA, SOURCE, CSV_TEXT = 1, 2, 3, 4, 5, 6
RESIDENT, CARD, PARKED, ANSWER, CLUSTER, RESULT = 7, 8, 9, 10, 11, 12
PLAN, PLAN_OWNER, ACTION, ACTION_OWNER, MEMBER, UPDATE = 13, 14, 15, 16, 17, 18
RENAMED = 19
NAMES = {GROUP, SOURCE, RESIDENT, MEMBER}  # the short attacks

CHECK_PAGE = """() => ({
  handlers: [...document.querySelectorAll("*")].filter((el) =>
    [...el.attributes].some((a) => a.name.startsWith("on"))).map((el) => el.outerHTML),
  scripts: [...document.scripts].filter((s) => !s.src && s.type !== "application/json")
    .map((s) => s.outerHTML),
  links: [...document.querySelectorAll("[href],[src],[action],[formaction]")]
    .map((el) => el.getAttribute("href") || el.getAttribute("src") ||
                 el.getAttribute("action") || el.getAttribute("formaction") || "")
    .filter((url) => /^\\s*javascript:/i.test(url)),
})"""

# the second socket SEND opens (test_workspace_browser.py), opened before a first command
# so that STATE can read the board: kept open, as closing it mid-poll logs a 400
OPEN_TEST_SOCKET = """async () => {
  const { io } = await import("/static/vendor/socket.io.esm.min.js");
  const boot = JSON.parse(document.getElementById("boot").textContent);
  window.__testSocket = io({ auth: { token: boot.token, lang: "en" } });
  window.__testState = new Promise((resolve) => window.__testSocket.once("snapshot", resolve));
  await window.__testState;
}"""

WATCH_CSP = """document.addEventListener("securitypolicyviolation", (e) =>
  window.__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI} ` +
                        `in ${e.sourceFile}:${e.lineNumber} (${e.sample})`));"""


class Watch:
    """What ran and what the CSP refused, over every device of the test."""

    def __init__(self):
        self.ran: list[str] = []
        self.violations: list[str] = []

    def device(self, context):
        context.expose_binding("__xss", lambda source, n: self.ran.append(
            f"attack {n} ran on {source['page'].url}"))
        context.expose_binding("__cspViolation", lambda source, text: self.violations.append(
            f"{source['page'].url}: {text}"))
        context.add_init_script(WATCH_CSP)
        return context

    def page_is_inert(self, page: Page, *attacks: int) -> None:
        """No attack ran and the CSP refused nothing, so far on any device; `page` shows
        `attacks` literally and holds no markup any attack would have made."""
        page.wait_for_load_state("load")
        missing: list[int] = []  # all of them named at once, when some are
        for n in attacks:
            try:
                expect(page.locator("body")).to_contain_text(
                    shown(n), timeout=1000 if missing else WAIT_MS)
            except AssertionError:
                missing.append(n)
        assert self.ran == [], self.ran
        assert self.violations == [], self.violations
        assert missing == [], f"{page.url}: not shown literally: attacks {missing}"
        found = page.evaluate(CHECK_PAGE)
        assert found == {"handlers": [], "scripts": [], "links": []}, (page.url, found)


def new_group_and_evening(console: Page) -> str:
    """A group and an evening of their own, named with attacks; the join code."""
    console.goto("/console")
    by(console, "group-name").fill(short_attack(GROUP))
    by(console, "group-submit").click()
    expect(by(console, "group").filter(has_text=shown(GROUP))).to_have_count(1)
    ours = by(console, "workshop-group").locator("option").filter(has_text=shown(GROUP))
    by(console, "workshop-group").select_option(ours.get_attribute("value"))
    by(console, "workshop-title").fill(attack(TITLE))
    by(console, "workshop-format").select_option("participatory-planning")
    by(console, "workshop-submit").click()
    expect(console).to_have_url(re.compile(r"/console/w/\d+$"))
    expect(by(console, "connection")).to_have_attribute("data-state", "online")
    return by(console, "console-code").inner_text().strip()


def adapt_and_prepare(console: Page, board: str) -> None:
    """The first step's question through the adapt form, a data card typed by command and
    one from a CSV file."""
    console.goto(f"/console/w/{board}/format")
    by(console, "s0-question.nl").fill(attack(QUESTION))
    by(console, "format-save").click()
    expect(by(console, "format-notice")).to_be_visible()
    console.goto(f"/console/w/{board}/data-cards")
    rows = io.StringIO()  # quoted as a spreadsheet quotes them: the attack opens with '"'
    csv.writer(rows, delimiter=";").writerows(
        [["stap", "tekst", "bron"], ["1", attack(CSV_TEXT), short_attack(SOURCE)]])
    by(console, "data-csv-file").set_input_files(
        {"name": "datakaarten.csv", "mimeType": "text/csv", "buffer": rows.getvalue().encode()})
    by(console, "data-csv-import").click()
    expect(by(console, "prepared-data-card")).to_have_count(1)
    console.goto(f"/console/w/{board}")
    expect(by(console, "connection")).to_have_attribute("data-state", "online")
    command(console, "add_data_card", text=attack(DATA), source=short_attack(SOURCE))


def evening_with_a_plan(console: Page, phone: Page) -> str:
    """Cards, a parked question and its answer, a named cluster promoted into a result
    with an attack for its title, and on the action-plan step a plan with an action;
    the plan's id."""
    command(console, "open_input")
    expect(by(phone, "input-state")).to_have_attribute("data-state", "open")
    send_card(phone, attack(CARD))
    park(phone, attack(PARKED))
    expect(by(console, "console-card").filter(has_text=shown(CARD))).to_have_count(1)
    [parked] = console.evaluate(STATE)["parked"]
    command(console, "answer_parked", parked_id=parked["id"], answer=attack(ANSWER))

    command(console, "go_to_step", step=4)
    command(console, "open_input")
    expect(by(phone, "input-state")).to_have_attribute("data-state", "open")
    send_card(phone, attack(CARD))
    expect(by(console, "console-card")).to_have_count(1)
    [card] = [c for c in console.evaluate(STATE)["cards"] if c["step"] == 4]
    cluster = command(console, "create_cluster", card_ids=[card["id"]],
                      name=attack(CLUSTER))["result"]["cluster_id"]
    command(console, "promote_clusters", cluster_ids=[cluster])
    [strategy] = console.evaluate(STATE)["results"]
    command(console, "update_result", result_id=strategy["id"],
            changes={"title": attack(RESULT)})
    command(console, "go_to_step", step=5)
    command(console, "open_input")
    plan = command(console, "create_plan", source_id=strategy["id"])["result"]["plan_id"]
    command(console, "update_plan", plan_id=plan, field="title", value=attack(PLAN), base=0)
    command(console, "update_plan", plan_id=plan, field="owner", value=attack(PLAN_OWNER),
            base=0)
    command(console, "add_action", plan_id=plan, fields={
        "what": attack(ACTION), "owner": attack(ACTION_OWNER), "due": "2099-03-01"})
    return plan


def test_attacks_in_every_text_stay_text_on_every_screen_under_the_strict_csp(
        shared_server, devices, facilitator_state):
    server, watch = shared_server, Watch()
    console = watch.device(devices(server, storage_state=facilitator_state)).new_page()
    code = new_group_and_evening(console)
    board = re.search(r"/console/w/(\d+)", console.url).group(1)
    adapt_and_prepare(console, board)
    projector = open_projector(watch.device(devices(server, viewport=PROJECTOR)), console)
    phone = join_by_code(watch.device(devices(server, **PHONE)), code,
                         short_attack(RESIDENT))

    # the first step: its adapted question and the data cards, on all three screens
    watch.page_is_inert(projector, QUESTION, DATA, CSV_TEXT, SOURCE)
    watch.page_is_inert(phone, QUESTION)
    watch.page_is_inert(console, TITLE, DATA, CSV_TEXT)

    plan = evening_with_a_plan(console, phone)
    watch.page_is_inert(projector, PLAN, ACTION)
    watch.page_is_inert(phone, PLAN, ACTION, ACTION_OWNER)
    watch.page_is_inert(console, TITLE, PLAN, ACTION, ACTION_OWNER)
    for page in (projector, phone, console):  # drawn again from a fresh snapshot
        page.reload()
        expect(by(page, "connection")).to_have_attribute("data-state", "online")
    watch.page_is_inert(projector, PLAN, ACTION)
    watch.page_is_inert(phone, PLAN, ACTION)
    watch.page_is_inert(console, PLAN, ACTION)

    # the plan page, the process report and the printed kit
    pages = watch.device(devices(server)).new_page()
    pages.context.add_cookies(console.context.cookies())
    for path, attacks in ((f"/console/w/{board}/plans/{plan}", (TITLE, PLAN, PLAN_OWNER, ACTION)),
                          (f"/console/w/{board}/plans", (TITLE, PLAN)),
                          (f"/console/w/{board}/report", (TITLE, QUESTION, RESULT)),
                          (f"/console/w/{board}/kit/agenda", (TITLE, QUESTION)),
                          (f"/console/w/{board}/kit/poster", (TITLE,)),
                          (f"/console/w/{board}/data-cards", (CSV_TEXT, SOURCE)),
                          (f"/console/w/{board}/format", ())):
        pages.goto(path)
        watch.page_is_inert(pages, *attacks)

    # the group's workspace: the facilitator after the hand-over, then a member
    hand_over(console)
    watch.page_is_inert(console, GROUP, PLAN, ACTION)
    console.evaluate(OPEN_TEST_SOCKET)
    [action] = console.evaluate(STATE)["actions"]
    command(console, "add_action_update", action_id=action["id"], did=attack(UPDATE),
            brought=attack(UPDATE), learned=attack(UPDATE))
    console.goto(console.url.removesuffix("/plans"))
    by(console, "invite-role").select_option("member")
    by(console, "create-invite").click()
    member = join_group(watch.device(devices(server, **PHONE)),
                        by(console, "new-invite-link").input_value(), short_attack(MEMBER))
    watch.page_is_inert(member, GROUP, PLAN, ACTION, UPDATE)
    pictures = member.locator(".pic-scroll")  # the strategy map and the timeline (SVG)
    expect(pictures.first).to_contain_text(shown(RESULT))
    expect(pictures.last).to_contain_text(shown(ACTION))
    # a change on the open page: the server draws the pictures again, and the page puts
    # them in through its one Trusted Types policy; the attack in them is still text
    member.evaluate(OPEN_TEST_SOCKET)
    [action] = member.evaluate(STATE)["actions"]
    command(member, "update_action", action_id=action["id"], field="what",
            value=attack(RENAMED), base=action["fields"]["what"]["v"])
    expect(member.locator("[data-src][data-refreshed]")).to_have_count(1)
    expect(pictures.last).to_contain_text(shown(RENAMED))
    watch.page_is_inert(member, RENAMED)
    console.reload()
    watch.page_is_inert(console, GROUP, MEMBER)
    group = member.url.removesuffix("/plans")
    for path, attacks in ((f"{group}/plans/print", (GROUP, PLAN, RENAMED)),
                          (f"{group}/plans/screen", (PLAN,))):
        member.goto(path)
        watch.page_is_inert(member, *attacks)


BREAK_IN = """() => {
  // what a mistake in our own script could do with a resident's text: both refused
  const refused = (attempt) => {
    try { attempt(); return false; } catch (error) { return error instanceof TypeError; }
  };
  const img = document.createElement("img");
  return [refused(() => { document.createElement("div").innerHTML = "<b>kaartje</b>"; }),
          refused(() => img.setAttribute("onerror", "__xss(99)"))];
}"""


def test_the_browser_enforces_the_policy_and_the_watch_hears_it(browser, shared_server):
    """The counterpart of the test above: what it looks for would be seen. A string put
    into innerHTML and an event handler set from a string are refused (Trusted Types),
    nothing runs, and both refusals reach the violation watch."""
    watch = Watch()
    context = watch.device(browser.new_context(base_url=shared_server.url))
    try:
        page = context.new_page()
        page.goto("/")
        assert page.evaluate(BREAK_IN) == [True, True]
        for _ in range(100):  # the reports arrive as tasks of their own; bounded
            if len(watch.violations) >= 2:
                break
            page.wait_for_timeout(50)
        directives = [v.split(": ", 1)[1].split(" ")[0] for v in watch.violations]
        assert directives == ["require-trusted-types-for"] * 2, watch.violations
        assert watch.ran == []
    finally:
        context.close()
