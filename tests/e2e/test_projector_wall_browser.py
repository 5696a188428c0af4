"""The projector read from the back of the hall, in real chromium: the action-plan step's
type sizes at 1920x1080 (every step's: test_projector_sizes_browser.py) and nothing cut
off at 1024x768, the pages it turns when the plans or "what we chose before" do not fit at
those sizes, a matrix whose "quick wins" is full, and the join panel that gives the wall
back after the first step.

Sizes are computed font sizes and bounding boxes against the viewport and the box that
clips them; the evening is brought to the step first (tests/e2e/seed.py).
"""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.seed import EveningSeed
from tests.e2e.test_live_board_browser import PROJECTOR, by, facilitator_state  # noqa: F401  (fixtures pytest looks up by name)

pytestmark = pytest.mark.e2e

SMALL_WALL = {"width": 1024, "height": 768}
EARLIER = [  # (step, results) of the one-evening format before its action planning
    (0, ["Meer jonge gezinnen", "Minder winkels", "Meer ouderen"]),
    (1, ["Ruimte voor kinderen", "Eenzaamheid onder ouderen", "Veilig oversteken"]),
    (2, ["Een levendig plein", "Iedereen kent elkaar"]),
    (3, ["Buurthuis sluit om 17 uur", "Actieve vrijwilligers", "Lege winkel op de hoek"]),
    (4, ["Speelstraat op zondag", "Koffieochtend in de lege winkel"]),
]
ACTIONS = [("Vergunning aanvragen bij de gemeente", "Fatima", "2027-03-01"),
           ("Flyers maken en rondbrengen", "Henk", "2027-03-15"),
           ("Buren vragen om mee te doen", "Anna", "2027-04-01")]
QUICK_WINS = ["Speelstraat op zondag", "Koffieochtend in de lege winkel",
              "Buurtapp voor hulp bij boodschappen", "Bankjes langs het kanaal",
              "Huiswerkbegeleiding in de bibliotheek", "Schoonmaakactie met de hele straat",
              "Groene binnentuin achter de flat"]


def projector_link(devices, server, state, seed: EveningSeed) -> str:
    console = devices(server, storage_state=state).new_page()
    console.goto(f"/console/w/{seed.board_id}")
    return by(console, "projector-link").input_value()


def open_wall(devices, server, link: str, viewport: dict) -> Page:
    wall = devices(server, viewport=viewport).new_page()
    wall.goto(link)
    expect(by(wall, "connection")).to_have_attribute("data-state", "online")
    return wall


def font_px(locator) -> float:
    return float(locator.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))


def assert_whole(wall: Page, testid: str, clip_testid: str, expected: int) -> None:
    """Every `testid` element lies within the viewport and within the panel that clips it,
    and that panel has nothing hidden below its edge."""
    viewport = wall.viewport_size
    items = by(wall, testid)
    expect(items).to_have_count(expected)
    clip = by(wall, clip_testid)
    box = clip.bounding_box()
    assert clip.evaluate("e => e.scrollHeight <= e.clientHeight + 2"), f"{clip_testid} overflows"
    for item in items.all():
        own = item.bounding_box()
        assert own, item
        assert 0 <= own["x"] and own["x"] + own["width"] <= viewport["width"] + 1, (testid, own)
        assert 0 <= own["y"] and own["y"] + own["height"] <= viewport["height"] + 1, (testid, own)
        assert own["y"] + own["height"] <= box["y"] + box["height"] + 1, (testid, own, box)


@pytest.fixture
def planning_evening(shared_server, facilitator_state):
    """The one-evening format on its action-planning step: what five steps chose, and a
    plan with three actions for each chosen strategy."""
    seed = EveningSeed(shared_server)
    for step, names in EARLIER:
        seed.step(step)
        seed.promote(names)
    seed.step(5)
    for result in [r for r in seed.board_state().results.values() if r["type"] == "strategy"]:
        plan = seed.run("create_plan", source_id=result["id"])["plan_id"]
        for what, who, due in ACTIONS:
            seed.run("add_action", plan_id=plan, fields={"what": what, "owner": who, "due": due})
    return seed


