"""Weefwerk's fan-out benchmark, held against the floor of the stack in the same run.

For each client count N it starts two servers side by side on 127.0.0.1:

1. the floor (`bench/floor.py`, eventlet): a bare room broadcast, nothing checked or
   stored, with N clients; one of them sends messages shaped like a Weefwerk
   `card_added` event.
2. Weefwerk (`serve.py`, eventlet, a fresh SQLite file in a temporary folder): a
   facilitator, a group and one workshop evening with input open; N phones join as real
   participants, each with its own token; one phone sends `add_card` commands (op_id,
   acked) and every phone receives the `event` broadcast.

Then it sends M messages to each, interleaved (floor, Weefwerk, Weefwerk, floor, ...,
one at a time), so that whatever else the machine is doing hits both alike. Per message
it records the time from the send until the LAST client has the broadcast (what a
projector and every phone wait for) and how many deliveries never came; it prints
p50 / p95 / max, the ratios Weefwerk / floor, and writes everything to
bench/results/<timestamp>.json. The clients are python-socketio AsyncClients over
websocket, all in this one asyncio process, sharing the cores with the servers.

    python bench/run.py                       # N = 200 and 500, M = 100
    python bench/run.py --clients 1000 --messages 50 --join direct
"""
from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import socketio

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
HOST = "127.0.0.1"
# Generous limits for the bench server only (defaults: 60 commands a minute per
# participant, 10 wrong join codes a minute per address): one phone sends every card.
BENCH_LIMITS = {"WEEFWERK_COMMAND_RATE": "100000/minute", "WEEFWERK_JOIN_RATE": "100000/minute"}
CARDS_PER_SENDER = 100  # the most a format allows per participant and step
CONNECT_AT_ONCE = 50
JOIN_AT_ONCE = 20
NOISY_LOAD = 0.25  # cores kept busy by other processes that make a run "noisy"
SETTLE_SECONDS = 1.5  # let connect-time traffic (snapshots, the coalesced presence) pass
BENCH_FORMAT = """\
# Written by bench/run.py for one run: a single card step, so one phone may send every card.
title = { nl = "Benchmark", en = "Benchmark" }
description = { nl = "Een stap met kaartjes.", en = "One card step." }

[[steps]]
key = "ideas"
title = { nl = "Ideeen", en = "Ideas" }
question = { nl = "Wat wil je kwijt?", en = "What is on your mind?" }
minutes = 20
techniques = ["cards"]

[steps.options.cards]
max_per_participant = %d
""" % CARDS_PER_SENDER

PHASE = ["starting"]  # what the benchmark is doing now, named when a run is given up


def phase(text: str) -> None:
    PHASE[0] = text


def card_text(seq: int) -> str:
    """A card of ordinary length; its text is the key that matches arrivals to sends."""
    return f"idea {seq:05d}: more benches along the canal and some shade at the playground"


def key_of(event: object) -> str | None:
    """The card text of a `card_added` event (Weefwerk's, or the floor's look-alike)."""
    try:
        return event["data"]["card"]["text"]  # type: ignore[index]
    except (KeyError, TypeError):
        return None


# --- servers and CPU ------------------------------------------------------------------

def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@contextmanager
def server(name: str, command: list[str], env: dict, log_path: Path, pin: int | None):
    """Start a server process, wait until it answers GET /, and always stop it."""
    phase(f"starting {name}")
    port = int(env["PORT"])
    with open(log_path, "w") as log:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log,
                                stderr=subprocess.STDOUT)
    try:
        if pin is not None and hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(proc.pid, {pin})
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{name} exited with {proc.returncode}:\n"
                                   + log_path.read_text()[-3000:])
            try:
                with urllib.request.urlopen(f"http://{HOST}:{port}/", timeout=2):
                    break
            except OSError as err:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{name} did not answer within 30 s:\n"
                                       + log_path.read_text()[-3000:]) from err
                time.sleep(0.2)
        yield proc
    finally:
        phase(f"stopping {name}")
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


