"""Importing a group's plan document into its workspace (docs/workspace.md, docs/export.md).

The rule behind the workspace command `import_plan`, sent by the server itself after a
coordinator uploaded a document: the workspace must be empty (`workspace_not_empty`;
there is no merge), the document must pass `import_check.check_document` as a whole
(else `invalid_args`), and then every part goes in at once with the document's own ids.
The evenings listed come from another installation: they keep their title and time but
no board id (`board_id: null`, `imported: true`), so they never block a hand-over here.
The plan's open points come along, and the group's switch for sharing progress with the
residents is set as the document has it (on when an older document does not say).
"""
from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from ..board.actors import Actor
from ..board.errors import DomainError
from ..board.events import Event, Outcome
from ..group.import_check import check_document, plan_of
from .context import stamp
from .state import WorkspaceState

if TYPE_CHECKING:
    from ..board.commands import ImportPlan
    from .context import WorkspaceContext

PARTS = ("results", "cards", "plans", "actions", "meanings", "open_points")


def is_empty(state: WorkspaceState) -> bool:
    """Whether nothing was handed over, imported or written in the workspace yet."""
    return not any((state.evenings, state.years, *(getattr(state, p) for p in PARTS)))


def import_plan(state: WorkspaceState, cmd: ImportPlan, actor: Actor,
                ctx: WorkspaceContext) -> Outcome:
    """Put a checked plan document into an empty workspace, all of it or nothing."""
    if not is_empty(state):
        raise DomainError("workspace_not_empty")
    problems = check_document(cmd.document)
    if problems:
        raise DomainError("invalid_args", field=problems[0][1].get("field", "document"))
    plan = plan_of(cmd.document)
    for name in PARTS:
        setattr(state, name, plan[name])
    state.years = plan["years"]
    state.share_progress = plan["share_progress"]
    state.evenings = [{"board_id": None, "title": e.get("title", ""),
                       "taken_over_at": e.get("taken_over_at"), "imported": True}
                      for e in plan["evenings"]]
    state.next_id = max(state.next_id, plan["next_id"])
    document = cmd.document
    data = {"imported": {"schema": document["schema"], "version": document["version"],
                         "exported_at": document.get("exported_at"),
                         "group": document["group"].get("name")},
            "evenings": copy.deepcopy(state.evenings),
            **{name: copy.deepcopy(list(getattr(state, name).values())) for name in PARTS},
            "years": copy.deepcopy(state.years), "share_progress": state.share_progress,
            "history": copy.deepcopy(document.get("history") or [])}
    return Outcome([Event("plan_imported", data | stamp(actor, ctx))])
