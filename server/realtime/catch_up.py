"""Bringing a screen up to date: the snapshot at connect, and a resync after a gap (the
missed events, or a snapshot when the gap is too large). A resync is refused once the
policy no longer admits the actor (`auth.refusal_now`)."""
from __future__ import annotations

from flask import current_app
from flask_socketio import ConnectionRefusedError

from ..domain.board.actors import Actor
from ..i18n.messages import error_ack
from .auth import refusal_now
from .broadcast import wire_event
from .presence import presence


def snapshot_for(actor: Actor) -> dict:
    """`{version, state}` as `actor` may see it, with how many phones are here now."""
    snapshot = current_app.extensions["weefwerk.service"].snapshot(actor.board_id, actor)
    if snapshot is None:
        raise ConnectionRefusedError("board_gone")
    snapshot["state"]["participants"] = presence.count(actor.board_id)
    return snapshot


def resync(actor: Actor, lang: str, payload: object) -> dict:
    """The events after the client's `since`, a snapshot instead, or a refusal."""
    since = payload.get("since") if isinstance(payload, dict) else None
    if not isinstance(since, int) or isinstance(since, bool):
        return error_ack("invalid_args", {"field": "since"}, lang)
    refusal = refusal_now(actor)
    if refusal:
        return error_ack(refusal, None, lang)
    events = current_app.extensions["weefwerk.service"].events_since(actor.board_id, since)
    if events is None:
        return {"ok": True, "snapshot": snapshot_for(actor)}
    return {"ok": True, "events": [wire_event(v, e, actor.audience) for v, e in events]}
