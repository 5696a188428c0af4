"""The room of a chaos evening: fifty-odd phones, driven on a seeded schedule of the
test's own while the servers behind them fail.

`drive` runs one phase: each phone makes its next command at its own pace (through its
outbox, connected or not, as a resident types while the Wi-Fi is away), random phones
drop for 1-5 s or reload, and the site's disruptions (a SIGKILL, a restart, Redis away)
fire at their moment. `settle` then lets every phone come back and finish: it ends when
every outbox is empty and every phone's board is on the database's version, or fails
the test after its time. Nothing in `settle` helps a phone beyond what the protocol does
(reconnect, resend, resync on a gap, an ack's version or a `version` message).
"""
from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from pathlib import Path

import socketio as sio_client

from tests.conftest import new_op
from tests.realtime.chaos_clients import ChaosPhone
from tests.realtime.chaos_outbox import Ledger
from tests.realtime.chaos_servers import Disruption
from tests.realtime.several_processes import console_token

TICK = 0.05
DROP_SECONDS = (1.0, 5.0)
RELOAD_SECONDS = (0.2, 1.0)  # a reload is back quickly: the page loads again
RECONNECT_SECONDS = (0.3, 0.8)  # between tries while the server is away
SENT_BEFORE_THE_KILL = 6  # phones 0, 2, 4 … on the killed one of two processes

NextCommand = Callable[[int, ChaosPhone], tuple[str, dict] | None]


