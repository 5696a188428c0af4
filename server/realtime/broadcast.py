"""What the server sends to a board's rooms after a commit (never before: nobody sees a
change that could still roll back).

Rooms are derived on the server from the verified token: `board:<id>:staff` for the
facilitator, `board:<id>:public` for the projector, the phones and the workspace. Each
audience gets every event redacted for it; a hidden ballot only moves the coalesced
`tally`, which says how many have voted and nothing more.

Each process coalesces the ballots it took itself, so with several processes two
`tally` messages of one round can arrive in either order. Each carries the round's
`cast`, the number of ballots accepted so far, counted under the board's lock; a screen
keeps the tally with the highest `cast` (docs/protocol.md), so every screen ends on the
count of the round's last ballot, whichever process took it.
"""
from __future__ import annotations

from collections.abc import Callable

from ..domain.board.events import PUBLIC, STAFF, Event, redact
from ..extensions import socketio
from .coalesce import Coalescer

TALLY_SECONDS = 0.33  # at most three `tally` messages a second per board
tallies = Coalescer("tally", TALLY_SECONDS)


def room(board_id: int, audience: str) -> str:
    return f"board:{board_id}:{audience}"


def broadcast(board_id: int, events: list[tuple[int | None, Event]]) -> None:
    """Send committed events to both audiences of a board, each redacted for it.

    A volatile event (version None: a hidden ballot) is never sent as such; it only
    moves the coalesced `tally`, which says how many have voted and nothing more.
    """
    for version, event in events:
        if version is None:
            count = {k: event.data[k] for k in ("step", "round", "voters", "cast")}
            tallies.push(board_id, _fixed(count))
            continue
        for audience in (STAFF, PUBLIC):
            socketio.emit("event", wire_event(version, event, audience),
                          to=room(board_id, audience))


def _fixed(count: dict) -> Callable[[], dict]:
    """The tally as it was when this ballot came in (the coalescer sends the newest)."""
    return lambda: count


def wire_event(version: int, event: Event, audience: str) -> dict:
    """One logged event as an audience receives it: numbered, and redacted for it."""
    return {"version": version, "name": event.name, "data": redact(event, audience)}
