"""Pacing: which step the room is on, whether phones may write, and the step's time box.

The timer is kept as an end time while it runs, so every screen counts down on its own
(corrected by `server_time`) and no tick ever has to be broadcast.
"""
from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING

from ..board import commands as c
from ..board.actors import Actor
from ..board.errors import DomainError
from ..board.events import Event, Outcome
from .review import on_step_entered
from .state import Timer, WorkshopState

if TYPE_CHECKING:
    from .context import Context

MAX_START_SECONDS = 4 * 3600
MAX_EXTEND_SECONDS = 3600


def _time_box(ctx: Context, step: int) -> Timer:
    """A paused timer holding the step's full time box."""
    return Timer(remaining_ms=ctx.fmt.steps[step].minutes * 60_000)


JOIN_PANEL_SIZES = ("auto", "large", "small")


def set_join_panel(state: WorkshopState, cmd: c.SetJoinPanel, actor: Actor,
                   ctx: Context) -> Outcome:
    """The QR code and join code on the projector: a quarter of the wall while people come
    in, a corner once the work starts ("auto": large on the first step only), or large
    again for latecomers; every projector of the board follows."""
    if cmd.size not in JOIN_PANEL_SIZES:
        raise DomainError("bad_value", field="size")
    state.join_panel = cmd.size
    return Outcome([Event("join_panel_set", {"size": cmd.size})])


def set_input(open_: bool):
    """A handler that opens or closes input for the current step. Not open while the
    step's vote is: the room is asked one thing at a time ("vote now", not also "send
    your ideas"), and a card sent then would not be in the vote anyway."""

    def handler(state: WorkshopState, cmd, actor: Actor, ctx: Context) -> Outcome:
        if open_ and state.vote_open(state.step):
            raise DomainError("input_during_vote")
        state.input_open = open_
        return Outcome([Event("input_opened" if open_ else "input_closed", {"step": state.step})])

    return handler


def go_to_step(state: WorkshopState, cmd: c.GoToStep, actor: Actor,
               ctx: Context) -> Outcome:
    """Move the room to a step; input closes and the timer is set to its time box.

    Cards, clusters, votes and results of other steps stay as they are, so going back
    to look at an earlier step loses nothing. A review of the group's plans takes a
    fresh copy of them (`review.on_step_entered`).
    """
    if not 0 <= cmd.step < len(ctx.fmt.steps):
        raise DomainError("bad_step", count=len(ctx.fmt.steps))
    state.step = cmd.step
    state.input_open = False
    state.focus = None  # a focus belongs to the step it was set in
    state.timer = _time_box(ctx, cmd.step)
    return Outcome([Event("step_changed", {"step": state.step, "input_open": False, "focus": None,
                                           "timer": asdict(state.timer)}),
                    *on_step_entered(state, ctx)])


def start_timer(state: WorkshopState, cmd: c.StartTimer, actor: Actor,
                ctx: Context) -> Outcome:
    """Run the timer: for `seconds`, or what is left, or a fresh time box when none is."""
    if cmd.seconds is not None and not 1 <= cmd.seconds <= MAX_START_SECONDS:
        raise DomainError("invalid_args", field="seconds")
    left = cmd.seconds * 1000 if cmd.seconds else state.timer.left(ctx.now_ms)
    if left <= 0:
        left = _time_box(ctx, state.step).remaining_ms
    state.timer = Timer(running=True, remaining_ms=left, ends_at=ctx.now_ms + left)
    return Outcome([Event("timer_started", {"timer": asdict(state.timer)})])


def pause_timer(state: WorkshopState, cmd, actor: Actor, ctx: Context) -> Outcome:
    """Stop the countdown, keeping what is left."""
    state.timer = Timer(running=False, remaining_ms=state.timer.left(ctx.now_ms))
    return Outcome([Event("timer_paused", {"timer": asdict(state.timer)})])


def extend_timer(state: WorkshopState, cmd: c.ExtendTimer, actor: Actor,
                 ctx: Context) -> Outcome:
    """Add time ("+1 minute"), whether the timer runs, is paused or already ran out."""
    if not 1 <= cmd.seconds <= MAX_EXTEND_SECONDS:
        raise DomainError("invalid_args", field="seconds")
    extra = cmd.seconds * 1000
    t = state.timer
    if t.running and t.ends_at is not None:
        ends = max(t.ends_at, ctx.now_ms) + extra
        state.timer = Timer(running=True, remaining_ms=ends - ctx.now_ms, ends_at=ends)
    else:
        state.timer = Timer(running=False, remaining_ms=t.left(ctx.now_ms) + extra)
    return Outcome([Event("timer_extended", {"timer": asdict(state.timer)})])


def reset_timer(state: WorkshopState, cmd, actor: Actor, ctx: Context) -> Outcome:
    """Back to the step's full time box, paused."""
    state.timer = _time_box(ctx, state.step)
    return Outcome([Event("timer_reset", {"timer": asdict(state.timer)})])
