"""Weefwerk's fan-out benchmark, held against the floor of the stack in the same run.

For each client count N it runs two servers, one after the other, on 127.0.0.1:

1. the floor (`bench/floor.py`, eventlet): a bare room broadcast, nothing checked or
   stored. One client sends M messages shaped like a Weefwerk `card_added` event.
2. Weefwerk (`serve.py`, eventlet, a fresh SQLite file in a temporary folder): a
   facilitator, a group and one workshop evening with input open; N phones join as real
   participants, each with its own token; one phone sends M `add_card` commands
   (op_id, acked) and every phone receives the `event` broadcast.

Per message it records the time from the send until the LAST client has the broadcast
(what a projector and every phone wait for) and how many deliveries never came; it
prints p50 / p95 / max, the ratios Weefwerk / floor, and writes everything to
bench/results/<timestamp>.json. The client swarm is python-socketio's AsyncClient over
websocket, all in this one asyncio process, so it shares the machine's cores with the
server under test: compare only figures taken side by side in one run.

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
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import aiohttp
import socketio

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
HOST = "127.0.0.1"
# Generous limits for the bench server only (defaults: 60 commands a minute per
# participant, 10 wrong join codes a minute per address): one phone sends every card.
BENCH_LIMITS = {"WEEFWERK_COMMAND_RATE": "100000/minute", "WEEFWERK_JOIN_RATE": "100000/minute"}
CARDS_PER_SENDER = 100  # the format allows at most 100 cards per participant and step
CONNECT_AT_ONCE = 50
JOIN_AT_ONCE = 20
NOISY_LOAD = 0.25  # cores used by other processes during a measurement
SETTLE_SECONDS = 1.5  # let connect-time traffic (snapshots, the coalesced presence) pass
BENCH_FORMAT = """\
# Written by bench/run.py for one run: a single card step, so one phone may send every card.
title = { nl = "Benchmark", en = "Benchmark" }
description = { nl = "Een stap met kaartjes, voor de benchmark.", en = "One card step, for the benchmark." }

[[steps]]
key = "ideas"
title = { nl = "Ideeen", en = "Ideas" }
question = { nl = "Wat wil je kwijt?", en = "What is on your mind?" }
minutes = 20
techniques = ["cards"]

[steps.options.cards]
max_per_participant = %d
""" % CARDS_PER_SENDER


PHASE = ["starting"]  # what the benchmark is doing now, named when a run has to be given up


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


# --- servers --------------------------------------------------------------------------

def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@contextmanager
def server(command: list[str], env: dict, log_path: Path, pin: int | None):
    """Start a server process, wait until it answers GET /, and always stop it."""
    phase(f"starting {Path(command[1]).name}")
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
                raise RuntimeError(f"server exited with {proc.returncode}:\n"
                                   + log_path.read_text()[-3000:])
            try:
                with urllib.request.urlopen(f"http://{HOST}:{port}/", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("server did not answer within 30 s:\n"
                                       + log_path.read_text()[-3000:])
                time.sleep(0.2)
        yield proc
    finally:
        phase(f"stopping {Path(command[1]).name}")
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU time the whole machine spent busy so far, over all cores (Linux)."""
    ticks = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle + iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


class CpuMeter:
    """Where the CPU went while messages were measured: the server, this process (the
    client swarm), and everything else on the machine (other people's work: noise)."""

    def __init__(self, server_pid: int):
        self.pid = server_pid
        self.start = self._read()

    def _read(self) -> tuple[float, float, float, float] | None:
        try:
            own = os.times()
            return (time.perf_counter(), cpu_seconds(self.pid), own.user + own.system,
                    machine_busy_seconds())
        except (OSError, ValueError, IndexError):
            return None

    def stop(self, messages: int) -> dict:
        end = self._read()
        if self.start is None or end is None or not messages:
            return {"server_cpu_ms_per_message": None, "swarm_cpu_ms_per_message": None,
                    "other_load_cores": None}
        wall, server, swarm, busy = (b - a for a, b in zip(self.start, end))
        return {"server_cpu_ms_per_message": round(server * 1000 / messages, 1),
                "swarm_cpu_ms_per_message": round(swarm * 1000 / messages, 1),
                "other_load_cores": round(max(0.0, busy - server - swarm) / wall, 2)}


