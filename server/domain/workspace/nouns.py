"""The records of a group's plan workspace, as its state keeps them and its events carry
them: the evenings taken in, the copies of their cards, results, plans and actions
(each remembering where it came `from`), the ORID updates on actions, and the group's
years with their evaluation and new meanings.

TypedDicts, because they are JSON documents: the stored shape and the wire stay as they
were, and mypy checks the rules. Each record made by a rule is built by one constructor
here. One floor below the rules and `state.py`, which all read them. The evening's nouns
(`evening/nouns.py`) and the plan's (`plan/nouns.py`) are what these build on.

`from` is a Python keyword, so the records that carry it are spelled in TypedDict's
functional form. Records from a group's plan document (`import_plan`) or from before a
field existed may lack it, hence `NotRequired`.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import NotRequired, TypedDict

from ..evening.nouns import Result
from ..plan.nouns import Action, Plan


class GroupInfo(TypedDict):
    """The group that owns the workspace."""

    id: int | None
    name: str


class CopiedFrom(TypedDict):
    """Where a copied item came from: the evening's board and the item's id there."""

    board_id: int
    id: str


Copied = TypedDict("Copied", {"from": NotRequired[CopiedFrom]})


class EveningEntry(TypedDict):
    """An evening taken in (or listed by an imported document: no board id then)."""

    board_id: int | None
    title: str
    taken_over_at: int | None
    imported: NotRequired[bool]


CardText = TypedDict("CardText", {
    "id": str,
    "text": str,  # empty when its author gave no publication consent (`withheld`)
    "origin": str,
    "from": NotRequired[CopiedFrom],
    "withheld": NotRequired[bool],
    "source": NotRequired[str],  # a data card's: where its figure comes from
})


OpenPoint = TypedDict("OpenPoint", {
    "id": str,
    "text": str,  # empty when its author gave no publication consent (`withheld`)
    "answer": str,  # what the facilitator answered on the evening, if anything
    "origin": str,  # "phone" or "facilitator"
    "from": NotRequired[CopiedFrom],  # an imported document's may lack it
    "withheld": NotRequired[bool],
})
OpenPoint.__doc__ = """A question or remark parked on an evening and marked for later: one
of the plan's open points, for the group to take up (docs/workspace.md)."""


class WorkspaceResult(Result, Copied):
    """An evening's result, renumbered; its cluster stayed behind (`cluster_id` None)."""


class Update(TypedDict):
    """An ORID update on an action: what did we do, what did it bring, what did we learn;
    who wrote it and when."""

    id: str
    did: str
    brought: str
    learned: str
    by: str
    at: int


def new_update(update_id: str, answers: dict[str, str], by: str, at: int) -> Update:
    """An update from checked answers (`did`, `brought`, `learned`)."""
    return {"id": update_id, "did": answers["did"], "brought": answers["brought"],
            "learned": answers["learned"], "by": by, "at": at}


class WorkspacePlan(Plan, Copied):
    """A plan the group follows up, tagged with the year it belongs to."""

    year: int | None


class WorkspaceAction(Action, Copied):
    """An action the group follows up, with its ORID updates (oldest first)."""

    updates: NotRequired[list[Update]]


def workspace_action(action: Action) -> WorkspaceAction:
    """A new action in the workspace: the evening's kind of action, without updates."""
    return {"id": action["id"], "plan_id": action["plan_id"], "fields": action["fields"],
            "updates": []}


Meaning = TypedDict("Meaning", {
    "id": str,
    "year": int,
    "text": str,
    "kind": str,  # "trend" or "force": where next year's evening seeds it
    "by": str,
    "at": int,
    "from": NotRequired[CopiedFrom],  # when an evaluation evening filed it
})


def new_meaning(meaning_id: str, year: int, text: str, kind: str, by: str, at: int,
                copied_from: CopiedFrom | None = None) -> Meaning:
    """A new meaning of `year`; `copied_from` when an evening's hand-over filed it."""
    meaning: Meaning = {"id": meaning_id, "year": year, "text": text, "kind": kind,
                        "by": by, "at": at}
    if copied_from is not None:
        meaning["from"] = copied_from
    return meaning


class Evaluation(TypedDict):
    """A year's evaluation: four answers, who wrote them and when."""

    did: str
    achieved: str
    learned: str
    meaning: str
    by: str
    at: int


def new_evaluation(answers: Mapping[str, str], by: str, at: int) -> Evaluation:
    """An evaluation from its answers (a missing one is empty)."""
    return {"did": answers.get("did", ""), "achieved": answers.get("achieved", ""),
            "learned": answers.get("learned", ""), "meaning": answers.get("meaning", ""),
            "by": by, "at": at}


class Year(TypedDict):
    """What the group set for one year: its phase (1–4) and its evaluation."""

    phase: int | None
    evaluation: Evaluation | None


def new_year() -> Year:
    """A year without a phase or an evaluation yet."""
    return {"phase": None, "evaluation": None}
