"""Join codes: short, easy to read aloud and to type on an old phone.

The alphabet leaves out look-alikes (0/O, 1/I/L) and vowels that could spell words;
typed codes are forgiving about case, spaces and dashes.
"""
from __future__ import annotations

import secrets

ALPHABET = "BCDFGHJKMNPQRSTVWXZ2346789"
LENGTH = 6


def new_join_code(choice=secrets.choice) -> str:
    return "".join(choice(ALPHABET) for _ in range(LENGTH))


def normalize_code(typed: str) -> str | None:
    """The code someone meant, or None when it cannot be a join code at all."""
    cleaned = "".join(ch for ch in typed.upper() if not ch.isspace() and ch != "-")
    if len(cleaned) != LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned
