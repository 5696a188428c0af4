"""Scenario 1: fan-out at N phones on boards of 0, 2,000 and 5,000 cards, held against
the floor of the stack in the same run.

For each board size two servers run side by side on 127.0.0.1: the floor
(`bench/floor.py`: a bare room broadcast, nothing checked or stored) with N clients, and
Weefwerk (`serve.py`) with N phones on an evening that already holds that many cards.
M messages go to each, interleaved (floor, Weefwerk, Weefwerk, floor, ...), one at a
time, each after the one before reached everyone, so whatever else the machine does hits
both alike. Per message: the time from the send until the LAST client has it. The figure
held against the target is the median of paired ratios (message k on Weefwerk over
message k on the floor); the server's CPU per message (command + fan-out, from /proc)
at the largest board is held against the empty board's.
"""
from __future__ import annotations

import asyncio
import secrets
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path

from . import boards
from .boards import CARDS_PER_SENDER, card_text
from .common import (
    HOST,
    LoadMeter,
    cpu_seconds,
    delta,
    free_port,
    inherited_env,
    pct,
    phase,
    ratio,
    server,
    weefwerk_command,
)
from .report import Check
from .swarm import Swarm, http_tokens, phone_auths

SETTLE_SECONDS = 1.5  # let connect-time traffic (snapshots, the coalesced presence) pass
RATIO_TARGET, CPU_TARGET = 1.5, 1.3


def key_of(event: object) -> str | None:
    """The card text of a `card_added` event (Weefwerk's, or the floor's look-alike)."""
    try:
        return event["data"]["card"]["text"]  # type: ignore[index]
    except (KeyError, TypeError):
        return None


@dataclass
class Message:
    seq: int
    sent: float = 0.0
    arrivals: list[float] = field(default_factory=list)
    done: asyncio.Event = field(default_factory=asyncio.Event)
    acked: float | None = None
    ack_ok: bool | None = None


@dataclass
class Side:
    """One server under test, its swarm, and how one message is sent to it."""

    name: str
    pid: int
    swarm: Swarm
    send: Callable[[int, Message], Awaitable[None]] | None = None
    acked: bool = False
    pending: dict[str, Message] = field(default_factory=dict)  # the one being waited for
    counted: list[Message] = field(default_factory=list)
    sent: int = 0
    misses: int = 0
    stopped: str | None = None
    server_cpu_ms: float | None = None

    def arrived(self, _index: int, data) -> None:
        message = self.pending.get(key_of(data))
        if message is not None:
            message.arrivals.append(time.perf_counter())
            if len(message.arrivals) >= len(self.swarm.clients):
                message.done.set()

    async def one_message(self, seq: int, timeout: float) -> Message:
        """Send message `seq`; wait until everyone has it (and its ack) or `timeout`."""
        phase(f"waiting for {self.name} message {seq}")
        message = Message(seq)
        self.pending[card_text(seq)] = message
        message.sent = time.perf_counter()
        self.sent += 1
        try:
            await asyncio.wait_for(self.send(seq, message), timeout)
            await asyncio.wait_for(message.done.wait(), timeout)
        except TimeoutError:
            pass
        except Exception as trouble:  # e.g. the sender was disconnected
            self.stopped = f"could not send message {seq}: {trouble!r}"
        while self.acked and message.ack_ok is None and \
                time.perf_counter() < message.sent + timeout:
            await asyncio.sleep(0.005)
        del self.pending[card_text(seq)]  # what arrives after the timeout is missing
        if not message.done.is_set() and not self.stopped:
            self.misses += 1
            print(f"  {self.name} message {seq}: {len(message.arrivals)} of "
                  f"{len(self.swarm.clients)} arrived, ack {message.ack_ok}", file=sys.stderr)
            if self.misses == 3:
                self.stopped = f"3 incomplete messages in a row at message {seq}"
        elif message.done.is_set():
            self.misses = 0
        return message

    def walls(self) -> dict[int, float]:
        """Per complete message: seconds until the last client had it."""
        n = len(self.swarm.clients)
        return {m.seq: max(m.arrivals) - m.sent for m in self.counted if len(m.arrivals) >= n}

    def summary(self) -> dict:
        last = [w * 1000 for w in self.walls().values()]
        acks = [(m.acked - m.sent) * 1000 for m in self.counted if m.acked is not None]
        n = len(self.swarm.clients)
        return {"server": self.name, "connected": n, "connect_failed": self.swarm.connect_failed,
                "connect_s": self.swarm.connect_s, "dropped": self.swarm.dropped,
                "messages": len(self.counted), "stopped_early": self.stopped,
                "missing_deliveries": sum(max(0, n - len(m.arrivals)) for m in self.counted),
                "p50_ms": pct(last, 0.5), "p95_ms": pct(last, 0.95), "max_ms": pct(last, 1),
                "ack_p50_ms": pct(acks, 0.5),
                "acks_refused": sum(1 for m in self.counted if m.ack_ok is False),
                "server_cpu_ms_per_message": self.server_cpu_ms}


