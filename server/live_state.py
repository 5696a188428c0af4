"""Boards' live states kept in memory between commands, so a command on a full board
does not read, parse and copy the whole document again (docs/performance.md).

A state is kept under its board row's *stamp*, `(version, updated_at)`: the version
moves with every logged event, `updated_at` with every write of the row (a hidden
ballot changes the state without a logged event; retention, a rename or another
process writes the row too). The service reads the stamp under the row lock and uses
the kept state only when the stamp is the same, so a change made by another process,
or by anything but the service, is never missed: the state is reloaded instead.

While a command works on a state, the state is out of the cache (`take`): nobody else
reads a half-changed state, and when the command is refused or its commit fails, the
state it changed is simply dropped (the next command reloads what is stored). Only a
state whose change committed is put back (`keep`). Snapshots read a kept state while
counted as its readers (`reading`); a command that finds readers on it leaves it to
them and reloads instead. Nothing here ever waits: a command holds the board's row lock
(SQLite: the one connection under eventlet) and must never wait for a reader that
needs a connection itself.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from .store.changes import ItemTracker

Stamp = tuple[int, datetime | None]
KEPT_BOARDS = 16  # boards per process (a 5,000-card evening is ~10 MB of objects); LRU


@dataclass(eq=False)
class _Kept:
    stamp: Stamp
    state: Any
    tracker: ItemTracker
    readers: int = 0


class LiveStates:
    """The states of the boards this process served lately, each under its stamp."""

    def __init__(self, capacity: int = KEPT_BOARDS) -> None:
        self._kept: OrderedDict[int, _Kept] = OrderedDict()
        self._lock = threading.Lock()
        self._capacity = capacity

    def take(self, board_id: int, stamp: Stamp) -> tuple[Any, ItemTracker] | None:
        """The kept state of the board and its tracker, removed from the cache, when
        it is the one at `stamp`; None otherwise (a kept state of another stamp is dropped)."""
        with self._lock:
            kept = self._kept.pop(board_id, None)
            if kept is None or kept.readers or kept.stamp != stamp:
                return None  # with readers: a snapshot still reads it, so it stays unchanged
            return kept.state, kept.tracker

    def keep(self, board_id: int, stamp: Stamp, state: Any, tracker: ItemTracker) -> None:
        """Keep `state`, which is what the database holds at `stamp`. When another state
        was kept meanwhile (a snapshot's load racing a command), neither is trusted."""
        with self._lock:
            present = self._kept.pop(board_id, None)
            if present is not None:
                if present.stamp == stamp:
                    self._kept[board_id] = present
                return
            self._kept[board_id] = _Kept(stamp, state, tracker)
            while len(self._kept) > self._capacity:
                self._kept.popitem(last=False)

    @contextmanager
    def reading(self, board_id: int, stamp: Stamp) -> Iterator[Any | None]:
        """The kept state at `stamp`, held so no command takes it while the caller reads
        it; None when none is kept at that stamp. The caller must not change it."""
        with self._lock:
            kept = self._kept.get(board_id)
            if kept is None or kept.stamp != stamp:
                kept = None
            else:
                self._kept.move_to_end(board_id)
                kept.readers += 1
        if kept is None:
            yield None
            return
        try:
            yield kept.state
        finally:
            with self._lock:
                kept.readers -= 1

    def forget(self, board_id: int) -> None:
        with self._lock:
            self._kept.pop(board_id, None)


def stamp_of(board: Any) -> Stamp:
    """The stamp of a board row: its version and when it was last written."""
    return board.version, board.updated_at


_PENDING = "weefwerk.live_states"


def keep_after_commit(session: Session, live: LiveStates, board: Any, state: Any,
                      tracker: ItemTracker) -> None:
    """Put `state` back into `live` under the board's new stamp once `session` commits;
    forget it when the session rolls back (a refusal raised later in the transaction,
    a failed commit): the changed state must not outlive a change that never happened."""
    pending = session.info.get(_PENDING)
    if pending is None:  # the first time in this session: listen to how it ends
        pending = session.info[_PENDING] = []
        event.listen(session, "after_commit", _keep_pending)
        event.listen(session, "after_rollback", _drop_pending)
    pending.append((live, board, state, tracker))


def _keep_pending(session: Session) -> None:
    pending = session.info.get(_PENDING, [])
    for live, board, state, tracker in pending:
        live.keep(board.id, stamp_of(board), state, tracker)
    pending.clear()


def _drop_pending(session: Session) -> None:
    session.info.get(_PENDING, []).clear()
