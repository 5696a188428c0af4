"""Commands: what a client asks the board to do (imperative names).

Each command is a frozen dataclass registered under its wire name. `parse_command`
turns an untrusted `{name, args}` into one of them or refuses with a clear code; it
checks shapes and types only, the rules live in `workshop.py`.
"""
from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass

from .errors import DomainError

COMMANDS: dict[str, type] = {}


def command(name: str):
    """Register a command dataclass under its wire name."""

    def register(cls: type) -> type:
        cls.name = name
        COMMANDS[name] = cls
        return cls

    return register


@command("add_card")
@dataclass(frozen=True)
class AddCard:
    text: str


@command("edit_card")
@dataclass(frozen=True)
class EditCard:
    card_id: str
    text: str


@command("withdraw_card")
@dataclass(frozen=True)
class WithdrawCard:
    card_id: str


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


def parse_command(name: object, args: object):
    """Build the command named `name` from `args`, or raise DomainError."""
    if not isinstance(name, str) or name not in COMMANDS:
        raise DomainError("unknown_command", name=str(name)[:40])
    if args is None:
        args = {}
    if not isinstance(args, dict):
        raise DomainError("invalid_args", field="args")
    cls = COMMANDS[name]
    hints = typing.get_type_hints(cls)
    values = {}
    for field in dataclasses.fields(cls):
        if field.name in args:
            values[field.name] = _checked(field.name, args[field.name], hints[field.name])
        elif field.default is dataclasses.MISSING:
            raise DomainError("invalid_args", field=field.name)
    unknown = set(args) - {f.name for f in dataclasses.fields(cls)}
    if unknown:
        raise DomainError("invalid_args", field=sorted(unknown)[0][:40])
    return cls(**values)


def _checked(field: str, value: object, hint: object) -> object:
    """Accept `value` only if it has the declared type (bool is not an int here)."""
    allowed = typing.get_args(hint) or (hint,)
    for kind in allowed:
        if kind is type(None) and value is None:
            return value
        if kind is bool and isinstance(value, bool):
            return value
        if kind is int and isinstance(value, int) and not isinstance(value, bool):
            return value
        if kind is str and isinstance(value, str):
            return value
        if kind in (list, dict) and isinstance(value, kind):
            return value
    raise DomainError("invalid_args", field=field)