# --- the client swarm -----------------------------------------------------------------

@dataclass
class Message:
    seq: int
    sent: float
    arrivals: list[float] = field(default_factory=list)
    done: asyncio.Event = field(default_factory=asyncio.Event)
    acked: float | None = None
    ack_ok: bool | None = None


class Swarm:
    """N clients on one URL, all listening for one event name."""

    def __init__(self, url: str, event: str):
        self.url, self.event = url, event
        self.clients: list[socketio.AsyncClient] = []
        self.failed = 0
        self.dropped = 0  # clients the server disconnected during the run
        self.closing = False
        self.stopped: str | None = None  # why the measurement stopped early, if it did
        self.pending: dict[str, Message] = {}

    def _disconnected(self, reason=None) -> None:
        if not self.closing:
            self.dropped += 1

    def _arrived(self, data) -> None:
        now = time.perf_counter()
        message = self.pending.get(key_of(data))
        if message is not None:
            message.arrivals.append(now)
            if len(message.arrivals) >= len(self.clients):
                message.done.set()

    async def connect(self, auths: list[dict | None], timeout: float) -> float:
        """Connect one client per auth (at most CONNECT_AT_ONCE at a time); seconds taken."""
        gate = asyncio.Semaphore(CONNECT_AT_ONCE)

        async def one(auth):
            client = socketio.AsyncClient(reconnection=False, handle_sigint=False)
            client.on(self.event, self._arrived)
            client.on("disconnect", self._disconnected)
            async with gate:
                try:
                    await client.connect(self.url, auth=auth, transports=["websocket"],
                                         wait_timeout=30)
                except Exception:
                    self.failed += 1
                    return
            self.clients.append(client)

        phase("connecting the clients")
        started = time.perf_counter()
        await asyncio.wait_for(asyncio.gather(*(one(a) for a in auths)), timeout)
        return time.perf_counter() - started

    async def close(self) -> None:
        phase("disconnecting the clients")
        self.closing = True
        async def one(client):
            try:
                await asyncio.wait_for(client.disconnect(), 5)
            except Exception:
                pass

        await asyncio.gather(*(one(c) for c in self.clients))
        self.clients.clear()

    async def measure(self, send, count: int, warmup: int, timeout: float, gap: float,
                      acked: bool, budget: float) -> list[Message]:
        """Send `warmup + count` messages, one at a time, each after the one before has
        reached everyone (or `timeout` passed) and, when `acked`, has its ack; return the
        counted ones. Stops early after 3 incomplete messages in a row, or when `budget`
        seconds are spent."""
        counted, misses = [], 0
        ends = time.perf_counter() + budget
        for seq in range(warmup + count):
            if time.perf_counter() > ends:
                self.stopped = f"time budget of {budget:.0f} s spent after {seq} messages"
                break
            phase(f"waiting for message {seq}")
            message = Message(seq, 0.0)
            self.pending[card_text(seq)] = message
            message.sent = time.perf_counter()
            await asyncio.wait_for(send(seq, message), timeout)
            try:
                await asyncio.wait_for(message.done.wait(), timeout)
            except asyncio.TimeoutError:
                pass
            ack_deadline = message.sent + timeout
            while acked and message.ack_ok is None and time.perf_counter() < ack_deadline:
                await asyncio.sleep(0.005)
            if seq >= warmup:
                counted.append(message)
            if message.done.is_set():
                misses = 0
            else:
                misses += 1
                print(f"  message {seq}: {len(message.arrivals)} of {len(self.clients)} "
                      f"arrived in {timeout:.0f} s, ack {message.ack_ok}, "
                      f"{self.dropped} clients dropped", file=sys.stderr, flush=True)
                if misses == 3:
                    self.stopped = f"3 incomplete messages in a row at message {seq}"
                    break
            await asyncio.sleep(gap)
        if self.stopped:
            print(f"  stopped early: {self.stopped}", file=sys.stderr, flush=True)
        return counted


