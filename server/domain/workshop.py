"""The workshop board aggregate: the rules of a live evening.

`apply` checks one command against the rules and, when allowed, changes the state and
returns the events that describe the change. It raises `DomainError` otherwise; the
caller then throws the (partly changed) state away, so a refusal changes nothing.
"""
from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field

from . import commands as c
from .actors import Actor, BoardRef
from .errors import DomainError
from .events import Event
from .formats import Format
from .policy import authorize

DEFAULT_MAX_LENGTH = 280
DEFAULT_MAX_CARDS = 20


@dataclass
class Timer:
    running: bool = False
    remaining_ms: int = 0
    ends_at: int | None = None

    def left(self, now_ms: int) -> int:
        """Milliseconds left at `now_ms`."""
        if self.running and self.ends_at is not None:
            return max(0, self.ends_at - now_ms)
        return self.remaining_ms


@dataclass
class WorkshopState:
    step: int = 0
    input_open: bool = False
    show_authors: bool = False
    timer: Timer = field(default_factory=Timer)
    cards: dict[str, dict] = field(default_factory=dict)
    next_card: int = 1

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "WorkshopState":
        """A private deep copy: the rules change it in place, and the stored document
        must stay untouched until the service writes the new one back."""
        data = copy.deepcopy(data)
        data["timer"] = Timer(**data.get("timer", {}))
        return cls(**data)

    @classmethod
    def new(cls, fmt: Format) -> "WorkshopState":
        """A fresh evening: first step, input closed, timer set to the step's time box."""
        return cls(timer=Timer(remaining_ms=fmt.steps[0].minutes * 60_000))


@dataclass(frozen=True)
class Context:
    """Everything besides the state that the rules read."""

    board: BoardRef
    fmt: Format
    now_ms: int


def apply(state: WorkshopState, cmd, actor: Actor, ctx: Context) -> list[Event]:
    """Check `cmd` by `actor` against the rules; change `state`; return the events."""
    authorize(actor, cmd.name, ctx.board)
    handler = HANDLERS[type(cmd)]
    return handler(state, cmd, actor, ctx)


# --- cards --------------------------------------------------------------------

def _card_options(ctx: Context, step: int) -> dict:
    return dict(ctx.fmt.steps[step].options.get("cards", {}))


def _clean_text(text: str, ctx: Context, step: int) -> str:
    cleaned = " ".join(text.split()) if "\n" not in text else text.strip()
    limit = _card_options(ctx, step).get("max_length", DEFAULT_MAX_LENGTH)
    if not cleaned:
        raise DomainError("empty_text")
    if len(cleaned) > limit:
        raise DomainError("text_too_long", limit=limit, length=len(cleaned))
    return cleaned


def _require_open_input(state: WorkshopState, ctx: Context) -> None:
    if not ctx.fmt.steps[state.step].uses("cards"):
        raise DomainError("technique_not_active", technique="cards")
    if not state.input_open:
        raise DomainError("input_closed")


def _own_card(state: WorkshopState, card_id: str, actor: Actor) -> dict:
    card = state.cards.get(card_id)
    if card is None:
        raise DomainError("not_found", item="card")
    if card.get("author") != actor.participant_id:
        raise DomainError("not_yours")
    return card


def _add_card(state, cmd: c.AddCard, actor, ctx) -> list[Event]:
    _require_open_input(state, ctx)
    text = _clean_text(cmd.text, ctx, state.step)
    limit = _card_options(ctx, state.step).get("max_per_participant", DEFAULT_MAX_CARDS)
    mine = [k for k in state.cards.values()
            if k["author"] == actor.participant_id and k["step"] == state.step]
    if len(mine) >= limit:
        raise DomainError("too_many_cards", limit=limit)
    card = {"id": f"c{state.next_card}", "step": state.step, "text": text,
            "author": actor.participant_id, "author_name": actor.display_name, "hidden": False,
            "origin": "phone", "created_at": ctx.now_ms}
    state.next_card += 1
    state.cards[card["id"]] = card
    return [Event("card_added", {"card": dict(card), "show_authors": state.show_authors})]


def _edit_card(state, cmd: c.EditCard, actor, ctx) -> list[Event]:
    card = _own_card(state, cmd.card_id, actor)
    _require_open_input(state, ctx)
    if card["step"] != state.step:
        raise DomainError("input_closed")
    card["text"] = _clean_text(cmd.text, ctx, card["step"])
    return [Event("card_edited", {"card_id": card["id"], "text": card["text"],
                                  "hidden": card["hidden"]})]


