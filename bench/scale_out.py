"""Scenario 6: 5,000 phones over 4 server processes with Redis, the clients in separate
processes: every delivery made, p95 reported next to one process at 1,000.

P Weefwerk processes (`serve.py`, eventlet) serve one evening stored in PostgreSQL, and
Flask-SocketIO's Redis message queue carries every broadcast to all of them. There is no
load balancer: each phone picks a process round-robin by its number
(`bench/client_process.py`), in client processes of at most 1,000 phones each. One more
phone in this process, on the first server, sends M `add_card`s one at a time; per
message the time from the send until the last phone in any process had it. The same
measurement with one server process and 1,000 phones runs first, for comparison.

Redis: a private `redis-server` on a free port unless `--redis` names one, because
Redis's publish/subscribe channels are shared by all its database numbers, and
Flask-SocketIO's channel is the same for every app: a shared Redis would pass this
benchmark's broadcasts to other people's test servers, and theirs to these phones.
"""
from __future__ import annotations

import asyncio
import math
import multiprocessing
import queue
import secrets
import subprocess
import time
from contextlib import AsyncExitStack, contextmanager
from pathlib import Path

from . import boards, client_process
from .boards import card_text
from .common import (
    HOST,
    LoadMeter,
    cpu_seconds,
    free_port,
    pct,
    phase,
    server,
    stop,
    weefwerk_command,
)
from .report import Check
from .swarm import Swarm

PHONES_PER_PROCESS = 1000


@contextmanager
def private_redis(work: Path):
    """A redis-server of this run only, without persistence; always stopped."""
    import redis

    port = free_port()
    log = open(work / "redis.log", "w")  # noqa: SIM115 (closed below)
    proc = subprocess.Popen(["redis-server", "--port", str(port), "--bind", HOST,
                             "--save", "", "--appendonly", "no"], stdout=log,
                            stderr=subprocess.STDOUT)
    try:
        client = redis.Redis(host=HOST, port=port)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.1)
        yield f"redis://{HOST}:{port}/0"
    finally:
        stop(proc)
        log.close()


