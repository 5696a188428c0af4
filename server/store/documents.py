"""Writing a board's state document without serialising again what did not change.

The store keeps a board's state as one JSON document (`boards.state`), and every reader
(pages, reports, export, retention, the tests) reads it whole, so the document stays.
What grows with the board is serialising it: at 5,000 cards `json.dumps` of the 1.5 MB
document was most of a command's CPU (docs/performance.md). `IncrementalJson` keeps,
for one live state, the JSON text of every item of its collections (the top-level dicts:
cards, clusters, votes, …) next to a copy of the item as it was written; the next
render serialises only the items that differ from their copy and joins the rest. The
engines' `json_serializer` (`to_json`, server/db.py) writes a `RenderedDocument`'s text
as it is, and anything else through `json.dumps` as before.
"""
from __future__ import annotations

import json
from itertools import compress, repeat
from operator import ne
from typing import Any


class RenderedDocument(dict):
    """A state document (shallow, sharing the live items) with its JSON text already
    made: readers in the same transaction see the dict, the engine writes the text."""

    __slots__ = ("text",)

    def __init__(self, document: dict, text: str) -> None:
        super().__init__(document)
        self.text = text


def to_json(value: Any) -> str:
    """The engines' JSON serialiser: a rendered document's own text, else json.dumps."""
    if isinstance(value, RenderedDocument):
        return value.text
    return json.dumps(value)


class IncrementalJson:
    """The JSON text of one live state's document, remade only where it changed.

    An item counts as unchanged when it is `==` to the copy kept of it when its text was
    made. Python's `==` calls `1`, `1.0` and `True` equal, so a rule that turned one into
    another without any other change would keep the old spelling; the rules never do
    (flags are booleans from the start, counts integers).
    """

    def __init__(self) -> None:
        self._copies: dict[str, dict[str, Any]] = {}
        self._texts: dict[str, dict[str, str]] = {}
        self._keys: dict[str, list[str]] = {}
        self._joined: dict[str, str] = {}

    def render(self, document: dict) -> RenderedDocument:
        parts = []
        for name, value in document.items():
            if isinstance(value, dict):
                body = self._collection(name, value)
            else:
                body = json.dumps(value)
            parts.append(f"{json.dumps(name)}: {body}")
        return RenderedDocument(document, "{" + ", ".join(parts) + "}")

    def _collection(self, name: str, items: dict) -> str:
        """The JSON text of one collection. Finding what changed is done by C loops
        (`map`, `compress`), never a Python loop over every item: that loop alone cost
        more than a millisecond at 5,000 cards."""
        keys = list(items)
        if not all(map(isinstance, keys, repeat(str))):  # json.dumps makes them strings
            self._forget(name)
            return json.dumps(items)
        copies = self._copies.setdefault(name, {})
        texts = self._texts.setdefault(name, {})
        olds = map(copies.get, keys, repeat(_MISSING))
        changed = list(compress(keys, map(ne, items.values(), olds)))
        if not changed and keys == self._keys.get(name):
            return self._joined[name]
        for key in changed:
            text = json.dumps(items[key])
            copies[key], texts[key] = json.loads(text), f"{json.dumps(key)}: {text}"
        if len(copies) != len(keys):  # some were removed
            for gone in copies.keys() - set(keys):
                del copies[gone], texts[gone]
        joined = "{" + ", ".join(map(texts.__getitem__, keys)) + "}"
        self._keys[name], self._joined[name] = keys, joined
        return joined

    def _forget(self, name: str) -> None:
        for kept in (self._copies, self._texts, self._keys, self._joined):
            kept.pop(name, None)


_MISSING = object()
