"""The chaos evening's walk: the strategies step (cards, then a hidden vote) and the
action step (plan edits) of `participatory-planning`, each phase under the site's
disruptions, then the checks, and the figures it prints.

1. cards: every phone writes up to its step's 6 cards;
2. votes: the facilitator clusters the cards in five and opens the vote; every phone
   casts a few ballots (set semantics: the last one counts);
3. plans: the five clusters become strategies and plans; every phone adds its own
   action and edits it (its edits name the previous one's `v` as base), and edits the
   shared plans' fields, where two residents may meet (`superseded`).
After each phase the room settles; at the end every phone's board must equal a fresh
snapshot, the revealed tallies the phones' last ballots, and `chaos_checks.audit` finds
nothing lost, doubled or wrongly refused.
"""
from __future__ import annotations

import random
import time
from collections import Counter
from dataclasses import dataclass, field

from tests.realtime.chaos_checks import Audit, StoredBoard, audit
from tests.realtime.chaos_clients import ChaosPhone
from tests.realtime.chaos_outbox import Ledger
from tests.realtime.chaos_room import ChaosRoom, Facilitator
from tests.realtime.chaos_servers import Disruption

STRATEGIES, ACTIONS = 4, 5  # the steps of participatory-planning, from 0
CARDS_EACH = 6  # the strategies step's cards.max_per_participant
CLUSTERS = 5
ROUND = 1
BUDGET, MAX_PER_ITEM = 3, 2
PLAN_FIELDS = ("goal", "involved", "notes")
ACTION_FIELDS = ("owner", "helpers", "partners", "money_source")
ALLOWED_REFUSALS = {"update_plan": {"superseded"}}


@dataclass
class Pacing:
    """How long each phase runs and how often things go wrong in it."""
    cards_seconds: float = 12
    votes_seconds: float = 6
    plans_seconds: float = 10
    pace: float = 1.8  # mean seconds between one phone's commands
    cards_each: int = CARDS_EACH
    ballots_each: int = 3
    edits_each: int = 7  # the action, its edits and the plan edits
    settle_seconds: float = 45
    drops_per_second: float = 1.5
    reloads_per_phase: int = 3


@dataclass
class Disruptions:
    """The site's disruptions, per phase."""
    cards: list[Disruption] = field(default_factory=list)
    votes: list[Disruption] = field(default_factory=list)
    plans: list[Disruption] = field(default_factory=list)


