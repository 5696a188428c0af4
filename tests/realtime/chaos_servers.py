"""The servers of a chaos evening, and what may happen to them: `serve.py` (eventlet) in
subprocesses that the test kills with SIGKILL and starts again on the same port, and,
with several processes, the Redis between them, stopped and started again.

A *site* is what the phones see of it: `base_for(phone)` is the server a phone's next
connection goes to, as a load balancer would choose (a process that is down gets no new
connections); `kill_and_restart` and `restart_redis` put what goes wrong, and when, on
the test's own schedule.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import requests

from tests.realtime.own_redis import OwnRedis
from tests.realtime.real_server import ROOT, free_port

START_SECONDS = 40


@dataclass
class Disruption:
    at: float  # seconds into the phase
    what: str  # the figure it counts under: "kills", "restarts", "redis restarts"
    do: Callable[[], None]


class ChaosServer:
    """One `serve.py` on a port of its own, kept across a SIGKILL and a new start. Its
    output goes to a file, appended over its lives (a pipe nobody reads could fill up
    and stop it)."""

    def __init__(self, tmp_path: Path, name: str, env: dict[str, str]) -> None:
        self.name = name
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = tmp_path / f"server-{name}.log"
        self.env = dict(os.environ, HOST="127.0.0.1", PORT=str(self.port),
                        WEEFWERK_ASYNC_MODE="eventlet", **env)
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        """Start it without waiting: phones find out by connecting, as they would."""
        with self.log.open("a") as out:
            self.proc = subprocess.Popen([sys.executable, str(ROOT / "serve.py")], cwd=ROOT,
                                         env=self.env, stdout=out, stderr=subprocess.STDOUT)

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def wait_until_up(self) -> None:
        deadline = time.time() + START_SECONDS
        while time.time() < deadline and self.running:
            try:
                if requests.get(self.base + "/", timeout=2).ok:
                    return
            except requests.RequestException:  # not listening yet, or too busy to answer
                time.sleep(0.2)
        self.stop()
        raise AssertionError(f"server {self.name} did not start:\n" + self.log.read_text())

    def kill(self) -> None:
        """SIGKILL: no shutdown, no goodbye to the sockets, mid-transaction or not."""
        if self.running:
            assert self.proc is not None
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.running:
            assert self.proc is not None
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def server_env(secret: str, database: str) -> dict[str, str]:
    return {"WEEFWERK_SECRET_KEY": secret, "DATABASE_URL": database}


class OneServer:
    """One process on the test's engine, killed once and started again on its port."""

    def __init__(self, tmp_path: Path, secret: str, database: str) -> None:
        env = server_env(secret, database)
        self.server = ChaosServer(tmp_path, "one", env)
        self.server.env.pop("SOCKETIO_MESSAGE_QUEUE", None)
        self.server.env.pop("RATELIMIT_STORAGE_URL", None)
        self.servers = [self.server]

    def base_for(self, phone: int) -> str:
        return self.server.base  # one address: down or not, the phone tries it

    def kill_and_restart(self, kill_at: float, down_for: float) -> list[Disruption]:
        return [Disruption(kill_at, "kills", self.server.kill),
                Disruption(kill_at + down_for, "restarts", self.server.start)]


class TwoServers:
    """Two processes on PostgreSQL sharing rooms through the test's own Redis: one is
    killed while the other serves (its phones come back on the other, as a load balancer
    sends them), and Redis is stopped and started again empty."""

    def __init__(self, tmp_path: Path, secret: str, database: str) -> None:
        self.redis = OwnRedis(free_port())
        env = server_env(secret, database) | {
            "SOCKETIO_MESSAGE_QUEUE": self.redis.url,
            "WEEFWERK_QUEUE_CHANNEL": "weefwerk-chaos-" + uuid.uuid4().hex[:8]}
        self.servers = [ChaosServer(tmp_path, name, env) for name in ("a", "b")]
        for server in self.servers:
            server.env.pop("RATELIMIT_STORAGE_URL", None)  # the default: the queue's Redis

    def base_for(self, phone: int) -> str:
        preferred = self.servers[phone % 2]
        other = self.servers[(phone + 1) % 2]
        return preferred.base if preferred.running or not other.running else other.base

    def kill_and_restart(self, kill_at: float, down_for: float) -> list[Disruption]:
        victim = self.servers[0]
        return [Disruption(kill_at, "kills", victim.kill),
                Disruption(kill_at + down_for, "restarts", victim.start)]

    def restart_redis(self, at: float, away_for: float) -> list[Disruption]:
        return [Disruption(at, "redis stops", self.redis.stop),
                Disruption(at + away_for, "redis restarts", self.redis.start)]
