"""What each screen is allowed to see of a board: the snapshot projection.

Projector and phones get the `public` view (no hidden cards, names only while shown);
the facilitator gets the `staff` view; a participant's snapshot also marks their own
cards and holds their own ballot, which broadcasts never do (a broadcast is the same for
the whole room). Ballots and tallies stay out of every view until the reveal, the
facilitator's too: the console is often what the projector mirrors.
"""
from __future__ import annotations

import copy
from dataclasses import asdict

from ..board.actors import PARTICIPANT, Actor
from ..board.events import (
    CARD_DEFAULTS,
    PUBLIC,
    STAFF,
    public_card,
    public_parked,
    without_defaults,
)
from ..formats.types import Format
from .state import WorkshopState
from .voting import vote_view


def _cards(state: WorkshopState, actor: Actor) -> list[dict]:
    """The cards `actor` may see, in the order they were written, each without the fields
    at their default (`CARD_DEFAULTS`, sent once beside them)."""
    shown = []
    for card in state.cards.values():
        if card.get("hidden") and actor.audience == PUBLIC:
            continue
        view = public_card(card, actor.audience, state.show_authors)
        if actor.role == PARTICIPANT:
            view["mine"] = card.get("author") == actor.participant_id
        shown.append(without_defaults(view))
    return shown


def _parked(state: WorkshopState, actor: Actor) -> list[dict]:
    """The parked items `actor` may see, as cards: a hidden one only for the staff, and a
    participant's own marked `mine` (so their phone shows the answers to their questions)."""
    shown = []
    for item in state.parked.values():
        if item.get("hidden") and actor.audience == PUBLIC:
            continue
        view = public_parked(item, actor.audience)
        if actor.role == PARTICIPANT:
            view["mine"] = item.get("author") == actor.participant_id
        shown.append(view)
    return shown


def _card_defaults(actor: Actor) -> dict:
    """The defaults of the fields `actor`'s card views have: `hidden` only the staff's,
    `mine` only a participant's."""
    left_out = {"hidden"} if actor.audience != STAFF else set()
    if actor.role != PARTICIPANT:
        left_out.add("mine")
    return {k: v for k, v in CARD_DEFAULTS.items() if k not in left_out}


def _votes(state: WorkshopState, actor: Actor) -> dict[str, dict]:
    """Every step's vote, without anyone's ballot but the participant's own."""
    own = actor.participant_id if actor.role == PARTICIPANT else None
    return {step: vote_view(vote, own) for step, vote in state.votes.items()}


def snapshot_state(state: WorkshopState, board: dict, fmt: Format, actor: Actor,
                   now_ms: int) -> dict:
    """The `state` of a `snapshot` message for `actor`."""
    public_format = fmt.to_public()
    return {
        "board": {**board, "format": {"slug": fmt.slug, "title": fmt.title}},
        "steps": public_format["steps"],
        "step": state.step,
        "input_open": state.input_open,
        "timer": asdict(state.timer),
        "show_authors": state.show_authors,
        "join_panel": state.join_panel,
        "cards": _cards(state, actor),
        "card_defaults": _card_defaults(actor),
        "clusters": copy.deepcopy(list(state.clusters.values())),
        "votes": _votes(state, actor),
        "focus": state.focus,
        "results": copy.deepcopy(list(state.results.values())),
        "plans": copy.deepcopy(list(state.plans.values())),
        "actions": copy.deepcopy(list(state.actions.values())),
        "reviews": copy.deepcopy(state.reviews),
        "handed_over": copy.deepcopy(state.handed_over),
        "parked": _parked(state, actor),
        "server_time": now_ms,
    }