class ChaosEvening:
    def __init__(self, room: ChaosRoom, facilitator: Facilitator, board: StoredBoard,
                 rng: random.Random, pacing: Pacing) -> None:
        self.room, self.facilitator, self.board = room, facilitator, board
        self.rng, self.pacing = rng, pacing
        self.made: Counter[int] = Counter()  # commands a phone made in this phase
        self.last_ballot: dict[int, dict[str, int]] = {}
        self.items: list[str] = []
        self.plans: list[str] = []
        self.action_of: dict[str, str] = {}  # phone name -> its action's id, once acked
        self.edits: Counter[tuple[int, str]] = Counter()  # (phone, field) -> edits made
        self.settled: list[float] = []

    def on_answer(self, phone: ChaosPhone, entry: dict, ack: dict) -> None:
        """The resident's screen learns its new action's id from the ack."""
        if entry["name"] == "add_action" and ack["ok"]:
            self.action_of[phone.name] = ack["result"]["action_id"]

    def run(self, disruptions: Disruptions) -> None:
        p = self.pacing
        self.facilitator.run(("go_to_step", {"step": STRATEGIES}), ("open_input", {}))
        self._phase(p.cards_seconds, self._card, disruptions.cards)
        self._cluster_and_open_vote()
        self._phase(p.votes_seconds, self._ballot, disruptions.votes)
        self._reveal_and_plan()
        self._phase(p.plans_seconds, self._plan_edit, disruptions.plans)

    def _phase(self, seconds, next_command, disruptions: list[Disruption]) -> None:
        self.made.clear()
        p = self.pacing
        self.room.drive(seconds, p.pace, next_command, disruptions, p.drops_per_second,
                        p.reloads_per_phase)
        self.settled.append(self.room.settle(self.board.version, p.settle_seconds))
        print(f"phase done: drive {seconds} s, settled in {self.settled[-1]:.1f} s, at "
              f"{time.strftime('%X')}", flush=True)

    # what the phones make

    def _card(self, i: int, phone: ChaosPhone) -> tuple[str, dict] | None:
        if self.made[i] >= self.pacing.cards_each:
            return None
        self.made[i] += 1
        return "add_card", {"text": f"Idee {self.made[i]} van bewoner {i}"}

    def _ballot(self, i: int, phone: ChaosPhone) -> tuple[str, dict] | None:
        if self.made[i] >= self.pacing.ballots_each:
            return None
        self.made[i] += 1
        ballot: Counter[str] = Counter()
        for _ in range(self.rng.randint(0, BUDGET)):
            item = self.rng.choice(self.items)
            if ballot[item] < MAX_PER_ITEM:
                ballot[item] += 1
        self.last_ballot[i] = dict(ballot)
        return "cast_votes", {"votes": dict(ballot), "round": ROUND}

    def _plan_edit(self, i: int, phone: ChaosPhone) -> tuple[str, dict] | None:
        if self.made[i] >= self.pacing.edits_each:
            return None
        self.made[i] += 1
        if self.made[i] == 1:
            return "add_action", {"plan_id": self.plans[i % CLUSTERS],
                                  "fields": {"what": f"Actie van bewoner {i}"}}
        action_id = self.action_of.get(phone.name)
        if action_id is None or self.rng.random() < 0.3:
            plan_id, name = self.rng.choice(self.plans), self.rng.choice(PLAN_FIELDS)
            plans = phone.seen()[1].get("plans", {})
            if plan_id not in plans:
                return None
            base = plans[plan_id][0][name][1]  # the v this screen shows
            return "update_plan", {"plan_id": plan_id, "field": name, "base": base,
                                   "value": f"{name} volgens bewoner {i} ({self.made[i]})"}
        name = self.rng.choice(ACTION_FIELDS)
        base = self.edits[(i, name)]  # only this phone edits its action
        self.edits[(i, name)] += 1
        return "update_action", {"action_id": action_id, "field": name, "base": base,
                                 "value": f"{name} {i}.{self.made[i]}"}

    # what the facilitator does between the phases

    def fresh(self) -> tuple[int, dict]:
        """A fresh snapshot, as a new socket of the first resident gets it."""
        phone = ChaosPhone("fresh", self.room.phones[0].token,
                           self.room.tmp_path / "fresh-outbox.json", Ledger())
        assert phone.connect(self.room.site.base_for(0))
        deadline = time.monotonic() + 10
        while phone.seen()[0] is None and time.monotonic() < deadline:
            time.sleep(0.02)
        seen = phone.seen()
        phone.drop()
        return seen[0], seen[1]

    def _cluster_and_open_vote(self) -> None:
        _, view = self.fresh()
        cards = sorted((c for c, (step, _, _) in view["cards"].items() if step == STRATEGIES),
                       key=lambda c: int(c[1:]))
        groups = [cards[k::CLUSTERS] for k in range(CLUSTERS)]
        self.facilitator.run(("close_input", {}), *[
            ("create_cluster", {"card_ids": group, "name": f"Strategie {k + 1}"})
            for k, group in enumerate(groups)])
        self.facilitator.run(("open_vote", {}))
        self.items = self._clusters()

    def _clusters(self) -> list[str]:
        _, view = self.fresh()
        return sorted(k for k, (step, _) in view["clusters"].items() if step == STRATEGIES)

    def _reveal_and_plan(self) -> None:
        self.facilitator.run(("reveal_votes", {}), ("promote_clusters",
                                                    {"cluster_ids": self.items}))
        _, view = self.fresh()
        results = sorted(r for r, (kind, _) in view["results"].items() if kind == "strategy")
        acks = self.facilitator.run(("go_to_step", {"step": ACTIONS}), *[
            ("create_plan", {"source_id": r}) for r in results], ("open_input", {}))
        self.plans = [ack["result"]["plan_id"] for ack in acks[1:-1]]

    # after the evening

    def expected_tallies(self) -> dict[str, int]:
        tallies = dict.fromkeys(self.items, 0)
        for ballot in self.last_ballot.values():
            for item, dots in ballot.items():
                tallies[item] += dots
        return tallies

    def check(self) -> tuple[Audit, list[str]]:
        """The audit of the database, and what else is wrong (boards, tallies)."""
        found = audit(self.room.ledger, self.board, ALLOWED_REFUSALS)
        problems = []
        version, view = self.fresh()
        if version != found.version:
            problems.append(f"a fresh snapshot is on {version}, the database on "
                            f"{found.version}")
        for phone in self.room.phones:
            if phone.seen() != (version, view):
                problems.append(f"{phone.name}'s board differs from a fresh snapshot")
            if phone.board.unknown:
                problems.append(f"{phone.name} got events the copy does not know: "
                                f"{phone.board.unknown}")
        revealed = view["votes"][str(STRATEGIES)][3]
        if {k: revealed.get(k, 0) for k in self.items} != self.expected_tallies():
            problems.append(f"tallies {revealed} != the last ballots' "
                            f"{self.expected_tallies()}")
        return found, problems
