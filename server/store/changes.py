"""Which items of a live state the rules changed, found without looking at the others.

A command on a 5,000-card board changes one card; finding that card by comparing every
item with a copy cost 2–5 ms, more than the whole command on an empty board
(docs/performance.md). So the live state's collections and every container inside their
items are *tracked* (`store/tracked.py`): on any change they note the item they belong
to. `ItemTracker` turns those notes into what one write stores.

What the tracking cannot see is a change through a container that was put into the state
during this command (a new card, a list assigned into a card): that item is touched
already, because putting it there was a tracked change. After each write every touched
item is tracked anew, deep, so the next command's changes are seen too. A whole
collection replaced (`state.cards = {...}`) is seen by identity and written whole.

`ItemTracker(check=True)` (the test suite's setting) also compares every item with what
was written last, and raises when one changed without being noted: the whole suite
proves that no rule changes an item behind the tracking's back.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .tracked import Key, Marks, TrackedCollection, tracked


@dataclass
class ItemChanges:
    """What one write stores: the head, and the items to insert (at their positions),
    update, and delete."""

    head: dict
    inserts: list[tuple[str, str, int, Any]] = field(default_factory=list)
    updates: list[tuple[str, str, Any]] = field(default_factory=list)
    deletes: list[Key] = field(default_factory=list)


class ItemTracker:
    """For one live state: its tracked collections, which of their items are stored, and
    the next free position. Made when the state is loaded; used by every write after."""

    def __init__(self, state: Any, names: Iterable[str], stored: set[Key],
                 next_position: int, check: bool = False) -> None:
        self._marks = Marks()
        self._stored = stored
        self._next_position = next_position
        self._collections: dict[str, TrackedCollection] = {}
        self._check: dict[Key, str] | None = None
        for name in names:
            self._track_collection(state, name)
        if check:
            self._check = self._written(state)

    def changes(self, state: Any, document: dict) -> ItemChanges:
        """What to write for `document` (the state's document, after a command), and
        the state made ready for the next command: its touched items tracked anew."""
        if self._check is not None:
            self._verify(document)
        head: dict = {}
        changes = ItemChanges(head)
        for name, value in document.items():
            collection = self._collections.get(name)
            if collection is None:
                head[name] = value
            elif value is collection:
                head[name] = {}
            else:  # replaced whole: every stored item of it goes, every present one comes
                head[name] = {} if isinstance(value, dict) else value
                self._replaced(name, value, changes)
                if isinstance(value, dict):
                    self._track_collection(state, name)
        self._touched_items(changes)
        if self._check is not None:
            self._check = self._written(state)
        return changes

    def _touched_items(self, changes: ItemChanges) -> None:
        marks = self._marks
        appended = marks.appended
        for key in marks.touched - appended.keys():
            name, item_key = key
            collection = self._collections[name]
            if item_key in collection:
                changes.updates.append((name, item_key, collection[item_key]))
                self._retrack(key)
            elif key in self._stored:
                changes.deletes.append(key)
                self._stored.discard(key)
        for key in appended:  # inserted, in order: new, or moved to the end
            name, item_key = key
            collection = self._collections[name]
            if item_key not in collection:
                if key in self._stored:
                    changes.deletes.append(key)
                    self._stored.discard(key)
                continue
            if key in self._stored:
                changes.deletes.append(key)
            changes.inserts.append((name, item_key, self._next_position,
                                    collection[item_key]))
            self._next_position += 1
            self._stored.add(key)
            self._retrack(key)
        marks.touched.clear()
        appended.clear()

    def _replaced(self, name: str, value: Any, changes: ItemChanges) -> None:
        """A collection assigned anew: delete what is stored of it, insert what it holds."""
        gone = [key for key in self._stored if key[0] == name]
        changes.deletes.extend(gone)
        self._stored.difference_update(gone)
        self._marks.touched = {k for k in self._marks.touched if k[0] != name}
        for key in [k for k in self._marks.appended if k[0] == name]:
            del self._marks.appended[key]
        self._collections.pop(name, None)
        if not isinstance(value, dict):
            return
        for item_key, item in value.items():
            changes.inserts.append((name, item_key, self._next_position, item))
            self._next_position += 1
            self._stored.add((name, item_key))

    def _track_collection(self, state: Any, name: str) -> None:
        plain = getattr(state, name)
        if not isinstance(plain, dict):
            return
        collection = TrackedCollection(self._marks, name)
        for key, item in plain.items():
            dict.__setitem__(collection, key, tracked(item, self._marks, (name, key)))
        setattr(state, name, collection)
        self._collections[name] = collection

    def _retrack(self, key: Key) -> None:
        collection = self._collections[key[0]]
        dict.__setitem__(collection, key[1],
                         tracked(collection[key[1]], self._marks, key))

    def _written(self, state: Any) -> dict[Key, str]:
        return {(name, key): json.dumps(item) for name, collection in self._collections.items()
                for key, item in collection.items()}

    def _verify(self, document: dict) -> None:
        """Raise when an item changed without being noted (the test suite's check)."""
        assert self._check is not None
        noted = self._marks.touched | self._marks.appended.keys()
        for name, collection in self._collections.items():
            if document.get(name) is not collection:
                continue
            now = {(name, key) for key in collection}
            was = {key for key in self._check if key[0] == name}
            for key in (now | was) - noted:
                before = self._check.get(key)
                after = json.dumps(collection[key[1]]) if key in now else None
                if before != after:
                    raise AssertionError(f"item {key} changed without being tracked")
