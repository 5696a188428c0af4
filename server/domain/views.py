"""What each screen is allowed to see of a board: the snapshot projection.

Projector and phones get the `public` view (no hidden cards, names only while shown);
the facilitator gets the `staff` view; a participant's snapshot also marks their own
cards, which broadcasts never do (a broadcast is the same for the whole room).
"""
from __future__ import annotations

from dataclasses import asdict

from .actors import PARTICIPANT, Actor
from .events import PUBLIC, public_card
from .formats import Format
from .workshop import WorkshopState


def snapshot_state(state: WorkshopState, board: dict, fmt: Format, actor: Actor,
                   now_ms: int) -> dict:
    """The `state` of a `snapshot` message for `actor`."""
    audience = actor.audience
    cards = []
    for card in state.cards.values():
        if card.get("hidden") and audience == PUBLIC:
            continue
        shown = public_card(card, audience, state.show_authors)
        if actor.role == PARTICIPANT:
            shown["mine"] = card.get("author") == actor.participant_id
        cards.append(shown)
    public_format = fmt.to_public()
    return {
        "board": {**board, "format": {"slug": fmt.slug, "title": fmt.title}},
        "steps": public_format["steps"],
        "step": state.step,
        "input_open": state.input_open,
        "timer": asdict(state.timer),
        "show_authors": state.show_authors,
        "cards": cards,
        "server_time": now_ms,
    }
