"""Friendly error pages in the reader's language: every status the app can answer with
is the app's own page (with the way back to the start page), never Werkzeug's English."""
from __future__ import annotations

from flask import render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import InternalServerError


def register(app) -> None:
    @app.errorhandler(404)
    def not_found(_error):
        return render_template("errors/error.html", status=404,
                               message=_("This page does not exist (any more).")), 404

    @app.errorhandler(403)
    def forbidden(_error):
        return render_template("errors/error.html", status=403,
                               message=_("You do not have access to this page. A resident "
                                         "group decides who sees its plans.")), 403

    @app.errorhandler(CSRFError)
    def csrf_failed(_error):
        return render_template("errors/error.html", status=400,
                               message=_("This form has expired. Go back, reload the page "
                                         "and try again.")), 400

    @app.errorhandler(413)
    def too_large(_error):
        return render_template("errors/error.html", status=413,
                               message=_("That was too much text at once.")), 413

    @app.errorhandler(400)
    def bad_request(_error):
        return render_template("errors/error.html", status=400,
                               message=_("Something in what was sent could not be read. "
                                         "Go back and try again.")), 400

    @app.errorhandler(405)
    def wrong_method(error):
        page = render_template("errors/error.html", status=405,
                               message=_("This page cannot be used this way. Use the "
                                         "buttons on the page itself."))
        return page, 405, {"Allow": ", ".join(error.valid_methods or ())}

    @app.errorhandler(InternalServerError)
    def server_error(_error):
        return render_template("errors/error.html", status=500,
                               message=_("Something went wrong on our side. Nothing you "
                                         "did caused it; try again in a moment.")), 500