def test_the_action_plan_step_is_readable_from_the_back_of_the_hall(
        devices, shared_server, facilitator_state, planning_evening):
    link = projector_link(devices, shared_server, facilitator_state, planning_evening)
    wall = open_wall(devices, shared_server, link, PROJECTOR)
    expect(by(wall, "projector-plan")).to_have_count(2)
    expect(by(wall, "projector-action")).to_have_count(6)
    texts = [wall.locator(".proj-action-what").first, wall.locator(".proj-action-meta").first,
             by(wall, "projector-plan-owner").first]
    for text in texts:
        assert font_px(text) >= 28, (text, font_px(text))
    assert_whole(wall, "projector-action", "projector-plans", 6)
    assert_strip_whole_in_pages(wall, PROJECTOR)

    small = open_wall(devices, shared_server, link, SMALL_WALL)
    expect(by(small, "projector-action")).to_have_count(6)
    assert_whole(small, "projector-plan", "projector-plans", 2)
    assert_whole(small, "projector-action", "projector-plans", 6)
    assert_whole(small, "projector-plan-totals", "projector-plans", 2)
    assert_strip_whole_in_pages(small, SMALL_WALL)


def assert_strip_whole_in_pages(wall: Page, viewport: dict) -> None:
    """"What we chose before": the thirteen results of EARLIER and their six kind labels
    (three trends, three forces) at 28 px at 1920 (as much of a smaller wall), each whole
    on one of the strip's pages."""
    titles, badges = [], 0
    for snap in every_page(wall, **STRIP_PAGES):
        assert_page_whole(snap, viewport)
        assert min(t["font"] for t in snap["texts"]) >= 28 * viewport["width"] / 1920 - 0.01
        titles += [b["key"] for b in snap["blocks"] if not b["top"]]
        badges += snap["badges"]
    assert sorted(titles) == sorted(name for _step, names in EARLIER for name in names)
    assert badges == 6


@pytest.mark.parametrize("viewport", [PROJECTOR, SMALL_WALL], ids=["1920", "1024"])
def test_a_full_quick_wins_quadrant_shows_every_card_whole(
        devices, shared_server, facilitator_state, viewport):
    seed = EveningSeed(shared_server)
    seed.step(4)  # strategies: cards, clusters, the impact/effort matrix
    for index, cluster in enumerate(seed.clusters(QUICK_WINS)):
        seed.run("place_on_matrix", cluster_id=cluster, impact=5 if index < 5 else 4,
                 effort=1 if index < 5 else 2)
    wall = open_wall(devices, shared_server,
                     projector_link(devices, shared_server, facilitator_state, seed), viewport)
    quick = wall.locator('[data-testid=projector-matrix-quadrant][data-quadrant="quick_wins"]')
    chips = quick.get_by_test_id("projector-matrix-item")
    expect(chips).to_have_count(len(QUICK_WINS))
    area = quick.bounding_box()
    assert quick.evaluate("e => e.scrollHeight <= e.clientHeight + 2"), "the quadrant clips"
    for chip in chips.all():
        box = chip.bounding_box()
        assert box["y"] >= area["y"] and box["y"] + box["height"] <= area["y"] + area["height"] + 1, (
            chip.inner_text(), box, area)
        assert box["y"] + box["height"] <= viewport["height"], (chip.inner_text(), box)
        assert font_px(chip) >= 14


def join_width(wall: Page) -> float:
    return by(wall, "projector-join").bounding_box()["width"]


def test_the_join_panel_gives_the_wall_back_after_the_first_step_and_comes_back_on_q(
        devices, shared_server, facilitator_state):
    seed = EveningSeed(shared_server)
    console = devices(shared_server, storage_state=facilitator_state).new_page()
    console.goto(f"/console/w/{seed.board_id}")
    expect(by(console, "connection")).to_have_attribute("data-state", "online")
    wall = open_wall(devices, shared_server, by(console, "projector-link").input_value(), PROJECTOR)
    width = PROJECTOR["width"]
    expect(by(wall, "projector")).to_have_attribute("data-join", "large")
    assert join_width(wall) >= 0.2 * width

    by(console, "next-step").click()  # the work starts: the panel goes to its corner
    expect(by(wall, "projector")).to_have_attribute("data-join", "small")
    assert join_width(wall) <= 0.13 * width
    qr = by(wall, "qr").locator("svg").bounding_box()
    code = by(wall, "projector-code")
    assert qr["width"] >= 150 and qr["y"] + qr["height"] <= PROJECTOR["height"], qr
    expect(code).to_be_visible()
    assert font_px(code) >= 36
    corner = by(wall, "projector-join").bounding_box()
    stage = wall.locator(".proj-cards").bounding_box()
    assert corner["y"] + corner["height"] <= stage["y"] or corner["x"] >= stage["x"] + stage["width"], (
        "the corner covers the card wall", corner, stage)

    wall.keyboard.press("q")  # one key on the projector's own keyboard
    expect(by(wall, "projector")).to_have_attribute("data-join", "large")
    assert join_width(wall) >= 0.2 * width
    wall.keyboard.press("q")
    expect(by(wall, "projector")).to_have_attribute("data-join", "small")

    # the console's button: large on every projector of the board, and back
    other = open_wall(devices, shared_server, by(console, "projector-link").input_value(), PROJECTOR)
    expect(by(console, "toggle-join")).to_have_attribute("data-size", "small")
    by(console, "toggle-join").click()
    for screen in (wall, other):
        expect(by(screen, "projector")).to_have_attribute("data-join", "large")
    expect(by(console, "toggle-join")).to_have_attribute("data-size", "large")
    by(console, "toggle-join").click()
    for screen in (wall, other):
        expect(by(screen, "projector")).to_have_attribute("data-join", "small")


