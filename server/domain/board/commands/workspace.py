"""Commands of a resident group's plan workspace (docs/workspace.md).

`update_action` and `add_action` are the evening's commands (`techniques`), checked by
the same rules; these are the workspace's own. Texts arrive as plain `str`; the rules
check their lengths.
"""
from __future__ import annotations

from dataclasses import dataclass

from .base import Command, command


@command("take_over_evening")
@dataclass(frozen=True)
class TakeOverEvening(Command):
    evening: dict


@command("import_plan")
@dataclass(frozen=True)
class ImportPlan(Command):
    document: dict


@command("set_share_progress")
@dataclass(frozen=True)
class SetShareProgress(Command):
    on: bool


@command("set_action_status")
@dataclass(frozen=True)
class SetActionStatus(Command):
    action_id: str
    status: str
    base: int


@command("add_action_update")
@dataclass(frozen=True)
class AddActionUpdate(Command):
    action_id: str
    did: str = ""
    brought: str = ""
    learned: str = ""


@command("set_plan_year")
@dataclass(frozen=True)
class SetPlanYear(Command):
    plan_id: str
    year: int


@command("set_year_phase")
@dataclass(frozen=True)
class SetYearPhase(Command):
    year: int
    phase: int


@command("evaluate_year")
@dataclass(frozen=True)
class EvaluateYear(Command):
    year: int
    did: str = ""
    achieved: str = ""
    learned: str = ""
    meaning: str = ""


@command("add_meaning")
@dataclass(frozen=True)
class AddMeaning(Command):
    year: int
    text: str
    kind: str


@command("return_evening")
@dataclass(frozen=True)
class ReturnEvening(Command):
    evening: dict


# The evening's side of a hand-over (server only, docs/workspace.md "Hand-over"): the
# hand-over closes the evening, taking it back opens it again.
@command("close_evening")
@dataclass(frozen=True)
class CloseEvening(Command):
    group: str = ""


@command("reopen_evening")
@dataclass(frozen=True)
class ReopenEvening(Command):
    pass
