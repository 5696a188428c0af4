"""Scenario 3: a join storm. 300 phones join over HTTP within 10 s onto a 2,000-card
board: every one synced within 10 s, none refused.

The phones start at evenly spread moments over the 10 s window (the room scanning the
QR code after the facilitator shows it). Each is a browser of its own: the join page,
the name form with its CSRF token, the phone board with its token, then the socket,
until its `snapshot` arrived: that is "synced". The server runs with the shipped join
limits (a right code is never counted against them; `WEEFWERK_MAX_JOINS` 500).
Per phone: the seconds from its first request until its snapshot; the storm's length is
from the first request until the last phone synced.
"""
from __future__ import annotations

import asyncio
import time
from contextlib import AsyncExitStack
from pathlib import Path

from . import boards
from .common import HOST, LoadMeter, free_port, pct, phase, server, weefwerk_command
from .report import Check
from .swarm import Swarm, http_session, join_over_http

WINDOW_S, TARGET_S = 10.0, 10.0


async def run(opts, work: Path) -> tuple[list[Check], dict]:
    n, cards = (30, 200) if opts.quick else (300, 2000)
    evening = await asyncio.to_thread(boards.make_evening, work, cards)
    port = free_port()
    env = evening.server_env(port)
    base = f"http://{HOST}:{port}"
    synced: dict[int, float] = {}
    refused: dict[int, str] = {}
    async with AsyncExitStack() as stack:
        proc = stack.enter_context(server("weefwerk", weefwerk_command(), env,
                                          work / "weefwerk.log"))
        swarm = Swarm("phones")
        stack.push_async_callback(swarm.close)

        def got_snapshot(index: int, _data) -> None:
            synced.setdefault(index, time.perf_counter())

        async def phone(index: int, start: float) -> None:
            await asyncio.sleep(max(0.0, start - time.perf_counter()))
            began = time.perf_counter()
            try:
                async with http_session() as http:
                    token = await join_over_http(http, base, evening.code)
                client = await swarm.connect_one(base, {"token": token, "lang": "nl"}, {
                    "snapshot": lambda _i, data: got_snapshot(index, data)})
                if client is None:
                    raise RuntimeError("socket refused")
                while index not in synced and time.perf_counter() < began + 60:
                    await asyncio.sleep(0.01)
                if index not in synced:
                    raise RuntimeError("no snapshot within 60 s")
                synced[index] -= began  # from now on: seconds to sync
            except Exception as trouble:
                refused[index] = f"{type(trouble).__name__}: {trouble}"[:200]

        phase(f"{n} phones joining over {WINDOW_S:.0f} s")
        meter = LoadMeter([proc.pid])
        t0 = time.perf_counter() + 0.5
        await asyncio.wait_for(asyncio.gather(*(
            phone(i, t0 + i * WINDOW_S / n) for i in range(n))), opts.connect_timeout)
        storm_s = time.perf_counter() - t0
        other = meter.other_cores()
    times = [synced[i] for i in synced if i not in refused]
    slowest = max(times) if times else None
    detail = {"phones": n, "cards": cards, "synced": len(times), "refused": len(refused),
              "refusals": sorted(set(refused.values()))[:5], "sync_p50_s": pct(times, 0.5),
              "sync_p95_s": pct(times, 0.95), "sync_max_s": slowest,
              "storm_s": round(storm_s, 2), "other_load_cores": other}
    figure = (f"{len(times)} of {n} synced, {len(refused)} refused; per phone p50 "
              f"{detail['sync_p50_s']} s, max {round(slowest, 2) if slowest else '-'} s; "
              f"last synced {storm_s:.1f} s after the first began (other load {other})")
    met = len(times) == n and slowest is not None and slowest <= TARGET_S
    return [Check(f"3. join storm, {n} phones over {WINDOW_S:.0f} s, {cards} cards",
                  f"all synced within {TARGET_S:.0f} s, none refused", figure, met)], detail
