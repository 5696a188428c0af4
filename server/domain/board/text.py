"""Text hygiene at the edge: the one rule every text that enters Weefwerk goes through.

Phones paste odd things: a lone surrogate (`"\\ud800"` is valid JSON but not Unicode, and
every page or export that prints it would fail to encode it), NUL (PostgreSQL refuses to
store it), other control characters (invisible, they break CSV and terminals), and the
same letter in two spellings (decomposed "é" from some keyboards). The rule, decided per
case (docs/protocol.md, "Text"):

- a lone surrogate is **refused** (`bad_text`): we cannot guess which character was meant,
  so the sender is asked to type it again; nothing is stored;
- C0 and C1 control characters and DEL are **removed**: they are never meant, and removing
  an invisible character loses nothing. Newline and tab are kept (a card or a note may
  have lines); a carriage return becomes a newline;
- the text is NFC-normalised, so the same word is stored one way;
- bidi controls are **balanced**: an override or embedding the text opens is closed at its
  end, a closer it never opened is removed. A right-to-left override in a title then
  reverses at most the title's own text, never what a page, a list or a line puts after
  it. Pages isolate user text as well (`<bdi>`, `unicode-bidi: isolate`); exports leave
  the controls out (`strip_bidi`).

`clean_tree` applies the rule to every string (and every key) of a parsed JSON value,
without recursion, and refuses nesting deeper than MAX_DEPTH. `too_deep` looks at JSON
*text* before it is parsed, so a 1,000-level document never reaches the parser.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from .errors import DomainError

MAX_DEPTH = 32  # a command is 4 levels deep, a plan document about 6
SURROGATE = re.compile("[\ud800-\udfff]")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
LINE_BREAKS = re.compile("\r\n?")
# Explicit bidi formatting (embeddings, overrides, isolates). Marks (LRM, RLM) are kept:
# they never reorder text beyond themselves.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def has_surrogate(text: str) -> bool:
    return SURROGATE.search(text) is not None


def clean_text(text: str, field: str = "text") -> str:
    """`text` under the rule above, or DomainError("bad_text") for a lone surrogate."""
    if has_surrogate(text):
        raise DomainError("bad_text", field=field)
    text = CONTROL.sub("", LINE_BREAKS.sub("\n", text))
    if BIDI_CONTROLS.search(text):
        text = balanced_bidi(text)
    return unicodedata.normalize("NFC", text)


EMBEDDINGS = "\u202a\u202b\u202d\u202e"  # LRE RLE LRO RLO, closed by PDF (U+202C)
ISOLATES = "\u2066\u2067\u2068"  # LRI RLI FSI, closed by PDI (U+2069)
PDF, PDI = "\u202c", "\u2069"


def balanced_bidi(text: str) -> str:
    """Every embedding, override and isolate the text opens is closed at its end (before
    a newline too: a paragraph ends the scope anyway); closers without an opener go."""
    out: list[str] = []
    opened: list[str] = []
    for char in text:
        if char in EMBEDDINGS or char in ISOLATES:
            opened.append(char)
        elif char == PDF:
            if not opened or opened[-1] not in EMBEDDINGS:
                continue
            opened.pop()
        elif char == PDI:
            if not any(c in ISOLATES for c in opened):
                continue
            while opened.pop() not in ISOLATES:
                pass  # a PDI also closes the embeddings opened inside its isolate
        elif char == "\n" and opened:
            out.extend(_closers(opened))
            opened.clear()
        out.append(char)
    out.extend(_closers(opened))
    return "".join(out)


def _closers(opened: list[str]) -> list[str]:
    return [PDI if c in ISOLATES else PDF for c in reversed(opened)]


def repaired_text(text: str, field: str = "text") -> str:
    """For text already stored (the migration 0005): nobody is there to type it again, so
    a lone surrogate becomes U+FFFD ("�"), and the rest of the rule applies."""
    return clean_text(SURROGATE.sub("\ufffd", text), field)


def one_line(text: str) -> str:
    """A single-line field (a title, a name): newlines and tabs become one space."""
    return " ".join(text.split()) if ("\n" in text or "\t" in text) else text


def isolate(text: object) -> str:
    """User text inside a line that is not markup (a page's <title>): first-strong isolate
    … pop directional isolate, the plain-text form of `<bdi>`."""
    return "\u2068" + str(text) + "\u2069"


def strip_bidi(text: str) -> str:
    """Text for an export (CSV, Markdown, calendar): no override can reverse what follows
    it in a program that knows nothing of our isolation."""
    return BIDI_CONTROLS.sub("", text)


def clean_tree(value: Any, max_depth: int = MAX_DEPTH,
               rule: Callable[[str, str], str] = clean_text) -> Any:
    """A copy of a parsed JSON value with every string and key put through `rule`;
    `bad_text` names the top-level key where a lone surrogate was, `too_deep` refuses
    deep nesting."""
    root: list[Any] = [None]
    stack: list[tuple[Any, Any, Any, int, str]] = [(value, root, 0, 1, "")]
    while stack:
        item, parent, slot, depth, top = stack.pop()
        if isinstance(item, str):
            parent[slot] = rule(item, top or "text")
            continue
        if not isinstance(item, (dict, list)):
            parent[slot] = item
            continue
        if depth > max_depth:
            raise DomainError("too_deep", limit=max_depth)
        if isinstance(item, list):
            copy: Any = [None] * len(item)
            children: Iterable[tuple[Any, Any]] = enumerate(item)
        else:
            copy = {}
            children = ((rule(k, top or "text") if isinstance(k, str) else k, v)
                        for k, v in item.items())
        parent[slot] = copy
        for key, child in children:
            if isinstance(copy, dict):
                copy[key] = None
            stack.append((child, copy, key, depth + 1,
                          top or (str(key)[:40] if isinstance(copy, dict) else "")))
    return root[0]


def too_deep(text: str | bytes, max_depth: int = MAX_DEPTH) -> bool:
    """Whether JSON text nests arrays and objects deeper than `max_depth` (brackets inside
    strings do not count). Cheap when the text has few brackets at all."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    if text.count("[") + text.count("{") <= max_depth:
        return False
    depth, in_string, escaped = 0, False, False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > max_depth:
                return True
        elif char in "]}":
            depth -= 1
    return False
