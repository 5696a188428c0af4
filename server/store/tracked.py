"""Containers that note which item of a live state a change went to (`store/changes.py`).

A live state's collections are `TrackedCollection`s and every dict and list inside their
items a `TrackedDict` / `TrackedList`: subclasses of the built-ins whose changing methods
note the item they belong to as touched, in one `Marks` per state. Reading costs nothing
extra (reads are the built-in ones); only changes pass through Python, so a command that
changes one card of 5,000 is found without looking at the other 4,999. The rules stay
plain Python and never know. Each override is one explicit line on purpose: every way a
dict or list can change is listed where a reader (and mypy) sees it.
"""
from __future__ import annotations

from typing import Any

Key = tuple[str, str]  # (collection, item key)


class Marks:
    """What changed in one live state since its last write."""

    __slots__ = ("touched", "appended")

    def __init__(self) -> None:
        self.touched: set[Key] = set()
        self.appended: dict[Key, None] = {}  # keys (re)inserted, in insertion order


class TrackedDict(dict):
    """A dict inside an item: any change notes the item as touched."""

    __slots__ = ("_marks", "_key")

    def __init__(self, marks: Marks, key: Key, data: Any = ()) -> None:
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

    def __init__(self, marks: Marks, key: Key, data: Any = ()) -> None:
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

    def __init__(self, marks: Marks, name: str) -> None:
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


def tracked(value: Any, marks: Marks, key: Key) -> Any:
    """`value` with every dict and list in it tracked as part of the item `key`.
    Containers tracked already (for this item) are kept and only looked into, so a vote
    whose one ballot changed is not rebuilt with all its other ballots."""
    if isinstance(value, (TrackedDict, TrackedList)) and value._key == key \
            and value._marks is marks:
        pairs = value.items() if isinstance(value, dict) else enumerate(value)
        for k, v in list(pairs):
            if isinstance(v, (dict, list)):
                again = tracked(v, marks, key)
                if again is not v:  # put in place without noting the item again
                    if isinstance(value, dict):
                        dict.__setitem__(value, k, again)
                    else:
                        list.__setitem__(value, k, again)
        return value
    if isinstance(value, dict):
        return TrackedDict(marks, key, {k: tracked(v, marks, key) for k, v in value.items()})
    if isinstance(value, list):
        return TrackedList(marks, key, [tracked(v, marks, key) for v in value])
    return value
