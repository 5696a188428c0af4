"""Scenario 4: the snapshot of a board with 1,000 cards in 100 clusters: under 50 ms of
server time and under 150 KB on the wire.

A raw websocket (aiohttp, speaking Engine.IO 4 / Socket.IO 5 by hand) so that what is
measured is the exact text frame the server sends, not what a client library decoded.
For each screen (a phone, the projector, the facilitator's console, logged in over HTTP):
the size of the `snapshot` message at connect, then `--repeats` resyncs that ask for a
snapshot (`since: -1`), one at a time. The server time of one snapshot is the server
process's CPU time over those resyncs (from /proc) divided by their number, which
includes the socket's own work for the request and the answer; the round trip is given
beside it. On the wire: the frame's bytes as sent without compression; browsers
negotiate permessage-deflate with eventlet, so the deflated size is given as well.
"""
from __future__ import annotations

import asyncio
import json
import time
import zlib
from contextlib import AsyncExitStack
from pathlib import Path

import aiohttp

from . import boards
from .common import (
    HOST,
    cpu_seconds,
    delta,
    free_port,
    pct,
    phase,
    server,
    weefwerk_command,
)
from .report import Check
from .swarm import console_login

TIME_TARGET_MS, SIZE_TARGET_KB = 50, 150


class RawSocket:
    """One Socket.IO connection over a bare websocket: every text frame seen as sent."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.next_id = 1

    @classmethod
    async def open(cls, http: aiohttp.ClientSession, base: str, auth: dict,
                   headers: dict | None = None) -> tuple[RawSocket, str]:
        """Connect with `auth`; returns the socket and the `snapshot` frame's text."""
        url = base.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
        ws = await http.ws_connect(url, headers=headers or {})
        sock = cls(ws)
        opened = await sock.frame()
        if not opened.startswith("0"):
            raise RuntimeError(f"no Engine.IO open packet: {opened[:80]}")
        await ws.send_str("40" + json.dumps(auth))
        while True:
            text = await sock.frame()
            if text.startswith("44"):
                raise RuntimeError(f"connection refused: {text[:200]}")
            if text.startswith('42["snapshot"'):
                return sock, text

    async def frame(self) -> str:
        """The next text frame, answering the server's pings on the way."""
        while True:
            message = await asyncio.wait_for(self.ws.receive(), 30)
            if message.type != aiohttp.WSMsgType.TEXT:
                raise RuntimeError(f"socket closed: {message.type}")
            if message.data == "2":
                await self.ws.send_str("3")
                continue
            return message.data

    async def call(self, event: str, data: object) -> str:
        """Emit with an ack; the ack frame's text."""
        ack_id = self.next_id
        self.next_id += 1
        await self.ws.send_str(f"42{ack_id}" + json.dumps([event, data]))
        prefix = f"43{ack_id}"
        while True:
            text = await self.frame()
            if text.startswith(prefix):
                return text


def deflated(text: str) -> int:
    """Bytes after permessage-deflate (raw deflate, as a browser's connection would)."""
    packer = zlib.compressobj(wbits=-15)
    return len(packer.compress(text.encode()) + packer.flush(zlib.Z_SYNC_FLUSH)) - 4


async def screen(http, base: str, pid: int, name: str, auth: dict, repeats: int,
                 headers: dict | None = None) -> dict:
    """One screen's snapshot: its size at connect, the server CPU and round trip of resyncs."""
    phase(f"measuring the {name}'s snapshot")
    sock, first = await RawSocket.open(http, base, auth, headers)
    try:
        await sock.call("resync", {"since": -1})  # warm-up
        walls = []
        cpu0 = cpu_seconds(pid)
        for _ in range(repeats):
            started = time.perf_counter()
            answer = await sock.call("resync", {"since": -1})
            walls.append((time.perf_counter() - started) * 1000)
            if '"snapshot"' not in answer[:200]:
                raise RuntimeError(f"resync gave no snapshot: {answer[:200]}")
        cpu = delta(cpu0, cpu_seconds(pid))
    finally:
        await sock.ws.close()
    size = len(first.encode())
    return {"screen": name, "bytes": size, "deflated_bytes": deflated(first),
            "resync_bytes": len(answer.encode()), "repeats": repeats,
            "server_cpu_ms": round(cpu * 1000 / repeats, 2) if cpu is not None else None,
            "round_trip_p50_ms": pct(walls, 0.5), "round_trip_max_ms": pct(walls, 1)}


async def run(opts, work: Path) -> tuple[list[Check], dict]:
    cards, clusters = 1000, 100
    repeats = 20 if opts.quick else 50
    evening = await asyncio.to_thread(boards.make_evening, work, cards, clusters)
    phone = (await asyncio.to_thread(boards.direct_tokens, evening, 1))[0]
    port = free_port()
    env = evening.server_env(port)
    base = f"http://{HOST}:{port}"
    async with AsyncExitStack() as stack:
        proc = stack.enter_context(server("weefwerk", weefwerk_command(), env,
                                          work / "weefwerk.log"))
        http = await stack.enter_async_context(aiohttp.ClientSession())
        token, cookie = await console_login(base, evening.board_id)
        rows = [
            await screen(http, base, proc.pid, "phone", {"token": phone, "lang": "nl"}, repeats),
            await screen(http, base, proc.pid, "projector",
                         {"token": boards.projector_token(evening), "lang": "nl"}, repeats),
            await screen(http, base, proc.pid, "console", {"token": token, "lang": "nl"},
                         repeats, {"Cookie": cookie}),
        ]
    checks = []
    for row in rows:
        what = f"4. snapshot, {cards} cards / {clusters} clusters, {row['screen']}"
        checks.append(Check(what, f"< {TIME_TARGET_MS} ms server time",
                            f"{row['server_cpu_ms']} ms server CPU per resync snapshot "
                            f"(round trip p50 {row['round_trip_p50_ms']} ms)",
                            row["server_cpu_ms"] is not None
                            and row["server_cpu_ms"] < TIME_TARGET_MS))
        kb = row["bytes"] / 1024
        checks.append(Check(what, f"< {SIZE_TARGET_KB} KB on the wire",
                            f"{kb:.1f} KB as sent ({row['deflated_bytes'] / 1024:.1f} KB "
                            f"deflated)", kb < SIZE_TARGET_KB))
    return checks, {"cards": cards, "clusters": clusters, "screens": rows}
