"""Commands that adapt an evening's own copy of its format (docs/formats.md)."""
from __future__ import annotations

from dataclasses import dataclass

from .base import Command, command


@command("adapt_format")
@dataclass(frozen=True)
class AdaptFormat(Command):
    # {step number from 0 (text): {field: value}}, fields as in evening/format_changes.py
    steps: dict | None = None
    skip: list | None = None  # step numbers from 0 to leave out
    order: list | None = None  # every step number from 0, in the new order
    # steps to add at the end: {technique: name} from the catalogue, or {repeat: number}
    add: list | None = None
    description: dict | None = None  # {nl, en}: it may name the evening's length


@command("use_format")
@dataclass(frozen=True)
class UseFormat(Command):
    document: dict  # a whole format document of the `sessions/` schema (an upload)
