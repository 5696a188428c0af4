"""Dot voting with hidden ballots and a simultaneous reveal.

Seeing others' dots steers people towards the popular items (the bandwagon effect the
method brief warns about), so ballots are hidden from everyone, the facilitator too,
until the reveal. A ballot is never a logged event: `cast_votes` only changes the state
and returns the volatile `ballot_cast`, which carries nothing but how many have voted.
A ballot is the participant's whole choice and replaces their earlier one, so resending
it (after a flaky connection) can never count twice.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..board import commands as c
from ..board.actors import Actor
from ..board.checks import MAX_IDS, is_whole
from ..board.errors import DomainError
from ..board.events import Event, Outcome
from .gating import require_technique
from .nouns import Vote, new_vote
from .state import WorkshopState

if TYPE_CHECKING:
    from .context import Context


def _items(state: WorkshopState) -> list[str]:
    """What people vote on: the step's clusters, or its visible cards when it has none."""
    clusters = [k["id"] for k in state.step_clusters(state.step)]
    if clusters:
        return clusters
    return [card["id"] for card in state.cards.values()
            if card["step"] == state.step and not card.get("hidden")]


def open_vote(state: WorkshopState, cmd: c.OpenVote, actor: Actor,
              ctx: Context) -> Outcome:
    """Start a round: everyone gets the same dots at the same time; earlier ballots go.
    Card input closes first: the room is asked to vote, not also to send ideas."""
    options = require_technique(ctx, state, "vote")
    if state.vote_open(state.step):
        raise DomainError("vote_in_progress")
    items = _items(state)
    if not items:
        raise DomainError("nothing_to_vote_on")
    previous = state.vote_of(state.step)
    vote = new_vote(previous["round"] + 1 if previous else 1, items, options["budget"],
                    options["max_per_item"])
    state.votes[str(state.step)] = vote
    state.undo.pop(str(state.step), None)  # the vote fixes the grouping it was held on
    closed = [Event("input_closed", {"step": state.step})] if state.input_open else []
    state.input_open = False
    opened = Event("vote_opened", {"step": state.step, "round": vote["round"],
                                   "items": list(items), "budget": vote["budget"],
                                   "max_per_item": vote["max_per_item"]})
    return Outcome([*closed, opened])


def _open_vote_of(state: WorkshopState) -> Vote:
    vote = state.vote_of(state.step)
    if not vote or not vote["open"]:
        raise DomainError("vote_not_open")
    return vote


def checked_ballot(votes: dict, vote: Vote) -> dict[str, int]:
    """A ballot within the round's rules, without zero entries; refused as a whole."""
    if len(votes) > MAX_IDS:
        raise DomainError("invalid_args", field="votes")
    ballot: dict[str, int] = {}
    for item, dots in votes.items():
        if not isinstance(item, str) or not is_whole(dots):
            raise DomainError("invalid_args", field="votes")
        if dots < 0:
            raise DomainError("bad_value", field="votes")
        if item not in vote["items"]:
            raise DomainError("not_found", item="item")
        if dots > vote["max_per_item"]:
            raise DomainError("too_many_on_item", limit=vote["max_per_item"])
        if dots:
            ballot[item] = dots
    used = sum(ballot.values())
    if used > vote["budget"]:
        raise DomainError("over_budget", budget=vote["budget"], used=used)
    return ballot


def cast_votes(state: WorkshopState, cmd: c.CastVotes, actor: Actor,
               ctx: Context) -> Outcome:
    """A resident's whole ballot replaces their earlier one; an empty one withdraws it."""
    voter = actor.participant_id
    if voter is None:  # the policy lets only participants vote, and each has an id
        raise DomainError("forbidden")
    vote = _open_vote_of(state)
    if cmd.round is not None and cmd.round != vote["round"]:
        raise DomainError("vote_not_open")  # a ballot left in an outbox from an earlier round
    ballot = checked_ballot(cmd.votes, vote)
    if ballot:
        vote["ballots"][voter] = ballot
    else:
        vote["ballots"].pop(voter, None)
    vote["voters"] = len(vote["ballots"])
    vote["cast"] = vote.get("cast", 0) + 1
    return Outcome([Event("ballot_cast", {"step": state.step, "round": vote["round"],
                                          "voters": vote["voters"], "cast": vote["cast"]})])


def reveal_votes(state: WorkshopState, cmd: c.RevealVotes, actor: Actor,
                 ctx: Context) -> Outcome:
    """Close the round and show every item's dots at once."""
    vote = _open_vote_of(state)
    tallies = {item: 0 for item in vote["items"]}
    for ballot in vote["ballots"].values():
        for item, dots in ballot.items():
            tallies[item] += dots
    vote["open"], vote["revealed"], vote["tallies"] = False, True, tallies
    return Outcome([Event("votes_revealed", {"step": state.step, "round": vote["round"],
                                             "tallies": dict(tallies), "voters": vote["voters"]})])


def dots_for(state: WorkshopState, step: int, item_id: str) -> int:
    """The dots an item got in its step's revealed round, 0 when none was revealed."""
    vote = state.vote_of(step)
    if not vote or not vote["revealed"]:
        return 0
    return (vote["tallies"] or {}).get(item_id, 0)


def vote_view(vote: Vote, participant_id: str | None) -> dict:
    """A vote as a screen may see it: no ballots, no tallies before the reveal.

    `participant_id` is set only for a participant's own snapshot, which also gets
    `mine`, their own ballot.
    """
    shown: dict[str, Any] = {"round": vote["round"], "open": vote["open"],
                             "revealed": vote["revealed"], "budget": vote["budget"],
                             "max_per_item": vote["max_per_item"], "voters": vote["voters"],
                             "cast": vote.get("cast", 0)}
    shown["items"] = list(vote["items"])
    shown["tallies"] = dict(vote["tallies"] or {}) if vote["revealed"] else None
    if participant_id is not None:
        shown["mine"] = dict(vote["ballots"].get(participant_id, {}))
    return shown
