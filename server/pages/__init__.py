"""HTTP pages: one blueprint, split by audience (auth, join, console)."""
from __future__ import annotations

from functools import wraps

from flask import Blueprint, abort, current_app, g, redirect, request, session, url_for

from ..models import User

bp = Blueprint("pages", __name__)


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


def current_user() -> User | None:
    user_id = session.get("user_id")
    if user_id is None:
        return None
    if "user" not in g:
        g.user = db().get(User, user_id)
    return g.user


def login_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if current_user() is None:
            return redirect(url_for("pages.login", next=request.path))
        return view(*args, **kwargs)
    return wrapped


def safe_next(target: str | None, fallback: str) -> str:
    """Only local paths are followed after login or a language switch."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return fallback


def not_found():
    abort(404)


from . import auth, console, groups, join, plans, reports  # noqa: E402,F401  (registers the routes)
from . import workspace  # noqa: E402,F401  (the group's plan workspace)
from . import handover  # noqa: E402,F401  (the hand-over from the console, and taking it back)
from . import group_data  # noqa: E402,F401  (export and delete everything)
from . import workspace_print  # noqa: E402,F401  (the group's plans on A4)
