"""Issue 13 in real chromium: each screen loads only its own code, every module it runs
is in its page's preload list, and a reload asks the server for the page alone.

What a page fetched is read from the browser's own Resource Timing entries
(`performance.getEntriesByType("resource")`): every subresource the document used, with
`transferSize` 0 when the browser's cache answered it. The figures on a slow line are
the benchmark's (`python -m bench --scenario 7`), never asserted here.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import phone_later_parts
from tests.e2e.test_live_board_browser import (  # noqa: F401  (fixtures pytest looks up by name)
    PHONE,
    by,
    evening,
    facilitator_state,
    open_input,
    send_card,
)

pytestmark = pytest.mark.e2e

VIEW = re.compile(r"/js/views/(phone|console|projector|workspace)/")
OWN_VIEW = {"phone": "phone", "console": "console", "projector": "projector"}


def used(page: Page) -> list[dict]:
    """The page's subresources: path and bytes over the network (0: from the cache)."""
    return page.evaluate("""() => performance.getEntriesByType("resource").map((e) => ({
        path: new URL(e.name).pathname, transferred: e.transferSize }))""")


def scripts(page: Page) -> set[str]:
    return {r["path"] for r in used(page) if r["path"].endswith(".js")}


def preloaded(page: Page) -> set[str]:
    return set(page.evaluate("""() => [...document.querySelectorAll(
        'link[rel=modulepreload]')].map((l) => new URL(l.href).pathname)"""))


def later_parts(page: Page) -> set[str]:
    """The modules a phone loads once its board is shown (views/phone/later.js), as the
    server lists them under the static tree's hash."""
    base = page.evaluate("""() => [...document.querySelectorAll('link[rel=modulepreload]')]
        .map((l) => new URL(l.href).pathname).find((p) => p.endsWith('/js/main.js'))""")
    if not base:
        return set()
    root = base.removesuffix("js/main.js")
    return {root + module for modules in phone_later_parts().values() for module in modules}


def views_in(paths: set[str]) -> set[str]:
    return {m.group(1) for p in paths if (m := VIEW.search(p))}


def join(context, code: str) -> Page:
    """A phone opens the join link (the QR code's target) and takes part without a name."""
    phone = context.new_page()
    phone.goto(f"/j/{code}")
    by(phone, "join-board-submit").click()
    expect(by(phone, "phone")).to_be_visible()
    expect(by(phone, "connection")).to_have_attribute("data-state", "online")
    return phone


def test_each_screen_runs_only_its_own_view_and_preloads_every_module_it_runs(evening):
    phone = join(evening.new_device(**PHONE), evening.code)
    screens = {"phone": phone, "console": evening.console, "projector": evening.projector}
    for name, page in screens.items():
        ran = scripts(page)
        assert views_in(ran) == {OWN_VIEW[name]}, (name, sorted(ran))
        # every script the page used was in its preload list: none was found one import
        # level at a time (the strings module and main.js are listed as well); the phone's
        # later parts (views/phone/later.js) are asked for all at once after the board
        listed = preloaded(page)
        later = later_parts(page) if name == "phone" else set()
        assert ran - later <= listed, (name, sorted(ran - listed))
        assert all(path.startswith("/static/v/") or path.startswith("/strings/")
                   for path in listed), sorted(listed)
        # and the list holds no other view's modules
        assert views_in(listed) == {OWN_VIEW[name]}, (name, sorted(listed))


def test_a_reload_asks_the_server_for_the_page_alone_and_the_phone_still_works(evening):
    context = evening.new_device(**PHONE)
    phone = join(context, evening.code)
    open_input(evening.console, phone)
    send_card(phone, "Meer bankjes langs de gracht")
    expect(by(phone, "my-card")).to_have_attribute("data-state", "sent")

    phone.reload()
    expect(by(phone, "connection")).to_have_attribute("data-state", "online")
    fetched = [r for r in used(phone) if r["transferred"] > 0]
    assert fetched == [], fetched  # every script, style sheet and string from the cache
    assert scripts(phone), "the page ran no script"
    expect(by(phone, "my-card")).to_have_attribute("data-state", "sent")
    send_card(phone, "Schaduw bij de speeltuin")
    expect(by(phone, "my-card").filter(has_text="Schaduw")).to_have_attribute(
        "data-state", "sent")