class Reports:
    """What the client processes reported, read from their queue in the background."""

    def __init__(self, results: multiprocessing.Queue) -> None:
        self.results = results
        self.ready: dict[int, tuple] = {}
        self.complete: dict[str, dict[int, float]] = {}
        self.final: dict[int, tuple] = {}

    async def pump(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            try:
                kind, worker, *rest = await loop.run_in_executor(
                    None, lambda: self.results.get(timeout=0.2))
            except queue.Empty:
                continue
            if kind == "ready":
                self.ready[worker] = tuple(rest)
            elif kind == "complete":
                self.complete.setdefault(rest[0], {})[worker] = rest[1]
            else:
                self.final[worker] = tuple(rest)


async def wait_for(condition, seconds: float) -> bool:
    ends = time.perf_counter() + seconds
    while not condition():
        if time.perf_counter() > ends:
            return False
        await asyncio.sleep(0.005)
    return True


async def one_run(processes: int, n: int, opts, work: Path, database: str) -> dict:
    """P servers, N phones in client processes, M messages; the figures of that run."""
    evening = await asyncio.to_thread(boards.make_evening, work, 0, 0, database)
    tokens = await asyncio.to_thread(boards.direct_tokens, evening, n + 1)
    workers = max(2, math.ceil(n / PHONES_PER_PROCESS))
    spawn = multiprocessing.get_context("spawn")
    results, controls = spawn.Queue(), [spawn.Queue() for _ in range(workers)]
    reports = Reports(results)
    async with AsyncExitStack() as stack:
        redis_url = opts.redis or stack.enter_context(private_redis(work))
        urls, pids = [], []
        for k in range(processes):
            port = free_port()
            env = evening.server_env(port, SOCKETIO_MESSAGE_QUEUE=redis_url,
                                     WEEFWERK_MAX_CONNECTIONS=str(max(5000, n + 100)))
            proc = stack.enter_context(server(f"weefwerk {k + 1}", weefwerk_command(), env,
                                              work / f"weefwerk-{k + 1}.log"))
            urls.append(f"http://{HOST}:{port}")
            pids.append(proc.pid)
        pump = asyncio.ensure_future(reports.pump())
        stack.callback(pump.cancel)
        phase(f"connecting {n} phones from {workers} client processes to {processes} servers")
        numbered = list(enumerate(tokens[1:]))
        children = []
        for w in range(workers):
            child = spawn.Process(target=client_process.main, daemon=True, args=(
                w, urls, numbered[w::workers], controls[w], results, opts.connect_timeout))
            child.start()
            children.append(child)
        stack.callback(_end_children, children, controls)
        if not await wait_for(lambda: len(reports.ready) == workers, opts.connect_timeout + 30):
            raise RuntimeError(f"only {len(reports.ready)} of {workers} client processes "
                               "reported ready")
        sender_swarm = Swarm("sender")
        stack.push_async_callback(sender_swarm.close)
        sender = await sender_swarm.connect_one(urls[0], {"token": tokens[0], "lang": "nl"}, {})
        if sender is None:
            raise RuntimeError("the sending phone could not connect")
        connected = sum(r[0] for r in reports.ready.values())
        print(f"  {processes} server(s): {connected} of {n} phones connected in "
              f"{max(r[2] for r in reports.ready.values())} s", flush=True)
        await asyncio.sleep(2)
        meter = LoadMeter(pids)
        cpu0 = [cpu_seconds(p) for p in pids]
        active = [w for w, r in reports.ready.items() if r[0] > 0]
        walls, sent, acks_refused = [], 0, 0
        for seq in range(opts.warmup + opts.messages):
            phase(f"message {seq} to {connected} phones over {processes} server(s)")
            key = card_text(seq)
            started = time.perf_counter()
            answer = await sender.call("command", {
                "op_id": secrets.token_hex(8), "name": "add_card", "args": {"text": key}},
                timeout=opts.timeout)
            sent += 1
            acks_refused += not (isinstance(answer, dict) and answer.get("ok"))
            done = await wait_for(lambda k=key: len(reports.complete.get(k, {})) == len(active),
                                  opts.timeout)
            if seq >= opts.warmup and done:
                walls.append((max(reports.complete[key].values()) - started) * 1000)
            await asyncio.sleep(opts.gap_ms / 1000)
        server_cpu = sum((cpu_seconds(p) or 0) - (c or 0) for p, c in zip(pids, cpu0,
                                                                          strict=True))
        for control in controls:
            control.put("stop")
        await wait_for(lambda: len(reports.final) == workers, 60)
        clients_cpu = sum(f[2] - reports.ready[w][3] for w, f in reports.final.items())
        other = meter.other_cores(extra_cpu=clients_cpu)
    received = sum(sum(f[0].get(card_text(s), 0) for f in reports.final.values())
                   for s in range(opts.warmup, opts.warmup + opts.messages))
    return {"processes": processes, "phones": n, "client_processes": workers,
            "connected": connected, "messages": opts.messages,
            "deliveries_expected": connected * opts.messages, "deliveries_made": received,
            "dropped": sum(f[1] for f in reports.final.values()),
            "acks_refused": acks_refused, "complete_messages": len(walls),
            "p50_ms": pct(walls, 0.5), "p95_ms": pct(walls, 0.95), "max_ms": pct(walls, 1),
            "server_cpu_ms_per_message": round(server_cpu * 1000 / sent, 1) if sent else None,
            "clients_cpu_ms_per_message": round(clients_cpu * 1000 / sent, 1) if sent else None,
            "other_load_cores": other}


def _end_children(children, controls) -> None:
    for child, control in zip(children, controls, strict=True):
        if child.is_alive():
            control.put("stop")
    for child in children:
        child.join(timeout=15)
        if child.is_alive():
            child.terminate()
            child.join(timeout=5)


async def run(opts, work: Path) -> tuple[list[Check], dict]:
    if not opts.database:
        return [Check("6. several processes with Redis", "every delivery made",
                      "needs PostgreSQL: --database or BENCH_DATABASE_URL", None)], {}
    single_n = opts.phones or (50 if opts.quick else 1000)
    many_n = opts.scale_out_phones or (200 if opts.quick else 5000)
    single = await one_run(1, single_n, opts, work / "single", opts.database)
    many = await one_run(opts.processes, many_n, opts, work / "many", opts.database)
    checks = []
    for row in (single, many):
        what = (f"6. {row['phones']} phones over {row['processes']} process(es), Redis, "
                f"{row['client_processes']} client processes")
        lost = row["deliveries_expected"] - row["deliveries_made"]
        figure = (f"{row['deliveries_made']} of {row['deliveries_expected']} deliveries "
                  f"({row['connected']} of {row['phones']} phones connected, "
                  f"{row['dropped']} dropped); last arrival p50 {row['p50_ms']} / p95 "
                  f"{row['p95_ms']} / max {row['max_ms']} ms; server CPU "
                  f"{row['server_cpu_ms_per_message']} ms per message (other load "
                  f"{row['other_load_cores']})")
        checks.append(Check(what, "every delivery made", figure,
                            lost == 0 and row["connected"] == row["phones"]
                            and row["dropped"] == 0))
    checks.append(Check("6. p95, many processes next to one", "reported",
                        f"p95 {many['p95_ms']} ms at {many['phones']} phones over "
                        f"{many['processes']} processes vs {single['p95_ms']} ms at "
                        f"{single['phones']} on one",
                        None if many["p95_ms"] is None or single["p95_ms"] is None else True))
    return checks, {"single": single, "many": many}
