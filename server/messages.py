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
    "bad_value": _l("That choice is not possible here (%(field)s)."),
    "vote_not_open": _l("Voting is not open right now."),
    "vote_in_progress": _l("Voting is going on. The clusters cannot change until the "
                           "votes are shown."),
    "input_during_vote": _l("Voting is going on. Show the votes first, then open the input "
                            "again."),
    "nothing_to_vote_on": _l("There is nothing to vote on yet. Make clusters or add cards "
                             "first."),
    "over_budget": _l("You used %(used)s dots, but you only have %(budget)s."),
    "too_many_on_item": _l("You can put at most %(limit)s dots on one item."),
    "nothing_to_undo": _l("There is nothing to undo in this step."),
    "already_promoted": _l("That cluster has already been chosen as a result."),
    "wrong_result_type": _l("That link does not fit here. Choose a result of the right "
                            "kind."),
    "in_use": _l("A project plan still uses this result. Change or remove that plan "
                 "first."),
    "too_many_clusters": _l("This step has room for at most %(limit)s clusters."),
    "too_many_actions": _l("This plan has the most actions it can have (%(limit)s). Short "
                           "plans are more likely to get done."),
    "superseded": _l("Someone else changed this just before you. Their version is shown "
                     "now; your text is kept so you can use it again."),
    "due_before_start": _l("The end date is before the start date."),
    "negative_amount": _l("Hours and money cannot be less than zero."),
    "bad_date": _l("That is not a date. Write it like 2027-03-01."),
    "already_taken_over": _l("This evening has already been handed over to the group."),
    "workspace_not_empty": _l("This group already has plans here. A plan can only be "
                              "imported into an empty workspace."),
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
