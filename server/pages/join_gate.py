"""Checking a join code so that a hall behind one address never locks itself out.

Sixty phones on the community centre's Wi-Fi share one address (NAT), and behind a
proxy without `WEEFWERK_PROXY_HOPS` every phone has the proxy's address. So wrong codes
are counted three ways (docs/deploy.md, "Join codes and rate limits"):

- per browser (a random id in its session cookie): your own typos slow only you;
- per address, as a much higher ceiling: a script that throws its cookie away;
- over the whole code space: many addresses guessing together stay slow too.

Only a wrong code is counted; a right code never adds to any count. A guess over a
budget is refused *without being checked*: answering "right" while refusing wrong ones
would tell a guesser which code is right. Two ways in skip the budgets because they are
not guesses: the QR code's link carries a signed key, and a phone that already joined
this evening (its session names it) comes back.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass

from flask import current_app, request, session
from flask_babel import gettext as _

from ..domain.board.codes import normalize_code
from ..models import Board
from ..realtime.tokens import join_key_ok
from ..store.boards import board_by_code, joined_board_id
from .blueprint import db

BUDGETS = ("join", "join_address", "join_all")  # browser, address, code space


@dataclass(frozen=True)
class Lookup:
    """The evening a typed or scanned code leads to, or why it leads nowhere."""

    board: Board | None
    status: int = 200
    error: str | None = None


def find_board(typed: str, key: str | None = None) -> Lookup:
    """The workshop for a typed code or a scanned link, within the wrong-code budgets."""
    code = normalize_code(typed)
    if code and (join_key_ok(current_app.config["SECRET_KEY"], code, key) or _joined(code)):
        board = board_by_code(db(), code)
        if board is not None:
            return Lookup(board)
    limits = current_app.extensions["weefwerk.limits"]
    keys = _budget_keys()
    if not all(limits.allows(kind, keys[kind]) for kind in BUDGETS):
        return Lookup(None, 429, _("Too many wrong codes. Please wait a minute and try "
                                   "again, or scan the QR code on the screen."))
    board = board_by_code(db(), code) if code else None
    if board is None:
        for kind in BUDGETS:
            limits.hit(kind, keys[kind])
        return Lookup(None, 404, _("We could not find an evening with that code. Check "
                                   "the code on the screen and try again."))
    return Lookup(board)


def _joined(code: str) -> bool:
    """Whether this browser is already a participant of the evening with this code: a
    reload is not a guess. Asks only among the browser's own evenings, so it says nothing
    about codes the browser does not know."""
    ids = [int(i) for i in session.get("participants", {}) if str(i).isdigit()]
    if not ids:
        return False
    return joined_board_id(db(), code, ids) is not None


def _budget_keys() -> dict[str, str]:
    if "browser" not in session:
        session["browser"] = secrets.token_urlsafe(12)
    return {"join": session["browser"], "join_address": request.remote_addr or "?",
            "join_all": "all"}
