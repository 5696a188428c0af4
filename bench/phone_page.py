"""Scenario 7, issue 13: a phone on a slow line, from the join link to its first card.

One Debian chromium (Playwright) as a phone, its network held to slow 3G by the Chrome
DevTools Protocol (`Network.emulateNetworkConditions`: 400 ms latency, 400 kbit/s down
and up), against the real server (`serve.py`, eventlet) on a fresh evening:

1. **First visit**, with an empty cache: open the join link (`/j/<code>`: the phone's
   board with the name form above it), take part without a name as soon as the page has
   loaded, wait until the phone is online, write a card and wait until it shows as sent
   (the server acknowledged it). Measured: the HTTP bytes on the wire (CDP's
   `encodedDataLength`: compressed bodies and headers), the HTTP requests that reached
   the server (not answered by the browser's cache), the WebSocket
   frames' payload bytes (as the page reads them, before the socket's own compression,
   so an upper bound) and the seconds from opening the link to the acknowledged card.
2. **Warm reload**: the same phone reloads its page. Counted: requests that reached the
   server (not answered from the browser's cache), the WebSocket included.
3. Two more phones for context, not targets: the same flow with the network not held
   back (what the machine's CPU takes: on a busy shared machine a good part), and one
   that reads the name form for 5 s before tapping (the board's scripts load and its
   line opens meanwhile), timed from the tap.

With `--phone-baseline <git ref>` the same runs first against that commit's code (a
`git archive` of it in the work folder, started with this checkout's `.venv`), for the
figures before: `--phone-baseline 9e1da8b` is the code before issue 13.
"""
from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import tarfile
import time
from io import BytesIO
from pathlib import Path

from .boards import make_evening
from .common import HOST, ROOT, free_port, phase, server, weefwerk_command
from .report import Check

SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8,
           "uploadThroughput": 400_000 / 8}
PHONE = {"viewport": {"width": 360, "height": 640}, "is_mobile": True, "has_touch": True}
# as the browser tests start it (tests/e2e/conftest.py)
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
TARGET_BYTES = 150 * 1024
READING_S = 5.0
TARGET_WARM_REQUESTS = 5
TARGET_SECONDS = 5.0


class Wire:
    """What the page's network did, from CDP's events: HTTP requests and their bytes on
    the wire, which of them the cache answered, and the WebSocket's frames."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.requests: dict[str, str] = {}  # request id -> URL
        self.from_cache: set[str] = set()
        self.bytes = 0
        self.sizes: dict[str, int] = {}
        self.sockets = 0
        self.socket_bytes = 0
        self.started = time.perf_counter()
        self.socket_log: list[tuple[float, str]] = []  # when (s from reset), what
        self.timeline: list[tuple[float, str]] = []

    def listen(self, cdp) -> None:
        cdp.on("Network.requestWillBeSent", self._request)
        cdp.on("Network.requestServedFromCache", lambda e: self.from_cache.add(e["requestId"]))
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.webSocketCreated", lambda e: self._socket())
        cdp.on("Network.webSocketHandshakeResponseReceived",
               lambda e: self.socket_log.append((self._now(), "handshake")))
        cdp.on("Network.webSocketFrameReceived", lambda e: self._frame(e, "in"))
        cdp.on("Network.webSocketFrameSent", lambda e: self._frame(e, "out"))

    def _request(self, event) -> None:
        self.requests.setdefault(event["requestId"], event["request"]["url"])
        self.timeline.append((self._now(), "ask " + event["request"]["url"].rsplit("/", 1)[-1]))

    def _response(self, event) -> None:
        response = event["response"]
        if response.get("fromDiskCache") or response.get("fromPrefetchCache") \
                or response.get("fromServiceWorker"):
            self.from_cache.add(event["requestId"])

    def _finished(self, event) -> None:
        size = int(event.get("encodedDataLength") or 0)
        self.bytes += size
        self.sizes[event["requestId"]] = size
        url = self.requests.get(event["requestId"], "?")
        self.timeline.append((self._now(), "got " + url.rsplit("/", 1)[-1]))

    def largest(self, n: int = 8) -> list[tuple[str, int]]:
        """The `n` requests with the most bytes on the wire: where a first visit goes."""
        ranked = sorted(self.sizes.items(), key=lambda item: -item[1])[:n]
        return [(self.requests.get(rid, "?").split("/", 3)[-1], size) for rid, size in ranked]

    def _now(self) -> float:
        return round(time.perf_counter() - self.started, 2)

    def _socket(self) -> None:
        self.sockets += 1
        self.socket_log.append((self._now(), "created"))

    def _frame(self, event, way: str) -> None:
        payload = event["response"].get("payloadData", "")
        self.socket_bytes += len(payload.encode())
        self.socket_log.append((self._now(), f"{way} {payload[:12]}"))

    def to_server(self) -> list[str]:
        """The HTTP requests the browser's cache did not answer."""
        return [url for rid, url in self.requests.items() if rid not in self.from_cache
                and not url.startswith("data:")]


