"""What every scenario shares: starting and stopping server processes, reading their CPU
time and memory from Linux's /proc, the machine's own load, and percentiles.

Everything runs on 127.0.0.1; a scenario never talks to a server it did not start.
"""
from __future__ import annotations

import math
import os
import platform
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
NOISY_LOAD = 0.25  # cores kept busy by other processes that make a run "noisy"
PHASE = ["starting"]  # what the benchmark is doing now, named when a run is given up


def phase(text: str) -> None:
    PHASE[0] = text


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@contextmanager
def server(name: str, command: list[str], env: dict, log_path: Path,
           pin: int | None = None) -> Iterator[subprocess.Popen]:
    """Start a server process, wait until it answers GET /, and always stop it."""
    phase(f"starting {name}")
    port = int(env["PORT"])
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "w") as log:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log,
                                stderr=subprocess.STDOUT)
    try:
        if pin is not None and hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(proc.pid, {pin})
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{name} exited with {proc.returncode}:\n"
                                   + log_path.read_text()[-3000:])
            try:
                with urllib.request.urlopen(f"http://{HOST}:{port}/", timeout=2):
                    break
            except OSError as err:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{name} did not answer within 60 s:\n"
                                       + log_path.read_text()[-3000:]) from err
                time.sleep(0.2)
        yield proc
    finally:
        phase(f"stopping {name}")
        stop(proc)


def stop(proc: subprocess.Popen) -> None:
    """Terminate one process we started, killing it if it does not go within 10 s."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def inherited_env() -> dict:
    """This process's environment for a server, without a message queue: only scenario 6
    sets one, to its own Redis."""
    env = dict(os.environ)
    env.pop("SOCKETIO_MESSAGE_QUEUE", None)
    return env


def weefwerk_command() -> list[str]:
    """The real entry point, as `make run` starts it."""
    return [sys.executable, str(ROOT / "serve.py")]


def cpu_seconds(pid: int | None = None) -> float | None:
    """User + system CPU time of a process so far (Linux), this one by default."""
    if pid is None:
        return time.process_time()  # fine-grained, unlike /proc's clock ticks
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def rss_bytes(pid: int) -> int | None:
    """Resident memory of a process now (VmRSS), the figure of scenario 5."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
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


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a is not None and b else None


def pct(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile of `values` (sorted here)."""
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(p * len(ordered)) - 1)], 1) if ordered else None


class LoadMeter:
    """How many cores processes other than the ones named kept busy over a stretch: the
    neighbours' load, which moves latencies on a shared machine."""

    def __init__(self, pids: list[int]) -> None:
        self.pids = pids
        self.start_busy = machine_busy_seconds()
        self.start_ours = [cpu_seconds(p) for p in pids]
        self.start_own = cpu_seconds()
        self.start_wall = time.perf_counter()

    def other_cores(self, extra_cpu: float = 0.0) -> float | None:
        """Cores busy with other processes; `extra_cpu`: CPU of our own helpers (client
        processes) that the named pids do not include."""
        wall = time.perf_counter() - self.start_wall
        busy = delta(self.start_busy, machine_busy_seconds())
        ours = [delta(a, cpu_seconds(p)) for a, p in zip(self.start_ours, self.pids,
                                                          strict=True)]
        own = delta(self.start_own, cpu_seconds())
        if busy is None or own is None or None in ours or wall <= 0:
            return None
        used = own + extra_cpu + sum(x for x in ours if x is not None)
        return round(max(0.0, busy - used) / wall, 2)


def machine() -> dict:
    """The machine and the stack the figures were taken on, for the results file."""
    from importlib.metadata import PackageNotFoundError, version

    def installed(name: str) -> str | None:
        try:
            return version(name)
        except PackageNotFoundError:
            return None

    def run(*command: str) -> str:
        try:
            return subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                                  timeout=5).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    model = next((line.split(":", 1)[1].strip() for line in run("lscpu").splitlines()
                  if line.startswith("Model name")), None)
    memory = next((int(line.split()[1]) // 1024 for line in
                   Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), None)
    return {"python": platform.python_version(), "platform": platform.platform(),
            "cpus": os.cpu_count(), "cpu_model": model, "memory_mb": memory,
            "loadavg_at_start": os.getloadavg(), "commit": run("git", "rev-parse", "--short",
                                                               "HEAD"),
            **{name: installed(name) for name in (
                "eventlet", "Flask-SocketIO", "python-socketio", "python-engineio",
                "aiohttp", "SQLAlchemy", "psycopg2-binary", "redis")}}