def summarize(messages: list[Message], receivers: int) -> dict:
    """p50 / p95 / max of the last arrival over the complete messages, and the losses."""
    complete = [m for m in messages if len(m.arrivals) >= receivers]
    last = sorted((max(m.arrivals) - m.sent) * 1000 for m in complete)
    first = sorted((min(m.arrivals) - m.sent) * 1000 for m in messages if m.arrivals)
    acks = sorted((m.acked - m.sent) * 1000 for m in messages if m.acked is not None)

    def pct(values, p):
        return round(values[max(0, math.ceil(p * len(values)) - 1)], 1) if values else None

    return {
        "receivers": receivers,
        "messages": len(messages),
        "incomplete_messages": len(messages) - len(complete),
        "missing_deliveries": sum(max(0, receivers - len(m.arrivals)) for m in messages),
        "p50_ms": pct(last, 0.50),
        "p95_ms": pct(last, 0.95),
        "max_ms": pct(last, 1.0),
        "first_receiver_p50_ms": pct(first, 0.50),
        "ack_p50_ms": pct(acks, 0.50),
        "acks_refused": sum(1 for m in messages if m.ack_ok is False),
        "deliveries_per_s_at_p50": round(receivers / (pct(last, 0.5) / 1000))
        if last else None,
    }


# --- the two runs ---------------------------------------------------------------------

async def run_floor(n: int, opts, work: Path) -> dict:
    port = free_port()
    env = dict(os.environ, PORT=str(port))
    command = [sys.executable, str(ROOT / "bench" / "floor.py"), "--port", str(port),
               "--max-connections", str(max(5000, n + 100))]
    with server(command, env, work / f"floor-{n}.log", opts.server_cpu) as proc:
        swarm = Swarm(f"http://{HOST}:{port}", "shout")
        try:
            connect_s = await swarm.connect([None] * n, opts.connect_timeout)
            await asyncio.sleep(SETTLE_SECONDS)
            sender = swarm.clients[0]

            async def send(seq, message):
                await sender.emit("shout", {"version": seq + 2, "name": "card_added", "data": {
                    "card": {"id": f"c{seq + 1}", "step": 0, "text": card_text(seq),
                             "origin": "phone", "author_name": None}}})

            meter = CpuMeter(proc.pid)
            messages = await swarm.measure(send, opts.messages, opts.warmup, opts.timeout,
                                           opts.gap_ms / 1000, acked=False,
                                           budget=opts.budget)
            result = summarize(messages, len(swarm.clients))
            result.update(meter.stop(len(swarm.pending)))
        finally:
            await swarm.close()
    result.update(server="floor", clients=n, connected=result["receivers"],
                  connect_failed=swarm.failed, connect_s=round(connect_s, 2),
                  dropped=swarm.dropped, stopped_early=swarm.stopped)
    return result


