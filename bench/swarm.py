"""The phones: many python-socketio AsyncClients in one asyncio process, joined over HTTP
as a resident does or with tokens made beforehand, and the facilitator's console, which
logs in over HTTP like a person.

One process drives up to about 1,000 sockets on this machine; scenario 6 runs several of
these swarms in separate processes (`bench/scale_out.py`).
"""
from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable
from typing import Any

import aiohttp
import socketio

from .boards import FACILITATOR_LOGIN, FACILITATOR_PASSWORD
from .common import phase

CONNECT_AT_ONCE = 50
JOIN_AT_ONCE = 20
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
TOKEN = re.compile(r'"token":\s*"([^"]+)"')
Handler = Callable[[int, Any], None]  # (the client's index, what it received)


class Swarm:
    """N clients of one server; `handlers` are called with the receiving client's index."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.clients: list[socketio.AsyncClient] = []
        self.connect_failed = 0
        self.dropped = 0
        self.closing = False
        self.connect_s: float | None = None
        self.made = 0  # clients made so far: each one's index for the handlers

    def _disconnected(self, reason=None) -> None:
        if not self.closing:
            self.dropped += 1

    async def connect_one(self, url: str, auth: Any, handlers: dict[str, Handler],
                          headers: dict | None = None) -> socketio.AsyncClient | None:
        """One more client; None (and counted) when it could not connect."""
        index = self.made
        self.made += 1
        client = socketio.AsyncClient(reconnection=False, handle_sigint=False)
        for event, handler in handlers.items():
            client.on(event, _bound(handler, index))
        client.on("disconnect", self._disconnected)
        try:
            await client.connect(url, auth=auth, headers=headers or {},
                                 transports=["websocket"], wait_timeout=30)
        except Exception:
            self.connect_failed += 1
            return None
        self.clients.append(client)
        return client

    async def connect(self, url: str, auths: list, handlers: dict[str, Handler],
                      timeout: float) -> None:
        """One client per auth, at most CONNECT_AT_ONCE connecting at a time."""
        phase(f"connecting the {self.name} clients")
        gate = asyncio.Semaphore(CONNECT_AT_ONCE)

        async def one(auth):
            async with gate:
                await self.connect_one(url, auth, handlers)

        started = time.perf_counter()
        await asyncio.wait_for(asyncio.gather(*(one(a) for a in auths)), timeout)
        self.connect_s = round(time.perf_counter() - started, 2)
        if not self.clients:
            raise RuntimeError(f"no {self.name} client could connect")

    async def close(self) -> None:
        phase(f"disconnecting the {self.name} clients")
        self.closing = True

        async def one(client):
            try:
                await asyncio.wait_for(client.disconnect(), 5)
            except Exception:
                pass

        await asyncio.gather(*(one(c) for c in self.clients))


def _bound(handler: Handler, index: int) -> Callable[[Any], None]:
    return lambda data=None: handler(index, data)


def phone_auths(tokens: list[str]) -> list[dict]:
    return [{"token": t, "lang": "nl"} for t in tokens]


async def join_over_http(http: aiohttp.ClientSession, base: str, code: str) -> str:
    """One resident joining: the join page, the name form with its CSRF token, and the
    phone board it redirects to, which carries the socket token. Raises when refused."""
    async with http.get(f"{base}/j/{code}") as page:
        form = CSRF.search(await page.text())
    if form is None:
        raise RuntimeError(f"no join form at /j/{code} ({page.status})")
    async with http.post(f"{base}/j/{code}", data={
            "display_name": "", "csrf_token": form.group(1)}) as joined:
        html = await joined.text()
    found = TOKEN.search(html)
    if found is None:
        raise RuntimeError(f"join refused ({joined.status}): {html[:200]}")
    return found.group(1)


def http_session() -> aiohttp.ClientSession:
    """A browser of its own: cookies kept for 127.0.0.1 too."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True),
                                 timeout=aiohttp.ClientTimeout(total=30))


async def http_tokens(base: str, code: str, n: int, timeout: float) -> list[str]:
    """N phones join over HTTP, JOIN_AT_ONCE at a time."""
    phase("joining the phones over HTTP")
    gate = asyncio.Semaphore(JOIN_AT_ONCE)

    async def one() -> str:
        async with gate, http_session() as http:
            return await join_over_http(http, base, code)

    return await asyncio.wait_for(asyncio.gather(*(one() for _ in range(n))), timeout)


async def console_login(base: str, board_id: int) -> tuple[str, str]:
    """The facilitator logs in over HTTP and opens the evening's console: (socket token,
    Cookie header). The socket checks that the browser's session is the token's user."""
    phase("logging the facilitator in")
    async with http_session() as http:
        async with http.get(f"{base}/login") as page:
            form = CSRF.search(await page.text())
        if form is None:
            raise RuntimeError(f"no login form ({page.status})")
        async with http.post(f"{base}/login", data={
                "login": FACILITATOR_LOGIN, "password": FACILITATOR_PASSWORD,
                "csrf_token": form.group(1)}) as answer:
            if answer.status != 200:
                raise RuntimeError(f"login failed ({answer.status})")
        async with http.get(f"{base}/console/w/{board_id}") as page:
            found = TOKEN.search(await page.text())
        if found is None:
            raise RuntimeError(f"no console token ({page.status})")
        cookies = "; ".join(f"{c.key}={c.value}" for c in http.cookie_jar)
        return found.group(1), cookies
