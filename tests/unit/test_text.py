"""The one text rule (server/domain/board/text.py): what is refused, removed, kept and balanced."""
from __future__ import annotations

import pytest

from server.domain.board.errors import DomainError
from server.domain.board.text import (
    MAX_DEPTH,
    clean_text,
    clean_tree,
    repaired_text,
    strip_bidi,
    too_deep,
)


@pytest.mark.parametrize("broken", ["x\ud800", "\udfff", "emoji \ud83c half"])
def test_a_lone_surrogate_is_refused(broken):
    with pytest.raises(DomainError) as refusal:
        clean_text(broken, "what")
    assert refusal.value.code == "bad_text" and refusal.value.params == {"field": "what"}


def test_a_whole_emoji_is_kept():
    assert clean_text("Koffie \U0001F375") == "Koffie \U0001F375"


def test_controls_go_lines_and_tabs_stay_and_text_is_nfc():
    assert clean_text("a\x00b\x07c\x1bd\x7fe\x85f\x9fg") == "abcdefg"
    assert clean_text("een\r\ntwee\rdrie\tvier\n") == "een\ntwee\ndrie\tvier\n"
    assert clean_text("Cafe\u0301") == "Caf\u00e9"


def test_an_override_is_closed_at_the_end_of_the_text_and_a_stray_closer_goes():
    assert clean_text("Buurt\u202ekamer") == "Buurt\u202ekamer\u202c"
    assert clean_text("a\u202cb\u2069c") == "abc"
    assert clean_text("\u2067x\u202ey\u2069z") == "\u2067x\u202ey\u2069z"
    assert clean_text("a\u202eb\nc") == "a\u202eb\u202c\nc"
    assert clean_text(clean_text("x\u202e\u2066y")) == "x\u202e\u2066y\u2069\u202c"


def test_exports_leave_bidi_controls_out_but_keep_marks():
    assert strip_bidi("a\u202eb\u202c\u2068c\u2069\u200fd") == "abc\u200fd"


def test_a_tree_is_cleaned_keys_too_and_the_refusal_names_the_top_field():
    cleaned = clean_tree({"fields": {"wh\x00at": ["Cafe\u0301", 3, None, True]}})
    assert cleaned == {"fields": {"what": ["Caf\u00e9", 3, None, True]}}
    with pytest.raises(DomainError) as refusal:
        clean_tree({"plan_id": "p1", "fields": {"owner": "x\ud800"}})
    assert refusal.value.params == {"field": "fields"}


def test_a_tree_deeper_than_the_limit_is_refused_without_recursion():
    deep: list = []
    for _ in range(5000):
        deep = [deep]
    with pytest.raises(DomainError) as refusal:
        clean_tree(deep)
    assert refusal.value.code == "too_deep"
    shallow: list = []
    for _ in range(MAX_DEPTH - 1):
        shallow = [shallow]
    assert clean_tree(shallow) == shallow


def test_depth_is_measured_on_the_text_before_parsing_and_strings_do_not_count():
    assert too_deep("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    assert not too_deep("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    assert not too_deep('["' + "[{" * 500 + '"]')
    assert not too_deep('["a\\"' + "[" * 100 + '"]')
    assert too_deep(b'{"a":' * 40 + b"1" + b"}" * 40)


def test_stored_text_is_repaired_not_refused():
    assert repaired_text("x\ud800\x00y") == "x\ufffdy"