async def one_phone(browser, base: str, code: str, network: dict | None = SLOW_3G,
                    reading: float = 0.0) -> dict:
    """A phone's first visit and its warm reload on `network` (None: not held back), the
    name form left open `reading` seconds (a resident reading it); the figures of both."""
    context = await browser.new_context(base_url=base, **PHONE)
    try:
        page = await context.new_page()
        cdp = await context.new_cdp_session(page)
        wire = Wire()
        wire.listen(cdp)
        await cdp.send("Network.enable")
        if network:
            await cdp.send("Network.emulateNetworkConditions", network)
        phase("a phone's first visit on slow 3G")
        start = wire.started = time.perf_counter()
        marks = {}

        def mark(name: str) -> None:
            marks[name] = round(time.perf_counter() - start, 2)

        await page.goto(f"/j/{code}")
        mark("name form shown")
        await asyncio.sleep(reading)
        tapped = time.perf_counter()
        await page.get_by_test_id("join-board-submit").click()
        # the board replaces the name form on the same page (static/js/join.js)
        await page.get_by_test_id("phone").wait_for(state="visible", timeout=60_000)
        mark("board shown")
        await page.locator("[data-testid=connection][data-state=online]").wait_for(
            timeout=60_000)
        mark("online")
        await page.get_by_test_id("card-text").fill("Meer bankjes langs de gracht")
        await page.get_by_test_id("send-card").click()
        await page.locator("[data-testid=my-card][data-state=sent]").wait_for(timeout=60_000)
        mark("card acknowledged")
        seconds = time.perf_counter() - start
        from_tap = time.perf_counter() - tapped
        # the first visit's weight includes the parts the phone loads once its board is
        # shown (static/js/views/phone/later.js): wait for them before counting
        await page.wait_for_function("""() => performance.getEntriesByType("resource")
            .some((e) => e.name.endsWith("/js/views/phone/vote.js") && e.responseEnd > 0)""",
                                     timeout=60_000)
        await page.wait_for_load_state("networkidle")
        await asyncio.sleep(0.5)  # let the last loadingFinished events arrive
        first = {"seconds": round(seconds, 2), "from_tap": round(from_tap, 2), "marks": marks,
                 "http_bytes": wire.bytes,
                 "largest": wire.largest(), "socket": wire.socket_log[:12],
                 "timeline": wire.timeline, "requests": len(wire.to_server()),
                 "from_cache": len(wire.from_cache), "socket_bytes": wire.socket_bytes,
                 "scripts": sorted(u.split("/static/", 1)[-1] for u in wire.requests.values()
                                   if u.endswith(".js"))}
        phase("the phone's warm reload")
        wire.reset()
        started = time.perf_counter()
        await page.reload()
        await page.locator("[data-testid=connection][data-state=online]").wait_for(
            timeout=60_000)
        await page.locator("[data-testid=my-card][data-state=sent]").wait_for(timeout=60_000)
        reload_seconds = time.perf_counter() - started
        await asyncio.sleep(0.5)
        to_server = wire.to_server()
        warm = {"to_server": len(to_server) + wire.sockets, "http": to_server,
                "websockets": wire.sockets, "from_cache": len(wire.from_cache),
                "seconds": round(reload_seconds, 2), "http_bytes": wire.bytes}
        return {"first_visit": first, "warm_reload": warm}
    finally:
        await context.close()