LONG_ACTIONS = [  # (what, who, due): what residents type on a phone, long
    ("Een vergunning aanvragen bij de gemeente voor de speelstraat op zondag, met de "
     "handtekeningen van alle buren in de straat", "Fatima El Amrani", "2027-03-01"),
    ("Flyers maken in het Nederlands, Arabisch en Turks en ze rondbrengen in alle portieken "
     "van de flat", "Henk de Vries", "2027-03-15"),
    ("Buren vragen om mee te doen en een lijst maken van wie wanneer kan helpen",
     "Anna Jansen", "2027-04-01"),
    ("Huiswerkbegeleiding regelen met de bibliotheek en de basisschool op de hoek",
     "Mohammed Yilmaz", "2027-04-15"),
    ("Een aanvraag schrijven bij het buurtbudget voor spelmateriaal en koffie",
     "Sanne Bakker", "2027-05-01"),
]
PLAN_GOAL = "Elke zondag spelen er kinderen veilig op straat en kennen de buren elkaar"
SNAPSHOT = """([panel, indicator, item, text]) => {
  const box = (e) => { const r = e.getBoundingClientRect();
                       return {x: r.x, y: r.y, right: r.right, bottom: r.bottom}; };
  const clip = document.querySelector(`[data-testid=${panel}]`);
  const pages = document.querySelector(`[data-testid=${indicator}]`);
  const shown = pages && !pages.hidden;
  return {
    page: shown ? pages.querySelector("[aria-hidden]").textContent : "",
    spoken: shown ? pages.querySelector(".visually-hidden").textContent : "",
    indicator: shown ? box(pages) : null,
    overflows: clip.scrollHeight > clip.clientHeight + 2,
    panel: box(clip),
    blocks: [...clip.querySelectorAll(item)].map((e) => ({
      key: e.dataset.actionId || e.dataset.planId || e.lastChild.textContent, box: box(e),
      parts: [...e.getClientRects()].map((r) => ({x: r.x, y: r.y, right: r.right, bottom: r.bottom})),
      top: e.parentElement === clip})),
    texts: [...clip.querySelectorAll(text)].map((e) => ({
      box: box(e), font: parseFloat(getComputedStyle(e).fontSize)})),
    badges: clip.querySelectorAll(".kind-badge").length,
  };
}"""


def page_snapshot(wall: Page, panel: str, indicator: str, item: str, text: str) -> dict:
    """What one page shows, read in one go (a page may turn by itself between two reads).
    A block's key is its action's or plan's id, else its last text (a result's title)."""
    return wall.evaluate(SNAPSHOT, [panel, indicator, item, text])


def assert_page_whole(snap: dict, viewport: dict) -> None:
    """Nothing on the page leaves the viewport or its panel, and no two of the panel's
    blocks (plans, earlier steps) overlap."""
    panel = snap["panel"]
    assert not snap["overflows"], snap["page"]
    def inside(b, a):
        return (b["x"] >= a["x"] - 1 and b["right"] <= a["right"] + 1
                and b["y"] >= a["y"] - 1 and b["bottom"] <= a["bottom"] + 1)
    screen = {"x": 0, "y": 0, "right": viewport["width"], "bottom": viewport["height"]}
    assert inside(panel, screen), panel
    if snap["indicator"]:
        assert inside(snap["indicator"], screen), snap["indicator"]
        assert snap["indicator"]["y"] >= panel["bottom"] - 1, "the page number covers the panel"
    for part in snap["texts"] + [{"box": r} for b in snap["blocks"] for r in b["parts"]]:
        assert inside(part["box"], panel), (snap["page"], part, panel)
    tops = [b["parts"] for b in snap["blocks"] if b["top"]]  # a plan may go on in a next column
    for i, one in enumerate(tops):
        for other in tops[i + 1:]:
            for a in one:
                for b in other:
                    apart = (a["right"] <= b["x"] + 1 or b["right"] <= a["x"] + 1
                             or a["bottom"] <= b["y"] + 1 or b["bottom"] <= a["y"] + 1)
                    assert apart, ("two blocks overlap", a, b)


