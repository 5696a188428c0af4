"""A command at the socket's edge: what is refused before the service is asked (too deep,
not an object, over the size cap, over the rate limit), the service's one door, and the
refusal turned into a translated ack. The rules themselves are the domain's."""
from __future__ import annotations

import json
import logging

from flask import current_app

from ..domain.board.actors import FACILITATOR, Actor
from ..domain.board.errors import DomainError
from ..domain.board.text import MAX_DEPTH
from ..i18n.messages import error_ack
from .wire_json import TOO_DEEP
from .wire_packet import UNREADABLE

log = logging.getLogger(__name__)


def run_command(actor: Actor, lang: str, payload: object) -> dict:
    """Run a client's `{op_id, name, args}` as `actor`; the ack, or a refusal's."""
    if payload is TOO_DEEP:
        return error_ack("too_deep", {"limit": MAX_DEPTH}, lang)
    if payload is UNREADABLE:  # a packet python-socketio could not read (wire_packet.py)
        return error_ack("bad_request", {"field": "packet"}, lang)
    if not isinstance(payload, dict):
        return error_ack("bad_request", {"field": "payload"}, lang)
    if command_bytes(payload) > current_app.config["COMMAND_MAX_BYTES"]:
        return error_ack("payload_too_large", None, lang)  # permanent: the outbox drops it
    kind = "staff_command" if actor.role == FACILITATOR else "command"
    if not current_app.extensions["weefwerk.limits"].hit(kind, actor_key(actor)):
        return error_ack("rate_limited", None, lang)
    service = current_app.extensions["weefwerk.service"]
    try:
        return service.handle(actor.board_id, payload.get("op_id"), payload.get("name"),
                              payload.get("args"), actor)
    except DomainError as refusal:
        return error_ack(refusal.code, refusal.params, lang)
    except Exception:  # keep serving everyone else; the client keeps its outbox entry
        log.exception("command failed")
        return error_ack("server_error", None, lang)


def command_bytes(payload: dict) -> int:
    """A command's size as the browser measures it: compact JSON in UTF-8."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return len(text.encode("utf-8", "surrogatepass"))  # a lone surrogate is no crash here


def actor_key(actor: Actor) -> str:
    """Whose rate-limit budget a command counts against: one person on one board."""
    who = actor.participant_id or actor.member_id or actor.user_id or ''
    return f"{actor.board_id}:{actor.role}:{who}"
