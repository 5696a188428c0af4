"""Which items of a live state the rules changed, found without looking at the others.

A command on a 5,000-card board changes one card; finding that card by comparing every
item with a copy cost 2–5 ms, more than the whole command on an empty board
(docs/performance.md). So the live state's collections and every container inside their
items are *tracked*: `dict` and `list` subclasses that, on any change made through them,
note the item they belong to as touched. Reading costs nothing extra (reads are the
built-in ones); only changes pass through Python. The rules stay plain Python and never
know: they change dicts and lists as before.

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

Key = tuple[str, str]  # (collection, item key)


class _Marks:
    """What changed in one live state since its last write."""

    __slots__ = ("touched", "appended")

    def __init__(self) -> None:
        self.touched: set[Key] = set()
        self.appended: dict[Key, None] = {}  # keys (re)inserted, in insertion order


class TrackedDict(dict):
    """A dict inside an item: any change notes the item as touched."""

    __slots__ = ("_marks", "_key")

    def __init__(self, marks: _Marks, key: Key, data: Any = ()) -> None:
        super().__init__(data)
        self._marks, self._key = marks, key

    def _touch(self) -> None:
        self._marks.touched.add(self._key)

    def __setitem__(self, key, value):
        self._touch()
        super().__setitem__(key, value)

    def __delitem__(self, key):
        self._touch()
        super().__delitem__(key)

    def __ior__(self, other):  # type: ignore[misc]
        self._touch()
        return super().__ior__(other)

    def pop(self, *args):
        self._touch()
        return super().pop(*args)

    def popitem(self):
        self._touch()
        return super().popitem()

    def setdefault(self, key, default=None):
        self._touch()
        return super().setdefault(key, default)

    def update(self, *args, **kwargs):
        self._touch()
        super().update(*args, **kwargs)

    def clear(self):
        self._touch()
        super().clear()


class TrackedList(list):
    """A list inside an item (or an item that is a list): any change notes the item."""

    __slots__ = ("_marks", "_key")

    def __init__(self, marks: _Marks, key: Key, data: Any = ()) -> None:
        super().__init__(data)
        self._marks, self._key = marks, key

    def _touch(self) -> None:
        self._marks.touched.add(self._key)

    def __setitem__(self, index, value):
        self._touch()
        super().__setitem__(index, value)

    def __delitem__(self, index):
        self._touch()
        super().__delitem__(index)

    def __iadd__(self, other):  # type: ignore[misc]
        self._touch()
        return super().__iadd__(other)

    def __imul__(self, times):  # type: ignore[misc]
        self._touch()
        return super().__imul__(times)

    def append(self, value):
        self._touch()
        super().append(value)

    def extend(self, values):
        self._touch()
        super().extend(values)

    def insert(self, index, value):
        self._touch()
        super().insert(index, value)

    def pop(self, *args):
        self._touch()
        return super().pop(*args)

    def remove(self, value):
        self._touch()
        super().remove(value)

    def clear(self):
        self._touch()
        super().clear()

    def sort(self, *args, **kwargs):
        self._touch()
        super().sort(*args, **kwargs)

    def reverse(self):
        self._touch()
        super().reverse()


class TrackedCollection(dict):
    """A collection of items (cards, clusters, …): a change of an entry notes its key;
    a key inserted (new, or again after its removal) goes to the end of the order."""

    __slots__ = ("_marks", "_name")

    def __init__(self, marks: _Marks, name: str) -> None:
        super().__init__()
        self._marks, self._name = marks, name

    def _touch(self, key) -> None:
        self._marks.touched.add((self._name, key))

    def _insert(self, key) -> None:
        self._touch(key)
        if key not in self:
            appended = self._marks.appended
            appended.pop((self._name, key), None)
            appended[(self._name, key)] = None

    def __setitem__(self, key, value):
        self._insert(key)
        super().__setitem__(key, value)

    def __delitem__(self, key):
        self._touch(key)
        super().__delitem__(key)

    def __ior__(self, other):  # type: ignore[misc]
        self.update(other)
        return self

    def pop(self, key, *default):
        self._touch(key)
        return super().pop(key, *default)

    def popitem(self):
        key, value = super().popitem()
        self._touch(key)
        return key, value

    def setdefault(self, key, default=None):
        self._insert(key)
        return super().setdefault(key, default)

    def update(self, *args, **kwargs):
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def clear(self):
        for key in self:
            self._touch(key)
        super().clear()


def _tracked(value: Any, marks: _Marks, key: Key) -> Any:
    """`value` with every dict and list in it tracked as part of the item `key`.
    Containers tracked already (for this item) are kept and only looked into, so a vote
    whose one ballot changed is not rebuilt with all its other ballots."""
    if isinstance(value, (TrackedDict, TrackedList)) and value._key == key \
            and value._marks is marks:
        pairs = value.items() if isinstance(value, dict) else enumerate(value)
        for k, v in list(pairs):
            if isinstance(v, (dict, list)):
                again = _tracked(v, marks, key)
                if again is not v:  # put in place without noting the item again
                    if isinstance(value, dict):
                        dict.__setitem__(value, k, again)
                    else:
                        list.__setitem__(value, k, again)
        return value
    if isinstance(value, dict):
        return TrackedDict(marks, key, {k: _tracked(v, marks, key) for k, v in value.items()})
    if isinstance(value, list):
        return TrackedList(marks, key, [_tracked(v, marks, key) for v in value])
    return value


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
        self._marks = _Marks()
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
            dict.__setitem__(collection, key, _tracked(item, self._marks, (name, key)))
        setattr(state, name, collection)
        self._collections[name] = collection

    def _retrack(self, key: Key) -> None:
        collection = self._collections[key[0]]
        dict.__setitem__(collection, key[1],
                         _tracked(collection[key[1]], self._marks, key))

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
