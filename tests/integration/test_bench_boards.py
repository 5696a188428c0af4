"""The benchmark's boards (bench/boards.py) are boards the app itself serves.

The benchmark fills a board by writing its state through the ORM row, not through
thousands of commands; when the way a board's state is stored changes, this test fails
until `fill_board` is adapted, instead of the benchmark measuring a broken board.
"""
from __future__ import annotations

import uuid

from bench.boards import direct_tokens, make_evening
from server import create_app
from server.domain.board.actors import FACILITATOR, PARTICIPANT, Actor
from server.realtime.tokens import verify


def test_a_filled_board_is_what_the_app_serves_and_still_takes_commands(tmp_path):
    evening = make_evening(tmp_path, cards=30, clusters=3)
    app = create_app({"TESTING": True, "DATABASE_URL": evening.database_url,
                      "SECRET_KEY": evening.secret, "ASYNC_MODE": "threading",
                      "FORMATS_DIR": str(evening.formats_dir), "SOCKETIO_MESSAGE_QUEUE": None,
                      "RATELIMIT_STORAGE_URL": "memory://", "RETENTION_ON_START": False})
    service = app.extensions["weefwerk.service"]
    facilitator = Actor(FACILITATOR, evening.board_id, user_id=evening.user_id)

    state = service.snapshot(evening.board_id, facilitator)["state"]
    clusters = {k["id"] for k in state["clusters"]}
    assert len(state["cards"]) == 30
    assert len(clusters) == 3
    assert {card["cluster"] for card in state["cards"]} == clusters
    assert len({card["text"] for card in state["cards"]}) == 30

    phone = Actor(PARTICIPANT, evening.board_id, participant_id="a-new-phone")
    ack = service.handle(evening.board_id, uuid.uuid4().hex, "add_card",
                         {"text": "one more"}, phone)
    assert ack["ok"], ack
    opened = service.handle(evening.board_id, uuid.uuid4().hex, "open_vote", {}, facilitator)
    assert opened["ok"], opened
    assert len(service.snapshot(evening.board_id, facilitator)["state"]["cards"]) == 31
    app.extensions["weefwerk.engine"].dispose()


def test_direct_tokens_name_participants_of_the_evening(tmp_path):
    evening = make_evening(tmp_path)
    tokens = direct_tokens(evening, 3)
    claims = [verify(evening.secret, token) for token in tokens]
    assert [c["b"] for c in claims] == [evening.board_id] * 3
    assert {c["r"] for c in claims} == {PARTICIPANT}
    assert len({c["s"] for c in claims}) == 3
