"""Human messages for the domain's refusal codes, in the reader's language."""
from __future__ import annotations

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

MESSAGES = {
    "bad_request": _l("That message could not be read. Please reload the page."),
    "unknown_command": _l("That action does not exist."),
    "invalid_args": _l("Something is missing or wrong in that request (%(field)s)."),
    "forbidden": _l("You are not allowed to do that here."),
    "not_found": _l("That no longer exists."),
    "not_granted": _l("The resident group has taken your access back. Ask a coordinator "
                      "of the group if you need it again."),
    "not_yours": _l("You can only change your own cards."),
    "input_closed": _l("Input is closed for this step."),
    "empty_text": _l("Your card is empty. Write something first."),
    "text_too_long": _l("Your card is too long: %(length)s characters, at most %(limit)s."),
    "too_many_cards": _l("You have reached the limit of %(limit)s cards for this step."),
    "too_many_parked": _l("You have already parked %(limit)s questions this evening. The "
                          "facilitator will come back to them."),
    "technique_not_active": _l("That is not part of this step."),
    "bad_step": _l("That step does not exist."),
    "rate_limited": _l("That was a lot at once. Please wait a moment and try again."),
    "server_error": _l("Something went wrong on our side. Your input is kept; try again."),
    "payload_too_large": _l("This is too long to send. Make it shorter and try again."),
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
    "not_at_end": _l("The plans go to the group at the end of the evening. Go to the last "
                     "step (step %(step)s) first."),
    "nothing_to_hand_over": _l("There is nothing to hand over yet: this evening has no "
                               "project plan. Make a plan in the last step first."),
    "evening_closed": _l("The evening is closed; the plans are with the group now."),
    "not_handed_over": _l("This evening has not been handed over, so there is nothing to "
                          "take back."),
    "group_changed_plans": _l("The group has already changed something in these plans, so "
                              "the hand-over can no longer be taken back. Change the plans "
                              "together with the group in its workspace."),
    "confirmation_outdated": _l("Something changed since you looked. Check what goes to the "
                                "group again and confirm once more."),
    "workspace_not_empty": _l("This group already has plans here. A plan can only be "
                              "imported into an empty workspace."),
    "bad_text": _l("This text has a character in it that cannot be stored. Type it again "
                   "and leave out the odd character."),
    "too_deep": _l("That message is nested too deeply (more than %(limit)s levels)."),
    "field_too_long": _l("The text at ‘%(label)s’ can be at most %(limit)s characters."),
    "source_too_long": _l("The source is too long: %(length)s characters, at most "
                          "%(limit)s."),
    "nothing_to_import": _l("There are no data cards to import."),
    "too_many_data_cards": _l("One file can hold at most %(limit)s data cards. Split it "
                              "into smaller files."),
    # the evening's own format (domain/evening/format_changes.py)
    "format_invalid": _l("That does not fit the rules of a format. See the field marked "
                         "below."),
    "step_begun": _l("Step %(step)s has already begun. Only steps that have not begun "
                     "can be changed."),
    "step_has_items": _l("Step %(step)s already holds %(count)s things (cards, clusters, "
                         "votes). Remove them first, or keep the step."),
    "tag_in_use": _l("A prepared card of step %(step)s is marked “%(tag)s”. Keep that kind "
                     "or theme, or change the card first."),
    "format_in_use": _l("This evening already holds cards. Another format can only be "
                        "used for an evening that holds nothing yet."),
}

# A data-card CSV's problems (domain/evening/data_csv.py), one per line of the file, so
# the facilitator can find the row in the spreadsheet: the file's own problems, and the
# evening's refusals worded for a row (its step number as the file has it).
CSV_MESSAGES = {
    "csv_not_utf8": _l("The file is not UTF-8 text. In the spreadsheet, save it as “CSV "
                       "UTF-8” and upload it again."),
    "csv_unreadable": _l("The file cannot be read as CSV here; check the double quotes."),
    "csv_empty": _l("The file has no data cards: it needs a header line (stap;tekst;bron) "
                    "and at least one row below it."),
    "csv_unknown_column": _l("Unknown column ‘%(column)s’. The columns are stap, tekst "
                             "and bron (or step, text and source)."),
    "csv_missing_column": _l("The column ‘%(column)s’ is missing."),
    "csv_too_many_fields": _l("This row has more fields than the header’s %(count)s "
                              "columns. Put a text with the separator in it between "
                              "double quotes."),
    "csv_bad_step": _l("The step must be a step number like 1 or 2, not ‘%(value)s’."),
    "bad_step": _l("Step %(step)s does not exist in this evening."),
    "technique_not_active": _l("Step %(step)s takes no data cards."),
    "empty_text": _l("The text is empty."),
    "text_too_long": _l("The text is too long: %(length)s characters, at most %(limit)s."),
}
CSV_LINE = _l("Line %(line)s: %(problem)s")


def csv_problem_text(line: int, code: str, params: dict) -> str:
    """One problem of a data-card CSV in the reader's language, with its line number
    (none for the file as a whole)."""
    template = CSV_MESSAGES.get(code) or MESSAGES.get(code) or MESSAGES["invalid_args"]
    try:
        text = str(template) % params
    except (KeyError, TypeError, ValueError):
        text = str(template)
    return str(CSV_LINE) % {"line": line, "problem": text} if line else text

# What a too-long field is called on the screen where it is typed (the phone's words,
# which the console shares), so a refusal names the box, not the wire name.
FIELD_LABELS = {
    ("plan", "title"): _l("Name of the plan"),
    ("plan", "owner"): _l("Owner: who makes sure it happens"),
    ("plan", "involved"): _l("Who else takes part"),
    ("plan", "goal"): _l("Done when… (what we want to have reached)"),
    ("plan", "notes"): _l("Other notes"),
    ("action", "what"): _l("What needs to be done"),
    ("action", "owner"): _l("Who does it"),
    ("action", "helpers"): _l("Who helps"),
    ("action", "partners"): _l("Partners (organisations)"),
    ("action", "money_source"): _l("Where the money comes from"),
    ("cluster", "name"): _l("Name of this cluster"),
    ("result", "title"): _l("Title"),
    ("equity", "note"): _l("Note"),
    ("answer", "did"): _l("What did we do?"),
    ("answer", "brought"): _l("What did it bring?"),
    ("answer", "learned"): _l("What did we learn?"),
    ("answer", "achieved"): _l("What did we achieve?"),
    ("answer", "meaning"): _l("What does it mean for next year?"),
    ("meaning", "text"): _l("What have we seen that matters next year?"),
}


def error_ack(code: str, params: dict | None = None, lang: str | None = None) -> dict:
    """`{ok: false, error: {code, message}}` with the message in `lang`."""
    with force_locale(lang or "nl"):
        text = str(MESSAGES.get(code, MESSAGES["server_error"]))
        if code == "field_too_long" and params:
            params = {**params, "label": field_label(params)}
    try:
        message = text % params if params else text
    except (KeyError, TypeError, ValueError):
        message = text
    return {"ok": False, "error": {"code": code, "message": message}}


def field_label(params: dict) -> str:
    """The on-screen name of the field a refusal is about (its wire name if unknown)."""
    label = FIELD_LABELS.get((str(params.get("item", "")), str(params.get("field", ""))))
    return str(label) if label is not None else str(params.get("field", ""))
