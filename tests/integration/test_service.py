"""The service on real databases: exactly-once, contiguous versions, nothing half-changed.

Runs on the run's engine: `make test` runs it on SQLite and again on PostgreSQL
(tests/databases.py).
"""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import select, text

from server.domain.board.actors import FACILITATOR, PARTICIPANT, Actor
from server.domain.board.errors import DomainError
from server.models import Board, BoardEvent, ProcessedCommand
from tests.conftest import Evening, make_app, new_op


@pytest.fixture
def app_on(tmp_path):
    """An app that migrated its own database at start, on the run's engine."""
    return make_app(tmp_path)


def setup_evening(app):
    evening = Evening(app)
    service = app.extensions["weefwerk.service"]
    facilitator = Actor(FACILITATOR, evening.board_id, user_id=evening.user_id)
    service.handle(evening.board_id, new_op(), "open_input", {}, facilitator)
    return evening, service


def participant(evening, n: int) -> Actor:
    return Actor(PARTICIPANT, evening.board_id, participant_id=f"p{n}")


def test_concurrent_commands_get_contiguous_versions_and_all_land(app_on):
    evening, service = setup_evening(app_on)
    errors = []

    def writer(n: int) -> None:
        try:
            for i in range(5):
                service.handle(evening.board_id, new_op(), "add_card",
                               {"text": f"kaart {n}-{i}"}, participant(evening, n))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    with service.sessions() as db:
        versions = db.scalars(select(BoardEvent.version).where(
            BoardEvent.board_id == evening.board_id).order_by(BoardEvent.version)).all()
        board = db.get(Board, evening.board_id)
        assert versions == list(range(1, 32))
        assert board.version == 31
        assert len(board.state["cards"]) == 30


def test_the_same_op_id_sent_concurrently_is_applied_once(app_on):
    evening, service = setup_evening(app_on)
    op_id = new_op()
    acks = []

    def send() -> None:
        acks.append(service.handle(evening.board_id, op_id, "add_card", {"text": "dubbel"},
                                   participant(evening, 1)))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert len(acks) == 4 and all(a == acks[0] for a in acks)
    with service.sessions() as db:
        assert db.get(Board, evening.board_id).version == 2
        assert db.scalar(select(ProcessedCommand).where(ProcessedCommand.op_id == op_id))


def test_a_refused_command_changes_nothing_and_stores_no_op_id(app_on):
    evening, service = setup_evening(app_on)
    op_id = new_op()
    with pytest.raises(DomainError):
        service.handle(evening.board_id, op_id, "add_card", {"text": ""}, participant(evening, 1))
    with service.sessions() as db:
        assert db.get(Board, evening.board_id).version == 1
        assert db.scalar(select(ProcessedCommand).where(ProcessedCommand.op_id == op_id)) is None


def test_events_since_replays_the_log_in_order(app_on):
    evening, service = setup_evening(app_on)
    for text_ in ("a", "b"):
        service.handle(evening.board_id, new_op(), "add_card", {"text": text_},
                       participant(evening, 1))
    replay = service.events_since(evening.board_id, 1)
    assert [(v, e.name) for v, e in replay] == [(2, "card_added"), (3, "card_added")]
    assert service.events_since(evening.board_id, 3) == []
    assert service.events_since(evening.board_id, 4) is None


def test_two_phones_with_the_same_op_id_each_get_their_own_card(app_on):
    evening, service = setup_evening(app_on)
    op_id = new_op()
    first = service.handle(evening.board_id, op_id, "add_card", {"text": "van telefoon 1"},
                           participant(evening, 1))
    second = service.handle(evening.board_id, op_id, "add_card", {"text": "van telefoon 2"},
                            participant(evening, 2))
    facilitator = Actor(FACILITATOR, evening.board_id, user_id=evening.user_id)
    third = service.handle(evening.board_id, op_id, "add_paper_card", {"text": "van papier"},
                           facilitator)
    assert len({first["version"], second["version"], third["version"]}) == 3
    again = service.handle(evening.board_id, op_id, "add_card", {"text": "van telefoon 2"},
                           participant(evening, 2))
    assert again == second
    with service.sessions() as db:
        cards = db.get(Board, evening.board_id).state["cards"]
    assert sorted(c["text"] for c in cards.values()) == ["van papier", "van telefoon 1",
                                                         "van telefoon 2"]


def test_a_command_stored_before_senders_were_kept_is_still_answered_once(app_on):
    evening, service = setup_evening(app_on)
    op_id = new_op()
    ack = service.handle(evening.board_id, op_id, "add_card", {"text": "voor de upgrade"},
                         participant(evening, 1))
    with service.sessions() as db:  # as migration 0006 leaves a row stored before it
        db.execute(text("UPDATE processed_commands SET sender = '' WHERE op_id = :op"),
                   {"op": op_id})
        db.commit()
    again = service.handle(evening.board_id, op_id, "add_card", {"text": "voor de upgrade"},
                           participant(evening, 1))
    assert again == ack
    with service.sessions() as db:
        assert db.get(Board, evening.board_id).version == ack["version"]


def test_a_malformed_command_is_refused_before_the_board_is_locked(app_on, monkeypatch):
    evening, service = setup_evening(app_on)
    op_id = new_op()
    first = service.handle(evening.board_id, op_id, "add_card", {"text": "eerst"},
                           participant(evening, 1))

    def no_lock(*args, **kwargs):
        raise AssertionError("a command that does not parse must not open a write transaction")

    monkeypatch.setattr(service, "_commit", no_lock)
    with pytest.raises(DomainError) as unknown:
        service.handle(evening.board_id, new_op(), "no_such_command", {}, participant(evening, 1))
    assert unknown.value.code == "unknown_command"
    with pytest.raises(DomainError) as bad_args:
        service.handle(evening.board_id, new_op(), "add_card", {"text": 3},
                       participant(evening, 1))
    assert bad_args.value.code == "invalid_args"
    # a resent op_id still gets its first answer, however it is resent
    assert service.handle(evening.board_id, op_id, "add_card", {"text": 3},
                          participant(evening, 1)) == first
    with pytest.raises(DomainError) as gone:
        service.handle(evening.board_id + 999, new_op(), "no_such_command", {},
                       participant(evening, 1))
    assert gone.value.code == "not_found"
