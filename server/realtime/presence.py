"""Who is online: volatile, never stored, coalesced to one `presence` a second per board.

The count is of participants (residents), not of sockets: a phone that drops and
reconnects has a new socket while the old one waits out the ping timeout, and a resident
may have the board open in two tabs; they are still one phone in the hall.

Each process knows its own sockets, and with one process (no message queue, the default)
that is the whole answer: nothing leaves memory, `make run` needs no Redis.

With several processes (`SOCKETIO_MESSAGE_QUEUE` set, docs/deploy.md) a resident may be
on process A and the projector that shows the count on process B, so each process also
writes the residents it holds into the queue's Redis (`SharedPresence`): per board one
sorted set whose members are `<process>|<participant>`, scored with when the entry runs
out. The count is the number of *different* participants among the entries not run out,
so a resident with sockets on two processes is one. A process renews its entries on
every beat (`realtime/beat.py`); one that crashes stops renewing, and its residents drop
out of the count within `ENTRY_SECONDS`, never "online" for ever. A restarted Redis
holds no entries: each process writes its own back on its next beat. While Redis cannot
be reached a process counts only its own residents, the best it knows.

A beat also announces a board's count where it is not the one this process announced
last, and every board's count every `FULL_EVERY` beats: two processes' messages that
crossed on the way are put right within a beat (the process whose message arrived
last, out of date, sees that it differs), and one lost while Redis was away within
`FULL_EVERY` beats. Not every beat: a phone's radio wakes for every message.
"""
from __future__ import annotations

import logging
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from typing import cast

import redis

from ..domain.board.actors import PARTICIPANT, Actor
from .coalesce import Coalescer

FLUSH_SECONDS = 1.0
ENTRY_SECONDS = 15.0  # three beats (beat.BEAT_SECONDS) missed, and the entry runs out
FULL_EVERY = 6  # beats between announcing every board's count (30 s)

log = logging.getLogger(__name__)


class SharedPresence:
    """This process's residents per board in Redis, next to every other process's."""

    def __init__(self, url: str, prefix: str,
                 clock: Callable[[], float] = time.time) -> None:
        # short timeouts: a Redis that is away must not hold up a socket's connect
        self._redis = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2,
                                           decode_responses=True)
        self._prefix = prefix
        self._clock = clock  # wall time: entries are compared across processes and hosts
        self.process = uuid.uuid4().hex[:12]

    def _key(self, board_id: int) -> str:
        return f"{self._prefix}:presence:{board_id}"

    def _member(self, participant: str) -> str:
        return f"{self.process}|{participant}"

    def mark(self, board_id: int, participant: str, here: bool) -> None:
        """Record that this process now holds (or no longer holds) the resident."""
        if here:
            self.renew({board_id: {participant}})
        else:
            self._redis.zrem(self._key(board_id), self._member(participant))

    def renew(self, held: dict[int, set[str]]) -> None:
        """Write (again) every resident this process holds, running out ENTRY_SECONDS on,
        and clear out entries that ran out (a crashed process's). The key itself runs out
        too, so a board nobody holds any more leaves nothing behind."""
        now = self._clock()
        for board_id, participants in held.items():
            key = self._key(board_id)
            self._redis.zadd(key, {self._member(p): now + ENTRY_SECONDS for p in participants})
            self._redis.zremrangebyscore(key, "-inf", now)
            self._redis.expire(key, int(ENTRY_SECONDS) + 1)

    def count(self, board_id: int) -> int:
        """Different residents on the board over every live process."""
        # redis-py types every answer as sync-or-async; this client is the sync one
        members = cast("list[str]", self._redis.zrangebyscore(self._key(board_id),
                                                              self._clock(), "+inf"))
        return len({member.split("|", 1)[1] for member in members})


class Presence:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._boards: dict[int, Counter[str]] = {}  # board -> participant id -> sockets
        self._where: dict[str, tuple[int, str | None]] = {}  # sid -> (board, participant)
        self._out = Coalescer("presence", FLUSH_SECONDS)
        self._shared: SharedPresence | None = None
        self._announced: dict[int, int] = {}  # board -> the count this process sent last
        self._beats = 0

    def share_through(self, shared: SharedPresence | None) -> None:
        """Count over every process through Redis (`create_app`, with a message queue),
        or (None) in this process only."""
        self._shared = shared

    def joined(self, sid: str, actor: Actor) -> None:
        who = actor.participant_id if actor.role == PARTICIPANT else None
        first = False
        with self._lock:
            self._where[sid] = (actor.board_id, who)
            if who is not None:
                sockets = self._boards.setdefault(actor.board_id, Counter())
                sockets[who] += 1
                first = sockets[who] == 1
        if first and who is not None:
            self._tell_shared(actor.board_id, who, True)
        self._announce(actor.board_id)

    def left(self, sid: str) -> None:
        last = False
        with self._lock:
            board_id, who = self._where.pop(sid, (None, None))
            if board_id is None:
                return
            sockets = self._boards.get(board_id)
            if who is not None and sockets is not None:
                sockets[who] -= 1
                if sockets[who] <= 0:
                    del sockets[who]
                    last = True
                if not sockets:
                    del self._boards[board_id]
        if last and who is not None:
            self._tell_shared(board_id, who, False)
        self._announce(board_id)

    def count(self, board_id: int) -> int:
        """How many different residents have the board open right now."""
        if self._shared is not None:
            try:
                return self._shared.count(board_id)
            except redis.RedisError as error:
                log.warning("presence: Redis unreachable, counting this process only: %s",
                            error)
        with self._lock:
            return len(self._boards.get(board_id, ()))

    def boards_here(self) -> list[int]:
        """The boards this process has any socket on (phone, projector or console)."""
        with self._lock:
            return sorted({board_id for board_id, _ in self._where.values()})

    def beat(self) -> None:
        """Renew this process's entries in Redis (writing them back after a restart) and
        announce the boards whose count is not the one this process sent last (all of
        them every FULL_EVERY beats)."""
        if self._shared is not None:
            with self._lock:
                held = {board_id: set(sockets) for board_id, sockets in self._boards.items()}
            try:
                self._shared.renew(held)
            except redis.RedisError as error:
                log.warning("presence: Redis unreachable, entries not renewed: %s", error)
        self._beats += 1
        everyone = self._beats % FULL_EVERY == 0
        here = self.boards_here()
        for board_id in set(self._announced) - set(here):
            self._announced.pop(board_id, None)
        for board_id in here:
            if everyone or self.count(board_id) != self._announced.get(board_id):
                self._announce(board_id)

    def _tell_shared(self, board_id: int, participant: str, here: bool) -> None:
        if self._shared is None:
            return
        try:
            self._shared.mark(board_id, participant, here)
        except redis.RedisError as error:  # the next beat writes what this process holds
            log.warning("presence: Redis unreachable: %s", error)

    def _announce(self, board_id: int) -> None:
        def payload() -> dict:
            count = self.count(board_id)
            self._announced[board_id] = count
            return {"participants": count}

        self._out.push(board_id, payload)


presence = Presence()
