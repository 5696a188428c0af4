"""Who is online: volatile, never stored, coalesced to one `presence` a second per board.

The count is of participants (residents), not of sockets: a phone that drops and
reconnects has a new socket while the old one waits out the ping timeout, and a resident
may have the board open in two tabs; they are still one phone in the hall.

Counts live in this process (sockets do too). With several server processes the count
would move to Redis; the interface (`joined`, `left`, `count`) stays the same.
"""
from __future__ import annotations

import threading
from collections import Counter

from ..domain.board.actors import PARTICIPANT, Actor
from .coalesce import Coalescer

FLUSH_SECONDS = 1.0


class Presence:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._boards: dict[int, Counter[str]] = {}  # board -> participant id -> sockets
        self._where: dict[str, tuple[int, str | None]] = {}  # sid -> (board, participant)
        self._out = Coalescer("presence", FLUSH_SECONDS)

    def joined(self, sid: str, actor: Actor) -> None:
        who = actor.participant_id if actor.role == PARTICIPANT else None
        with self._lock:
            self._where[sid] = (actor.board_id, who)
            if who is not None:
                self._boards.setdefault(actor.board_id, Counter())[who] += 1
        self._announce(actor.board_id)

    def left(self, sid: str) -> None:
        with self._lock:
            board_id, who = self._where.pop(sid, (None, None))
            if board_id is None:
                return
            sockets = self._boards.get(board_id)
            if who is not None and sockets is not None:
                sockets[who] -= 1
                if sockets[who] <= 0:
                    del sockets[who]
                if not sockets:
                    del self._boards[board_id]
        self._announce(board_id)

    def count(self, board_id: int) -> int:
        """How many different residents have the board open right now."""
        with self._lock:
            return len(self._boards.get(board_id, ()))

    def _announce(self, board_id: int) -> None:
        self._out.push(board_id, lambda: {"participants": self.count(board_id)})


presence = Presence()
