"""The process report of an evening, computed from its event log.

The seed asks facilitators for transparent process reports: how long each step took, how
many took part, what was written, what was chosen. The board's event log already holds
all of that (DESIGN §3), so the report is a pure function of the logged events plus the
format's steps, without Flask or SQL, and it can be recomputed at any time.

The parking lot is counted too (how many questions were parked, answered, marked for
later), never their texts: a parked question may name a neighbour.

The report holds counts and decisions only. The stored log does contain participant ids
and author names (inside `card_added`, `authors_shown`), and action owners are names of
people too; none of those ever reach a report, because a report is shared outside the
room and names stay the residents' property (DESIGN §5). Result titles do reach it:
they are what the room decided, written by the facilitator on the wall.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from .report_types import (
    ORIGINS,
    Decision,
    FormatChange,
    LoggedEvent,
    ParkingCount,
    ProcessReport,
    StepPlan,
    StepReport,
    VoteRound,
)

# A board lives on after its evening (plans are edited at home). Changes that come after
# a silence this long belong to later work, not to the evening's report.
EVENING_GAP = timedelta(hours=3)
# What shows that the evening itself began: pacing or a resident's input. Earlier events
# (data cards, a focus) are the facilitator's preparation: counted, but not timed.
STARTERS = ("step_changed", "input_opened", "timer_started")


def _window(events: list[LoggedEvent]) -> tuple[datetime | None, datetime | None, int]:
    """Start, end and how many events came after the evening.

    The evening starts at its first pacing command or resident input, and ends at its last
    event before a silence of EVENING_GAP or more.
    """
    if not events:
        return None, None, 0
    start_at = next((i for i, e in enumerate(events)
                     if e.name in STARTERS or e.actor_role == "participant"), 0)
    last = start_at
    while (last + 1 < len(events)
           and events[last + 1].created_at - events[last].created_at < EVENING_GAP):
        last += 1
    return events[start_at].created_at, events[last].created_at, len(events) - last - 1


class _Tally:
    """Walks the log once, keeping per-item state so that the report shows what the
    evening left: a withdrawn card, a merged-away cluster, a removed action do not count."""

    def __init__(self, plans: Sequence[StepPlan]):
        self.steps = [StepReport(i, p.title, p.minutes) for i, p in enumerate(plans)]
        self.current = 0
        self.cards: dict[str, tuple[int, str]] = {}      # card id -> (step, origin)
        self.hidden: set[str] = set()
        self.writers: dict[str, set[int]] = {}           # participant -> steps written in
        self.clusters: dict[str, int] = {}               # cluster id -> step
        self.results: dict[str, tuple[int, Decision]] = {}
        self.actions: dict[str, int] = {}                # action id -> step it was made in
        self.parked: dict[str, Mapping] = {}             # parked id -> the item as it is now
        self.parked_hidden: set[str] = set()
        self.max_voters = 0
        self.format_changes: list[FormatChange] = []

    def step(self, index: Any) -> StepReport:
        """The report of step `index`; a step the format no longer has gets a bare row."""
        index = index if isinstance(index, int) and index >= 0 else self.current
        while index >= len(self.steps):
            self.steps.append(StepReport(len(self.steps), "", 0))
        return self.steps[index]

    def add(self, event: LoggedEvent) -> None:
        handler = getattr(self, "_" + event.name, None)
        if handler is not None:
            handler(event.data)

    def _card_added(self, data: Mapping) -> None:
        card = data.get("card") or {}
        step, origin = card.get("step", self.current), card.get("origin") or "phone"
        self.cards[str(card.get("id"))] = (step, origin if origin in ORIGINS else "phone")
        if origin == "phone" and card.get("author"):
            self.writers.setdefault(str(card["author"]), set()).add(step)

    def _card_withdrawn(self, data: Mapping) -> None:
        self.cards.pop(str(data.get("card_id")), None)
        self._drop_clusters(data.get("removed"))

    def _card_hidden(self, data: Mapping) -> None:
        self.hidden.add(str(data.get("card_id")))

    def _card_unhidden(self, data: Mapping) -> None:
        self.hidden.discard(str((data.get("card") or {}).get("id")))

    def _step_changed(self, data: Mapping) -> None:
        self.current = data.get("step", self.current)

    def _format_adapted(self, data: Mapping) -> None:
        """What the facilitator changed in the evening's own format; skipped or moved
        steps took their items along (evening/format_changes.py), so the counts so far
        move with them, and each lands under the step it belongs to."""
        for key, fields in (data.get("fields") or {}).items():
            if key == "description":
                self.format_changes.append(FormatChange("", key, fields.get("from"),
                                                        fields.get("to")))
                continue
            for name, change in fields.items():
                self.format_changes.append(FormatChange(key, name, change.get("from"),
                                                        change.get("to")))
        for skipped in data.get("skipped") or ():
            self.format_changes.append(FormatChange(str(skipped.get("key")), "skipped",
                                                    skipped.get("title"), None))
        for added in data.get("added") or ():
            self.format_changes.append(FormatChange(str(added.get("key")), "added", None,
                                                    added.get("title")))
        if data.get("change") == "replaced":
            self.format_changes.append(FormatChange("", "replaced", None, data.get("title")))
        moved = {int(old): new for old, new in (data.get("moved") or {}).items()}
        if moved:
            self._renumber(moved)

    def _renumber(self, moved: dict[int, int]) -> None:
        def up(step: Any) -> Any:
            return moved.get(step, step) if isinstance(step, int) else step
        self.cards = {cid: (up(step), origin) for cid, (step, origin) in self.cards.items()}
        self.clusters = {kid: up(step) for kid, step in self.clusters.items()}
        self.results = {rid: (up(step), d) for rid, (step, d) in self.results.items()}
        self.actions = {aid: up(step) for aid, step in self.actions.items()}
        self.writers = {who: {up(step) for step in steps} for who, steps in self.writers.items()}

    def _cluster_created(self, data: Mapping) -> None:
        cluster = data.get("cluster") or {}
        self.clusters[str(cluster.get("id"))] = cluster.get("step", self.current)
        self._drop_clusters(data.get("removed"))

    _cluster_split = _cluster_created

    def _card_moved(self, data: Mapping) -> None:
        self._drop_clusters(data.get("removed"))

    def _clusters_merged(self, data: Mapping) -> None:
        self._drop_clusters([data.get("cluster_id")])

    def _clustering_undone(self, data: Mapping) -> None:
        for cluster in data.get("clusters") or ():
            self.clusters[str(cluster.get("id"))] = cluster.get("step", self.current)
        self._drop_clusters(data.get("removed"))

    def _drop_clusters(self, ids: Iterable[Any] | None) -> None:
        for cluster_id in ids or ():
            self.clusters.pop(str(cluster_id), None)

    def _votes_revealed(self, data: Mapping) -> None:
        tallies = data.get("tallies") or {}
        voters = int(data.get("voters") or 0)
        self.max_voters = max(self.max_voters, voters)
        self.step(data.get("step")).rounds.append(VoteRound(
            round=int(data.get("round") or 0), voters=voters,
            dots=sum(int(v) for v in tallies.values() if isinstance(v, int))))

    def _results_promoted(self, data: Mapping) -> None:
        for result in data.get("results") or ():
            self._result_updated({"result": result})

    def _result_updated(self, data: Mapping) -> None:
        result = data.get("result") or {}
        self.results[str(result.get("id"))] = (result.get("step", self.current), Decision(
            type=str(result.get("type") or ""), title=str(result.get("title") or ""),
            votes=int(result.get("votes") or 0)))

    def _result_removed(self, data: Mapping) -> None:
        self.results.pop(str(data.get("result_id")), None)

    def _plan_created(self, data: Mapping) -> None:
        self.step(self.current).plans += 1

    def _action_added(self, data: Mapping) -> None:
        self.actions[str((data.get("action") or {}).get("id"))] = self.current

    def _action_removed(self, data: Mapping) -> None:
        self.actions.pop(str(data.get("action_id")), None)

    def _item_parked(self, data: Mapping) -> None:
        item = data.get("parked") or {}
        self.parked[str(item.get("id"))] = item

    _parked_updated = _item_parked  # a hidden item's update is logged whole too

    def _parked_hidden(self, data: Mapping) -> None:
        self.parked_hidden.add(str(data.get("parked_id")))

    def _parked_unhidden(self, data: Mapping) -> None:
        self._item_parked(data)
        self.parked_hidden.discard(str((data.get("parked") or {}).get("id")))

    def parking(self) -> ParkingCount:
        """The parking lot as the evening left it (`ParkingCount`)."""
        items = self.parked.values()
        status = [str(item.get("status") or "") for item in items]
        return ParkingCount(parked=len(self.parked),
                            answered=sum(1 for item in items if item.get("answer")),
                            later=status.count("later"), closed=status.count("closed"),
                            hidden=len(self.parked_hidden & set(self.parked)))

    def finish(self) -> None:
        """Turn the per-item state into the per-step counts."""
        for card_id, (step, origin) in self.cards.items():
            self.step(step).cards[origin] += 1
            self.step(step).hidden += card_id in self.hidden
        for step in self.clusters.values():
            self.step(step).clusters += 1
        for step, decision in self.results.values():
            self.step(step).decisions.append(decision)
        for step in self.actions.values():
            self.step(step).actions += 1
        for steps in self.writers.values():
            for step in steps:
                self.step(step).writers += 1


def _time_steps(tally: _Tally, events: list[LoggedEvent], start: datetime,
                end: datetime) -> None:
    """Add the time between step changes to the step that was on screen; a step visited
    twice adds up. Before the first change the room is on step 0 (a new board's step);
    a step the facilitator only clicked through (no time at all) is no visit."""
    segments: list[tuple[int, timedelta]] = []
    current, since = 0, start
    for event in events:
        if event.name == "step_changed" and start <= event.created_at <= end:
            segments.append((current, event.created_at - since))
            current, since = event.data.get("step", current), event.created_at
    segments.append((current, end - since))
    spent: dict[int, timedelta] = {}
    previous = None
    for n, (step, time) in enumerate(segments):
        if not time and n < len(segments) - 1:
            continue
        spent[step] = spent.get(step, timedelta()) + time
        tally.step(step).visits += step != previous
        previous = step
    for step, time in spent.items():
        tally.step(step).seconds = round(time.total_seconds())


def process_report(events: Iterable[LoggedEvent], steps: Sequence[StepPlan],
                   known_participants: int = 0) -> ProcessReport:
    """The report of one evening from its log.

    Phones that took part are counted from the participant ids stored with each card, and
    from each revealed vote round's number of voters (ballots are never logged, so a phone
    that only voted is seen only through that number). When the log cannot tell (an old
    log without ids), `known_participants` — the distinct card authors and voters the
    board's state still knows — is the count. The result is the largest of these.
    """
    ordered = sorted(events, key=lambda e: e.version)
    start, end, later = _window(ordered)
    kept = ordered[:len(ordered) - later]
    tally = _Tally(steps)
    for event in kept:
        tally.add(event)
    tally.finish()
    if start is not None and end is not None:
        _time_steps(tally, kept, start, end)
    phones = max(len(tally.writers), tally.max_voters, known_participants)
    return ProcessReport(date=start.date() if start else None, start=start, end=end,
                         phones=phones, steps=tuple(tally.steps), later_changes=later,
                         parking=tally.parking(),
                         format_changes=tuple(tally.format_changes))
