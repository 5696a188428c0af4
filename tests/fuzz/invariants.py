"""What must hold after every fuzzed command or form, however bad its input was.

- the answer is well formed: `{ok: true, version, result}`, or `{ok: false, error: {code,
  message}}` with a code the server has words for and the words filled in;
- a refusal changed nothing: the board's version and its whole stored state are what
  they were before;
- the board's event log is numbered 1, 2, 3 … up to the board's version, without a gap;
- no ballot holds more dots than its round's budget, or more on one item than allowed;
- no traceback reached the log (`TracebackCatcher`).
"""
from __future__ import annotations

import logging

from sqlalchemy import func, select

from server.board_kinds import AGGREGATES
from server.i18n.messages import MESSAGES
from server.models import BoardEvent
from server.store.boards import board_by_id
from server.store.items import read_document

# loggers whose DEBUG records are read too (the app's own; Socket.IO and Engine.IO log
# every packet at INFO and their errors at ERROR, which the root handler sees anyway)
APP_LOGGERS = ("server", "flask.app", "werkzeug")


class TracebackCatcher(logging.Handler):
    """Keeps every log record that carries a traceback (`exc_info`, or the text of one)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.caught: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info or "Traceback" in record.getMessage():
            self.caught.append(record)

    def report(self) -> str:
        return "\n".join(f"{r.name}: {r.getMessage()}\n{self.format(r)}" for r in self.caught)

    def __enter__(self) -> TracebackCatcher:
        root = logging.getLogger()
        root.addHandler(self)
        self._levels = {name: logging.getLogger(name).level for name in APP_LOGGERS}
        for name in APP_LOGGERS:
            logging.getLogger(name).setLevel(logging.DEBUG)
        return self

    def __exit__(self, *exc: object) -> None:
        logging.getLogger().removeHandler(self)
        for name, level in self._levels.items():
            logging.getLogger(name).setLevel(level)


def assert_well_formed_ack(ack: object, what: str, sent: str = "") -> None:
    """`{ok: true, version, result}` or a refusal with a known code and its words, the
    placeholders filled in (a refusal may quote what was `sent`, which may hold one)."""
    assert isinstance(ack, dict), f"{what}: the ack is not an object: {ack!r}"
    if ack.get("ok") is True:
        assert isinstance(ack.get("version"), int), f"{what}: no version in {ack!r}"
        assert isinstance(ack.get("result", {}), dict), f"{what}: bad result in {ack!r}"
        return
    assert ack.get("ok") is False, f"{what}: ok is neither true nor false: {ack!r}"
    error = ack.get("error")
    assert isinstance(error, dict) and set(error) == {"code", "message"}, f"{what}: {ack!r}"
    assert error["code"] in MESSAGES, f"{what}: a code without words: {ack!r}"
    assert error["code"] != "server_error", f"{what}: the server failed: {ack!r}"
    message = error["message"]
    assert isinstance(message, str) and message.strip(), f"{what}: no message: {ack!r}"
    assert "%(" not in message or "%(" in sent, f"{what}: a placeholder left: {ack!r}"


def board_now(service, board_id: int) -> tuple[int, dict]:
    """The board's version and its whole stored document, read afresh: two of them are
    equal only when nothing of the board changed."""
    with service.sessions() as session:
        board = board_by_id(session, board_id)
        return board.version, read_document(session, board).document


def state_of(board_kind: str, document: dict):
    """The rules' state of a stored document (an evening's or a workspace's)."""
    return AGGREGATES[board_kind].load(document)


def assert_log_contiguous(service, board_id: int, version: int, what: str) -> None:
    """The log holds exactly the versions 1 … `version` (each once: a unique constraint)."""
    with service.sessions() as session:
        count, low, high = session.execute(
            select(func.count(), func.min(BoardEvent.version), func.max(BoardEvent.version))
            .where(BoardEvent.board_id == board_id)).one()
    assert count == version and (high or 0) == version and (low or 1) == 1, (
        f"{what}: log of board {board_id} has {count} events from {low} to {high}, "
        f"board at version {version}")


def assert_ballots_within_budget(state, what: str) -> None:
    """Every hidden ballot keeps to its round's rules; a revealed tally adds them up."""
    for step, vote in state.votes.items():
        for voter, ballot in vote["ballots"].items():
            assert sum(ballot.values()) <= vote["budget"], f"{what}: {step}/{voter} {ballot}"
            for item, dots in ballot.items():
                assert item in vote["items"], f"{what}: a ballot on {item!r} not in the vote"
                assert type(dots) is int and 0 < dots <= vote["max_per_item"], (
                    f"{what}: {dots!r} dots on {item} (max {vote['max_per_item']})")
        assert vote["voters"] == len(vote["ballots"]), f"{what}: voters {vote}"
