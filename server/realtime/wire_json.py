"""The JSON that Socket.IO packets are read with: the standard library's, behind a depth
check that runs *before* parsing.

A 1,000-level nested command is about 2 KB, well under the 16 KB message cap, and the
standard parser would raise RecursionError deep inside python-socketio, where nothing can
answer the client. So a packet nested deeper than `domain.board.text.MAX_DEPTH` is not parsed:
it becomes its event name with `TOO_DEEP` as the one argument, and the handler answers it
with a `too_deep` error ack like any other refusal.
"""
from __future__ import annotations

import json
import re

from ..domain.board.text import too_deep

EVENT_NAME = re.compile(r'\s*\[\s*("(?:[^"\\]|\\.){0,64}")')


class _TooDeep:
    """The argument of a packet that was too deeply nested to read."""

    def __repr__(self) -> str:
        return "TOO_DEEP"


TOO_DEEP = _TooDeep()
dumps = json.dumps


def loads(text, *args, **kwargs):
    if not too_deep(text):
        return json.loads(text, *args, **kwargs)
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    match = EVENT_NAME.match(text)
    return [json.loads(match.group(1)) if match else "message", TOO_DEEP]
