"""Commands of the live board itself: cards, moderation and pacing."""
from __future__ import annotations

from dataclasses import dataclass

from .base import command


@command("add_card")
@dataclass(frozen=True)
class AddCard:
    text: str
    kind: str | None = None
    theme: str | None = None
    publish: bool | None = None


@command("add_data_card")
@dataclass(frozen=True)
class AddDataCard:
    text: str
    kind: str | None = None
    theme: str | None = None


@command("add_paper_card")
@dataclass(frozen=True)
class AddPaperCard:
    text: str
    kind: str | None = None
    theme: str | None = None


@command("edit_card")
@dataclass(frozen=True)
class EditCard:
    card_id: str
    text: str


@command("withdraw_card")
@dataclass(frozen=True)
class WithdrawCard:
    card_id: str


@command("hide_card")
@dataclass(frozen=True)
class HideCard:
    card_id: str


@command("unhide_card")
@dataclass(frozen=True)
class UnhideCard:
    card_id: str


@command("show_authors")
@dataclass(frozen=True)
class ShowAuthors:
    shown: bool


@command("set_join_panel")
@dataclass(frozen=True)
class SetJoinPanel:
    size: str  # "large", "small" or "auto" (large on the first step, then a corner)


@command("open_input")
@dataclass(frozen=True)
class OpenInput:
    pass


@command("close_input")
@dataclass(frozen=True)
class CloseInput:
    pass


@command("go_to_step")
@dataclass(frozen=True)
class GoToStep:
    step: int


@command("start_timer")
@dataclass(frozen=True)
class StartTimer:
    seconds: int | None = None


@command("pause_timer")
@dataclass(frozen=True)
class PauseTimer:
    pass


@command("extend_timer")
@dataclass(frozen=True)
class ExtendTimer:
    seconds: int


@command("reset_timer")
@dataclass(frozen=True)
class ResetTimer:
    pass
