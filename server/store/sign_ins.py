"""Signing in and out as the server knows it, not only the browser.

Flask's session cookie is signed but lives in the browser: a copy taken before logout
(a shared hall PC, a synced profile) would keep opening the console for 30 days. So a
browser that signs in (a facilitator's login, a member's sign-in) gets a random key in
its cookie, and the server keeps the key's hash in `sign_ins`. Every request and every
socket connect checks that row; logout and a member's sign-out delete it. A cookie whose
row is gone, too old, or missing counts as signed out: its account and memberships are
dropped, and only the language and a phone's evening identities stay.
"""
from __future__ import annotations

import hashlib
import secrets
from collections.abc import MutableMapping
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..domain.group.access import sign_in_current
from ..models import SignIn, utcnow

KEY = "sign_in"
IDENTITIES = ("user_id", "members")  # what a cookie may only carry with a live sign-in


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def has_identity(cookie: MutableMapping) -> bool:
    return any(cookie.get(name) for name in IDENTITIES)


def needs_check(cookie: MutableMapping) -> bool:
    """Whether the cookie claims anything a live sign-in must back (else: no query)."""
    return KEY in cookie or has_identity(cookie)


def start(db: Session, cookie: MutableMapping, lifetime: timedelta) -> None:
    """A fresh sign-in key for this browser (the old one, if any, ends): on every login
    and sign-in, so a key planted or seen before does not survive it. Sign-ins older than
    `lifetime` are cleared up on the way."""
    end(db, cookie)
    secret = secrets.token_urlsafe(32)
    db.add(SignIn(secret_hash=digest(secret)))
    db.execute(delete(SignIn).where(SignIn.created_at < utcnow() - lifetime))
    cookie[KEY] = secret


def ensure(db: Session, cookie: MutableMapping, lifetime: timedelta) -> None:
    """Keep the browser's live sign-in, or start one: a member signing in to a second
    group, or while a console is open, keeps the key its open sockets were opened with,
    so a later logout still closes them."""
    if current(db, cookie, lifetime) is None:
        start(db, cookie, lifetime)


def end(db: Session, cookie: MutableMapping) -> str | None:
    """End this browser's sign-in on the server; its digest (for closing its sockets)."""
    secret = cookie.pop(KEY, None)
    if not isinstance(secret, str):
        return None
    db.execute(delete(SignIn).where(SignIn.secret_hash == digest(secret)))
    return digest(secret)


def current(db: Session, cookie: MutableMapping, lifetime: timedelta,
            now: datetime | None = None) -> str | None:
    """The digest of the browser's live sign-in, or None after dropping every identity
    the cookie carries: its sign-in was ended, is too old, or never existed."""
    secret = cookie.get(KEY)
    if isinstance(secret, str):
        created = db.scalar(select(SignIn.created_at).where(
            SignIn.secret_hash == digest(secret)))
        if created is not None and sign_in_current(created, now or utcnow(), lifetime):
            return digest(secret)
    for name in (KEY, *IDENTITIES):
        if name in cookie:
            cookie.pop(name)
    return None


def restart(db: Session, cookie: MutableMapping, lifetime: timedelta) -> str | None:
    """After one identity left this browser: end its sign-in, and start a fresh one
    for the identities that stay (a member still signed in to another group)."""
    ended = end(db, cookie)
    if has_identity(cookie):
        start(db, cookie, lifetime)
    return ended
