"""The command registry and the parser of untrusted `{name, args}` payloads.

A command is a frozen dataclass registered under its wire name. `parse_command` checks
shapes and outer types only (a list is a list, an int is not a bool); what is inside a
list or dict, and every bound, is checked by the rule that uses it, because only the
rule knows the limits (a step's vote budget, a field's length).
"""
from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable
from typing import ClassVar, TypeVar

from ..errors import DomainError


@dataclasses.dataclass(frozen=True)
class Command:
    """What every command dataclass is: frozen, and it knows its wire name, which the
    policy asks about (`type(cmd).command_name`).

    The name goes in `command_name`, not `name`: `name` is an argument of some commands
    (`create_cluster {name}`), and a class attribute would shadow its default.
    """

    command_name: ClassVar[str] = ""


C = TypeVar("C", bound=type[Command])
COMMANDS: dict[str, type[Command]] = {}


def command(name: str) -> Callable[[C], C]:
    """Register a command dataclass under its wire name."""

    def register(cls: C) -> C:
        cls.command_name = name
        COMMANDS[name] = cls
        return cls

    return register


def parse_command(name: object, args: object) -> Command:
    """Build the command named `name` from `args`, or raise DomainError."""
    if not isinstance(name, str) or name not in COMMANDS:
        raise DomainError("unknown_command", name=str(name)[:40])
    if args is None:
        args = {}
    if not isinstance(args, dict):
        raise DomainError("invalid_args", field="args")
    cls = COMMANDS[name]
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = set(args) - known
    if unknown:
        raise DomainError("invalid_args", field=str(sorted(unknown, key=str)[0])[:40])
    values = {}
    for field in dataclasses.fields(cls):
        if field.name in args:
            values[field.name] = _checked(field.name, args[field.name], hints[field.name])
        elif field.default is dataclasses.MISSING:
            raise DomainError("invalid_args", field=field.name)
    return cls(**values)


def _checked(field: str, value: object, hint: object) -> object:
    """Accept `value` only if it has the declared type (bool is not a number here)."""
    allowed = typing.get_args(hint) or (hint,)
    for kind in allowed:
        if kind is type(None) and value is None:
            return value
        if kind is bool and isinstance(value, bool):
            return value
        if isinstance(value, bool):
            continue
        if kind is int and isinstance(value, int):
            return value
        if kind is float and isinstance(value, (int, float)):
            return value
        if kind in (str, list, dict) and isinstance(value, kind):
            return value
    raise DomainError("invalid_args", field=field)
