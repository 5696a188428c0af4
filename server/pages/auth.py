"""First-run set-up, facilitator login and logout, language switch."""
from __future__ import annotations

from argon2.exceptions import VerificationError
from flask import current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from ..i18n.locale import LANGUAGES
from ..models import User
from ..passwords import hasher
from ..realtime import doors
from ..store import sign_ins
from ..store.accounts import add_user, user_by_login, user_count
from .blueprint import bp, db, lifetime, safe_next

MIN_PASSWORD = 10


@bp.route("/setup", methods=["GET", "POST"])
def setup():
    """Create the first facilitator account; closed once any account exists."""
    if user_count(db()) > 0:
        return redirect(url_for("pages.login"))
    error = None
    if request.method == "POST":
        name = request.form.get("name", "").strip()
        login = request.form.get("login", "").strip().lower()
        password = request.form.get("password", "")
        error = _account_error(name, login, password)
        if error is None:
            user = add_user(db(), name, login, hasher().hash(password))
            db().commit()
            _log_in(user)
            return redirect(url_for("pages.console"))
    return render_template("auth/setup.html", error=error), 400 if error else 200


def _account_error(name: str, login: str, password: str) -> str | None:
    if not name or len(name) > 80:
        return _("Please give a name of at most 80 characters.")
    if not login or len(login) > 80 or any(ch.isspace() for ch in login):
        return _("Please choose a login name without spaces, at most 80 characters.")
    if len(password) < MIN_PASSWORD or len(password) > 200:
        return _("The password needs at least %(n)s characters.", n=MIN_PASSWORD)
    return None


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Facilitator login; slowed down after repeated failed attempts for one login name
    from one address. Only failures count: logging in and out all evening is fine."""
    if user_count(db()) == 0:
        return redirect(url_for("pages.setup"))
    error = None
    if request.method == "POST":
        login_name = request.form.get("login", "").strip().lower()
        limits = current_app.extensions["weefwerk.limits"]
        attempt = f"{request.remote_addr}:{login_name}"
        if not limits.allows("login", attempt):
            error = _("Too many attempts. Please wait a few minutes and try again.")
            return render_template("auth/login.html", error=error), 429
        user = user_by_login(db(), login_name)
        if user is not None and _password_ok(user, request.form.get("password", "")):
            _log_in(user)
            return redirect(safe_next(request.args.get("next"), url_for("pages.console")))
        limits.hit("login", attempt)
        error = _("That login name and password do not match.")
    return render_template("auth/login.html", error=error), 401 if error else 200


def _password_ok(user: User, password: str) -> bool:
    try:
        return hasher().verify(user.password_hash, password)
    except VerificationError:
        return False


def _log_in(user: User) -> None:
    """A fresh session and a fresh sign-in on the server: nothing planted survives."""
    sign_ins.end(db(), session)
    kept = {k: session[k] for k in ("lang", "members", "participants") if k in session}
    session.clear()
    session.permanent = True
    session.update(kept)
    session["user_id"] = user.id
    sign_ins.start(db(), session, lifetime())
    db().commit()


@bp.route("/logout", methods=["POST"])
def logout():
    """End the login on the server too, close this browser's open consoles, and land
    on the login page with the way back in."""
    session.pop("user_id", None)
    ended = sign_ins.restart(db(), session, lifetime())
    db().commit()
    if ended:
        doors.signed_out(ended)
    return redirect(url_for("pages.login", bye=1))


@bp.route("/lang/<lang>")
def set_language(lang: str):
    """Switch the interface language for this browser (Dutch or English)."""
    if lang in LANGUAGES:
        session["lang"] = lang
        session.permanent = True
    return redirect(safe_next(request.args.get("next"), url_for("pages.home")))
