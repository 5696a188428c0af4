"""The parking lot ("Parkeerplaats"): questions and remarks that do not belong to the step.

Anyone in the room parks one during any step, whatever the step's technique and whether
input is open, because a question that does not fit is exactly the one that would
otherwise derail the step. The facilitator answers it, closes it, or marks it for later;
what is marked for later goes with the hand-over as the plan's open points
(`closing.evening_copy`). A parked item is moderated like a card: a hidden one stays off
the wall and the phones, and never leaves the evening. Publication consent is asked when
the evening asks it for cards (any step with `cards.publication_consent`): a resident's
item without consent goes to the group without its text, as a card does.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..board import commands as c
from ..board.actors import PARTICIPANT, Actor
from ..board.checks import short_text
from ..board.errors import DomainError
from ..board.events import Event, Outcome
from .cards import clean_text
from .gating import step_options
from .nouns import Parked, new_parked
from .state import WorkshopState

if TYPE_CHECKING:
    from ..formats.types import Format
    from .context import Context

MAX_PARKED_PER_PHONE = 5  # a whole evening: the lot is for the odd question, not a 2nd wall
MAX_ANSWER = 500


def asks_consent(fmt: Format) -> bool:
    """Whether the evening asks residents for publication consent (on any cards step)."""
    return any(step.options.get("cards", {}).get("publication_consent", False)
               for step in fmt.steps)


def park_item(state: WorkshopState, cmd: c.ParkItem, actor: Actor, ctx: Context) -> Outcome:
    """A resident or the facilitator parks a question or remark; its id is the result."""
    text = clean_text(cmd.text, step_options(ctx, state.step, "cards"))
    resident = actor.role == PARTICIPANT
    if resident:
        mine = sum(1 for p in state.parked.values() if p["author"] == actor.participant_id)
        if mine >= MAX_PARKED_PER_PHONE:
            raise DomainError("too_many_parked", limit=MAX_PARKED_PER_PHONE)
    publish = (cmd.publish is True) if resident and asks_consent(ctx.fmt) else None
    item = new_parked(state.new_id("q"), state.step, text,
                      origin="phone" if resident else "facilitator",
                      author=actor.participant_id if resident else None,
                      publish=publish, created_at=ctx.now_ms)
    state.parked[item["id"]] = item
    return Outcome([Event("item_parked", {"parked": dict(item)})], {"parked_id": item["id"]})


def _parked(state: WorkshopState, parked_id: str) -> Parked:
    item = state.parked.get(parked_id)
    if item is None:
        raise DomainError("not_found", item="parked")
    return item


def _updated(item: Parked) -> Outcome:
    return Outcome([Event("parked_updated", {"parked": dict(item)})])


def answer_parked(state: WorkshopState, cmd: c.AnswerParked, actor: Actor,
                  ctx: Context) -> Outcome:
    """The facilitator answers a parked item in the evening (a new answer replaces it).
    An item marked for later stays for later: its answer so far goes along to the group,
    and answering must not silently take it out of the hand-over."""
    item = _parked(state, cmd.parked_id)
    item["answer"] = short_text(cmd.answer, "answer", MAX_ANSWER, required=True, lines=True)
    if item["status"] != "later":
        item["status"] = "answered"
    return _updated(item)


def set_status(status: str):
    """A handler that closes a parked item or marks it for the group, for the facilitator."""

    def handler(state: WorkshopState, cmd: c.CloseParked | c.MarkParkedLater, actor: Actor,
                ctx: Context) -> Outcome:
        item = _parked(state, cmd.parked_id)
        item["status"] = status
        return _updated(item)

    handler.__doc__ = f"The facilitator sets a parked item's status to {status!r}."
    return handler


def set_hidden(hidden: bool):
    """A handler that hides (moderates) a parked item or shows it again."""

    def handler(state: WorkshopState, cmd: c.HideParked | c.UnhideParked, actor: Actor,
                ctx: Context) -> Outcome:
        item = _parked(state, cmd.parked_id)
        item["hidden"] = hidden
        if hidden:
            return Outcome([Event("parked_hidden", {"parked_id": item["id"]})])
        return Outcome([Event("parked_unhidden", {"parked": dict(item)})])

    return handler


def open_points_copy(state: dict) -> list[dict]:
    """What of the parking lot goes with the hand-over (evening ids): every visible item
    marked for later, with its answer so far. A resident's item without publication
    consent keeps its place without its text (`withheld`), as a card does; no author."""
    points = []
    for item in (state.get("parked") or {}).values():
        if item.get("status") != "later" or item.get("hidden"):
            continue
        withheld = item.get("publish") is False
        point = {"id": item["id"], "text": "" if withheld else item["text"],
                 "answer": item.get("answer", ""), "origin": item.get("origin", "phone")}
        points.append(point | ({"withheld": True} if withheld else {}))
    return points
