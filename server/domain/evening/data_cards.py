"""Data cards ("tellen naast vertellen"): the facilitator's facts beside the residents' stories.

A data card carries a figure from a neighbourhood scan or a wijkschouw, so the room
weighs the facts with what it tells; its `source` says where the figure comes from, so a
resident can ask about it. The facilitator prepares them before the evening for any step
that takes data cards, one by one or from a CSV file (`data_csv.py`); a prepared card
waits in its step and shows when the room gets there.

One check (`checked_data_card`) serves both the single card and the import, so the
page that lists a CSV's problems before importing and the rule that imports agree. The
import is one command: all its cards are added in one transaction or none is.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..board import commands as c
from ..board.actors import Actor
from ..board.errors import DomainError
from ..board.events import Event, Outcome
from ..formats.types import Format
from .cards import clean_text
from .nouns import new_card
from .state import WorkshopState

if TYPE_CHECKING:
    from .context import Context

SOURCE_MAX_LENGTH = 160  # "Buurtscan 2026, CBS wijk 0345": a name, not a paragraph
MAX_IMPORT = 100  # cards in one CSV file; more is a mistake (a whole spreadsheet)


@dataclass(frozen=True)
class DataCardDraft:
    """A data card checked against the evening, not yet on the wall."""

    step: int
    text: str
    source: str | None
    kind: str | None = None
    theme: str | None = None


def clean_source(source: str | None) -> str | None:
    """The source on one line, trimmed; empty means none."""
    cleaned = " ".join((source or "").split())
    if len(cleaned) > SOURCE_MAX_LENGTH:
        raise DomainError("source_too_long", limit=SOURCE_MAX_LENGTH, length=len(cleaned))
    return cleaned or None


def _tag(value: str | None, options: dict, field: str) -> str | None:
    """A kind or theme key of the step, or None; an unknown key is `bad_value`."""
    if value is None:
        return None
    allowed = {item["key"] for item in options.get(field + "s", ())}
    if value not in allowed:
        raise DomainError("bad_value", field=field)
    return value


def checked_data_card(fmt: Format, step: int, text: str, source: str | None,
                      kind: str | None = None, theme: str | None = None) -> DataCardDraft:
    """The card as it would go on the wall, or the refusal: the step must exist and take
    data cards (`cards.data_cards`); text and source follow the card text's rules."""
    if not 0 <= step < len(fmt.steps):
        raise DomainError("bad_step")
    found = fmt.steps[step]
    if not found.uses("cards"):
        raise DomainError("technique_not_active", technique="cards")
    options = dict(found.options["cards"])
    if not options.get("data_cards", True):
        raise DomainError("technique_not_active", technique="data_cards")
    return DataCardDraft(step, clean_text(text, options), clean_source(source),
                         _tag(kind, options, "kind"), _tag(theme, options, "theme"))


def _put(state: WorkshopState, draft: DataCardDraft, ctx: Context) -> Event:
    """Put a checked card on the wall of its step (the facilitator's: no author)."""
    about = state.focus if draft.step == state.step else None
    card = new_card(state.new_id("c"), draft.step, draft.text, origin="data",
                    created_at=ctx.now_ms, kind=draft.kind, theme=draft.theme, about=about,
                    source=draft.source)
    state.cards[card["id"]] = card
    return Event("card_added", {"card": dict(card), "show_authors": state.show_authors})


def add_data_card(state: WorkshopState, cmd: c.AddDataCard, actor: Actor,
                  ctx: Context) -> Outcome:
    """One data card, for the current step or (prepared ahead) for a step to come."""
    step = state.step if cmd.step is None else cmd.step
    draft = checked_data_card(ctx.fmt, step, cmd.text, cmd.source, cmd.kind, cmd.theme)
    event = _put(state, draft, ctx)
    return Outcome([event], {"card_id": event.data["card"]["id"]})


def import_data_cards(state: WorkshopState, cmd: c.ImportDataCards, actor: Actor,
                      ctx: Context) -> Outcome:
    """A whole file of data cards at once: every card is checked before any goes on the
    wall, so one bad card refuses the import and nothing is added. `number` in a refusal
    counts the cards from 1, in the order they were sent."""
    if not cmd.cards:
        raise DomainError("nothing_to_import")
    if len(cmd.cards) > MAX_IMPORT:
        raise DomainError("too_many_data_cards", limit=MAX_IMPORT)
    drafts = []
    for number, card in enumerate(cmd.cards, start=1):
        drafts.append(_draft(ctx.fmt, card, number))
    return Outcome([_put(state, draft, ctx) for draft in drafts])


def _draft(fmt: Format, card: object, number: int) -> DataCardDraft:
    """One card of an import, checked; its refusal names which card it was."""
    if not isinstance(card, dict):
        raise DomainError("invalid_args", field=f"cards[{number}]")
    step, text, source = card.get("step"), card.get("text"), card.get("source")
    if isinstance(step, bool) or not isinstance(step, int) or not isinstance(text, str) \
            or not (source is None or isinstance(source, str)) \
            or set(card) - {"step", "text", "source"}:
        raise DomainError("invalid_args", field=f"cards[{number}]")
    try:
        return checked_data_card(fmt, step, text, source)
    except DomainError as refused:
        refused.params["number"] = number
        raise