def every_page(wall: Page, **where) -> list[dict]:
    """Turn the pages by hand (PageDown) until every page number has been seen once."""
    first = page_snapshot(wall, **where)
    if not first["page"]:
        return [first]
    count = int(first["page"].split("/")[1])
    seen = {first["page"]: first}
    for _ in range(3 * count):
        if len(seen) == count:
            break
        wall.keyboard.press("PageDown")
        snap = page_snapshot(wall, **where)
        seen.setdefault(snap["page"], snap)
    assert len(seen) == count, sorted(seen)
    return [seen[f"{i}/{count}"] for i in range(1, count + 1)]


PLAN_PAGES = {"panel": "projector-plans", "indicator": "projector-plans-pages",
              "item": "[data-testid=projector-plan], [data-testid=projector-action]",
              "text": ".proj-plan-line, .proj-action-what, .proj-action-meta, .proj-plan-totals"}


def add_plans(seed: EveningSeed, count: int) -> dict[str, list[str]]:
    """`count` plans with long names and goals, of three, four and five long actions in
    turn, for the strategies and challenges chosen before; returns plan id -> action ids."""
    sources = [r["id"] for r in seed.board_state().results.values()
               if r["type"] in ("strategy", "challenge")]
    plans = {}
    for n in range(count):
        plan = seed.run("create_plan", source_id=sources[n % len(sources)])["plan_id"]
        seed.run("update_plan", plan_id=plan, field="title", base=0,
                 value=f"Plan {n + 1}: samen de buurt levendiger en veiliger maken")
        seed.run("update_plan", plan_id=plan, field="goal", base=0, value=PLAN_GOAL)
        plans[plan] = [seed.run("add_action", plan_id=plan, fields={
            "what": what, "owner": who, "due": due})["action_id"]
            for what, who, due in LONG_ACTIONS[:3 + n % 3]]
    return plans


@pytest.fixture
def earlier_choices(shared_server):
    """The one-evening format on its action-planning step, with what five steps chose."""
    seed = EveningSeed(shared_server)
    for step, names in EARLIER:
        seed.step(step)
        seed.promote(names)
    seed.step(5)
    return seed


@pytest.mark.parametrize("count", [3, 6, 10])
@pytest.mark.parametrize("viewport", [PROJECTOR, SMALL_WALL], ids=["1920", "1024"])
def test_plans_that_do_not_fit_at_28px_are_paged_and_every_plan_is_reachable(
        devices, shared_server, facilitator_state, earlier_choices, count, viewport):
    """More plans than fit at the smallest readable type: pages of whole plans (a plan
    cut only between its actions), plan and action text never below 28 px at 1920 (and as
    much of a smaller wall), nothing cut off or overlapping, every action on some page."""
    plans = add_plans(earlier_choices, count)
    link = projector_link(devices, shared_server, facilitator_state, earlier_choices)
    wall = open_wall(devices, shared_server, link, viewport)
    expect(by(wall, "projector-plans-pages")).to_be_visible()
    smallest = 28 * viewport["width"] / 1920
    keys: list[str] = []
    pages = every_page(wall, **PLAN_PAGES)
    assert len(pages) >= 2
    for snap in pages:
        assert_page_whole(snap, viewport)
        assert min(t["font"] for t in snap["texts"]) >= smallest - 0.01, snap["page"]
        assert "Pagina" in snap["spoken"] and snap["page"].replace("/", " van ") in snap["spoken"]
        keys += [b["key"] for b in snap["blocks"]]
    every_action = [a for actions in plans.values() for a in actions]
    assert [k for k in keys if k not in plans] == every_action, (
        "an action is missing, on two pages, or out of order")
    assert set(plans) <= set(keys), "a plan is on no page"

    earlier = by(wall, "projector-before-result")
    expect(earlier.first).to_be_visible()
    assert min(font_px(r) for r in earlier.all()) >= smallest - 0.01
    badges = wall.locator("[data-testid=projector-before-result] .kind-badge")
    assert min(font_px(b) for b in badges.all()) >= smallest - 0.01


