"""Who is online: volatile, never stored, coalesced to one `presence` a second per board.

Counts live in this process (sockets do too). With several server processes the count
would move to Redis; the interface (`joined`, `left`, `count`) stays the same.
"""
from __future__ import annotations

import threading

from .coalesce import Coalescer
from .domain.actors import PARTICIPANT, Actor

FLUSH_SECONDS = 1.0


class Presence:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._boards: dict[int, set[str]] = {}
        self._where: dict[str, int] = {}
        self._out = Coalescer("presence", FLUSH_SECONDS)

    def joined(self, sid: str, actor: Actor) -> None:
        with self._lock:
            self._where[sid] = actor.board_id
            if actor.role == PARTICIPANT:
                self._boards.setdefault(actor.board_id, set()).add(sid)
        self._announce(actor.board_id)

    def left(self, sid: str) -> None:
        with self._lock:
            board_id = self._where.pop(sid, None)
            if board_id is None:
                return
            self._boards.get(board_id, set()).discard(sid)
        self._announce(board_id)

    def count(self, board_id: int) -> int:
        with self._lock:
            return len(self._boards.get(board_id, ()))

    def _announce(self, board_id: int) -> None:
        self._out.push(board_id, lambda: {"participants": self.count(board_id)})


presence = Presence()
