"""The projector's join panel (QR code and join code): large while people come in, a
corner once the work needs the wall, large again when the facilitator asks."""
from __future__ import annotations

from server.domain.evening.snapshot import snapshot_state
from server.domain.evening.state import WorkshopState
from tests.unit.board import Board


def test_a_new_board_leaves_the_size_to_the_step():
    board = Board()
    assert board.state.join_panel == "auto"
    assert snapshot_state(board.state, {}, board.fmt, board.projector, 0)["join_panel"] == "auto"


def test_the_facilitator_makes_the_qr_code_large_again_for_every_projector():
    board = Board()
    [event] = board.f("set_join_panel", size="large")
    assert (event.name, event.data) == ("join_panel_set", {"size": "large"})
    assert board.state.join_panel == "large"
    stored = WorkshopState.from_dict(board.state.to_dict())
    assert stored.join_panel == "large"
    board.f("set_join_panel", size="small")
    assert snapshot_state(board.state, {}, board.fmt, board.projector, 0)["join_panel"] == "small"


def test_an_unknown_size_is_refused_and_changes_nothing():
    board = Board()
    assert board.f_refused("set_join_panel", size="huge") == "bad_value"
    assert board.state.join_panel == "auto"


def test_a_board_saved_before_the_join_panel_existed_still_loads():
    state = WorkshopState.from_dict({"step": 2, "input_open": False})
    assert state.join_panel == "auto"