def test_the_pages_turn_by_themselves_and_keep_still_for_a_projector_without_motion(
        devices, shared_server, facilitator_state, earlier_choices):
    """Nobody at the projector's keyboard: the next page comes by itself (every 13 s), and
    then the one after; "prefers-reduced-motion" turns the pages without the fade."""
    add_plans(earlier_choices, 6)
    link = projector_link(devices, shared_server, facilitator_state, earlier_choices)
    wall = open_wall(devices, shared_server, link, PROJECTOR)
    pages = by(wall, "projector-plans-pages")
    expect(pages).to_contain_text("1/")
    plan = wall.locator("[data-testid=projector-plan]").first
    assert plan.evaluate("e => getComputedStyle(e).animationName") == "page-in"
    expect(pages).to_contain_text("2/", timeout=40_000)  # waits for the turn; no clock asserted
    expect(pages).to_contain_text("3/", timeout=40_000)
    expect(pages.locator(".visually-hidden")).to_have_text(
        "Pagina 3 van " + pages.locator("[aria-hidden]").inner_text().split("/")[1])

    still = devices(shared_server, viewport=PROJECTOR, reduced_motion="reduce").new_page()
    still.goto(link)
    expect(by(still, "projector-plans-pages")).to_contain_text("1/")
    still.keyboard.press("ArrowRight")
    expect(by(still, "projector-plans-pages")).to_contain_text("2/")
    assert still.locator("[data-testid=projector-plan]").first.evaluate(
        "e => getComputedStyle(e).animationName") == "none"
    still.keyboard.press("PageUp")
    expect(by(still, "projector-plans-pages")).to_contain_text("1/")


MANY_EARLIER = [  # what five steps of a long evening chose: more than the strip holds at 28 px
    (0, ["Meer jonge gezinnen met kleine kinderen", "Minder winkels in de straat", "Meer ouderen",
         "Meer mensen die alleen wonen", "Meer verkeer op de doorgaande weg", "Minder groen"]),
    (1, ["Ruimte voor kinderen om buiten te spelen", "Eenzaamheid onder ouderen",
         "Veilig oversteken bij de school", "Geen plek om elkaar te ontmoeten",
         "Zwerfvuil rond de containers", "Te weinig bankjes"]),
    (2, ["Een levendig plein met een markt", "Iedereen kent elkaar", "Een groene straat",
         "Kinderen spelen veilig", "Een buurthuis dat 's avonds open is"]),
    (3, ["Buurthuis sluit om 17 uur", "Actieve vrijwilligers", "Lege winkel op de hoek",
         "Geld uit het buurtbudget", "Een school die wil meedoen", "Weinig tijd bij jonge ouders"]),
    (4, ["Speelstraat op zondag", "Koffieochtend in de lege winkel",
         "Buurtapp voor hulp bij boodschappen", "Bankjes langs het kanaal",
         "Schoonmaakactie met de hele straat"]),
]
STRIP_PAGES = {"panel": "projector-context-list", "indicator": "projector-context-pages",
               "item": ".proj-context-group, [data-testid=projector-before-result]",
               "text": "[data-testid=projector-before-result], .kind-badge"}


@pytest.mark.parametrize("viewport", [PROJECTOR, SMALL_WALL], ids=["1920", "1024"])
def test_what_we_chose_before_pages_instead_of_going_below_28px(
        devices, shared_server, facilitator_state, viewport):
    """Twenty-eight results of five steps beside the plans: the strip keeps its results and
    kind labels at 28 px or more at 1920 (as much of a smaller wall) and shows them in pages,
    every result on one page, nothing cut off."""
    seed = EveningSeed(shared_server)
    for step, names in MANY_EARLIER:
        seed.step(step)
        seed.promote(names)
    seed.step(5)
    add_plans(seed, 1)
    wall = open_wall(devices, shared_server,
                     projector_link(devices, shared_server, facilitator_state, seed), viewport)
    expect(by(wall, "projector-context-pages")).to_be_visible()
    smallest = 28 * viewport["width"] / 1920 - 0.01
    titles = []
    pages = every_page(wall, **STRIP_PAGES)
    assert len(pages) >= 2
    for snap in pages:
        assert_page_whole(snap, viewport)
        assert min(t["font"] for t in snap["texts"]) >= smallest, snap["page"]
        titles += [b["key"] for b in snap["blocks"] if not b["top"]]
    chosen = [name for _step, names in MANY_EARLIER for name in names]
    assert sorted(titles) == sorted(chosen), "a result is missing, or on two pages"
