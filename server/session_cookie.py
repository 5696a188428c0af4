"""The session cookie, never sent with a static file or the script texts.

Flask sends a permanent session's cookie again with every answer (it refreshes its
expiry, `SESSION_REFRESH_EACH_REQUEST`), including the answer to a style sheet or a
script, and each answer carries the session as it was when *that* request was made. A
page that changes the session (a form page stores its CSRF token in it) loads its files
alongside; one asked for a moment before, answered a moment after, puts the older
session back in the browser. The form's POST then carries no token and is refused: a
phone's join form failed that way about one time in ten in the browser tests once the
name form prefetched the phone's scripts (issue 13). Files cached for a year should not
carry a cookie or `Vary: Cookie` either, so these answers leave the session alone.
"""
from __future__ import annotations

from flask import Flask, Response, request
from flask.sessions import SecureCookieSessionInterface, SessionMixin

# the static files (old and hashed paths) and the script texts: they read no session
COOKIELESS_ENDPOINTS = frozenset({"static", "pages.script_strings"})


class PageOnlySessions(SecureCookieSessionInterface):
    """Flask's signed-cookie session, saved on every answer but a file's."""

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        if request.endpoint in COOKIELESS_ENDPOINTS:
            return
        super().save_session(app, session, response)
