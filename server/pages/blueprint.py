"""The pages' one blueprint, and what every page's request shares: its database session
(closed at teardown), the text rule on every form field, the server-side check of the
sign-in, the signed-in facilitator and the safe follow-up address.

The routes are registered on `bp` by the page modules, which `server/pages/__init__.py`
imports; they import from here, never from the package, so no import goes in a circle."""
from __future__ import annotations

from functools import wraps

from flask import Blueprint, abort, current_app, g, redirect, request, session, url_for
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.routing import IntegerConverter

from ..domain.board.errors import DomainError
from ..domain.board.text import clean_text
from ..models import User
from ..store import sign_ins
from ..store.accounts import user_by_id

bp = Blueprint("pages", __name__)

# The largest id a table holds (an INTEGER column on PostgreSQL). A bigger number in a
# path or a form is no id at all: the page is not found, the form refused. Past 2**63
# it is worse than that: SQLite cannot bind it and the request failed with a 500.
LARGEST_ID = 2**31 - 1


class DatabaseId(IntegerConverter):
    """`<int:…>` in every route: a whole number the database can hold, else a 404 (the
    fuzz of docs/testing.md posted /g/99999999999999999999/… and got a 500)."""

    def __init__(self, url_map, fixed_digits: int = 0, min: int | None = None,
                 max: int | None = LARGEST_ID, signed: bool = False) -> None:
        super().__init__(url_map, fixed_digits, min, max, signed)


def form_id(name: str) -> int | None:
    """The id a form's field `name` holds, or None when it holds none the database can
    hold (not a number, below 1, or too large)."""
    value = request.form.get(name, type=int)
    return value if value is not None and 0 < value <= LARGEST_ID else None


def db():
    """The request's database session (closed at teardown)."""
    if "db" not in g:
        g.db = current_app.extensions["weefwerk.service"].sessions()
    return g.db


@bp.teardown_app_request
def _close_db(_exc):
    session_ = g.pop("db", None)
    if session_ is not None:
        session_.close()


@bp.before_app_request
def _clean_form_text():
    """Every form field and query value goes through the text rule once, here, before any
    view reads it (docs/protocol.md, "Text"): a NUL would make PostgreSQL fail the request,
    a control character would end up in a name or a title. A lone surrogate cannot come
    through a form (the body is decoded as UTF-8 with replacement), but is refused if so."""
    try:
        if request.args:
            request.args = _cleaned(request.args)
        if request.method == "POST" and request.form:
            request.form = _cleaned(request.form)
    except DomainError:
        abort(400)


def _cleaned(values) -> ImmutableMultiDict:
    """The values through the text rule. A multipart part whose name cannot be read
    (a name with a line break in it) comes with the name None: it is no field, so it is
    left out (it made every form fail with a 500; found by the fuzz, docs/testing.md)."""
    return ImmutableMultiDict([(clean_text(key), clean_text(value))
                               for key, value in values.items(multi=True)
                               if key is not None])


# Files the same for everyone: reading the session would add `Vary: Cookie`, and a browser
# whose cookie changed (joining an evening) would fetch them again (issue 13).
SESSIONLESS = ("static", "pages.script_strings")


@bp.before_app_request
def _check_sign_in():
    """A cookie whose sign-in the server ended (logout, expiry) signs nobody in, even
    when it is a copy taken before the logout (store/sign_ins.py)."""
    if request.endpoint not in SESSIONLESS and sign_ins.needs_check(session):
        sign_ins.current(db(), session, current_app.permanent_session_lifetime)


def lifetime():
    return current_app.permanent_session_lifetime


def current_user() -> User | None:
    user_id = session.get("user_id")
    if user_id is None:
        return None
    if "user" not in g:
        g.user = user_by_id(db(), user_id)
    return g.user


def logged_in_user() -> User:
    """The facilitator on a page behind `login_required` (or one the group's gate let
    in as its granted facilitator): there never None, so those pages need not ask."""
    user = current_user()
    if user is None:
        abort(403)
    return user


def login_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if current_user() is None:
            return redirect(url_for("pages.login", next=request.path))
        return view(*args, **kwargs)
    return wrapped


def safe_next(target: str | None, fallback: str) -> str:
    """Only local paths are followed after login, sign-in or a language switch: never
    `//elsewhere` or `https://…`, nor `/\\elsewhere` (browsers read it as `//`), nor
    anything with control characters."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return fallback
    if "\\" in target or any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return fallback
    return target


def not_found():
    abort(404)
