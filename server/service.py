"""The one way a board changes: `BoardService.handle`.

parse the command → lock the board → check the op_id → the live state (kept in memory
under the row's stamp, or loaded: `live_state.py`) → domain rules → save the items they
changed (`store/changes.py`, `store/items.py`), the events and the op_id in one
transaction → commit → keep the state → broadcast. Parsing comes before
the lock, so a malformed command never holds up the board's other writers.
Broadcasting only after commit means nobody ever sees a change that could still roll
back, and no network I/O happens while SQLite's write lock is held.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from .board_kinds import AGGREGATES, KindTools
from .db import write_transaction
from .domain.board.actors import Actor
from .domain.board.commands import Command, parse_command
from .domain.board.errors import DomainError
from .domain.board.events import Event
from .domain.board.text import clean_tree
from .domain.evening.own_format import evening_format
from .domain.formats.types import Format
from .live_state import LiveStates, keep_after_commit, stamp_of
from .models import WORKSHOP, Board
from .store import acks, items, logs
from .store.boards import board_by_id, board_row, locked_board
from .store.changes import ItemTracker

OP_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
RESYNC_WINDOW = 500  # events; a client further behind gets a snapshot instead


class Broadcaster(Protocol):
    """Sends committed events: versioned ones to the rooms, volatile ones (hidden ballots)
    to a coalescer that only ever announces counts."""

    def __call__(self, board_id: int, events: list[tuple[int | None, Event]]) -> None: ...


def now_ms() -> int:
    return int(time.time() * 1000)


@dataclass
class BoardService:
    sessions: sessionmaker[Session]
    formats: dict[str, Format]
    broadcast: Broadcaster
    clock: Callable[[], int] = now_ms
    live: LiveStates = field(default_factory=LiveStates)
    check_tracking: bool = False  # the test suite: prove no rule changes an item unseen

    def handle(self, board_id: int, op_id: object, name: object, args: object,
               actor: Actor) -> dict:
        """Run one client command exactly once; return its ack or raise DomainError.

        This is the one door into a board, for a phone's command and a group's import
        alike, so every text of `args` is cleaned here, once (`domain.board.text`).
        """
        if not isinstance(op_id, str) or not OP_ID.match(op_id):
            raise DomainError("bad_request", field="op_id")
        args = clean_tree(args)
        try:
            cmd = parse_command(name, args)
        except DomainError as refusal:
            return self._answer_unparsed(board_id, op_id, actor, refusal)
        try:
            ack, events = self._commit(board_id, op_id, cmd, actor)
        except IntegrityError:  # the same op_id committed meanwhile: its answer
            stored = self.stored_ack(board_id, actor.sender, op_id)
            if stored is None:
                raise
            ack, events = stored, []
        if events:
            self.broadcast(board_id, events)
        return ack

    def _answer_unparsed(self, board_id: int, op_id: str, actor: Actor,
                         refusal: DomainError) -> dict:
        """The answer to a command that does not parse, read without taking the lock,
        as it was before parsing moved in front of it: a missing board is `not_found`,
        a resent op_id gets its first answer (only accepted commands are stored, so a
        refusal never is one), anything else the parser's `refusal`."""
        with self.sessions() as session:
            if board_row(session, board_id) is None:
                raise DomainError("not_found", item="board")
            stored = self.stored_ack(board_id, actor.sender, op_id, session)
        if stored is None:
            raise refusal
        return stored

    def _commit(self, board_id: int, op_id: str, cmd: Command,
                actor: Actor) -> tuple[dict, list[tuple[int | None, Event]]]:
        with write_transaction(self.sessions) as session:
            return self.apply_in(session, board_id, op_id, cmd, actor)

    def apply_in(self, session: Session, board_id: int, op_id: str, cmd: Command,
                 actor: Actor) -> tuple[dict, list[tuple[int | None, Event]]]:
        """One parsed command inside the caller's write transaction: the ack and the
        numbered events, which the caller broadcasts after its commit. A hand-over
        changes an evening and its group's workspace together this way
        (`server/handover.py`)."""
        board = locked_board(session, board_id)
        if board is None:
            raise DomainError("not_found", item="board")
        stored = self.stored_ack(board_id, actor.sender, op_id, session)
        if stored is not None:
            return stored, []
        kind = AGGREGATES[board.kind]  # an evening or a group's plan workspace
        taken = self.live.take(board_id, stamp_of(board))
        if taken is None:  # not kept here, or moved on by another process: the stored one
            state, tracker = self._read(session, board)
        else:
            state, tracker = taken
        tools = KindTools(self.formats, self.clock, self.history)  # not the whole service
        outcome = kind.apply(state, cmd, actor, kind.context(session, board, state, tools))
        events = outcome.events
        numbered = logs.append(session, board, [e for e in events if e.logged], actor.role)
        numbered += [(None, e) for e in events if not e.logged]
        items.write_changes(session, board, tracker.changes(state, state.document()))
        ack = {"ok": True, "version": board.version, "result": dict(outcome.result)}
        acks.record_ack(session, board_id, actor.sender, op_id, ack)
        keep_after_commit(session, self.live, board, state, tracker)
        return ack, numbered

    def stored_ack(self, board_id: int, sender: str, op_id: str,
                   session: Session | None = None) -> dict | None:
        """The first answer to this sender's op_id (or to one stored before senders were
        recorded, migration 0006), or None."""
        if session is not None:
            return acks.stored_ack(session, board_id, sender, op_id)
        with self.sessions() as fresh:
            return acks.stored_ack(fresh, board_id, sender, op_id)

    def _read(self, session: Session, board: Board) -> tuple[Any, ItemTracker]:
        """The board's stored state, loaded and tracked for the writes after."""
        stored = items.read_document(session, board)
        state = AGGREGATES[board.kind].load(stored.document)
        tracker = ItemTracker(state, type(state).ITEMS, stored.stored,
                              stored.next_position, check=self.check_tracking)
        return state, tracker

    def _read_tracked(self, board_id: int) -> tuple[Board, object, ItemTracker] | None:
        with self.sessions() as session:
            board = board_by_id(session, board_id)
            if board is None:
                return None
            state, tracker = self._read(session, board)
            session.expunge(board)
        return board, state, tracker

    def load(self, board_id: int) -> tuple[Board, object, Format | None] | None:
        """The board row, its state (an evening's or a workspace's) and its format (None
        for a workspace), read in one short transaction."""
        loaded = self._read_tracked(board_id)
        if loaded is None:
            return None
        board, state, _tracker = loaded
        if board.kind != WORKSHOP:
            return board, state, None
        return board, state, evening_format(getattr(state, "format_copy", None),
                                           board.format_slug, self.formats)

    def snapshot(self, board_id: int, actor: Actor) -> dict | None:
        """`{version, state}` of a board as `actor` may see it, or None when it is gone:
        from the live state kept in memory when it is still the stored one."""
        with self.sessions() as session:
            board = board_row(session, board_id)
            if board is None:
                return None
            session.expunge(board)
        stamp = stamp_of(board)
        with self.live.reading(board_id, stamp) as kept:
            if kept is not None:
                return self._shown(board, kept, actor)
        loaded = self._read_tracked(board_id)
        if loaded is None:
            return None
        board, state, tracker = loaded
        shown = self._shown(board, state, actor)
        self.live.keep(board_id, stamp_of(board), state, tracker)  # shown: unchanged
        return shown

    def _shown(self, board: Board, state: object, actor: Actor) -> dict:
        shown = AGGREGATES[board.kind].snapshot(
            board, state, actor, KindTools(self.formats, self.clock, self.history))
        return {"version": board.version, "state": shown}

    def history(self, board_id: int, limit: int = 100) -> list[tuple[int, str, dict]]:
        """The newest `limit` entries of the board's log, oldest first."""
        with self.sessions() as session:
            return logs.newest(session, board_id, limit)

    def events_since(self, board_id: int, since: int) -> list[tuple[int, Event]] | None:
        """The logged events after `since`, or None when a snapshot is the better answer."""
        with self.sessions() as session:
            version = logs.version_of(session, board_id)
            if version is None or since < 0 or since > version:
                return None
            if version - since > RESYNC_WINDOW:
                return None
            events = logs.entries_after(session, board_id, since)
        if len(events) != version - since:
            return None
        return events

