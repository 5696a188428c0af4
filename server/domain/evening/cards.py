"""Cards: what residents write on their phones, and what the facilitator adds or moderates.

A card keeps its author's id on the server only (so "my cards" and the per-participant
limit work); `events.public_card` is the one place that decides what of a card a screen
sees. Data cards (facts from a neighbourhood scan, `data_cards.py`) and paper cards
(typed in for people without a phone) are the facilitator's, marked by `origin`, so the
wall shows where each idea came from.

When a step's `cards.publication_consent` option is on, each resident's card stores
`publish` (True: its text may appear in the plan outside the evening, without a name;
False: it may not); otherwise `publish` is None and the evening's own rules apply.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..board import commands as c
from ..board.actors import Actor
from ..board.errors import DomainError
from ..board.events import Event, Outcome
from .gating import require_technique
from .nouns import Card, new_card
from .state import WorkshopState

if TYPE_CHECKING:
    from .context import Context

DEFAULT_MAX_LENGTH = 280
DEFAULT_MAX_CARDS = 20
NewCard = c.AddCard | c.AddPaperCard  # what makes a card here (data cards: data_cards.py)


def clean_text(text: str, options: dict) -> str:
    """One idea per card: trimmed, single spaces unless the writer used line breaks."""
    cleaned = " ".join(text.split()) if "\n" not in text else text.strip()
    limit = options.get("max_length", DEFAULT_MAX_LENGTH)
    if not cleaned:
        raise DomainError("empty_text")
    if len(cleaned) > limit:
        raise DomainError("text_too_long", limit=limit, length=len(cleaned))
    return cleaned


def _tag(value: str | None, allowed: tuple, field: str) -> str | None:
    """A kind or theme key of this step, or None; an unknown key is `bad_value`."""
    if value is None:
        return None
    if value not in allowed:
        raise DomainError("bad_value", field=field)
    return value


def _publish(cmd: NewCard, options: dict, origin: str) -> bool | None:
    """Publication consent: True/False when the step asks a resident for it, else None.

    Not asking means the evening's own rules apply (as before the option existed); when
    the step asks, a card without an explicit `publish: true` has no consent. Data and
    paper cards are the facilitator's: no consent is asked for them.
    """
    if origin != "phone" or not options.get("publication_consent", False):
        return None
    return getattr(cmd, "publish", None) is True


def _new_card(state: WorkshopState, cmd: NewCard, ctx: Context, options: dict, origin: str,
              actor: Actor) -> Outcome:
    """Build, store and announce a card of the current step; its id is the result."""
    kinds = tuple(k["key"] for k in options.get("kinds", ()))
    themes = tuple(t["key"] for t in options.get("themes", ()))
    card = new_card(state.new_id("c"), state.step, clean_text(cmd.text, options),
                    kind=_tag(cmd.kind, kinds, "kind"), theme=_tag(cmd.theme, themes, "theme"),
                    about=state.focus, origin=origin, author=actor.participant_id,
                    author_name=actor.display_name, publish=_publish(cmd, options, origin),
                    created_at=ctx.now_ms)
    state.cards[card["id"]] = card
    return Outcome([Event("card_added", {"card": dict(card),
                                         "show_authors": state.show_authors})],
                   {"card_id": card["id"]})


def add_card(state: WorkshopState, cmd: c.AddCard, actor: Actor, ctx: Context) -> Outcome:
    """A resident writes a card while input is open, within the step's card limit."""
    options = require_technique(ctx, state, "cards")
    if not state.input_open:
        raise DomainError("input_closed")
    limit = options.get("max_per_participant", DEFAULT_MAX_CARDS)
    mine = [k for k in state.cards.values()
            if k["author"] == actor.participant_id and k["step"] == state.step]
    if len(mine) >= limit:
        raise DomainError("too_many_cards", limit=limit)
    return _new_card(state, cmd, ctx, options, "phone", actor)


def _staff_card(origin: str, option: str):
    """A handler for the facilitator's paper cards: input may be closed."""

    def handler(state: WorkshopState, cmd: NewCard, actor: Actor, ctx: Context) -> Outcome:
        options = require_technique(ctx, state, "cards")
        if not options.get(option, True):
            raise DomainError("technique_not_active", technique=option)
        anonymous = Actor(actor.role, actor.board_id)
        return _new_card(state, cmd, ctx, options, origin, anonymous)

    handler.__doc__ = f"The facilitator adds a card with origin {origin!r}."
    return handler


add_paper_card = _staff_card("paper", "paper_cards")


def _own_open_card(state: WorkshopState, card_id: str, actor: Actor, ctx: Context) -> Card:
    """The actor's own card of the current step, while input is open."""
    card = state.cards.get(card_id)
    if card is None:
        raise DomainError("not_found", item="card")
    if card.get("author") != actor.participant_id:
        raise DomainError("not_yours")
    require_technique(ctx, state, "cards")
    if not state.input_open or card["step"] != state.step:
        raise DomainError("input_closed")
    return card


def edit_card(state: WorkshopState, cmd: c.EditCard, actor: Actor, ctx: Context) -> Outcome:
    """A resident rewrites their own card while input is open."""
    card = _own_open_card(state, cmd.card_id, actor, ctx)
    options = dict(ctx.fmt.steps[card["step"]].options.get("cards", {}))
    card["text"] = clean_text(cmd.text, options)
    return Outcome([Event("card_edited", {"card_id": card["id"], "text": card["text"],
                                          "hidden": card["hidden"]})])


def withdraw_card(state: WorkshopState, cmd: c.WithdrawCard, actor: Actor,
                  ctx: Context) -> Outcome:
    """A resident takes back their own card; a cluster it leaves empty goes too."""
    card = _own_open_card(state, cmd.card_id, actor, ctx)
    cluster_id = card.get("cluster")
    if cluster_id and state.vote_open(card["step"]):
        raise DomainError("vote_in_progress")
    del state.cards[card["id"]]
    removed = []
    if cluster_id and not state.cluster_cards(cluster_id):
        state.clusters.pop(cluster_id, None)
        removed.append(cluster_id)
    return Outcome([Event("card_withdrawn", {"card_id": card["id"], "removed": removed})])


def set_hidden(hidden: bool):
    """A handler that hides (moderates) or shows again a card, for the facilitator."""

    def handler(state: WorkshopState, cmd: c.HideCard | c.UnhideCard, actor: Actor,
                ctx: Context) -> Outcome:
        card = state.cards.get(cmd.card_id)
        if card is None:
            raise DomainError("not_found", item="card")
        card["hidden"] = hidden
        if hidden:
            return Outcome([Event("card_hidden", {"card_id": card["id"]})])
        return Outcome([Event("card_unhidden", {"card": dict(card),
                                                "show_authors": state.show_authors})])

    return handler


def show_authors(state: WorkshopState, cmd: c.ShowAuthors, actor: Actor,
                 ctx: Context) -> Outcome:
    """Names go on the wall only when the facilitator says so (authors chose a name)."""
    state.show_authors = cmd.shown
    names = {}
    if cmd.shown:
        names = {k["id"]: k["author_name"] for k in state.cards.values()
                 if k.get("author_name") and not k["hidden"]}
    return Outcome([Event("authors_shown", {"shown": cmd.shown, "names": names})])
