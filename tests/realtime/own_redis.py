"""A throw-away `redis-server` a test can stop and start again on the same port."""
from __future__ import annotations

import shutil
import subprocess
import time

import redis

WAIT_SECONDS = 10


class OwnRedis:
    """A throw-away redis-server: no snapshot, no append-only file, so a restart comes
    back empty, as a Redis used only as a queue and for volatile counts may."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.proc: subprocess.Popen | None = None

    @staticmethod
    def installed() -> bool:
        return shutil.which("redis-server") is not None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [shutil.which("redis-server") or "redis-server", "--port", str(self.port),
             "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis(port=self.port)
        deadline = time.time() + WAIT_SECONDS
        while not self._answers(client):
            if time.time() > deadline:
                self.stop()
                raise AssertionError("redis-server did not answer")
            time.sleep(0.05)

    @staticmethod
    def _answers(client: redis.Redis) -> bool:
        try:
            return bool(client.ping())
        except redis.ConnectionError:
            return False

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
