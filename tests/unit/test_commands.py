"""Parsing untrusted command payloads into typed commands."""
from __future__ import annotations

import pytest

from server.domain.board.codes import ALPHABET, new_join_code, normalize_code
from server.domain.board.commands import AddCard, GoToStep, StartTimer, parse_command
from server.domain.board.errors import DomainError


def test_a_well_formed_payload_becomes_a_typed_command():
    assert parse_command("add_card", {"text": "Hallo"}) == AddCard(text="Hallo")
    assert parse_command("go_to_step", {"step": 2}) == GoToStep(step=2)
    assert parse_command("start_timer", {}) == StartTimer(seconds=None)


@pytest.mark.parametrize("name, args, code", [
    ("nope", {}, "unknown_command"),
    (None, {}, "unknown_command"),
    ("add_card", {}, "invalid_args"),
    ("add_card", {"text": 3}, "invalid_args"),
    ("add_card", {"text": "x", "extra": 1}, "invalid_args"),
    ("go_to_step", {"step": "2"}, "invalid_args"),
    ("go_to_step", {"step": True}, "invalid_args"),
    ("show_authors", {"shown": 1}, "invalid_args"),
    ("add_card", ["text"], "invalid_args"),
])
def test_malformed_payloads_are_refused_with_a_code(name, args, code):
    with pytest.raises(DomainError) as refused:
        parse_command(name, args)
    assert refused.value.code == code


def test_join_codes_have_six_characters_without_look_alikes():
    code = new_join_code()
    assert len(code) == 6 and set(code) <= set(ALPHABET)
    assert not set("0O1IL5S") & set(ALPHABET) - {"S"}


def test_typed_codes_forgive_case_spaces_and_dashes():
    assert normalize_code(" bcd-fgh ") == "BCDFGH"
    assert normalize_code("BCDFG") is None
    assert normalize_code("BCDFG0") is None
