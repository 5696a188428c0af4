"""Socket.IO clients of the real server (`serve.py` in a subprocess) that keep what they
received: the first snapshot and every `event` in arrival order, for tests that replay
the events through the browser's reducers or look at how the versions ran."""
from __future__ import annotations

import threading
import time

import socketio as sio_client

from tests.conftest import new_op
from tests.realtime.several_processes import console_token

ANSWER_SECONDS = 20


class Recorder:
    """One screen: a python-socketio client that records instead of applying."""

    def __init__(self, base: str, token: str, cookie: str | None = None) -> None:
        self.lock = threading.Lock()
        self.snapshot: dict | None = None
        self.events: list[dict] = []
        self.io = sio_client.Client(reconnection=False)
        self.io.on("snapshot", self._snapshot)
        self.io.on("event", self._event)
        self.io.connect(base, auth={"token": token}, transports=["websocket"],
                        headers={"Cookie": cookie} if cookie else {}, wait_timeout=10)
        self.wait_for(lambda: self.snapshot is not None, "its first snapshot")

    def _snapshot(self, snapshot: dict) -> None:
        with self.lock:
            if self.snapshot is None:
                self.snapshot = snapshot

    def _event(self, event: dict) -> None:
        with self.lock:
            self.events.append(event)

    def versions(self) -> list[int]:
        with self.lock:
            return [e["version"] for e in self.events]

    def wait_for(self, done, what: str, seconds: float = ANSWER_SECONDS) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with self.lock:
                if done():
                    return
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what}")

    def wait_for_version(self, version: int) -> None:
        self.wait_for(lambda: bool(self.events) and self.events[-1]["version"] >= version,
                      f"the event of version {version}")

    def command(self, name: str, args: dict | None = None) -> dict:
        return self.io.call("command", {"op_id": new_op(), "name": name, "args": args or {}},
                            timeout=ANSWER_SECONDS)

    def burst(self, commands: list[tuple[str, dict]]) -> list[dict]:
        """Emit every command at once, without waiting in between; the acks in send order."""
        acks: list[dict | None] = [None] * len(commands)
        done = threading.Event()

        def answer(index: int):
            def callback(ack: dict) -> None:
                acks[index] = ack
                if all(a is not None for a in acks):
                    done.set()
            return callback

        for index, (name, args) in enumerate(commands):
            self.io.emit("command", {"op_id": new_op(), "name": name, "args": args},
                         callback=answer(index))
        assert done.wait(ANSWER_SECONDS), f"no answer to {commands}: {acks}"
        return [a for a in acks if a is not None]

    def fresh_snapshot(self) -> dict:
        return self.io.call("resync", {"since": -1}, timeout=ANSWER_SECONDS)["snapshot"]

    def close(self) -> None:
        self.io.disconnect()


def console(base: str, board_id: int) -> Recorder:
    """A console of Evening's facilitator `anna`, signed in afresh (a second console is
    a second sign-in: another laptop, or a phone used as a remote)."""
    token, cookie = console_token(base, board_id)
    return Recorder(base, token, cookie)


def at_once(work: list) -> list:
    """Run each callable in a thread of its own, released together by a barrier; the
    results in the order given."""
    barrier = threading.Barrier(len(work))
    results: list = [None] * len(work)
    failures: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait(ANSWER_SECONDS)
            results[index] = work[index]()
        except BaseException as failed:  # noqa: BLE001 - reported to the test below
            failures.append(failed)

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(len(work))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(ANSWER_SECONDS * 2)
    if failures:
        raise failures[0]
    assert not any(t.is_alive() for t in threads), "a sender did not finish"
    return results
