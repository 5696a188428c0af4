"""The strategy map's layout (server/domain/workspace/pictures.py): every label is shown
whole (issue 13), so a node is as tall as its label needs, and the next node of its
column starts below it. The browser wraps the text; the layout only counts lines, on the
safe side."""
from __future__ import annotations

from server.domain.workspace.pictures import (
    LINE_CHARS,
    MIN_NODE_H,
    NODE_GAP,
    label_lines,
    node_height,
    strategy_map,
)


def test_label_lines_counts_words_wrapped_at_the_line_length():
    assert label_lines("") == 1
    assert label_lines("Koffieochtend") == 1
    assert label_lines("a" * LINE_CHARS) == 1
    assert label_lines("Sleutel regelen bij de beheerder") == 2  # 15 · 16 characters
    assert label_lines("Sleutel regelen bij de beheerders") == 3  # 15 · 6 · 10
    # a word longer than a line fills whole lines, then the rest goes on
    assert label_lines("x" * (2 * LINE_CHARS + 3)) == 3
    assert label_lines("ab " + "x" * (LINE_CHARS + 1) + " cd") == 3


def test_a_node_grows_with_its_label_and_pushes_the_next_one_down():
    assert node_height("Kort") == MIN_NODE_H
    long = "Een sleutel voor de grote zaal van buurthuis De Boog regelen bij de beheerder"
    assert node_height(long) > 3 * MIN_NODE_H // 2
    state = {"results": [{"id": "r1", "type": "strategy", "title": long},
                         {"id": "r2", "type": "strategy", "title": "Kort"}]}
    drawn = strategy_map(state, "2026-12-07")
    first, second = drawn.column("strategy")
    assert first.text == long and second.text == "Kort"  # whole, never cut short
    assert first.h == node_height(long) and second.y == first.y + first.h + NODE_GAP
    assert drawn.height >= second.y + second.h