def cpu_seconds(pid: int | None = None) -> float | None:
    """User + system CPU time of a process so far (Linux), this one by default."""
    if pid is None:
        return time.process_time()  # fine-grained, unlike /proc's clock ticks
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def machine_busy_seconds() -> float | None:
    """CPU time the whole machine has spent busy, over all cores (Linux)."""
    try:
        ticks = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle + iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def delta(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else b - a


# --- one side: a server, its clients, how it sends ----------------------------------

@dataclass
class Message:
    seq: int
    sent: float = 0.0
    arrivals: list[float] = field(default_factory=list)
    done: asyncio.Event = field(default_factory=asyncio.Event)
    acked: float | None = None
    ack_ok: bool | None = None
    swarm_cpu: float | None = None


@dataclass
class Side:
    """One server under test with its N clients."""

    name: str
    pid: int
    send: Callable[[int, Message], Awaitable[None]] | None = None
    acked: bool = False
    clients: list[socketio.AsyncClient] = field(default_factory=list)
    pending: dict[str, Message] = field(default_factory=dict)  # the one being waited for
    counted: list[Message] = field(default_factory=list)
    sent: int = 0
    connect_failed: int = 0
    dropped: int = 0
    closing: bool = False
    misses: int = 0
    stopped: str | None = None
    info: dict = field(default_factory=dict)

    def arrived(self, data) -> None:
        now = time.perf_counter()
        message = self.pending.get(key_of(data))
        if message is not None:
            message.arrivals.append(now)
            if len(message.arrivals) >= len(self.clients):
                message.done.set()

    def disconnected(self, reason=None) -> None:
        if not self.closing:
            self.dropped += 1

    async def connect(self, url: str, event: str, auths: list, timeout: float) -> None:
        """One client per auth, at most CONNECT_AT_ONCE connecting at a time."""
        phase(f"connecting the {self.name} clients")
        gate = asyncio.Semaphore(CONNECT_AT_ONCE)

        async def one(auth):
            client = socketio.AsyncClient(reconnection=False, handle_sigint=False)
            client.on(event, self.arrived)
            client.on("disconnect", self.disconnected)
            async with gate:
                try:
                    await client.connect(url, auth=auth, transports=["websocket"],
                                         wait_timeout=30)
                except Exception:
                    self.connect_failed += 1
                    return
            self.clients.append(client)

        started = time.perf_counter()
        await asyncio.wait_for(asyncio.gather(*(one(a) for a in auths)), timeout)
        self.info["connect_s"] = round(time.perf_counter() - started, 2)
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

    async def one_message(self, seq: int, timeout: float) -> Message:
        """Send message `seq`; wait until everyone has it (and its ack) or `timeout`."""
        phase(f"waiting for {self.name} message {seq}")
        message = Message(seq)
        self.pending[card_text(seq)] = message
        cpu = cpu_seconds()
        message.sent = time.perf_counter()
        self.sent += 1
        try:
            await asyncio.wait_for(self.send(seq, message), timeout)
        except Exception as trouble:  # e.g. the sender was disconnected
            self.stopped = f"could not send message {seq}: {trouble!r}"
        else:
            try:
                await asyncio.wait_for(message.done.wait(), timeout)
            except TimeoutError:
                pass
            while self.acked and message.ack_ok is None and \
                    time.perf_counter() < message.sent + timeout:
                await asyncio.sleep(0.005)
        del self.pending[card_text(seq)]  # what arrives after the timeout is missing
        message.swarm_cpu = delta(cpu, cpu_seconds())
        if self.stopped:
            return message
        if message.done.is_set():
            self.misses = 0
        else:
            self.misses += 1
            print(f"  {self.name} message {seq}: {len(message.arrivals)} of "
                  f"{len(self.clients)} arrived in {timeout:.0f} s, ack {message.ack_ok}, "
                  f"{self.dropped} clients dropped", file=sys.stderr, flush=True)
            if self.misses == 3:
                self.stopped = f"3 incomplete messages in a row at message {seq}"
        return message


async def start_floor(stack: AsyncExitStack, n: int, opts, work: Path) -> Side:
    port = free_port()
    command = [sys.executable, str(ROOT / "bench" / "floor.py"), "--port", str(port),
               "--max-connections", str(max(5000, n + 100))]
    proc = stack.enter_context(server("floor", command, dict(os.environ, PORT=str(port)),
                                      work / "floor.log", opts.server_cpu))
    side = Side("floor", proc.pid)
    stack.push_async_callback(side.close)
    await side.connect(f"http://{HOST}:{port}", "shout", [None] * n, opts.connect_timeout)
    sender = side.clients[0]

    async def send(seq: int, message: Message) -> None:
        await sender.emit("shout", {"version": seq + 2, "name": "card_added", "data": {
            "card": {"id": f"c{seq + 1}", "step": 0, "text": card_text(seq),
                     "origin": "phone", "author_name": None}}})

    side.send = send
    return side


def prepare_evening(work: Path, secret: str, cards_before: int) -> tuple[str, int]:
    """A fresh database with a facilitator, a group and one evening with input open, and
    `cards_before` cards already on the board (added through the same `BoardService.handle`
    the server runs, 100 per made-up participant, like a board late in the evening).

    Done in this process before the server starts, the way tests/realtime does it; the
    server then migrates nothing and finds the evening there. Returns (code, board id)."""
    phase("preparing the evening")
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("WEEFWERK_SECRET_KEY", secret)  # keeps instance/ untouched
    from server import create_app
    from server.domain.board.actors import FACILITATOR, PARTICIPANT, Actor
    from server.models import User
    from server.store.boards import create_group, create_workshop

    app = create_app({"DATABASE_URL": f"sqlite:///{work / 'weefwerk.db'}",
                      "SECRET_KEY": secret, "ASYNC_MODE": "threading",
                      "FORMATS_DIR": str(work / "formats"), "SOCKETIO_MESSAGE_QUEUE": None})
    service = app.extensions["weefwerk.service"]
    with service.sessions() as db:
        user = User(name="Bench", login="bench", password_hash="!unusable")
        db.add(user)
        db.flush()
        group = create_group(db, user, "Bewonersraad Benchmark")
        board = create_workshop(db, user, group, "Benchmarkavond",
                                app.extensions["weefwerk.formats"]["bench"])
        db.commit()
        user_id, board_id, code = user.id, board.id, board.join_code
    service.handle(board_id, secrets.token_hex(8), "open_input", {},
                   Actor(FACILITATOR, board_id, user_id=user_id))
    if cards_before:
        started = time.perf_counter()
        service.broadcast = lambda *_: None  # nobody is connected to this process
        for seq in range(cards_before):
            if seq % CARDS_PER_SENDER == 0:
                author = Actor(PARTICIPANT, board_id, participant_id=secrets.token_hex(16))
            service.handle(board_id, secrets.token_hex(8), "add_card",
                           {"text": f"earlier {card_text(seq)}"}, author)
        print(f"  put {cards_before} cards on the board first, in "
              f"{time.perf_counter() - started:.1f} s", flush=True)
    app.extensions["weefwerk.engine"].dispose()
    return code, board_id


def direct_tokens(work: Path, secret: str, board_id: int, n: int) -> list[str]:
    """--join direct: participant rows made in the database, tokens signed with the secret."""
    from server.db import make_engine, make_sessionmaker
    from server.domain.board.actors import PARTICIPANT
    from server.models import Board
    from server.realtime.tokens import issue
    from server.store.boards import add_participant

    engine = make_engine(f"sqlite:///{work / 'weefwerk.db'}", "threading")
    try:
        with make_sessionmaker(engine)() as db:
            board = db.get(Board, board_id)
            people = [add_participant(db, board, None) for _ in range(n)]
            db.commit()
            return [issue(secret, board_id, PARTICIPANT, p.id) for p in people]
    finally:
        engine.dispose()


async def http_tokens(base: str, code: str, n: int, timeout: float) -> list[str]:
    """--join http: every phone joins as a resident does (GET, POST the name form, GET)."""
    phase("joining the phones over HTTP")
    gate = asyncio.Semaphore(JOIN_AT_ONCE)
    csrf = re.compile(r'name="csrf_token" value="([^"]+)"')
    token = re.compile(r'"token":\s*"([^"]+)"')

    async def one() -> str:
        async with gate, aiohttp.ClientSession(
                cookie_jar=aiohttp.CookieJar(unsafe=True),  # keep cookies of 127.0.0.1
                timeout=aiohttp.ClientTimeout(total=30)) as http:
            async with http.get(f"{base}/j/{code}") as page:
                form = csrf.search(await page.text())
            if form is None:
                raise RuntimeError(f"no join form at /j/{code} ({page.status})")
            async with http.post(f"{base}/j/{code}", data={
                    "display_name": "", "csrf_token": form.group(1)}) as joined:
                html = await joined.text()  # the redirect leads back to the phone board
            found = token.search(html)
            if found is None:
                raise RuntimeError(f"join failed ({joined.status}): {html[:300]}")
            return found.group(1)

    return await asyncio.wait_for(asyncio.gather(*(one() for _ in range(n))), timeout)


async def start_weefwerk(stack: AsyncExitStack, n: int, opts, work: Path) -> Side:
    (work / "formats").mkdir()
    (work / "formats" / "bench.toml").write_text(BENCH_FORMAT)
    secret = "bench-" + secrets.token_hex(16)
    # in a thread: the floor's clients, already connected, must keep answering pings
    code, board_id = await asyncio.to_thread(prepare_evening, work, secret, opts.cards_before)
    tokens = (await asyncio.to_thread(direct_tokens, work, secret, board_id, n)
              if opts.join == "direct" else [])
    port = free_port()
    env = dict(os.environ, HOST=HOST, PORT=str(port), WEEFWERK_SECRET_KEY=secret,
               DATABASE_URL=f"sqlite:///{work / 'weefwerk.db'}",
               WEEFWERK_ASYNC_MODE="eventlet", WEEFWERK_FORMATS_DIR=str(work / "formats"),
               WEEFWERK_MAX_CONNECTIONS=str(max(5000, n + 100)),
               RATELIMIT_STORAGE_URL="memory://", **BENCH_LIMITS)
    env.pop("SOCKETIO_MESSAGE_QUEUE", None)
    proc = stack.enter_context(server("weefwerk", [sys.executable, str(ROOT / "serve.py")],
                                      env, work / "weefwerk.log", opts.server_cpu))
    side = Side("weefwerk", proc.pid, acked=True)
    stack.push_async_callback(side.close)
    base = f"http://{HOST}:{port}"
    started = time.perf_counter()
    if opts.join == "http":
        tokens = await http_tokens(base, code, n, opts.connect_timeout)
    side.info.update(join=opts.join, join_s=round(time.perf_counter() - started, 2),
                     cards_before=opts.cards_before)
    await side.connect(base, "event", [{"token": t, "lang": "nl"} for t in tokens],
                       opts.connect_timeout)

    async def send(seq: int, message: Message) -> None:
        sender = side.clients[(seq // CARDS_PER_SENDER) % len(side.clients)]

        def on_ack(answer):
            message.acked = time.perf_counter()
            message.ack_ok = bool(isinstance(answer, dict) and answer.get("ok"))
            if not message.ack_ok:
                print(f"  command {seq} refused: {answer}", file=sys.stderr, flush=True)

        await sender.emit("command", {"op_id": f"bench-{seq:06d}-{secrets.token_hex(4)}",
                                      "name": "add_card", "args": {"text": card_text(seq)}},
                          callback=on_ack)

    side.send = send
    return side


# --- measuring ------------------------------------------------------------------------

async def measure(sides: list[Side], opts) -> dict:
    """Send warm-up + M messages to every side, interleaved (ABBA: the side that goes
    first alternates), each only after the one before reached everyone. Returns where
    the CPU went meanwhile."""
    servers0 = [cpu_seconds(s.pid) for s in sides]
    own0, busy0, wall0 = cpu_seconds(), machine_busy_seconds(), time.perf_counter()
    ends = wall0 + opts.budget
    for seq in range(opts.warmup + opts.messages):
        if time.perf_counter() > ends:
            for side in sides:
                side.stopped = side.stopped or f"time budget of {opts.budget:.0f} s spent " \
                                               f"after {seq} messages"
            break
        for side in (sides if seq % 2 == 0 else sides[::-1]):
            if side.stopped:
                continue
            message = await side.one_message(seq, opts.timeout)
            if seq >= opts.warmup:
                side.counted.append(message)
            await asyncio.sleep(opts.gap_ms / 1000)
        if all(side.stopped for side in sides):
            break
    wall = time.perf_counter() - wall0
    servers = [delta(a, cpu_seconds(s.pid)) for a, s in zip(servers0, sides, strict=False)]
    own, busy = delta(own0, cpu_seconds()), delta(busy0, machine_busy_seconds())
    for side, cpu in zip(sides, servers, strict=False):
        side.info["server_cpu_ms_per_message"] = (
            round(cpu * 1000 / side.sent, 1) if cpu is not None and side.sent else None)
        if side.stopped:
            print(f"  {side.name} stopped early: {side.stopped}", file=sys.stderr, flush=True)
    if busy is None or own is None or None in servers:
        return {"other_load_cores": None}
    return {"other_load_cores": round(max(0.0, busy - own - sum(servers)) / wall, 2)}


def pct(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile of sorted `values`."""
    return round(values[max(0, math.ceil(p * len(values)) - 1)], 1) if values else None


def summarize(side: Side) -> dict:
    """p50 / p95 / max of the last arrival over the complete messages, and the losses."""
    receivers, messages = len(side.clients), side.counted
    complete = [m for m in messages if len(m.arrivals) >= receivers]
    last = sorted((max(m.arrivals) - m.sent) * 1000 for m in complete)
    first = sorted((min(m.arrivals) - m.sent) * 1000 for m in messages if m.arrivals)
    acks = sorted((m.acked - m.sent) * 1000 for m in messages if m.acked is not None)
    swarm = [m.swarm_cpu for m in messages if m.swarm_cpu is not None]
    return {
        "server": side.name,
        "clients": receivers + side.connect_failed,
        "connected": receivers,
        "connect_failed": side.connect_failed,
        "dropped": side.dropped,
        "messages": len(messages),
        "stopped_early": side.stopped,
        "incomplete_messages": len(messages) - len(complete),
        "missing_deliveries": sum(max(0, receivers - len(m.arrivals)) for m in messages),
        "p50_ms": pct(last, 0.50),
        "p95_ms": pct(last, 0.95),
        "max_ms": pct(last, 1.0),
        "first_receiver_p50_ms": pct(first, 0.50),
        "ack_p50_ms": pct(acks, 0.50),
        "acks_refused": sum(1 for m in messages if m.ack_ok is False),
        "swarm_cpu_ms_per_message": round(statistics.mean(swarm) * 1000, 1) if swarm else None,
        **side.info,
    }


def paired_ratio(floor: Side, weefwerk: Side) -> float | None:
    """Median over message numbers of Weefwerk's last arrival / the floor's, for the
    messages both delivered completely: the ratio least moved by other load."""
    def walls(side):
        n = len(side.clients)
        return {m.seq: max(m.arrivals) - m.sent for m in side.counted if len(m.arrivals) >= n}

    f, w = walls(floor), walls(weefwerk)
    both = [w[k] / f[k] for k in f.keys() & w.keys() if f[k] > 0]
    return round(statistics.median(both), 2) if both else None


async def run_pair(n: int, opts, work: Path) -> tuple[list[dict], dict | None]:
    """Both servers with N clients each, measured interleaved; rows and the ratios."""
    async with AsyncExitStack() as stack:
        sides = []
        for name, start in (("floor", start_floor), ("weefwerk", start_weefwerk)):
            if name in opts.only:
                (work / name).mkdir()
                sides.append(await start(stack, n, opts, work / name))
        for side in sides:
            joined = (f"joined in {side.info['join_s']} s ({side.info['join']}), "
                      if "join_s" in side.info else "")
            print(f"  {side.name}: {joined}{len(side.clients)} connected in "
                  f"{side.info['connect_s']} s", flush=True)
        await asyncio.sleep(SETTLE_SECONDS)
        load = await measure(sides, opts)
        rows = [dict(summarize(side), **load) for side in sides]
        ratios = None
        if len(sides) == 2:
            f, w = rows
            ratios = {"clients": n, "p50": ratio(w["p50_ms"], f["p50_ms"]),
                      "p95": ratio(w["p95_ms"], f["p95_ms"]),
                      "max": ratio(w["max_ms"], f["max_ms"]),
                      "paired_median": paired_ratio(*sides),
                      "server_cpu": ratio(w["server_cpu_ms_per_message"],
                                          f["server_cpu_ms_per_message"])}
    return rows, ratios


# --- report ---------------------------------------------------------------------------

COLUMNS = [("N", "clients"), ("server", "server"), ("p50 ms", "p50_ms"),
           ("p95 ms", "p95_ms"), ("max ms", "max_ms"), ("1st p50", "first_receiver_p50_ms"),
           ("ack p50", "ack_p50_ms"), ("server cpu/msg", "server_cpu_ms_per_message"),
           ("swarm cpu/msg", "swarm_cpu_ms_per_message"), ("other load", "other_load_cores"),
           ("incompl.", "incomplete_messages"), ("missing", "missing_deliveries")]


def ratio(a, b):
    return round(a / b, 2) if a is not None and b else None


def report(rows: list[dict], ratios: list[dict]) -> str:
    table = [[h for h, _ in COLUMNS]] + [
        ["-" if r.get(k) is None else str(r.get(k)) for _, k in COLUMNS] for r in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
    lines = ["  ".join(cell.rjust(w) for cell, w in zip(line, widths, strict=False)) for line in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append("(ms: from the send until the last client had it; cpu in ms per message; "
                 "other load: cores busy with other processes)")
    if ratios:
        lines += ["", "weefwerk / floor:"]
    for r in ratios:
        x = {k: "-" if v is None else f"{v}x" for k, v in r.items()}
        lines.append(f"  N={r['clients']}: p50 {x['p50']}, p95 {x['p95']}, max {x['max']}; "
                     f"median of paired messages {x['paired_median']}; "
                     f"server cpu per message {x['server_cpu']}")
    busy = max((r["other_load_cores"] or 0 for r in rows), default=0)
    if busy > NOISY_LOAD:
        lines.append(f"\nWARNING: other processes kept up to {busy} cores busy while messages "
                     "were measured; latencies are noisy. The paired median and the CPU per "
                     "message are the steadier figures; or run again on a quiet machine.")
    return "\n".join(lines)


def machine() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    def installed(name):
        try:
            return version(name)
        except PackageNotFoundError:
            return None

    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                capture_output=True, text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = None
    return {"python": platform.python_version(), "platform": platform.platform(),
            "cpus": os.cpu_count(), "loadavg_at_start": os.getloadavg(), "commit": commit,
            **{name: installed(name) for name in (
                "eventlet", "Flask-SocketIO", "python-socketio", "python-engineio",
                "aiohttp", "SQLAlchemy")}}


async def main(opts) -> int:
    if opts.bench_cpu is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {opts.bench_cpu})
    about = machine()
    print(f"Weefwerk fan-out benchmark: N = {', '.join(map(str, opts.clients))}, "
          f"M = {opts.messages} (+{opts.warmup} warm-up) each, join = {opts.join}"
          + (f", {opts.cards_before} cards on the board before" if opts.cards_before else ""))
    print("Weefwerk server only: " + ", ".join(f"{k}={v}" for k, v in BENCH_LIMITS.items())
          + f", and a one-step format allowing {CARDS_PER_SENDER} cards per phone.")
    print("The clients run in this process, on the same CPU cores as the servers.\n")
    rows, ratios, failures = [], [], []
    limit = opts.budget + 2 * opts.connect_timeout + 120
    with tempfile.TemporaryDirectory(prefix="weefwerk-bench-") as tmp:
        for n in opts.clients:
            print(f"N={n}", flush=True)
            work = Path(tmp) / str(n)
            work.mkdir()
            try:
                got, paired = await asyncio.wait_for(run_pair(n, opts, work), limit)
            except (TimeoutError, RuntimeError) as trouble:
                why = (f"gave up after {limit:.0f} s" if isinstance(trouble, asyncio.TimeoutError)
                       else str(trouble))
                print(f"  FAILED while {PHASE[0]}: {why}", file=sys.stderr, flush=True)
                failures.append({"clients": n, "phase": PHASE[0], "error": why})
                continue
            rows += got
            if paired:
                ratios.append(paired)
    print()
    print(report(rows, ratios))
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS / f"{stamp}.json"
    out.write_text(json.dumps({
        "when": stamp, "machine": about,
        "settings": {"clients": opts.clients, "messages": opts.messages,
                     "warmup": opts.warmup, "gap_ms": opts.gap_ms, "timeout_s": opts.timeout,
                     "join": opts.join, "cards_before": opts.cards_before,
                     "server_limits": BENCH_LIMITS, "server_cpu": opts.server_cpu,
                     "bench_cpu": opts.bench_cpu},
        "results": rows, "ratios_weefwerk_over_floor": ratios, "failures": failures},
        indent=2) + "\n")
    print(f"\nwrote {out.relative_to(ROOT)}")
    lost = sum(r["missing_deliveries"] + r["connect_failed"] + r["dropped"] for r in rows)
    return 1 if lost or failures or any(r["stopped_early"] for r in rows) else 0


async def guarded(opts) -> int:
    """`main`, cancelled on SIGTERM too, so that the servers are always stopped."""
    import signal

    task = asyncio.ensure_future(main(opts))
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, task.cancel)
    try:
        return await task
    except asyncio.CancelledError:
        print("cancelled; servers stopped", file=sys.stderr)
        return 143


def parse(argv=None):
    p = argparse.ArgumentParser(description="Weefwerk fan-out benchmark against the floor.")
    p.add_argument("--clients", default="200,500",
                   help="comma-separated client counts N (default 200,500)")
    p.add_argument("--messages", type=int, default=100,
                   help="measured messages M per server (default 100)")
    p.add_argument("--warmup", type=int, default=2,
                   help="messages sent first and not counted (default 2)")
    p.add_argument("--gap-ms", type=float, default=50,
                   help="pause after each message has reached everyone (default 50)")
    p.add_argument("--timeout", type=float, default=10,
                   help="seconds to wait for one message to reach everyone (default 10)")
    p.add_argument("--budget", type=float, default=300,
                   help="seconds at most for the messages of one N (default 300)")
    p.add_argument("--connect-timeout", type=float, default=120,
                   help="seconds for all joins, and for all connects (default 120)")
    p.add_argument("--join", choices=("http", "direct"), default="http",
                   help="http: phones join through /j/<code> like a resident (default); "
                        "direct: participant rows and tokens made before the server starts")
    p.add_argument("--cards-before", type=int, default=0,
                   help="cards already on the Weefwerk board before measuring, as late in an "
                        "evening (default 0; added through the real command path, which "
                        "takes a while for thousands)")
    p.add_argument("--only", default="floor,weefwerk", help="floor, weefwerk or both")
    p.add_argument("--server-cpu", type=int, default=None,
                   help="pin the servers to this CPU (Linux), e.g. 0")
    p.add_argument("--bench-cpu", type=int, default=None,
                   help="pin the clients to this CPU (Linux), e.g. 1")
    opts = p.parse_args(argv)
    opts.clients = [int(x) for x in opts.clients.split(",") if x.strip()]
    opts.only = {x.strip() for x in opts.only.split(",")}
    if not opts.clients or min(opts.clients) < 2 or opts.messages < 1 or opts.warmup < 0 \
            or opts.cards_before < 0:
        p.error("need N >= 2, M >= 1, warm-up >= 0 and cards-before >= 0")
    if not opts.only or not opts.only <= {"floor", "weefwerk"}:
        p.error("--only takes floor, weefwerk or both")
    return opts


if __name__ == "__main__":
    sys.exit(asyncio.run(guarded(parse())))
