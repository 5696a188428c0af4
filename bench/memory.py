"""Scenario 5: server memory per connected phone, at most 100 KB.

One Weefwerk server on an evening of 200 cards (a full evening's board, so each socket's
snapshot is a real one). One phone connects first, so the imports, the first snapshot
and the live state are already in memory; then the server's resident memory (VmRSS) is
read, N more phones connect, the coalesced presence settles, and it is read again. The
difference over N is the memory per phone: the socket, its Engine.IO and Socket.IO
session, its room entries and what Weefwerk keeps per socket (who it is, presence).
Memory the allocator keeps after the snapshots were sent counts too, as it would in a
hall; the figure after every phone left is given beside it.
"""
from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack
from pathlib import Path

from . import boards
from .common import HOST, free_port, phase, rss_bytes, server, weefwerk_command
from .report import Check
from .swarm import Swarm, phone_auths

TARGET_KB = 100
SETTLE_SECONDS = 3.0
CARDS = 200


async def run(opts, work: Path) -> tuple[list[Check], dict]:
    n = opts.phones or (50 if opts.quick else 1000)
    evening = await asyncio.to_thread(boards.make_evening, work, CARDS)
    tokens = await asyncio.to_thread(boards.direct_tokens, evening, n + 1)
    port = free_port()
    env = evening.server_env(port, WEEFWERK_MAX_CONNECTIONS=str(max(5000, n + 100)))
    base = f"http://{HOST}:{port}"
    async with AsyncExitStack() as stack:
        proc = stack.enter_context(server("weefwerk", weefwerk_command(), env,
                                          work / "weefwerk.log"))
        first, swarm = Swarm("first phone"), Swarm("phones")
        stack.push_async_callback(first.close)
        await first.connect(base, phone_auths(tokens[:1]), {}, opts.connect_timeout)
        await asyncio.sleep(SETTLE_SECONDS)
        before = rss_bytes(proc.pid)
        await swarm.connect(base, phone_auths(tokens[1:]), {}, opts.connect_timeout)
        phase("letting the connections settle")
        await asyncio.sleep(SETTLE_SECONDS)
        during = rss_bytes(proc.pid)
        await swarm.close()
        await asyncio.sleep(SETTLE_SECONDS)
        after = rss_bytes(proc.pid)
    connected = len(swarm.clients)
    if before is None or during is None or not connected:
        return [Check(f"5. memory per phone, {n} phones", f"<= {TARGET_KB} KB",
                      "could not read the server's memory", None)], {}
    per_phone_kb = (during - before) / connected / 1024
    detail = {"phones": n, "connected": connected, "connect_failed": swarm.connect_failed,
              "connect_s": swarm.connect_s, "rss_before_mb": round(before / 2**20, 1),
              "rss_connected_mb": round(during / 2**20, 1),
              "rss_after_leaving_mb": round(after / 2**20, 1) if after else None,
              "per_phone_kb": round(per_phone_kb, 1)}
    figure = (f"{per_phone_kb:.1f} KB ({detail['rss_before_mb']} -> "
              f"{detail['rss_connected_mb']} MB for {connected} phones; "
              f"{detail['rss_after_leaving_mb']} MB after they left)")
    return [Check(f"5. memory per phone, {n} phones", f"<= {TARGET_KB} KB of server memory",
                  figure, per_phone_kb <= TARGET_KB and swarm.connect_failed == 0)], detail
