"""What `ItemTracker` says to write (server/store/changes.py), applied to stored rows,
always reads back as the state's document, whatever the rules changed; and the check the
test suite runs catches a change the tracking could not see."""
from __future__ import annotations

import json
from dataclasses import dataclass, field, fields

import pytest

from server.models import assemble_document, split_document
from server.store.changes import ItemChanges, ItemTracker


@dataclass
class Trial:
    """A state shaped like the real ones: plain fields and collections of items."""

    ITEMS = ("cards", "plans")
    step: int = 0
    timer: dict = field(default_factory=lambda: {"running": False})
    cards: dict = field(default_factory=dict)
    plans: dict = field(default_factory=dict)

    def document(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


class Rows:
    """The `board_items` table and the head column, in memory."""

    def __init__(self, document: dict) -> None:
        self.head, items = split_document(document)
        self.rows = {(c, k): (n, json.dumps(item)) for n, (c, k, item) in enumerate(items)}

    def apply(self, changes: ItemChanges) -> None:
        for key in changes.deletes:
            del self.rows[key]
        for c, k, item in changes.updates:
            self.rows[(c, k)] = (self.rows[(c, k)][0], json.dumps(item))
        for c, k, position, item in changes.inserts:
            assert (c, k) not in self.rows
            self.rows[(c, k)] = (position, json.dumps(item))
        self.head = json.loads(json.dumps(changes.head))

    def document(self) -> dict:
        ordered = sorted(self.rows.items(), key=lambda row: row[1][0])
        return assemble_document(self.head, ((c, k, json.loads(body))
                                             for (c, k), (_n, body) in ordered))


def start() -> tuple[Trial, ItemTracker, Rows]:
    state = Trial(cards={"c1": {"text": "a", "tags": [1]}, "c2": {"text": "b"}},
                  plans={"p1": {"fields": {"what": {"value": "x"}}}})
    rows = Rows(state.document())
    tracker = ItemTracker(state, Trial.ITEMS, set(rows.rows), len(rows.rows), check=True)
    return state, tracker, rows


CHANGES = {
    "added": lambda s: s.cards.__setitem__("c3", {"text": "c"}),
    "changed deep inside": lambda s: s.cards["c1"]["tags"].append(2),
    "a nested dict changed": lambda s: s.plans["p1"]["fields"]["what"].update(value="y"),
    "removed": lambda s: s.cards.pop("c2"),
    "moved to the end": lambda s: s.cards.__setitem__("c1", s.cards.pop("c1")),
    "a plain field": lambda s: setattr(s, "step", 2),
    "the timer": lambda s: s.timer.__setitem__("running", True),
    "setdefault of a new item": lambda s: s.plans.setdefault("p2", {"fields": {}}),
    "a list assigned, then changed": lambda s: (s.cards["c1"].__setitem__("tags", []),
                                                s.cards["c1"]["tags"].append(5)),
    "removed with del": lambda s: s.cards.__delitem__("c1"),
    "replaced whole": lambda s: setattr(s, "cards", {"c9": {"text": "new"}}),
    "cleared": lambda s: s.plans.clear(),
}


@pytest.mark.parametrize("name", CHANGES)
def test_each_change_reads_back_as_the_document(name):
    state, tracker, rows = start()
    CHANGES[name](state)
    rows.apply(tracker.changes(state, state.document()))
    assert rows.document() == state.document()
    assert list(rows.document()["cards"]) == list(state.cards)  # the order too


def test_changes_one_after_another_read_back_every_time():
    state, tracker, rows = start()
    for change in CHANGES.values():
        change(state)
        rows.apply(tracker.changes(state, state.document()))
        assert rows.document() == state.document()
        assert list(rows.document()["cards"]) == list(state.cards)
    # a change after the collection was replaced whole is tracked as well
    state.cards["c9"]["text"] = "again"
    rows.apply(tracker.changes(state, state.document()))
    assert rows.document()["cards"]["c9"]["text"] == "again"


def test_a_command_writes_only_what_it_touched():
    state, tracker, _rows = start()
    state.cards["c1"]["text"] = "changed"
    changes = tracker.changes(state, state.document())
    assert [(c, k) for c, k, _item in changes.updates] == [("cards", "c1")]
    assert changes.inserts == [] and changes.deletes == []
    assert tracker.changes(state, state.document()).updates == []  # nothing new since


def test_the_suites_check_catches_a_change_made_behind_the_tracking():
    state, tracker, _rows = start()
    dict.__setitem__(state.cards["c1"], "text", "unseen")  # what no rule may do
    with pytest.raises(AssertionError, match="without being tracked"):
        tracker.changes(state, state.document())