async def start_floor(stack: AsyncExitStack, n: int, opts, work: Path) -> Side:
    port = free_port()
    command = [sys.executable, str(Path(__file__).with_name("floor.py")), "--port", str(port),
               "--max-connections", str(max(5000, n + 100))]
    proc = stack.enter_context(server("floor", command, {"PORT": str(port), **inherited_env()},
                                      work / "floor.log"))
    side = Side("floor", proc.pid, Swarm("floor"))
    stack.push_async_callback(side.swarm.close)
    await side.swarm.connect(f"http://{HOST}:{port}", [None] * n, {"shout": side.arrived},
                             opts.connect_timeout)
    sender = side.swarm.clients[0]

    async def send(seq: int, message: Message) -> None:
        await sender.emit("shout", {"version": seq + 2, "name": "card_added", "data": {
            "card": {"id": f"c{seq + 1}", "step": 0, "text": card_text(seq),
                     "origin": "phone", "author_name": None}}})

    side.send = send
    return side


async def start_weefwerk(stack: AsyncExitStack, n: int, cards: int, opts, work: Path) -> Side:
    evening = await asyncio.to_thread(boards.make_evening, work, cards)
    tokens = (await asyncio.to_thread(boards.direct_tokens, evening, n)
              if opts.join == "direct" else [])
    port = free_port()
    env = evening.server_env(port, WEEFWERK_MAX_CONNECTIONS=str(max(5000, n + 100)),
                             WEEFWERK_JOIN_RATE="100000/minute",
                             WEEFWERK_MAX_JOINS=str(n + 10))
    proc = stack.enter_context(server("weefwerk", weefwerk_command(), env,
                                      work / "weefwerk.log"))
    side = Side("weefwerk", proc.pid, Swarm("weefwerk"), acked=True)
    stack.push_async_callback(side.swarm.close)
    base = f"http://{HOST}:{port}"
    if opts.join == "http":
        tokens = await http_tokens(base, evening.code, n, opts.connect_timeout)
    await side.swarm.connect(base, phone_auths(tokens), {"event": side.arrived},
                             opts.connect_timeout)

    async def send(seq: int, message: Message) -> None:
        clients = side.swarm.clients
        sender = clients[(seq // CARDS_PER_SENDER) % len(clients)]

        def on_ack(answer):
            message.acked = time.perf_counter()
            message.ack_ok = bool(isinstance(answer, dict) and answer.get("ok"))

        await sender.emit("command", {"op_id": f"bench-{seq:06d}-{secrets.token_hex(4)}",
                                      "name": "add_card", "args": {"text": card_text(seq)}},
                          callback=on_ack)

    side.send = send
    return side


async def measure(sides: list[Side], opts) -> float | None:
    """Warm-up + M messages to every side, interleaved (the side going first alternates).
    Returns the cores other processes kept busy meanwhile."""
    meter = LoadMeter([s.pid for s in sides])
    cpu0 = [cpu_seconds(s.pid) for s in sides]
    for seq in range(opts.warmup + opts.messages):
        for side in (sides if seq % 2 == 0 else sides[::-1]):
            if side.stopped:
                continue
            message = await side.one_message(seq, opts.timeout)
            if seq >= opts.warmup:
                side.counted.append(message)
            await asyncio.sleep(opts.gap_ms / 1000)
        if all(side.stopped for side in sides):
            break
    for side, before in zip(sides, cpu0, strict=True):
        used = delta(before, cpu_seconds(side.pid))
        side.server_cpu_ms = round(used * 1000 / side.sent, 1) if used and side.sent else None
    return meter.other_cores()


def paired_ratio(floor: Side, weefwerk: Side) -> float | None:
    """Median over message numbers of Weefwerk's last arrival / the floor's, for the
    messages both delivered completely: the ratio least moved by other load."""
    f, w = floor.walls(), weefwerk.walls()
    both = [w[k] / f[k] for k in f.keys() & w.keys() if f[k] > 0]
    return round(statistics.median(both), 2) if both else None


async def one_size(n: int, cards: int, opts, work: Path) -> dict:
    """Both servers with N clients each, measured interleaved."""
    async with AsyncExitStack() as stack:
        floor = await start_floor(stack, n, opts, work)
        weefwerk = await start_weefwerk(stack, n, cards, opts, work)
        print(f"  {cards} cards: {n} floor clients in {floor.swarm.connect_s} s, {n} phones "
              f"in {weefwerk.swarm.connect_s} s", flush=True)
        await asyncio.sleep(SETTLE_SECONDS)
        other = await measure([floor, weefwerk], opts)
        return {"cards": cards, "clients": n, "other_load_cores": other,
                "floor": floor.summary(), "weefwerk": weefwerk.summary(),
                "paired_ratio": paired_ratio(floor, weefwerk)}


async def run(opts, work: Path) -> tuple[list[Check], dict]:
    n = opts.phones or (50 if opts.quick else 1000)
    sizes = [0, 200] if opts.quick else [0, 2000, 5000]
    rows = []
    for cards in sizes:
        rows.append(await one_size(n, cards, opts, work / f"fanout-{cards}"))
    checks = []
    for row in rows:
        w, f = row["weefwerk"], row["floor"]
        lost = w["missing_deliveries"] + w["connect_failed"] + w["dropped"]
        figure = (f"paired {row['paired_ratio']}x (p50 {w['p50_ms']} vs floor {f['p50_ms']} "
                  f"ms, p95 {w['p95_ms']} vs {f['p95_ms']} ms, lost {lost}, other load "
                  f"{row['other_load_cores']})")
        met = row["paired_ratio"] is not None and row["paired_ratio"] <= RATIO_TARGET \
            and lost == 0
        checks.append(Check(f"1. fan-out, {n} phones, {row['cards']} cards",
                            f"paired ratio to the floor <= {RATIO_TARGET}x", figure, met))
    empty, full = rows[0]["weefwerk"], rows[-1]["weefwerk"]
    cpu = ratio(full["server_cpu_ms_per_message"], empty["server_cpu_ms_per_message"])
    checks.append(Check(f"1. server CPU per command, {rows[-1]['cards']} vs 0 cards",
                        f"<= {CPU_TARGET}x the empty board's",
                        f"{cpu}x ({full['server_cpu_ms_per_message']} vs "
                        f"{empty['server_cpu_ms_per_message']} ms, command + fan-out)",
                        cpu is not None and cpu <= CPU_TARGET))
    commands = 10 if opts.quick else 30
    alone = await asyncio.to_thread(in_process, [sizes[0], sizes[-1]], commands, work)
    cpu = ratio(alone[1]["command_ms"], alone[0]["command_ms"])
    checks.append(Check(f"1. CPU per add_card alone, {sizes[-1]} vs 0 cards",
                        f"<= {CPU_TARGET}x the empty board's",
                        f"{cpu}x ({alone[1]['command_ms']:.1f} vs {alone[0]['command_ms']:.1f}"
                        f" ms, in-process, no fan-out: bench/command_cpu.py)",
                        cpu is not None and cpu <= CPU_TARGET))
    return checks, {"phones": n, "sizes": rows, "in_process_cpu": alone}


def in_process(sizes: list[int], commands: int, work: Path) -> list[dict]:
    """The command's own CPU without sockets (`bench/command_cpu.py`): the fan-out above
    is most of a message's CPU at 1,000 phones and would hide what the board costs."""
    from .command_cpu import make_app, measure

    work.mkdir(parents=True, exist_ok=True)
    app = make_app(f"sqlite:///{work / 'command-cpu.db'}")
    try:
        return [measure(app, size, commands) for size in sizes]
    finally:
        app.extensions["weefwerk.engine"].dispose()
