"""Friendly error pages in the reader's language: every status the app can answer with
is the app's own page (with the way back to the start page), never Werkzeug's English."""
from __future__ import annotations

from flask import render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import InternalServerError

# what each error says; `register` gives every one the same page
MESSAGES = {
    404: _l("This page does not exist (any more)."),
    403: _l("You do not have access to this page. A resident group decides who sees its "
            "plans."),
    413: _l("That was too much text at once."),
    400: _l("Something in what was sent could not be read. Go back and try again."),
    405: _l("This page cannot be used this way. Use the buttons on the page itself."),
    500: _l("Something went wrong on our side. Nothing you did caused it; try again in a "
            "moment."),
}
FILE_TOO_LARGE = _l("That file is too large. Go back and choose a smaller one.")
CSRF_EXPIRED = _l("This form has expired. Go back, reload the page and try again.")


def error_page(status: int, message) -> tuple[str, int]:
    return render_template("errors/error.html", status=status, message=message), status


def register(app) -> None:
    for status in (404, 403, 400):
        app.register_error_handler(
            status, lambda _error, status=status: error_page(status, MESSAGES[status]))
    app.register_error_handler(413, too_large)
    app.register_error_handler(CSRFError, lambda _error: error_page(400, CSRF_EXPIRED))
    app.register_error_handler(
        InternalServerError, lambda _error: error_page(500, MESSAGES[500]))

    @app.errorhandler(405)
    def wrong_method(error):
        page, status = error_page(405, MESSAGES[405])
        return page, status, {"Allow": ", ".join(error.valid_methods or ())}


def too_large(_error) -> tuple[str, int]:
    """A request over MAX_CONTENT_LENGTH: on a form with a file (a format, a CSV of data
    cards) the file is what was too large, so the page says that in so many words."""
    if request.mimetype == "multipart/form-data":
        return error_page(413, FILE_TOO_LARGE)
    return error_page(413, MESSAGES[413])
