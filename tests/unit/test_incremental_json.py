"""A state document rendered incrementally (server/store/documents.py) always reads back
as the document itself, whatever the rules changed since the last render."""
from __future__ import annotations

import json

from server.store.documents import IncrementalJson, RenderedDocument, to_json


def read_back(rendered: RenderedDocument) -> dict:
    return json.loads(to_json(rendered))


def test_every_kind_of_change_reads_back_as_the_document():
    doc = {"step": 0, "cards": {"c1": {"text": "a", "tags": [1]}, "c2": {"text": "b"}},
           "timer": {"running": False}, "focus": None, "plans": {}}
    rendering = IncrementalJson()
    changes = [
        lambda d: d["cards"].__setitem__("c3", {"text": "c"}),        # added
        lambda d: d["cards"]["c1"]["tags"].append(2),                 # changed deep inside
        lambda d: d["cards"].pop("c2"),                               # removed
        lambda d: d["cards"].__setitem__("c1", d["cards"].pop("c1")),  # moved to the end
        lambda d: d.__setitem__("step", 2),                           # a plain field
        lambda d: d["timer"].__setitem__("running", True),
        lambda d: d["plans"].__setitem__("p4", {"fields": {"a": "é"}}),
        lambda d: d.__setitem__("cards", {}),                         # replaced
    ]
    assert read_back(rendering.render(doc)) == doc
    for change in changes:
        change(doc)
        rendered = rendering.render(doc)
        assert to_json(rendered) == json.dumps(doc)  # byte for byte what was stored before
        assert dict(rendered) == doc  # readers in the transaction see the document


def test_keys_that_are_not_strings_are_written_as_json_writes_them():
    doc = {"votes": {1: {"open": True}}}
    assert to_json(IncrementalJson().render(doc)) == json.dumps(doc)


def test_anything_else_is_serialised_as_before():
    assert to_json({"a": [1, 2]}) == json.dumps({"a": [1, 2]})
