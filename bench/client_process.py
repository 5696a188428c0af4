"""One client process of scenario 6: a swarm of phones in its own process, because one
Python process cannot drive 5,000 sockets.

Each phone connects to one of the server processes, chosen round-robin by its number
(phone k to server k mod P): no load balancer in front, the clients pick. The process
reports to the coordinator over a multiprocessing queue:

- `("ready", worker, connected, failed, seconds, cpu_seconds)` once its phones are
  connected;
- `("complete", worker, key, when)` each time every one of its phones has a message
  (when: the last arrival, on the machine-wide monotonic clock that `time.perf_counter`
  reads on Linux, so the coordinator can subtract its send time);
- `("final", worker, {key: arrivals}, dropped, cpu_seconds)` when told to stop.
"""
from __future__ import annotations

import asyncio
import time
from multiprocessing import Queue

from .fanout import key_of
from .swarm import CONNECT_AT_ONCE, Swarm


def main(worker: int, servers: list[str], phones: list[tuple[int, str]], control: Queue,
         results: Queue, connect_timeout: float) -> None:
    """The process's entry point (multiprocessing, spawn)."""
    asyncio.run(_serve(worker, servers, phones, control, results, connect_timeout))


async def _serve(worker: int, servers: list[str], phones: list[tuple[int, str]],
                 control: Queue, results: Queue, connect_timeout: float) -> None:
    swarm = Swarm(f"client process {worker}")
    arrivals: dict[str, list[float]] = {}

    def arrived(_index: int, data) -> None:
        key = key_of(data)
        if key is None:
            return
        times = arrivals.setdefault(key, [])
        times.append(time.perf_counter())
        if len(times) == len(swarm.clients):
            results.put(("complete", worker, key, max(times)))

    gate = asyncio.Semaphore(CONNECT_AT_ONCE)

    async def one(number: int, token: str) -> None:
        async with gate:
            await swarm.connect_one(servers[number % len(servers)],
                                    {"token": token, "lang": "nl"}, {"event": arrived})

    started = time.perf_counter()
    try:
        await asyncio.wait_for(asyncio.gather(*(one(n, t) for n, t in phones)),
                               connect_timeout)
    except TimeoutError:
        pass  # the phones not connected by now count as failed
    failed = len(phones) - len(swarm.clients)
    results.put(("ready", worker, len(swarm.clients), failed,
                 round(time.perf_counter() - started, 2), time.process_time()))
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, control.get)  # "stop"
    results.put(("final", worker, {k: len(v) for k, v in arrivals.items()}, swarm.dropped,
                 time.process_time()))
    await swarm.close()
