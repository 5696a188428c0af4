"""The state of a resident group's plan workspace, as the rules change it and the store
keeps it (a JSON document): the evenings handed over, their results, card texts, plans
and actions, and the group's years (phases, evaluations, meanings).

Like an evening's state it keeps items in dicts keyed by id, in creation order, and takes
every id from one counter (`r`, `c`, `p`, `a` as on an evening; `u` for an action's
updates, `m` for meanings, `o` for open points), so an id never comes back.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import ClassVar

from ..evening.state import CountedIds, json_copy
from .nouns import (
    CardText,
    EveningEntry,
    GroupInfo,
    Meaning,
    OpenPoint,
    WorkspaceAction,
    WorkspacePlan,
    WorkspaceResult,
    Year,
)


@dataclass
class WorkspaceState(CountedIds):
    """One group's plans after the evenings, followed up by its members."""

    # stored one item per row, like an evening's (WorkshopState.ITEMS)
    ITEMS: ClassVar[tuple[str, ...]] = ("results", "cards", "plans", "actions", "years",
                                        "meanings", "open_points")

    group: GroupInfo = field(default_factory=lambda: GroupInfo(id=None, name=""))
    evenings: list[EveningEntry] = field(default_factory=list)
    results: dict[str, WorkspaceResult] = field(default_factory=dict)
    cards: dict[str, CardText] = field(default_factory=dict)
    plans: dict[str, WorkspacePlan] = field(default_factory=dict)
    actions: dict[str, WorkspaceAction] = field(default_factory=dict)
    years: dict[str, Year] = field(default_factory=dict)
    meanings: dict[str, Meaning] = field(default_factory=dict)
    # whether residents' phones show what became of their cards: the plan actions that
    # trace back to them with the group's status (docs/privacy.md); the group decides
    share_progress: bool = True
    open_points: dict[str, OpenPoint] = field(default_factory=dict)  # parked "for later"
    next_id: int = 1

    def to_dict(self) -> dict:
        """The JSON document the store keeps (a copy: later changes do not leak into it)."""
        return json_copy(self.document())

    def document(self) -> dict:
        """The JSON document the store keeps, sharing this state's items (no copy), for
        a writer that serialises it before the state changes again (the service)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict) -> WorkspaceState:
        """A private deep copy: the rules change it in place, and the stored document
        must stay untouched until the service writes the new one back."""
        data = json_copy(data or {})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown workspace state fields: {unknown}")
        return cls(**data)

    @classmethod
    def new(cls, group_id: int, group_name: str) -> WorkspaceState:
        """An empty workspace for a group, before its first hand-over."""
        return cls(group=GroupInfo(id=group_id, name=group_name))

    def taken_over(self, board_id: int) -> bool:
        """Whether the evening `board_id` was already copied in."""
        return any(e.get("board_id") == board_id for e in self.evenings)