def unpack(ref: str, into: Path) -> Path:
    """The code of `ref` in a folder of its own, from `git archive` (no checkout moved)."""
    phase(f"unpacking {ref}")
    tree = subprocess.run(["git", "archive", "--format=tar", ref], cwd=ROOT, check=True,
                          capture_output=True).stdout
    into.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=BytesIO(tree)) as archive:
        archive.extractall(into, filter="data")
    return into


async def measure(browser, work: Path, code_root: Path | None) -> dict:
    """One server (this checkout's, or the one in `code_root`) on a fresh evening."""
    evening = make_evening(work)
    port = free_port()
    command = ([sys.executable, str(code_root / "serve.py")] if code_root
               else weefwerk_command())
    base = f"http://{HOST}:{port}"
    with server("weefwerk", command, evening.server_env(port), work / "server.log"):
        figures = await one_phone(browser, base, evening.code)
        # the same phone flow with the network not held back: what this machine's CPU
        # (browser and server) takes, the part of the figure slow 3G does not explain
        figures["unthrottled"] = (await one_phone(browser, base, evening.code, None))[
            "first_visit"]
        # a resident who reads the name form for READING_S seconds before tapping: the
        # board's scripts load and its line opens meanwhile, as they would in a hall
        figures["reading"] = (await one_phone(browser, base, evening.code,
                                              reading=READING_S))["first_visit"]
        return figures


def checks(now: dict, before: dict | None, ref: str | None) -> list[Check]:
    """The three targets on this code; the figures of `ref` (before) beside them."""
    first, warm = now["first_visit"], now["warm_reload"]

    def was(figure) -> str:
        return f" (before, {ref}: {figure(before)})" if before else ""

    return [
        Check("7. phone first visit", "<= 150 KB on the wire",
              f"{first['http_bytes'] / 1024:.0f} KB in {first['requests']} requests "
              f"(+ {first['socket_bytes'] / 1024:.0f} KB WebSocket payload)"
              + was(lambda b: f"{b['first_visit']['http_bytes'] / 1024:.0f} KB in "
                              f"{b['first_visit']['requests']} requests"),
              first["http_bytes"] <= TARGET_BYTES),
        Check("7. phone warm reload", "<= 5 requests to the server",
              f"{warm['to_server']} ({len(warm['http'])} HTTP + {warm['websockets']} "
              f"WebSocket; {warm['from_cache']} from cache)"
              + was(lambda b: str(b["warm_reload"]["to_server"])),
              warm["to_server"] <= TARGET_WARM_REQUESTS),
        Check("7. phone link to first card", "<= 5 s on slow 3G",
              f"{first['seconds']:.1f} s" + was(lambda b: f"{b['first_visit']['seconds']:.1f} s")
              + f"; not held back {now['unthrottled']['seconds']:.1f} s on this machine; "
              f"{now['reading']['from_tap']:.1f} s from the tap after {READING_S:.0f} s on "
              f"the name form", first["seconds"] <= TARGET_SECONDS),
    ]


async def run(opts, work: Path) -> tuple[list[Check], dict]:
    from playwright.async_api import async_playwright

    executable = shutil.which("chromium")
    if executable is None:
        raise RuntimeError("scenario 7 needs Debian's chromium on the PATH")
    found: list[Check] = []
    details: dict = {"network": SLOW_3G}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable,
                                                   args=CHROMIUM_ARGS)
        try:
            before = None
            if opts.phone_baseline:
                root = unpack(opts.phone_baseline, work / "baseline-code")
                before = await measure(browser, work / "baseline", root)
                details["baseline"] = {"ref": opts.phone_baseline, **before}
            now = await measure(browser, work / "now", None)
            details["now"] = now
            found += checks(now, before, opts.phone_baseline)
        finally:
            await browser.close()
    return found, details
