"""The end of an evening: when it may go to its group, what goes, and the evening after.

A hand-over is deliberate (docs/workspace.md, "Hand-over"): it is possible only on the
last step of the format, only when there is something for the group (a plan, or what an
evaluation evening files in the year), and the facilitator confirms it on a page that
says what goes over. Handing over closes the evening: every command on it is refused
(`evening_closed`) until the facilitator takes the hand-over back (`reopen_evening`),
because a change made after the copy would never reach the group.

`evening_copy` picks from an evening's state what the group keeps: every result with its
links, the *texts* of the cards behind the results (origin and a data card's source
kept; no author, no participant id, no hidden card; a card whose author gave no
publication consent keeps its place with an empty text and `withheld: true`), every plan
and action, and the parked items marked for later as the plan's open points
(`parking.open_points_copy`). Clusters, ballots and names stay behind. Steps
that `feed` the year (`formats/feeds.py`) also send their
meanings and evaluation answers along. The workspace files the copy under its own ids
(`workspace/handover.py`); the evening decides what of itself leaves.
"""
from __future__ import annotations

import copy
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from ..board import commands as c
from ..board.actors import Actor
from ..board.errors import DomainError
from ..board.events import Event, Outcome, origin_of
from ..formats.feeds import MEANING_RESULTS, evaluation_answer
from ..formats.types import Format
from .parking import open_points_copy
from .state import Timer, WorkshopState

if TYPE_CHECKING:
    from .context import Context

MAX_TEXT = 1000  # as the workspace's evaluation answers and meanings


@dataclass(frozen=True)
class HandoverSummary:
    """What a hand-over gives the group, counted from `evening_copy`: the words
    of the confirmation page and of the closed evening."""

    plans: int
    actions: int
    withheld: int  # cards behind the results whose text stays behind (no consent)
    meanings: int  # new meanings an evaluation evening files in the year
    answers: int  # evaluation answers it files
    open_points: int = 0  # parked items marked for later (`parking.open_points_copy`)

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
        answers=sum(1 for text in (evening.get("evaluation") or {}).values() if text),
        open_points=len(evening.get("open_points") or []))


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
                  ctx: Context) -> Outcome:
    """The evening's half of the hand-over (the server, in the hand-over's transaction):
    phones stop writing, the timer stops, and every screen learns where the plans went."""
    summary = summary_of(evening_copy(state.to_dict(), ctx.board.id, "", ctx.fmt))
    check_ready(state, ctx.fmt, summary)
    state.input_open = False
    state.timer = Timer(running=False, remaining_ms=state.timer.left(ctx.now_ms))
    state.handed_over = {"group": cmd.group or ctx.group_name, "by": actor.display_name or "",
                         "at": ctx.now_ms, "plans": summary.plans, "actions": summary.actions}
    return Outcome([Event("evening_closed", {"handed_over": dict(state.handed_over),
                                             "input_open": False, "timer": asdict(state.timer)})])


def reopen_evening(state: WorkshopState, cmd: c.ReopenEvening, actor: Actor,
                   ctx: Context) -> Outcome:
    """The evening's half of taking a hand-over back: it is open for the facilitator
    again (input stays closed until they open it)."""
    if not state.handed_over:
        raise DomainError("not_handed_over")
    state.handed_over = None
    return Outcome([Event("evening_reopened", {"handed_over": None})])


def _card_copy(card: dict) -> dict:
    """A card's text and origin; a card without publication consent keeps no text. A
    data card's source goes along: a figure without where it comes from is hearsay."""
    if card.get("publish") is False:
        return {"id": card["id"], "text": "", "origin": origin_of(card),
                "withheld": True}
    copied = {"id": card["id"], "text": card["text"], "origin": origin_of(card)}
    if card.get("source"):
        copied["source"] = card["source"]
    return copied


def evening_copy(state: dict, board_id: int, title: str, fmt: Format | None = None) -> dict:
    """The part of an evening's stored state that goes to the group (evening ids)."""
    results = [copy.deepcopy(r) for r in (state.get("results") or {}).values()]
    behind = {card_id for r in results for card_id in r.get("card_ids", [])}
    cards = [_card_copy(c) for c in (state.get("cards") or {}).values()
             if c["id"] in behind and not c.get("hidden")]
    return {"board_id": board_id, "title": title, "results": results, "cards": cards,
            "plans": copy.deepcopy(list((state.get("plans") or {}).values())),
            "actions": copy.deepcopy(list((state.get("actions") or {}).values())),
            "open_points": open_points_copy(state),
            **(_fed(state, fmt) if fmt else {})}


def _fed(state: dict, fmt: Format) -> dict:
    """What the steps with `feeds` send to the year: meanings and evaluation answers."""
    meanings: list[dict[str, str]] = []
    answers: dict[str, str] = {}
    for index, step in enumerate(fmt.steps):
        if step.feeds == "meanings":
            meanings += [{"id": r["id"], "text": r.get("title", ""), "kind": (
                "trend" if r["type"] == "trend" else "force")}
                for r in (state.get("results") or {}).values()
                if r.get("step") == index and r.get("type") in MEANING_RESULTS]
        elif answer := evaluation_answer(step.feeds):
            lines = _outcome_lines(state, index)
            if lines:
                answers[answer] = _joined([answers.get(answer, ""), *lines])
    return {"meanings": meanings, "evaluation": answers}


def _outcome_lines(state: dict, step: int) -> list[str]:
    """A step's outcome in words: each named cluster, then each card outside a cluster.
    Only cards that are visible and may be published; a cluster without a name says its
    first such card."""
    cards = [c for c in (state.get("cards") or {}).values()
             if c.get("step") == step and not c.get("hidden") and c.get("publish") is not False]
    lines = []
    for cluster in (state.get("clusters") or {}).values():
        if cluster.get("step") != step:
            continue
        inside = [c["text"] for c in cards if c.get("cluster") == cluster["id"]]
        name = cluster.get("name") or (inside[0] if inside else "")
        if name:
            lines.append(f"- {name}")
    lines += [f"- {c['text']}" for c in cards if not c.get("cluster")]
    return lines


def _joined(lines: list[str]) -> str:
    """Lines as one answer of at most MAX_TEXT characters (cut with an ellipsis)."""
    text = "\n".join(line for line in lines if line)
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1] + "…"
