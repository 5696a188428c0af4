"""Closing the open sockets of someone whose access ended, at once.

A grant taken back, a member removed from the group, or a logout must not leave a
console, a projector or a workspace open that still receives what is new. The check on
every command, connect and resync (`domain/board/policy.py`) is the guarantee; this module
makes it felt right away: it remembers, per socket of this process, who it is for and
where, so the page that ends access can disconnect exactly those sockets.

With several server processes each one knows only its own sockets. Then the staff rooms
of the facilitator's evenings are also closed on every process through the message
queue (`close_room`), so those consoles receive nothing more; a projector or workspace
socket on another process keeps its old picture until its next reconnect or resync,
which is refused (docs/groups.md).
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from ..domain.board.actors import FACILITATOR, MEMBER, PROJECTOR, Actor
from ..domain.board.events import STAFF
from ..extensions import socketio
from ..models import WORKSHOP
from .broadcast import room


@dataclass(frozen=True)
class Door:
    """What an open socket was let in as: the actor, the board's kind, group and owner,
    and the browser sign-in it came with (its digest; None for phones and projectors)."""

    actor: Actor
    kind: str
    group_id: int
    owner_id: int
    sign_in: str | None = None


_lock = threading.Lock()
_open: dict[str, Door] = {}  # sid -> door, this process only


def opened(sid: str, door: Door) -> None:
    with _lock:
        _open[sid] = door


def closed(sid: str) -> None:
    with _lock:
        _open.pop(sid, None)


def close_where(test: Callable[[Door], bool]) -> int:
    """Disconnect this process's sockets whose door passes `test`; how many there were."""
    with _lock:
        sids = [sid for sid, door in _open.items() if test(door)]
    for sid in sids:
        socketio.server.disconnect(sid, namespace="/")
        closed(sid)
    return len(sids)


def grant_withdrawn(group_id: int, user_id: int, evening_ids: list[int]) -> None:
    """The group took the facilitator's access back: close their consoles on the group's
    boards and the projectors of their evenings; close the evenings' staff rooms on
    every process, so nothing more reaches a console this process does not hold."""
    def theirs(door: Door) -> bool:
        if door.group_id != group_id:
            return False
        if door.actor.role == FACILITATOR:
            return door.actor.user_id == user_id
        return door.actor.role == PROJECTOR and door.kind == WORKSHOP and \
            door.owner_id == user_id

    close_where(theirs)
    for board_id in evening_ids:
        socketio.close_room(room(board_id, STAFF))


def member_removed(member_id: int) -> None:
    """A coordinator removed a member: close that member's workspace sockets."""
    close_where(lambda door: door.actor.role == MEMBER and door.actor.member_id == member_id)


def signed_out(sign_in: str) -> None:
    """A browser logged out: close the sockets it opened while signed in."""
    close_where(lambda door: door.sign_in is not None and door.sign_in == sign_in)
