"""The live state kept in memory between commands (server/live_state.py) never drifts
from the stored one: across two services on one database ("two processes"), after a
refusal raised midway through a rule, after a commit that fails, and in snapshots.

Runs on the run's engine: SQLite, and PostgreSQL on `make test`'s second run.
"""
from __future__ import annotations

import dataclasses

import pytest

from server.board_kinds import AGGREGATES
from server.db import make_engine, make_sessionmaker
from server.domain.board.errors import DomainError
from server.live_state import stamp_of
from server.models import WORKSHOP, Board
from server.service import BoardService
from tests.conftest import new_op
from tests.databases import dispose_after_test
from tests.integration.test_service import app_on, participant, setup_evening

__all__ = ["app_on"]  # the fixture, imported to be used here


def stored_state(service: BoardService, board_id: int) -> dict:
    with service.sessions() as db:
        return db.get(Board, board_id).state


def kept_document(service: BoardService, board_id: int) -> dict | None:
    """The live state `service` keeps for the board at its stored stamp, as a document."""
    with service.sessions() as db:
        stamp = stamp_of(db.get(Board, board_id))
    with service.live.reading(board_id, stamp) as kept:
        return None if kept is None else kept.to_dict()


def card_texts(state: dict) -> list[str]:
    return [card["text"] for card in state["cards"].values()]


def add_card(service: BoardService, evening, text: str, n: int = 1) -> dict:
    return service.handle(evening.board_id, new_op(), "add_card", {"text": text},
                          participant(evening, n))


def other_process(app) -> BoardService:
    """A second service on the same database with its own engine and its own memory:
    what a second server process is to the first."""
    first = app.extensions["weefwerk.service"]
    engine = make_engine(app.config["DATABASE_URL"], "threading")
    dispose_after_test(engine)
    return BoardService(make_sessionmaker(engine), first.formats, lambda *_: None)


def test_each_process_sees_the_others_commands(app_on):
    evening, a = setup_evening(app_on)
    b = other_process(app_on)
    add_card(a, evening, "via A")
    add_card(b, evening, "via B", n=2)
    add_card(a, evening, "via A again", n=3)

    stored = stored_state(a, evening.board_id)
    assert card_texts(stored) == ["via A", "via B", "via A again"]
    assert kept_document(a, evening.board_id) == stored
    shown = a.snapshot(evening.board_id, participant(evening, 9))["state"]
    assert [card["text"] for card in shown["cards"]] == card_texts(stored)


def test_a_write_that_moves_no_version_is_not_overwritten(app_on):
    """A hidden ballot, retention or a rename changes the row without a logged event:
    `updated_at` moves, so the kept state is not trusted any more."""
    evening, service = setup_evening(app_on)
    add_card(service, evening, "eerste")
    stored = stored_state(service, evening.board_id)
    emptied = {**stored, "cards": {}}
    with service.sessions() as db:  # another writer: same version, new state
        db.get(Board, evening.board_id).state = emptied
        db.commit()

    add_card(service, evening, "tweede", n=2)

    assert card_texts(stored_state(service, evening.board_id)) == ["tweede"]


def test_a_refusal_midway_through_a_rule_leaves_the_kept_state_as_stored(app_on, monkeypatch):
    evening, service = setup_evening(app_on)
    add_card(service, evening, "eerste")
    workshop = AGGREGATES[WORKSHOP]

    def half_then_refuse(state, cmd, actor, context):
        state.cards["c999"] = {**next(iter(state.cards.values())), "text": "half"}
        state.step = 3
        raise DomainError("input_closed")

    monkeypatch.setitem(AGGREGATES, WORKSHOP, dataclasses.replace(workshop,
                                                                  apply=half_then_refuse))
    with pytest.raises(DomainError):
        add_card(service, evening, "geweigerd", n=2)
    monkeypatch.setitem(AGGREGATES, WORKSHOP, workshop)

    stored = stored_state(service, evening.board_id)
    assert card_texts(stored) == ["eerste"] and stored["step"] == 0
    assert kept_document(service, evening.board_id) in (None, stored)
    add_card(service, evening, "daarna", n=3)
    assert card_texts(stored_state(service, evening.board_id)) == ["eerste", "daarna"]
    assert kept_document(service, evening.board_id) == stored_state(service, evening.board_id)


def test_a_failed_commit_leaves_no_phantom(app_on, monkeypatch):
    """The same op_id committed by another process between our check and our commit:
    the unique key refuses ours (IntegrityError), the first answer is returned, and the
    card our rules added to the live state is gone with the rolled-back transaction."""
    evening, service = setup_evening(app_on)
    op_id = new_op()
    phone = participant(evening, 1)
    first = service.handle(evening.board_id, op_id, "add_card", {"text": "eens"}, phone)
    real_stored_ack = service.stored_ack
    raced = []

    def not_yet_seen(board_id, sender, op, session=None):
        if session is not None and not raced:  # the check inside the transaction
            raced.append(op)
            return None
        return real_stored_ack(board_id, sender, op, session)

    monkeypatch.setattr(service, "stored_ack", not_yet_seen)
    again = service.handle(evening.board_id, op_id, "add_card", {"text": "eens"}, phone)

    assert raced == [op_id] and again == first
    stored = stored_state(service, evening.board_id)
    assert card_texts(stored) == ["eens"]
    assert kept_document(service, evening.board_id) in (None, stored)
    shown = service.snapshot(evening.board_id, phone)["state"]
    assert [card["text"] for card in shown["cards"]] == ["eens"]
    add_card(service, evening, "twee", n=2)
    assert card_texts(stored_state(service, evening.board_id)) == ["eens", "twee"]


def test_a_snapshot_after_a_command_equals_one_from_the_stored_state(app_on, monkeypatch):
    evening, service = setup_evening(app_on)
    monkeypatch.setattr(service, "clock", lambda: 1_000)
    for n in range(3):
        add_card(service, evening, f"kaart {n}", n=n)
    fresh = BoardService(service.sessions, service.formats, lambda *_: None,
                         clock=lambda: 1_000)  # no live state: reads what is stored

    for actor in (participant(evening, 1), participant(evening, 7)):
        from_memory = service.snapshot(evening.board_id, actor)
        assert from_memory == fresh.snapshot(evening.board_id, actor)
    assert kept_document(service, evening.board_id) == stored_state(service,
                                                                    evening.board_id)


def test_two_processes_writing_at_once_lose_nothing(app_on):
    """Two services ("processes") with their own memory send commands to one board at
    the same time: every card lands once, versions stay contiguous, and both kept states
    end equal to the stored one once each has read the last stamp."""
    import threading

    evening, a = setup_evening(app_on)
    b = other_process(app_on)
    errors: list[Exception] = []

    def writer(service: BoardService, n: int) -> None:
        try:
            for i in range(8):
                add_card(service, evening, f"kaart {n}-{i}", n=n)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(service, n))
               for n, service in enumerate((a, b, a, b))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    stored = stored_state(a, evening.board_id)
    assert sorted(card_texts(stored)) == sorted(f"kaart {n}-{i}" for n in range(4)
                                                for i in range(8))
    with a.sessions() as db:
        assert db.get(Board, evening.board_id).version == 1 + 32
    for service in (a, b):
        shown = service.snapshot(evening.board_id, participant(evening, 9))["state"]
        assert [card["text"] for card in shown["cards"]] == card_texts(stored)
