"""Every text the browser scripts show, as gettext messages (English msgids).

The page puts `js_strings()` in its boot block, translated into the reader's language;
`static/js/i18n.js` looks keys up with `t(key, params)`. Placeholders use the
`%(name)s` form, filled in by the script. Keys ending in `.one` / `.other` are the
singular and plural of one text (`tn(key, n)`).
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .console_strings import CONSOLE_STRINGS
from .console_wall_strings import CONSOLE_WALL_STRINGS
from .parking_strings import PARKING_STRINGS
from .planning_strings import PLANNING_STRINGS

LIVE_BOARD_STRINGS = {
    # connection indicator (every live screen)
    "conn.connecting": _l("Connecting…"),
    "conn.online": _l("Connected"),
    "conn.reconnecting": _l("No connection. Trying again…"),
    "conn.refused": _l("This link no longer works. Reload the page or join again."),
    "conn.not_granted": _l("The resident group has taken the facilitator's access back. "
                           "This screen no longer shows the evening."),
    "conn.not_granted_you": _l("The resident group has taken your access back. This screen "
                               "no longer shows the evening. Ask a coordinator of the group "
                               "if you need it again."),

    # steps
    "step.count": _l("Step %(i)s of %(n)s: %(title)s"),
    # the phone reads the question aloud (views/phone/read-aloud.js)
    "phone.read_aloud": _l("Read aloud"),
    "phone.read_aloud.stop": _l("Stop reading"),
    "step.count_short": _l("Step %(i)s of %(n)s"),
    "step.list_item": _l("%(i)s. %(title)s"),
    "step.current": _l("Now"),
    "step.go_to": _l("Go here"),
    "step.go_to_label": _l("Go here: step %(i)s, %(title)s"),

    # input open / closed
    "input.open_phone": _l("Input is open: send your ideas."),
    "input.closed_phone": _l("Input is closed. Wait until the facilitator opens it."),
    "input.not_this_step": _l("In this step you do not send cards. Look at the big screen."),
    "input.closed_try_later": _l("Input is closed right now. Your text stays here; send it when "
                                 "input opens."),
    "input.open_projector": _l("Input is open: send your ideas now"),
    "input.closed_projector": _l("Input is closed"),
    "input.open_console": _l("Open: phones can send cards."),
    "input.closed_console": _l("Closed: phones cannot send cards."),
    "join.make_small": _l("QR code small"),
    "join.make_large": _l("QR code large"),
    "input.closed_vote_console": _l("Closed while the room votes. Show the votes to open it again."),
    "input.open": _l("Open input"),
    "input.close": _l("Close input"),

    # notices on the phone when the facilitator changes something
    "notice.step_changed": _l("We moved on to a new step: %(title)s"),
    "notice.input_closed": _l("Input is closed now. The cards you sent are safe."),
    "notice.input_opened": _l("Input is open. You can send cards now."),
    "notice.plans_opened": _l("Input is open. You can work on the plans now."),
    "notice.plans_closed": _l("Input is closed now. The plans are saved."),

    # the card composer and my cards (phone)
    "card.label": _l("Your card"),
    "card.edit_label": _l("Change your card"),
    "card.send": _l("Send"),
    "card.save": _l("Save change"),
    "card.counter": _l("%(n)s / %(max)s"),
    "card.empty": _l("Your card is empty. Write something first."),
    "card.waiting": _l("Sending…"),
    "card.waiting_offline": _l("Waiting for connection. Your card is kept on this phone."),
    "card.sent": _l("Sent"),
    "card.saving": _l("Saving your change…"),
    "card.withdrawing": _l("Withdrawing…"),
    "card.failed": _l("This was not sent."),
    "card.sent_announce": _l("Your card was sent."),
    "card.edit": _l("Change"),
    "card.withdraw": _l("Withdraw"),
    "card.withdraw_confirm": _l("Yes, withdraw"),
    "card.keep": _l("Keep it"),
    "card.use_again": _l("Use this text again"),
    "card.dismiss": _l("Remove from list"),
    "card.yours": _l("yours"),
    "card.none_mine": _l("You have not sent a card in this step yet."),
    "card.none_yet": _l("No cards yet."),
    "card.source": _l("Source: %(source)s"),  # a data card's, on every screen

    # cards on the console
    "card.by": _l("From %(name)s"),
    "card.anonymous": _l("Anonymous"),
    "card.hidden": _l("Hidden"),
    "card.hide": _l("Hide"),
    "card.unhide": _l("Show again"),

    # card lists
    "cards.count.one": _l("%(n)s card"),
    "cards.count.other": _l("%(n)s cards"),
    "cards.count_hidden": _l("%(count)s, %(hidden)s hidden"),
    "cards.empty_open": _l("No cards yet. Scan the code and send the first one!"),
    "cards.empty_closed": _l("Cards appear here when input opens."),
    "cards.empty_open_console": _l("No cards yet. They appear here as they arrive."),
    "cards.empty_closed_console": _l("No cards yet. Open input so phones can send cards."),
    "cards.new_announce": _l("New card: %(text)s"),
    "cards.show_more": _l("Show %(n)s more (%(total)s in all)"),
    "cards.new_many.one": _l("%(n)s new card"),
    "cards.new_many.other": _l("%(n)s new cards"),

    # presence
    "presence.connected.one": _l("%(n)s phone connected"),
    "presence.connected.other": _l("%(n)s phones connected"),

    # timer
    "timer.left": _l("Time left"),
    "timer.done": _l("Time is up"),

    # console controls
    "authors.show": _l("Show names on screen"),
    "authors.hide": _l("Hide names on screen"),
    "command.failed": _l("That did not work. Please try again."),
    "command.offline": _l("No connection. Wait a moment and try again."),
    "command.too_large": _l("This is too long to send. Make it shorter and try again."),
    "link.copied": _l("Link copied."),
    "link.copy_by_hand": _l("Copying did not work. Select the link and copy it by hand."),

    # projector
    "fullscreen.enter": _l("Full screen"),
    "fullscreen.leave": _l("Leave full screen"),
}

# the phone after the hand-over: what became of my cards (views/phone/my-ideas.js)
MY_IDEAS_STRINGS = {
    "ideas.failed": _l("This cannot be looked up right now. Try again later."),
    "ideas.none": _l("You did not send any cards on this evening."),
    "ideas.removed": _l("The cards of this evening were removed after the group's "
                        "retention period."),
    "ideas.not_shared": _l("The resident group does not share here how its plans are going. "
                           "You see the results of the evening."),
    "ideas.no_cluster": _l("Not in a cluster."),
    "ideas.result": _l("%(type)s: %(title)s"),
    "ideas.no_result": _l("It did not become a result of the evening."),
    "ideas.actions": _l("What the resident group does with it:"),
    "ideas.action": _l("%(what)s: %(status)s"),
    "ideas.action_due": _l("%(what)s: %(status)s (due %(due)s)"),
    "ideas.no_actions": _l("No plan action comes from it (yet)."),
}

JS_STRINGS = {**LIVE_BOARD_STRINGS, **CONSOLE_WALL_STRINGS, **CONSOLE_STRINGS, **PLANNING_STRINGS,
              **MY_IDEAS_STRINGS, **PARKING_STRINGS}


def js_strings() -> dict[str, str]:
    """The catalogue translated into the current request's language."""
    return {key: str(value) for key, value in JS_STRINGS.items()}
