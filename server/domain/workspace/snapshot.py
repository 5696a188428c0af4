"""What a screen sees of a group's plan workspace: the snapshot, with a short history.

The workspace holds no hidden cards, no authors and no ballots (the hand-over left them
behind), so members, granted facilitators and a projector all see the same plans. The
history is the tail of the board's event log: who changed what, and when.
"""
from __future__ import annotations

import copy

from .state import WorkspaceState

HISTORY = 100  # the newest log entries a snapshot carries
# big events are shortened in the history: the items themselves are in the state
SHORT = {"evening_taken_over": ("evening", "by", "at"),
         "plan_imported": ("imported", "by", "at"),
         "evening_returned": ("evening", "by", "at")}


def history_entry(version: int, name: str, data: dict) -> dict:
    """One line of the history: the event, without the bulk of a hand-over."""
    keep = SHORT.get(name)
    shown = {k: data[k] for k in keep if k in data} if keep else data
    return {"version": version, "name": name, "data": copy.deepcopy(shown)}


def workspace_snapshot(state: WorkspaceState, board: dict, history: list[dict],
                       now_ms: int) -> dict:
    """The `state` of a `snapshot` message on a workspace board (docs/workspace.md)."""
    return {
        "board": {**board, "kind": "workspace"},
        "group": dict(state.group),
        "evenings": copy.deepcopy(state.evenings),
        "results": copy.deepcopy(list(state.results.values())),
        "cards": copy.deepcopy(list(state.cards.values())),
        "plans": copy.deepcopy(list(state.plans.values())),
        "actions": copy.deepcopy(list(state.actions.values())),
        "years": copy.deepcopy(state.years),
        "meanings": copy.deepcopy(list(state.meanings.values())),
        "share_progress": state.share_progress,
        "open_points": copy.deepcopy(list(state.open_points.values())),
        "history": history[-HISTORY:],
        "server_time": now_ms,
    }
