"""The nouns of an evening, as its state keeps them and the wire carries them: a card,
a cluster, a vote, a result, and what the facilitator's undo and hand-over remember.

They are JSON documents (the board's state is one, and events carry copies), so they
are TypedDicts: the stored shape and the wire stay exactly as they were, and mypy checks
every rule that reads or writes one. Each is built by one constructor below, used
wherever one is made, so a new field reaches every card, cluster, vote and result.

They sit one floor below the rules and `state.py`, which all read them (no import circle).
Fields that boards stored before they existed are `NotRequired` and read with a default;
the plan and its actions, shared with the group's workspace, are in `plan/nouns.py`.
"""
from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

# the fields of a result that hold ids of other results (`results.LINKS` says which)
LinkField = Literal["trends", "vision_elements", "serves", "weakens", "uses"]


class Card(TypedDict):
    """An idea on the wall. `author` (a participant id) never leaves the server; `origin`
    is "phone", "data" or "paper" (read it with `board.events.origin_of`: the oldest
    cards have none); `publish` is None unless the step asks for publication consent."""

    id: str
    step: int
    text: str
    kind: NotRequired[str | None]
    theme: NotRequired[str | None]
    about: NotRequired[str | None]  # the vision element the room was asked about
    cluster: str | None
    origin: NotRequired[str]
    author: str | None
    author_name: str | None
    hidden: bool
    publish: NotRequired[bool | None]
    source: NotRequired[str | None]  # a data card's: where its figure comes from
    created_at: int


def new_card(card_id: str, step: int, text: str, *, origin: str, created_at: int,
             kind: str | None = None, theme: str | None = None, about: str | None = None,
             author: str | None = None, author_name: str | None = None,
             publish: bool | None = None, source: str | None = None) -> Card:
    """A visible card outside any cluster: a resident's, or the facilitator's data or
    paper card (no author), or a meaning seeded from last year (origin "data"). Only a
    data card with a source stores `source`, so other cards stay as small as before."""
    card: Card = {"id": card_id, "step": step, "text": text, "kind": kind, "theme": theme,
                  "about": about, "cluster": None, "origin": origin, "author": author,
                  "author_name": author_name, "hidden": False, "publish": publish,
                  "created_at": created_at}
    if source:
        card["source"] = source
    return card


class Parked(TypedDict):
    """A question or remark parked during any step ("Parkeerplaats"): it does not belong
    to the step, so it waits beside the wall. `author` (a participant id, None for the
    facilitator's own) never leaves the server; `status` is "open", "answered", "closed"
    or "later" (goes with the hand-over as one of the plan's open points); `publish`
    follows the cards' publication consent (`parking.py`)."""

    id: str
    step: int
    text: str
    origin: str  # "phone" or "facilitator"
    author: str | None
    hidden: bool
    publish: bool | None
    status: str
    answer: str
    created_at: int


def new_parked(parked_id: str, step: int, text: str, *, origin: str, author: str | None,
               publish: bool | None, created_at: int) -> Parked:
    """An open, visible parked item without an answer."""
    return {"id": parked_id, "step": step, "text": text, "origin": origin, "author": author,
            "hidden": False, "publish": publish, "status": "open", "answer": "",
            "created_at": created_at}


class Equity(TypedDict):
    """The answer to "who gains; does it help those with the least voice?"."""

    helps_least_heard: bool | None
    note: str


class Cluster(TypedDict):
    """A named group of one step's cards (membership is kept on the card), with its place
    on the impact/effort matrix and its equity answer."""

    id: str
    step: int
    name: str
    impact: int | None
    effort: int | None
    equity: Equity


def new_cluster(cluster_id: str, step: int, name: str) -> Cluster:
    """A cluster not yet placed on the matrix and without an equity answer."""
    return {"id": cluster_id, "step": step, "name": name, "impact": None, "effort": None,
            "equity": {"helps_least_heard": None, "note": ""}}


class Vote(TypedDict):
    """A step's latest round of dot voting. `ballots` (participant id → item → dots)
    never leaves the server; `tallies` is None until the reveal. `cast` counts the
    ballots accepted in the round, withdrawals included: it only grows, so a screen that
    hears two processes' `tally` messages out of order keeps the newer one."""

    round: int
    open: bool
    revealed: bool
    items: list[str]
    budget: int
    max_per_item: int
    ballots: dict[str, dict[str, int]]
    voters: int
    cast: NotRequired[int]  # votes stored before it was counted read as 0
    tallies: dict[str, int] | None


def new_vote(round_: int, items: list[str], budget: int, max_per_item: int) -> Vote:
    """An open round without ballots."""
    return {"round": round_, "open": True, "revealed": False, "items": items,
            "budget": budget, "max_per_item": max_per_item, "ballots": {}, "voters": 0,
            "cast": 0, "tallies": None}


class Result(TypedDict):
    """What a step produced from a cluster: a trend, challenge, vision element, force or
    strategy. The fields below `votes` belong to some types only (`results.FIELDS`);
    links (`trends`, `vision_elements`, `weakens`, `uses`, `serves`) hold result ids."""

    id: str
    type: str
    step: int
    title: str
    cluster_id: str | None
    card_ids: list[str]
    votes: int
    direction: NotRequired[str | None]  # trend
    theme: NotRequired[str | None]  # trend
    trends: NotRequired[list[str]]  # challenge
    polarity: NotRequired[str | None]  # force
    strength: NotRequired[int | None]  # force
    reach: NotRequired[str | None]  # force
    vision_elements: NotRequired[list[str]]  # force
    impact: NotRequired[int | None]  # strategy
    effort: NotRequired[int | None]  # strategy
    equity: NotRequired[Equity]  # strategy
    weakens: NotRequired[list[str]]  # strategy
    uses: NotRequired[list[str]]  # strategy
    serves: NotRequired[list[str]]  # strategy


def new_result(result_id: str, kind: str, cluster: Cluster, title: str,
               card_ids: list[str], votes: int) -> Result:
    """A promoted result with the fields every type has; `results` adds its type's."""
    return {"id": result_id, "type": kind, "step": cluster["step"], "title": title,
            "cluster_id": cluster["id"], "card_ids": card_ids, "votes": votes}


class UndoEntry(TypedDict):
    """A step's clusters and memberships before one clustering command."""

    clusters: dict[str, Cluster]
    cards: dict[str, str]  # card id -> its cluster id (unclustered cards left out)


class HandedOver(TypedDict):
    """Where a closed evening went: the group, who handed it over and when, and how many
    plans and actions went along."""

    group: str
    by: str
    at: int
    plans: int
    actions: int


class ReviewAction(TypedDict):
    """An action of the group's plans as a review step shows it."""

    id: str
    what: str
    owner: str
    due: str
    status: str


class ReviewPlan(TypedDict):
    """A plan of the group's, with the actions the review shows."""

    id: str
    title: str
    actions: list[ReviewAction]


class Review(TypedDict):
    """A copy of the group's plans taken for a review step (`review.py`): from which
    source, of which year, when, and how many actions there were in all."""

    source: str
    year: int | None
    at: int
    plans: list[ReviewPlan]
    total: int
