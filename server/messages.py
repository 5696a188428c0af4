"""Human messages for the domain's refusal codes, in the reader's language."""
from __future__ import annotations

from flask_babel import force_locale, lazy_gettext as _l

MESSAGES = {
    "bad_request": _l("That message could not be read. Please reload the page."),
    "unknown_command": _l("That action does not exist."),
    "invalid_args": _l("Something is missing or wrong in that request (%(field)s)."),
    "forbidden": _l("You are not allowed to do that here."),
    "not_found": _l("That no longer exists."),
    "not_yours": _l("You can only change your own cards."),
    "input_closed": _l("Input is closed for this step."),
    "empty_text": _l("Your card is empty. Write something first."),
    "text_too_long": _l("Your card is too long: %(length)s characters, at most %(limit)s."),
    "too_many_cards": _l("You have reached the limit of %(limit)s cards for this step."),
    "technique_not_active": _l("That is not part of this step."),
    "bad_step": _l("That step does not exist."),
    "rate_limited": _l("That was a lot at once. Please wait a moment and try again."),
    "server_error": _l("Something went wrong on our side. Your input is kept; try again."),
}


def error_ack(code: str, params: dict | None = None, lang: str | None = None) -> dict:
    """`{ok: false, error: {code, message}}` with the message in `lang`."""
    with force_locale(lang or "nl"):
        text = str(MESSAGES.get(code, MESSAGES["server_error"]))
    try:
        message = text % params if params else text
    except (KeyError, TypeError, ValueError):
        message = text
    return {"ok": False, "error": {"code": code, "message": message}}
