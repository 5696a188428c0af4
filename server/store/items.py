"""A board's state document read and written by its items (`board_items`, migration 0007).

The write path: the service loads a state once (`read_document`), keeps it in memory
(`server/live_state.py`), and after each command writes only what `ItemTracker` found
changed (`write_changes`): the small head into `boards.state`, a few item rows. Plain
tuples through SQLAlchemy Core, never ORM objects: loading 5,000 cards as objects would
cost more than the command. Readers that want the document whole use `Board.state`.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from ..domain.evening.own_format import COPY
from ..models import Board, BoardItem, assemble_document, utcnow
from .changes import ItemChanges
from .tracked import Key


@dataclass
class StoredDocument:
    """A board's document as read, with where its items lie: which are stored, and the
    next free position (for the tracker that writes its changes later)."""

    document: dict
    stored: set[Key]
    next_position: int


def read_document(session: Session, board: Board) -> StoredDocument:
    """The board's whole document, read as tuples (its head from `board`, whose head
    column is loaded here if it was deferred)."""
    rows = session.execute(select(BoardItem.collection, BoardItem.item_key, BoardItem.body,
                                  BoardItem.position)
                           .where(BoardItem.board_id == board.id)
                           .order_by(BoardItem.position)).all()
    stored = {(collection, key) for collection, key, _body, _position in rows}
    next_position = rows[-1][3] + 1 if rows else 0
    document = assemble_document(board.head, ((c, k, b) for c, k, b, _p in rows))
    return StoredDocument(document, stored, next_position)


def write_changes(session: Session, board: Board, changes: ItemChanges) -> None:
    """Store one command's changes to the board's items, and its head."""
    board_id = board.id
    if changes.deletes:
        for collection, keys in _by_collection(changes.deletes).items():
            session.execute(delete(BoardItem).where(
                BoardItem.board_id == board_id, BoardItem.collection == collection,
                BoardItem.item_key.in_(keys)))
    if changes.updates:  # the ORM's bulk UPDATE by primary key: one executemany
        session.execute(update(BoardItem), [
            {"board_id": board_id, "collection": c, "item_key": k, "body": body}
            for c, k, body in changes.updates])
    if changes.inserts:
        session.execute(insert(BoardItem), [
            {"board_id": board_id, "collection": c, "item_key": k, "position": p,
             "body": body} for c, k, p, body in changes.inserts])
    board.head = changes.head
    # the stamp moves with every write, also when the head is the same as before (a
    # hidden ballot moves no version): another process must not trust its kept state
    board.updated_at = utcnow()
    if "items" in board.__dict__:  # loaded as objects earlier in this transaction: stale
        session.expire(board, ["items"])


def item_count(session: Session, board_id: int) -> int:
    """How many item rows the board has (for the tests of the layout)."""
    return session.scalar(select(func.count()).select_from(BoardItem)
                          .where(BoardItem.board_id == board_id)) or 0


def _by_collection(keys: list[Key]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for collection, key in keys:
        grouped.setdefault(collection, []).append(key)
    return grouped


def format_copy_titles(session: Session, board_ids: list[int]) -> dict[int, dict]:
    """The title ({nl, en}) of each evening's own copy of its format, by board id, for a
    list of evenings: read out of the one `format_copy` item in the database (a JSON path),
    so a list of evenings neither loads their cards nor the copies' steps. Evenings made
    before copies existed have none and are left out."""
    if not board_ids:
        return {}
    rows = session.execute(select(BoardItem.board_id, BoardItem.body["title"])
                           .where(BoardItem.board_id.in_(board_ids),
                                  BoardItem.collection == "format_copy",
                                  BoardItem.item_key == COPY)).all()
    return {board_id: title for board_id, title in rows if isinstance(title, dict)}
