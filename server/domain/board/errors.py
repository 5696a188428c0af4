"""Refusals the domain can give.

The domain never formats a message itself: it names what went wrong with a stable
`code` (part of the wire protocol) and the numbers a message needs. The web layer
turns that into a sentence in the reader's language.
"""
from __future__ import annotations


class DomainError(Exception):
    """A command was refused; nothing was changed."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def __repr__(self) -> str:
        return f"DomainError({self.code!r}, {self.params!r})"