def prepare_evening(work: Path, secret: str, cards_before: int = 0) -> tuple[str, dict]:
    """A fresh database with a facilitator, a group and one evening with input open, and
    `cards_before` cards already on the board (added through the same `BoardService.handle`
    the server runs, 100 per made-up participant, like a board late in the evening).

    Done in this process before the server starts, the way tests/realtime does it; the
    server then migrates nothing and finds the evening there. Returns (code, ids)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("WEEFWERK_SECRET_KEY", secret)  # keeps instance/ untouched
    from server import create_app
    from server.boards import create_group, create_workshop
    from server.domain.actors import FACILITATOR, PARTICIPANT, Actor
    from server.models import User

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
        ids = {"user_id": user.id, "board_id": board.id}
        code = board.join_code
    service.handle(ids["board_id"], secrets.token_hex(8), "open_input", {},
                   Actor(FACILITATOR, ids["board_id"], user_id=ids["user_id"]))
    if cards_before:
        started = time.perf_counter()
        service.broadcast = lambda *_: None  # nobody is connected to this process
        for seq in range(cards_before):
            if seq % CARDS_PER_SENDER == 0:
                author = Actor(PARTICIPANT, ids["board_id"], participant_id=secrets.token_hex(16))
            service.handle(ids["board_id"], secrets.token_hex(8), "add_card",
                           {"text": f"earlier {card_text(seq)}"}, author)
        print(f"  put {cards_before} cards on the board first, in "
              f"{time.perf_counter() - started:.1f} s", flush=True)
    app.extensions["weefwerk.engine"].dispose()
    return code, ids


def direct_tokens(work: Path, secret: str, board_id: int, n: int) -> list[str]:
    """--join direct: participant rows made in the database, tokens signed with the secret."""
    from server.boards import add_participant
    from server.db import make_engine, make_sessionmaker
    from server.domain.actors import PARTICIPANT
    from server.models import Board
    from server.tokens import issue

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
                form = csrf.search(await page.text()).group(1)
            async with http.post(f"{base}/j/{code}", data={
                    "display_name": "", "csrf_token": form}) as joined:
                html = await joined.text()  # the redirect leads back to the phone board
            found = token.search(html)
            if found is None:
                raise RuntimeError(f"join failed ({joined.status}): {html[:300]}")
            return found.group(1)

    return await asyncio.wait_for(asyncio.gather(*(one() for _ in range(n))), timeout)


async def run_weefwerk(n: int, opts, work: Path) -> dict:
    (work / "formats").mkdir()
    (work / "formats" / "bench.toml").write_text(BENCH_FORMAT)
    secret = "bench-" + secrets.token_hex(16)
    phase("preparing the evening")
    code, ids = prepare_evening(work, secret, opts.cards_before)
    tokens = direct_tokens(work, secret, ids["board_id"], n) if opts.join == "direct" else []
    port = free_port()
    env = dict(os.environ, HOST=HOST, PORT=str(port), WEEFWERK_SECRET_KEY=secret,
               DATABASE_URL=f"sqlite:///{work / 'weefwerk.db'}",
               WEEFWERK_ASYNC_MODE="eventlet", WEEFWERK_FORMATS_DIR=str(work / "formats"),
               WEEFWERK_MAX_CONNECTIONS=str(max(5000, n + 100)),
               RATELIMIT_STORAGE_URL="memory://", **BENCH_LIMITS)
    env.pop("SOCKETIO_MESSAGE_QUEUE", None)
    base = f"http://{HOST}:{port}"
    with server([sys.executable, str(ROOT / "serve.py")], env, work / f"weefwerk-{n}.log",
                opts.server_cpu) as proc:
        join_started = time.perf_counter()
        if opts.join == "http":
            tokens = await http_tokens(base, code, n, opts.connect_timeout)
        join_s = time.perf_counter() - join_started
        swarm = Swarm(base, "event")
        try:
            connect_s = await swarm.connect([{"token": t, "lang": "nl"} for t in tokens],
                                            opts.connect_timeout)
            await asyncio.sleep(SETTLE_SECONDS)

            async def send(seq, message):
                sender = swarm.clients[(seq // CARDS_PER_SENDER) % len(swarm.clients)]

                def acked(answer):
                    message.acked = time.perf_counter()
                    message.ack_ok = bool(isinstance(answer, dict) and answer.get("ok"))
                    if not message.ack_ok:
                        print(f"  command {seq} refused: {answer}", file=sys.stderr)

                await sender.emit("command", {"op_id": f"bench-{seq:06d}-{secrets.token_hex(4)}",
                                              "name": "add_card",
                                              "args": {"text": card_text(seq)}}, callback=acked)

            meter = CpuMeter(proc.pid)
            messages = await swarm.measure(send, opts.messages, opts.warmup, opts.timeout,
                                           opts.gap_ms / 1000, acked=True,
                                           budget=opts.budget)
            result = summarize(messages, len(swarm.clients))
            result.update(meter.stop(len(swarm.pending)))
        finally:
            await swarm.close()
    result.update(server="weefwerk", clients=n, connected=result["receivers"],
                  connect_failed=swarm.failed, connect_s=round(connect_s, 2),
                  dropped=swarm.dropped, stopped_early=swarm.stopped,
                  join=opts.join, join_s=round(join_s, 2), cards_before=opts.cards_before)
    return result


# --- report ---------------------------------------------------------------------------

COLUMNS = [("N", "clients"), ("server", "server"), ("connect s", "connect_s"),
           ("p50 ms", "p50_ms"), ("p95 ms", "p95_ms"), ("max ms", "max_ms"),
           ("1st p50", "first_receiver_p50_ms"), ("ack p50", "ack_p50_ms"),
           ("server cpu/msg", "server_cpu_ms_per_message"),
           ("swarm cpu/msg", "swarm_cpu_ms_per_message"), ("other load", "other_load_cores"),
           ("incompl.", "incomplete_messages"), ("missing", "missing_deliveries")]


def ratio(a, b):
    return round(a / b, 2) if a is not None and b else None


def report(rows: list[dict], ratios: list[dict]) -> str:
    table = [[h for h, _ in COLUMNS]] + [
        ["-" if r.get(k) is None else str(r.get(k)) for _, k in COLUMNS] for r in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
    lines = ["  ".join(cell.rjust(w) for cell, w in zip(line, widths)) for line in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    if ratios:
        lines += ["", "weefwerk / floor:"]
    for r in ratios:
        lines.append(f"  N={r['clients']}: p50 {r['p50']}x, p95 {r['p95']}x, max {r['max']}x, "
                     f"server cpu per message {r['server_cpu']}x")
    busy = max((r["other_load_cores"] or 0 for r in rows), default=0)
    if busy > NOISY_LOAD:
        lines.append(f"\nWARNING: other processes kept up to {busy} cores busy while messages "
                     "were measured; latencies are noisy, trust the CPU-per-message figures "
                     "more, or run again on a quiet machine.")
    return "\n".join(lines)


def machine() -> dict:
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                capture_output=True, text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = None
    from importlib.metadata import PackageNotFoundError, version

    def installed(name):
        try:
            return version(name)
        except PackageNotFoundError:
            return None

    return {"python": platform.python_version(), "platform": platform.platform(),
            "cpus": os.cpu_count(), "loadavg_at_start": os.getloadavg(), "commit": commit,
            **{name: installed(name) for name in (
                "eventlet", "Flask-SocketIO", "python-socketio", "python-engineio",
                "aiohttp", "SQLAlchemy")}}


async def main(opts) -> int:
    if opts.bench_cpu is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {opts.bench_cpu})
    print(f"Weefwerk fan-out benchmark: N = {', '.join(map(str, opts.clients))}, "
          f"M = {opts.messages} (+{opts.warmup} warm-up), join = {opts.join}"
          + (f", {opts.cards_before} cards on the board before" if opts.cards_before else ""))
    print("Bench server only: " + ", ".join(f"{k}={v}" for k, v in BENCH_LIMITS.items())
          + f", a one-step format allowing {CARDS_PER_SENDER} cards per phone.")
    print("The client swarm runs in this process and shares the CPU cores with the server.\n")
    rows, ratios, failures = [], [], []
    with tempfile.TemporaryDirectory(prefix="weefwerk-bench-") as tmp:
        for n in opts.clients:
            pair = {}
            for name, run in (("floor", run_floor), ("weefwerk", run_weefwerk)):
                if name not in opts.only:
                    continue
                work = Path(tmp) / f"{name}-{n}"
                work.mkdir()
                print(f"N={n} {name} ...", flush=True)
                limit = opts.budget + 2 * opts.connect_timeout + 90
                try:
                    r = pair[name] = await asyncio.wait_for(run(n, opts, work), limit)
                except (asyncio.TimeoutError, RuntimeError) as trouble:
                    why = f"gave up after {limit:.0f} s" if isinstance(
                        trouble, asyncio.TimeoutError) else str(trouble)
                    print(f"  FAILED while {PHASE[0]}: {why}", file=sys.stderr, flush=True)
                    failures.append({"server": name, "clients": n, "phase": PHASE[0],
                                     "error": why})
                    continue
                joined = f"joined in {r['join_s']} s ({r['join']}), " if "join_s" in r else ""
                print(f"  {joined}connected {r['connected']} in {r['connect_s']} s; p50 "
                      f"{r['p50_ms']} ms, p95 {r['p95_ms']} ms, max {r['max_ms']} ms, missing "
                      f"{r['missing_deliveries']}", flush=True)
                rows.append(r)
            if len(pair) == 2:
                f, w = pair["floor"], pair["weefwerk"]
                ratios.append({"clients": n, "p50": ratio(w["p50_ms"], f["p50_ms"]),
                               "p95": ratio(w["p95_ms"], f["p95_ms"]),
                               "max": ratio(w["max_ms"], f["max_ms"]),
                               "server_cpu": ratio(w["server_cpu_ms_per_message"],
                                                   f["server_cpu_ms_per_message"])})
    print()
    print(report(rows, ratios))
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS / f"{stamp}.json"
    out.write_text(json.dumps({
        "when": stamp, "machine": machine(),
        "settings": {"clients": opts.clients, "messages": opts.messages,
                     "warmup": opts.warmup, "gap_ms": opts.gap_ms, "timeout_s": opts.timeout,
                     "join": opts.join, "cards_before": opts.cards_before,
                     "server_limits": BENCH_LIMITS,
                     "server_cpu": opts.server_cpu, "bench_cpu": opts.bench_cpu},
        "results": rows, "ratios_weefwerk_over_floor": ratios, "failures": failures},
        indent=2) + "\n")
    print(f"\nwrote {out.relative_to(ROOT)}")
    lost = sum(r["missing_deliveries"] + r["connect_failed"] + r["dropped"] for r in rows)
    return 1 if lost or failures or any(r["stopped_early"] for r in rows) else 0


async def guarded(opts) -> int:
    """`main`, cancelled on SIGTERM too, so the servers' `finally` always runs."""
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
                   help="measured messages M (default 100)")
    p.add_argument("--warmup", type=int, default=2,
                   help="messages sent first and not counted (default 2)")
    p.add_argument("--gap-ms", type=float, default=50,
                   help="pause after each message has reached everyone (default 50)")
    p.add_argument("--timeout", type=float, default=10,
                   help="seconds to wait for one message to reach everyone (default 10)")
    p.add_argument("--budget", type=float, default=180,
                   help="seconds at most for the messages of one server run (default 180)")
    p.add_argument("--connect-timeout", type=float, default=120,
                   help="seconds for all joins, and for all connects (default 120)")
    p.add_argument("--join", choices=("http", "direct"), default="http",
                   help="http: phones join through /j/<code> like a resident (default); "
                        "direct: participant rows and tokens made before the server starts")
    p.add_argument("--cards-before", type=int, default=0,
                   help="cards already on the Weefwerk board before measuring, as late in an "
                        "evening (default 0; they are added through the real command path, "
                        "which takes a while for thousands)")
    p.add_argument("--only", default="floor,weefwerk", help="floor, weefwerk or both")
    p.add_argument("--server-cpu", type=int, default=None,
                   help="pin each server to this CPU (Linux), e.g. 0")
    p.add_argument("--bench-cpu", type=int, default=None,
                   help="pin the client swarm to this CPU (Linux), e.g. 1")
    opts = p.parse_args(argv)
    opts.clients = [int(x) for x in opts.clients.split(",") if x.strip()]
    opts.only = {x.strip() for x in opts.only.split(",")}
    if not opts.clients or min(opts.clients) < 2 or opts.messages < 1 or opts.warmup < 0 \
            or opts.cards_before < 0:
        p.error("need N >= 2, M >= 1, warm-up >= 0 and cards-before >= 0")
    if not opts.only <= {"floor", "weefwerk"}:
        p.error("--only takes floor, weefwerk or both")
    return opts


if __name__ == "__main__":
    sys.exit(asyncio.run(guarded(parse())))
