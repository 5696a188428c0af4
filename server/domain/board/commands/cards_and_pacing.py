"""Commands of the live board itself: cards, moderation and pacing."""
from __future__ import annotations

from dataclasses import dataclass

from .base import Command, command


@command("add_card")
@dataclass(frozen=True)
class AddCard(Command):
    text: str
    kind: str | None = None
    theme: str | None = None
    publish: bool | None = None


@command("add_data_card")
@dataclass(frozen=True)
class AddDataCard(Command):
    text: str
    kind: str | None = None
    theme: str | None = None
    source: str | None = None  # where the figure comes from (a buurtscan, a wijkschouw)
    step: int | None = None  # prepared ahead for a later step; else the current one


@command("import_data_cards")
@dataclass(frozen=True)
class ImportDataCards(Command):
    cards: list  # [{step, text, source?}], checked card by card by the rule


@command("add_paper_card")
@dataclass(frozen=True)
class AddPaperCard(Command):
    text: str
    kind: str | None = None
    theme: str | None = None


@command("edit_card")
@dataclass(frozen=True)
class EditCard(Command):
    card_id: str
    text: str


@command("withdraw_card")
@dataclass(frozen=True)
class WithdrawCard(Command):
    card_id: str


@command("hide_card")
@dataclass(frozen=True)
class HideCard(Command):
    card_id: str


@command("unhide_card")
@dataclass(frozen=True)
class UnhideCard(Command):
    card_id: str


@command("show_authors")
@dataclass(frozen=True)
class ShowAuthors(Command):
    shown: bool


@command("set_join_panel")
@dataclass(frozen=True)
class SetJoinPanel(Command):
    size: str  # "large", "small" or "auto" (large on the first step, then a corner)


@command("open_input")
@dataclass(frozen=True)
class OpenInput(Command):
    pass


@command("close_input")
@dataclass(frozen=True)
class CloseInput(Command):
    pass


@command("go_to_step")
@dataclass(frozen=True)
class GoToStep(Command):
    step: int


@command("start_timer")
@dataclass(frozen=True)
class StartTimer(Command):
    seconds: int | None = None


@command("pause_timer")
@dataclass(frozen=True)
class PauseTimer(Command):
    pass


@command("extend_timer")
@dataclass(frozen=True)
class ExtendTimer(Command):
    seconds: int


@command("reset_timer")
@dataclass(frozen=True)
class ResetTimer(Command):
    pass


# the parking lot: questions and remarks that do not belong to the step (evening/parking.py)
@command("park_item")
@dataclass(frozen=True)
class ParkItem(Command):
    text: str
    publish: bool | None = None


@command("answer_parked")
@dataclass(frozen=True)
class AnswerParked(Command):
    parked_id: str
    answer: str


@command("close_parked")
@dataclass(frozen=True)
class CloseParked(Command):
    parked_id: str


@command("mark_parked_later")
@dataclass(frozen=True)
class MarkParkedLater(Command):
    parked_id: str


@command("hide_parked")
@dataclass(frozen=True)
class HideParked(Command):
    parked_id: str


@command("unhide_parked")
@dataclass(frozen=True)
class UnhideParked(Command):
    parked_id: str