class ChaosRoom:
    def __init__(self, site, tmp_path: Path, tokens: list[str], rng: random.Random,
                 on_answer=None) -> None:
        self.site, self.rng, self.tmp_path, self.on_answer = site, rng, tmp_path, on_answer
        self.ledger = Ledger()
        self.phones = [self._phone(i, token) for i, token in enumerate(tokens)]
        self.away_until = [0.0] * len(tokens)
        self.retry_at = [0.0] * len(tokens)
        self.connecting = [False] * len(tokens)

    def _phone(self, i: int, token: str) -> ChaosPhone:
        return ChaosPhone(f"phone{i}", token, self.tmp_path / f"outbox-{i}.json", self.ledger,
                          self.on_answer)

    def connect_all(self, seconds: float = 60) -> None:
        """Every phone opens its board, side by side as a room fills, trying again (as a
        browser does) when the busy server does not answer a connect in time."""
        start = time.monotonic()
        while time.monotonic() - start < seconds:
            if all(phone.connected for phone in self.phones):
                return
            now = time.monotonic()
            for i in range(len(self.phones)):
                self._tend(i, now)
            time.sleep(TICK * 2)
        closed = [phone.name for phone in self.phones if not phone.connected]
        raise AssertionError(f"could not connect in {seconds} s: {closed}")

    def close(self) -> None:
        for phone in self.phones:
            phone.drop()

    # one phase

    def drive(self, seconds: float, pace: float, next_command: NextCommand,
              disruptions: list[Disruption], drops_per_second: float, reloads: int) -> None:
        """`pace`: the mean seconds between one phone's commands."""
        plan = sorted(disruptions + self._drops(seconds, drops_per_second, reloads),
                      key=lambda d: d.at)
        start = time.monotonic()
        next_at = [start + self.rng.uniform(0, pace) for _ in self.phones]
        while (now := time.monotonic()) - start < seconds or plan:
            while plan and plan[0].at <= now - start:
                disruption = plan.pop(0)
                if disruption.what == "kills":
                    self._send_before_the_kill(next_command)
                disruption.do()
                self.ledger.count(disruption.what)
            for i, phone in enumerate(self.phones):
                if now - start < seconds and next_at[i] <= now:
                    command = next_command(i, phone)
                    if command is not None:
                        phone.enqueue(*command)
                    next_at[i] = now + self.rng.uniform(0.5, 1.5) * pace
                self._tend(i, now)
            time.sleep(TICK)

    def _send_before_the_kill(self, next_command: NextCommand) -> None:
        """A few connected phones send a command just before the SIGKILL, so the kill
        catches commands whose answers never come: the resends the test is about. At a
        slow pace, or on a busy machine, the kill could otherwise fall between two
        commands and prove nothing (it did once in CI: 88 commands, none resent)."""
        sent = 0
        for i, phone in enumerate(self.phones):
            if sent == SENT_BEFORE_THE_KILL:
                return
            command = next_command(i, phone) if phone.connected else None
            if command is not None:
                phone.enqueue(*command)
                phone.flush()
                sent += 1

    def _drops(self, seconds: float, per_second: float, reloads: int) -> list[Disruption]:
        """The phase's drops and reloads, drawn from the seed before it starts."""
        count = round(seconds * per_second)
        drops = [Disruption(self.rng.uniform(0, seconds), "", self._dropper(i))
                 for i in self.rng.choices(range(len(self.phones)), k=count)]
        drops += [Disruption(self.rng.uniform(0, seconds), "", self._reloader(i))
                  for i in self.rng.sample(range(len(self.phones)), k=reloads)]
        return drops

    def _dropper(self, i: int) -> Callable[[], None]:
        def drop() -> None:
            if self.phones[i].connected:
                self.phones[i].drop()
                self.away_until[i] = time.monotonic() + self.rng.uniform(*DROP_SECONDS)
                self.ledger.count("drops")
        return drop

    def _reloader(self, i: int) -> Callable[[], None]:
        def reload() -> None:
            if self.connecting[i]:
                return  # a reload in the middle of connecting: the next one counts
            old = self.phones[i]
            old.drop()
            self.phones[i] = self._phone(i, old.token)  # the same token and outbox file
            self.away_until[i] = time.monotonic() + self.rng.uniform(*RELOAD_SECONDS)
            self.ledger.count("reloads")
        return reload

    def _tend(self, i: int, now: float) -> None:
        phone = self.phones[i]
        if phone.connected:
            phone.flush()
            phone.catch_up()
        elif not self.connecting[i] and now >= max(self.away_until[i], self.retry_at[i]):
            self.connecting[i] = True
            threading.Thread(target=self._connect, args=(i, phone), daemon=True).start()

    def _connect(self, i: int, phone: ChaosPhone) -> None:
        try:
            if not phone.connect(self.site.base_for(i)):
                self.retry_at[i] = time.monotonic() + self.rng.uniform(*RECONNECT_SECONDS)
        finally:
            self.connecting[i] = False

    # after a phase

    def settle(self, database_version: Callable[[], int], seconds: float) -> float:
        """Let every phone come back and finish; how long it took."""
        start = time.monotonic()
        self.away_until = [0.0] * len(self.phones)
        while time.monotonic() - start < seconds:
            now = time.monotonic()
            for i in range(len(self.phones)):
                self._tend(i, now)
            version = database_version()
            if all(phone.connected and phone.waiting() == 0 and phone.seen()[0] == version
                   for phone in self.phones):
                return time.monotonic() - start
            time.sleep(TICK * 2)
        version = database_version()
        behind = [p.describe() for p in self.phones
                  if not (p.connected and p.waiting() == 0 and p.seen()[0] == version)]
        raise AssertionError(f"not settled after {seconds} s on version {version}:\n"
                             + "\n".join(behind))


class Facilitator:
    """The console between the phases: a socket of its own for each batch of commands,
    so a server that was killed and started again does not matter to it."""

    def __init__(self, base: str, board_id: int) -> None:
        self.base = base
        self.token, self.cookie = console_token(base, board_id)

    def run(self, *commands: tuple[str, dict]) -> list[dict]:
        io = sio_client.Client(reconnection=False)
        io.connect(self.base, auth={"token": self.token}, headers={"Cookie": self.cookie},
                   transports=["websocket"], wait_timeout=10)
        try:
            acks = []
            for name, args in commands:
                ack = io.call("command", {"op_id": new_op(), "name": name, "args": args},
                              timeout=15)
                assert ack["ok"], (name, args, ack)
                acks.append(ack)
            return acks
        finally:
            io.disconnect()