def _withdraw_card(state, cmd: c.WithdrawCard, actor, ctx) -> list[Event]:
    card = _own_card(state, cmd.card_id, actor)
    _require_open_input(state, ctx)
    if card["step"] != state.step:
        raise DomainError("input_closed")
    del state.cards[card["id"]]
    return [Event("card_withdrawn", {"card_id": card["id"]})]


def _set_hidden(hidden: bool):
    def handler(state, cmd, actor, ctx) -> list[Event]:
        card = state.cards.get(cmd.card_id)
        if card is None:
            raise DomainError("not_found", item="card")
        card["hidden"] = hidden
        if hidden:
            return [Event("card_hidden", {"card_id": card["id"]})]
        return [Event("card_unhidden", {"card": dict(card), "show_authors": state.show_authors})]
    return handler


def _show_authors(state, cmd: c.ShowAuthors, actor, ctx) -> list[Event]:
    state.show_authors = cmd.shown
    names = {}
    if cmd.shown:
        names = {k["id"]: k["author_name"] for k in state.cards.values()
                 if k.get("author_name") and not k["hidden"]}
    return [Event("authors_shown", {"shown": cmd.shown, "names": names})]


# --- pacing -------------------------------------------------------------------

def _set_input(open_: bool):
    def handler(state, cmd, actor, ctx) -> list[Event]:
        state.input_open = open_
        return [Event("input_opened" if open_ else "input_closed", {"step": state.step})]
    return handler


def _go_to_step(state, cmd: c.GoToStep, actor, ctx) -> list[Event]:
    if not 0 <= cmd.step < len(ctx.fmt.steps):
        raise DomainError("bad_step", count=len(ctx.fmt.steps))
    state.step = cmd.step
    state.input_open = False
    state.timer = Timer(remaining_ms=ctx.fmt.steps[cmd.step].minutes * 60_000)
    return [Event("step_changed", {"step": state.step, "input_open": False,
                                   "timer": asdict(state.timer)})]


def _start_timer(state, cmd: c.StartTimer, actor, ctx) -> list[Event]:
    if cmd.seconds is not None and not 1 <= cmd.seconds <= 4 * 3600:
        raise DomainError("invalid_args", field="seconds")
    left = cmd.seconds * 1000 if cmd.seconds else state.timer.left(ctx.now_ms)
    if left <= 0:
        left = ctx.fmt.steps[state.step].minutes * 60_000
    state.timer = Timer(running=True, remaining_ms=left, ends_at=ctx.now_ms + left)
    return [Event("timer_started", {"timer": asdict(state.timer)})]


def _pause_timer(state, cmd, actor, ctx) -> list[Event]:
    state.timer = Timer(running=False, remaining_ms=state.timer.left(ctx.now_ms))
    return [Event("timer_paused", {"timer": asdict(state.timer)})]


def _extend_timer(state, cmd: c.ExtendTimer, actor, ctx) -> list[Event]:
    if not 1 <= cmd.seconds <= 3600:
        raise DomainError("invalid_args", field="seconds")
    extra = cmd.seconds * 1000
    t = state.timer
    if t.running and t.ends_at is not None:
        ends = max(t.ends_at, ctx.now_ms) + extra
        state.timer = Timer(running=True, remaining_ms=ends - ctx.now_ms, ends_at=ends)
    else:
        state.timer = Timer(running=False, remaining_ms=t.left(ctx.now_ms) + extra)
    return [Event("timer_extended", {"timer": asdict(state.timer)})]


def _reset_timer(state, cmd, actor, ctx) -> list[Event]:
    state.timer = Timer(remaining_ms=ctx.fmt.steps[state.step].minutes * 60_000)
    return [Event("timer_reset", {"timer": asdict(state.timer)})]


HANDLERS = {
    c.AddCard: _add_card,
    c.EditCard: _edit_card,
    c.WithdrawCard: _withdraw_card,
    c.HideCard: _set_hidden(True),
    c.UnhideCard: _set_hidden(False),
    c.ShowAuthors: _show_authors,
    c.OpenInput: _set_input(True),
    c.CloseInput: _set_input(False),
    c.GoToStep: _go_to_step,
    c.StartTimer: _start_timer,
    c.PauseTimer: _pause_timer,
    c.ExtendTimer: _extend_timer,
    c.ResetTimer: _reset_timer,
}
