"""Coalesced, volatile broadcasts: at most one message per board per interval.

Presence counts and vote tallies change with every phone that connects or votes; sending
one broadcast per change would cost `phones × phones` messages (DESIGN §4, fan-out
budget). Instead the latest payload for a board waits here until the interval is over and
only that one goes out. These messages are never stored and carry no version: a client
that misses one simply gets the next.
"""
from __future__ import annotations

import threading
from collections.abc import Callable

from ..extensions import socketio

Payload = Callable[[], dict]


class Coalescer:
    """Emit `message` to a board's rooms at most once per `interval` seconds."""

    def __init__(self, message: str, interval: float,
                 audiences: tuple[str, ...] = ("staff", "public")) -> None:
        self.message = message
        self.interval = interval
        self.audiences = audiences
        self._lock = threading.Lock()
        self._latest: dict[int, Payload] = {}

    def push(self, board_id: int, payload: Payload) -> None:
        """Remember how to build the newest payload; schedule a send if none is waiting."""
        with self._lock:
            waiting = board_id in self._latest
            self._latest[board_id] = payload
        if not waiting:
            socketio.start_background_task(self._send_later, board_id)

    def _send_later(self, board_id: int) -> None:
        socketio.sleep(self.interval)
        with self._lock:
            payload = self._latest.pop(board_id, None)
        if payload is None:
            return
        data = payload()
        for audience in self.audiences:
            socketio.emit(self.message, data, to=f"board:{board_id}:{audience}")
