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
        copies = self._copies.get(name)
        if copies is not None and items == copies and list(items) == list(copies):
            return self._joined[name]  # nothing in it changed: no Python loop at all
        old_copies, old_texts = copies or {}, self._texts.get(name, {})
        new_copies: dict[str, Any] = {}
        new_texts: dict[str, str] = {}
        missing = object()
        for key, item in items.items():
            if not isinstance(key, str):  # json.dumps would turn it into a string key
                self._copies.pop(name, None)
                return json.dumps(items)
            copy = old_copies.get(key, missing)
            if copy is missing or copy != item:
                text = json.dumps(item)
                copy = json.loads(text)
                new_texts[key] = f"{json.dumps(key)}: {text}"
            else:
                new_texts[key] = old_texts[key]
            new_copies[key] = copy
        joined = "{" + ", ".join(new_texts.values()) + "}"
        self._copies[name], self._texts[name], self._joined[name] = (new_copies, new_texts,
                                                                     joined)
        return joined
