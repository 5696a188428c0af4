"""The end of an evening: when it may go to its group, what goes, and the evening after.

A hand-over is deliberate (docs/workspace.md, "Hand-over"): it is possible only on the
last step of the format, only when there is something for the group (a plan, or what an
evaluation evening files in the year), and the facilitator confirms it on a page that
says what goes over. Handing over closes the evening: every command on it is refused
(`evening_closed`) until the facilitator takes the hand-over back (`reopen_evening`),
because a change made after the copy would never reach the group.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from .board import commands as c
from .board.actors import Actor
from .board.errors import DomainError
from .board.events import Event
from .formats.types import Format
from .state import Timer, WorkshopState
from .takeover import evening_copy

if TYPE_CHECKING:
    from .workshop import Context


@dataclass(frozen=True)
class HandoverSummary:
    """What a hand-over gives the group, counted from `takeover.evening_copy`: the words
    of the confirmation page and of the closed evening."""

    plans: int
    actions: int
    withheld: int  # cards behind the results whose text stays behind (no consent)
    meanings: int  # new meanings an evaluation evening files in the year
    answers: int  # evaluation answers it files

    @property
    def empty(self) -> bool:
        """Nothing the group would find in its workspace: no plan, nothing for the year."""
        return not (self.plans or self.meanings or self.answers)


def summary_of(evening: dict) -> HandoverSummary:
    """The counts of an evening's hand-over copy."""
    return HandoverSummary(
        plans=len(evening.get("plans") or []), actions=len(evening.get("actions") or []),
        withheld=sum(1 for card in evening.get("cards") or [] if card.get("withheld")),
        meanings=len(evening.get("meanings") or []),
        answers=sum(1 for text in (evening.get("evaluation") or {}).values() if text))


def at_end(state: WorkshopState, fmt: Format) -> bool:
    """Whether the room is on the format's last step: where an evening ends."""
    return state.step == len(fmt.steps) - 1


def check_ready(state: WorkshopState, fmt: Format, summary: HandoverSummary) -> None:
    """Refuse a hand-over that would be a mistake: the evening is already with the group,
    it is not at its end yet, or there is nothing to hand over."""
    if state.handed_over:
        raise DomainError("already_taken_over")
    if not at_end(state, fmt):
        raise DomainError("not_at_end", step=len(fmt.steps))
    if summary.empty:
        raise DomainError("nothing_to_hand_over")


def refuse_when_closed(state: WorkshopState, cmd: object) -> None:
    """A handed-over evening takes no command but the one that reopens it (and a second
    hand-over, which `check_ready` refuses as `already_taken_over`)."""
    if state.handed_over and not isinstance(cmd, (c.ReopenEvening, c.CloseEvening)):
        raise DomainError("evening_closed")


def close_evening(state: WorkshopState, cmd: c.CloseEvening, actor: Actor,
                  ctx: "Context") -> list[Event]:
    """The evening's half of the hand-over (the server, in the hand-over's transaction):
    phones stop writing, the timer stops, and every screen learns where the plans went."""
    summary = summary_of(evening_copy(state.to_dict(), ctx.board.id, "", ctx.fmt))
    check_ready(state, ctx.fmt, summary)
    state.input_open = False
    state.timer = Timer(running=False, remaining_ms=state.timer.left(ctx.now_ms))
    state.handed_over = {"group": cmd.group or ctx.group_name, "by": actor.display_name or "",
                         "at": ctx.now_ms, "plans": summary.plans, "actions": summary.actions}
    return [Event("evening_closed", {"handed_over": dict(state.handed_over),
                                     "input_open": False, "timer": asdict(state.timer)})]


def reopen_evening(state: WorkshopState, cmd: c.ReopenEvening, actor: Actor,
                   ctx: "Context") -> list[Event]:
    """The evening's half of taking a hand-over back: it is open for the facilitator
    again (input stays closed until they open it)."""
    if not state.handed_over:
        raise DomainError("not_handed_over")
    state.handed_over = None
    return [Event("evening_reopened", {"handed_over": None})]
