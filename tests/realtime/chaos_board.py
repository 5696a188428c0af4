"""What a chaos phone keeps of the board: the part of a snapshot the chaos evening's
commands change, and the events that change it, applied by the rule of
`static/js/socket.js` and the reducers in `static/js/reducers/` (an event only at
`version + 1`).

The copy is compared with a fresh snapshot at the end, so it must hold everything the
evening changed: the step and whether input is open, the cards with their clusters, the
clusters, the votes (round, open, revealed, tallies), the results, the plans and the
actions with every field's value and `v`. Volatile counts (`voters`, `cast`, presence)
and a phone's own marks (`mine`) are left out: no event carries them. An event this copy
does not know is recorded in `unknown` rather than skipped, so the comparison cannot pass
over an event the walk did not expect.
"""
from __future__ import annotations

from typing import Any

Fields = dict[str, tuple[Any, int]]


def fields_of(item: dict) -> Fields:
    return {name: (field["value"], field["v"]) for name, field in item["fields"].items()}


def vote_of(vote: dict) -> tuple:
    return (vote["round"], vote["open"], vote["revealed"], vote.get("tallies"))


def project(state: dict) -> dict:
    """The compared part of a snapshot's `state`."""
    defaults = state.get("card_defaults", {})
    cards = {}
    for shown in state["cards"]:
        card = {**defaults, **shown}
        cards[card["id"]] = (card["step"], card["text"], card["cluster"])
    return {
        "step": state["step"],
        "input_open": state["input_open"],
        "cards": cards,
        "clusters": {k["id"]: (k["step"], k["name"]) for k in state["clusters"]},
        "votes": {step: vote_of(vote) for step, vote in state["votes"].items()},
        "results": {r["id"]: (r["type"], r["title"]) for r in state["results"]},
        "plans": {p["id"]: (fields_of(p), tuple(p["action_ids"])) for p in state["plans"]},
        "actions": {a["id"]: (a["plan_id"], fields_of(a)) for a in state["actions"]},
    }


class BoardCopy:
    """A phone's copy: `version` (None before the first snapshot) and `view`."""

    def __init__(self) -> None:
        self.version: int | None = None
        self.view: dict = {}
        self.unknown: list[str] = []

    def replace(self, snapshot: dict) -> None:
        self.version = snapshot["version"]
        self.view = project(snapshot["state"])

    def apply(self, event: dict) -> str:
        """`applied`, `old` (already in the copy) or `gap` (one is missing before it)."""
        if self.version is None or event["version"] > self.version + 1:
            return "gap"
        if event["version"] <= self.version:
            return "old"
        change = getattr(self, "_" + event["name"], None)
        if change is None:
            self.unknown.append(event["name"])
        else:
            change(event["data"])
        self.version = event["version"]
        return "applied"

    # one method per event the chaos evening makes, named after it

    def _card_added(self, data: dict) -> None:
        card = data["card"]
        self.view["cards"][card["id"]] = (card["step"], card["text"], card.get("cluster"))

    def _input_opened(self, data: dict) -> None:
        self.view["input_open"] = True

    def _input_closed(self, data: dict) -> None:
        self.view["input_open"] = False

    def _step_changed(self, data: dict) -> None:
        self.view["step"], self.view["input_open"] = data["step"], bool(data["input_open"])

    def _cluster_created(self, data: dict) -> None:
        cluster = data["cluster"]
        for gone in data["removed"]:
            self.view["clusters"].pop(gone, None)
        self.view["clusters"][cluster["id"]] = (cluster["step"], cluster["name"])
        for card_id, cluster_id in data["cards"].items():
            step, text, _ = self.view["cards"][card_id]
            self.view["cards"][card_id] = (step, text, cluster_id)

    def _vote_opened(self, data: dict) -> None:
        self.view["votes"][str(data["step"])] = (data["round"], True, False, None)

    def _votes_revealed(self, data: dict) -> None:
        self.view["votes"][str(data["step"])] = (data["round"], False, True, data["tallies"])

    def _results_promoted(self, data: dict) -> None:
        for result in data["results"]:
            self.view["results"][result["id"]] = (result["type"], result["title"])

    def _plan_created(self, data: dict) -> None:
        plan = data["plan"]
        self.view["plans"][plan["id"]] = (fields_of(plan), tuple(plan["action_ids"]))

    def _plan_updated(self, data: dict) -> None:
        fields, action_ids = self.view["plans"][data["plan_id"]]
        fields[data["field"]] = (data["value"], data["v"])

    def _action_added(self, data: dict) -> None:
        action = data["action"]
        self.view["actions"][action["id"]] = (action["plan_id"], fields_of(action))
        fields, action_ids = self.view["plans"][action["plan_id"]]
        if action["id"] not in action_ids:
            self.view["plans"][action["plan_id"]] = (fields, (*action_ids, action["id"]))

    def _action_updated(self, data: dict) -> None:
        plan_id, fields = self.view["actions"][data["action_id"]]
        fields[data["field"]] = (data["value"], data["v"])
