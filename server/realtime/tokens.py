"""Signed socket tokens: the only way a client says who it is on a socket.

A token names the board and role it was issued for; it is signed with the app's
secret, so a client cannot change the board, the role or the participant id.
"""
from __future__ import annotations

import hashlib
import hmac
import time

from itsdangerous import BadSignature, URLSafeTimedSerializer

from ..domain.board.actors import FACILITATOR, MEMBER, PARTICIPANT, PROJECTOR, ROLES

SALT = "weefwerk-socket-v1"
JOIN_SALT = "weefwerk-join-v1"
MAX_AGE = {PARTICIPANT: 60 * 24 * 3600, PROJECTOR: 30 * 24 * 3600, FACILITATOR: 24 * 3600,
           MEMBER: 24 * 3600}


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=SALT)


def issue(secret: str, board_id: int, role: str, subject: str | int | None = None) -> str:
    return _serializer(secret).dumps({"b": board_id, "r": role, "s": subject})


def verify(secret: str, token: object) -> dict | None:
    """The claims `{b, r, s}` of a valid token, or None."""
    if not isinstance(token, str) or len(token) > 512:
        return None
    try:
        claims, signed_at = _serializer(secret).loads(
            token, max_age=max(MAX_AGE.values()), return_timestamp=True)
    except BadSignature:
        return None
    if not isinstance(claims, dict) or claims.get("r") not in ROLES:
        return None
    if time.time() - signed_at.timestamp() > MAX_AGE[claims["r"]]:
        return None
    if not isinstance(claims.get("b"), int):
        return None
    return claims


def join_key(secret: str, code: str) -> str:
    """The key in the QR code's link: proof that the link was read off the screen.

    A phone with this key skips the wrong-code budgets (it is not guessing), so an
    attack on the code space never stops a scan of the QR code (docs/deploy.md)."""
    digest = hmac.new(secret.encode(), f"{JOIN_SALT}:{code}".encode(), hashlib.sha256)
    return digest.hexdigest()[:12]  # 48 bits: short enough to keep the QR code coarse


def join_key_ok(secret: str, code: str, key: object) -> bool:
    return isinstance(key, str) and hmac.compare_digest(join_key(secret, code), key)
