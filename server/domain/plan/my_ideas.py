"""What became of one resident's cards: "Wat is er met mijn ideeën gebeurd?".

After the evening a resident's phone asks what happened to the ideas they typed. The
answer joins two documents, because neither holds it alone: the evening knows whose card
is whose (`author`, a participant id that never leaves the server) and which cluster and
result each card went into; the group's workspace knows the plans and actions as the group
keeps them now, but holds no authors (the hand-over leaves them behind). The workspace's
copies remember `from: {board_id, id}`, which is the bridge: an evening result becomes
the workspace result copied from it, and a workspace plan whose provenance chain
(`provenance.provenance_of`) holds that result traces its actions back to the card.

Privacy is the shape of the answer: only cards whose `author` is the asking participant
come out (the other cards of a cluster or result never do, so nobody else's card is shown
as theirs); no names at all (not the cards' authors, not an action's owner or helpers,
not the members who changed a status). Hidden cards stay out, as everywhere outside the
facilitator's console. The group decides whether its progress is shared back at all
(`share_progress` in the workspace's state); when it is not, the answer stops at the
evening's own results and reads nothing of the workspace.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .fields import field_value
from .provenance import StateGraph, id_order, iso_day, items_by_id, provenance_of, text_of

ActionStatus = str  # idee | gepland | bezig | gereed | vastgelopen | geschrapt


@dataclass(frozen=True)
class FedResult:
    """A result of the evening that one of the resident's cards fed."""

    id: str
    type: str  # trend | challenge | vision_element | force | strategy
    title: str
    polarity: str | None = None  # a force's: barrier | potential (the phone names it so)


@dataclass(frozen=True)
class TracedAction:
    """An action of the group's plans that traces back to a card, as the group keeps it
    now: what it is, its status and due date, and the plan it belongs to (no owner: a
    name)."""

    id: str
    what: str
    status: ActionStatus
    due: str
    plan: str


@dataclass(frozen=True)
class MyCard:
    """One of the resident's own cards and where it went."""

    id: str
    step: int | None
    text: str
    cluster: str | None
    results: tuple[FedResult, ...] = ()
    actions: tuple[TracedAction, ...] = ()


@dataclass(frozen=True)
class MyIdeas:
    """The whole answer for one phone. `shared` says whether the group shares its
    progress (the actions and their statuses); `handed_over` whether the evening is with
    the group yet (before that there is no progress to share)."""

    handed_over: bool
    shared: bool
    cards: tuple[MyCard, ...] = field(default_factory=tuple)
    # the evening's raw cards are gone (the group's retention period, docs/privacy.md):
    # nobody's cards can be found any more, which is not the same as having written none
    removed: bool = False


def shares_progress(workspace: Mapping[str, Any] | None) -> bool:
    """The group's switch: on unless the group turned it off (the default is on, and a
    workspace stored before the switch existed has none)."""
    return (workspace or {}).get("share_progress", True) is not False


def my_ideas(evening: Mapping[str, Any], board_id: int, participant_id: str,
             workspace: Mapping[str, Any] | None) -> MyIdeas:
    """What became of `participant_id`'s cards on the evening `board_id` (its state
    document), followed into the group's `workspace` state when the evening was handed
    over and the group shares its progress; `workspace` None when it has none."""
    handed_over = bool(evening.get("handed_over"))
    shared = handed_over and shares_progress(workspace)
    clusters = items_by_id(evening.get("clusters"))
    results = items_by_id(evening.get("results"))
    actions_of = _Tracer(workspace or {}, board_id) if shared else None
    mine = sorted(((card_id, card) for card_id, card in items_by_id(evening.get("cards")).items()
                   if card.get("author") == participant_id and participant_id
                   and not card.get("hidden")), key=lambda pair: id_order(pair[0]))
    cards = []
    for card_id, card in mine:
        fed = tuple(FedResult(id=result_id, type=text_of(r.get("type")), title=text_of(r.get("title")),
                              polarity=r.get("polarity") if r.get("type") == "force" else None)
                    for result_id, r in sorted(results.items(), key=lambda kv: id_order(kv[0]))
                    if card_id in (r.get("card_ids") or ()))
        cluster = clusters.get(text_of(card.get("cluster")))
        cards.append(MyCard(
            id=card_id, step=card.get("step"), text=text_of(card.get("text")),
            cluster=text_of(cluster.get("name")) if cluster is not None else None,
            results=fed,
            actions=actions_of.behind(r.id for r in fed) if actions_of else ()))
    removed = not evening.get("cards") and any(r.get("card_ids") for r in results.values())
    return MyIdeas(handed_over=handed_over, shared=shared, cards=tuple(cards), removed=removed)


class _Tracer:
    """The group's actions behind each evening result, worked out once per request."""

    def __init__(self, workspace: Mapping[str, Any], board_id: int) -> None:
        copied = {}  # the evening's result id -> the workspace's copy of it
        for result_id, result in items_by_id(workspace.get("results")).items():
            origin = result.get("from") or {}
            if origin.get("board_id") == board_id:
                copied[text_of(origin.get("id"))] = result_id
        self.copied = copied
        graph = StateGraph(workspace)
        actions = items_by_id(workspace.get("actions"))
        self.by_result: dict[str, list[TracedAction]] = {}
        for plan_id, plan in sorted(items_by_id(workspace.get("plans")).items(),
                                    key=lambda kv: id_order(kv[0])):
            chain = provenance_of(plan, graph)
            title = text_of(field_value(plan.get("fields") or {}, "title"))
            traced = [_traced(action_id, actions[action_id], title)
                      for action_id in _plan_actions(plan_id, plan, actions)]
            for node in chain.nodes:
                self.by_result.setdefault(node.id, []).extend(traced)

    def behind(self, evening_result_ids: Any) -> tuple[TracedAction, ...]:
        """The actions behind these evening results, each once, in plan order."""
        found: dict[str, TracedAction] = {}
        for result_id in evening_result_ids:
            for action in self.by_result.get(self.copied.get(result_id, ""), ()):
                found.setdefault(action.id, action)
        return tuple(found.values())


def _plan_actions(plan_id: str, plan: Mapping[str, Any],
                  actions: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """The plan's actions in its order, then any that name the plan but are not listed."""
    listed = [str(i) for i in plan.get("action_ids") or () if str(i) in actions]
    named = [i for i, a in actions.items() if a.get("plan_id") == plan_id and i not in listed]
    return listed + named


def _traced(action_id: str, action: Mapping[str, Any], plan_title: str) -> TracedAction:
    fields = action.get("fields") or {}
    return TracedAction(id=action_id, what=text_of(field_value(fields, "what")),
                        status=text_of(field_value(fields, "status")) or "idee",
                        due=iso_day(field_value(fields, "due")), plan=plan_title)
