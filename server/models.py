"""Tables (SQLAlchemy 2.0, typed). Persistence only: the rules live in `domain/`.

A board's live state is one JSON document next to its `version`, stored in two parts:
the small fields in `boards.state` (the *head*) and each item of its collections (cards,
clusters, votes, plans, …) in a row of `board_items`, so a command writes only the items
it changed (docs/performance.md). `Board.state` reads and writes the whole document for
every reader that wants it whole. Every accepted command appends its events to
`board_events` and its `op_id` to `processed_commands` in the same transaction, which is
what makes input exactly-once and replayable.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from .domain.evening.state import WorkshopState
from .domain.workspace.state import WorkspaceState

# the fields of a state document whose entries are stored one per row (both kinds')
ITEM_COLLECTIONS = frozenset(WorkshopState.ITEMS) | frozenset(WorkspaceState.ITEMS)

Item = tuple[str, str, Any]  # (collection, key, the item)


def split_document(document: dict) -> tuple[dict, list[Item]]:
    """The head (the document with each collection of items emptied, in its place) and
    the items, in the document's order."""
    head: dict = {}
    items: list[Item] = []
    for name, value in document.items():
        if name in ITEM_COLLECTIONS and isinstance(value, dict):
            head[name] = {}
            items.extend((name, key, item) for key, item in value.items())
        else:
            head[name] = value
    return head, items


def assemble_document(head: dict, items: Iterable[Item]) -> dict:
    """The whole document from its head and its items (in their stored order)."""
    document = {name: dict(value) if name in ITEM_COLLECTIONS and isinstance(value, dict)
                else value for name, value in head.items()}
    for collection, key, item in items:
        document[collection][key] = item
    return document


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class User(Base):
    """A facilitator (opbouwwerker) account."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    login: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ResidentGroup(Base):
    """A residents' council or issue group: the owner of what its evenings produce."""

    __tablename__ = "resident_groups"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # remove an evening's raw cards this many days after its hand-over; 0 keeps them
    retention_days: Mapped[int] = mapped_column(Integer, default=90, server_default="90")


# The two kinds of board (`Board.kind`): a live evening, and a resident group's plan
# workspace. Code compares with these names, never with the strings.
WORKSHOP = "workshop"
WORKSPACE = "workspace"


class Board(Base):
    """Whatever people watch together live: an evening (`WORKSHOP`) or a group's plan
    workspace (`WORKSPACE`)."""

    __tablename__ = "boards"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default=WORKSHOP)
    group_id: Mapped[int] = mapped_column(ForeignKey("resident_groups.id", ondelete="CASCADE"))
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(120))
    format_slug: Mapped[str] = mapped_column(String(80))
    join_code: Mapped[str] = mapped_column(String(6), unique=True)
    projector_key: Mapped[str] = mapped_column(String(64), unique=True)
    # the state document without its collections' items (column `state`, as before 0007)
    head: Mapped[dict] = mapped_column("state", JSON)
    version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    items: Mapped[list[BoardItem]] = relationship(
        order_by="BoardItem.position", cascade="all, delete-orphan", passive_deletes=True)

    @property
    def state(self) -> dict:
        """The whole state document, for readers that want it whole (pages, reports,
        export, retention, the hand-over). The write path reads and writes items through
        `store/items.py` instead, without loading them as objects."""
        return assemble_document(self.head, ((i.collection, i.item_key, i.body)
                                             for i in self.items))

    @state.setter
    def state(self, document: dict) -> None:
        """Store a whole document: the head, and only the items that differ as rows.
        `updated_at` moves even when only items changed: it is part of the stamp under
        which a process keeps the live state (`server/live_state.py`)."""
        self.updated_at = utcnow()
        head, items = split_document(document)
        present = {(row.collection, row.item_key): row for row in self.items}
        rows = []
        for position, (collection, key, item) in enumerate(items):
            row = present.pop((collection, key), None)
            if row is None:
                row = BoardItem(collection=collection, item_key=key, position=position,
                                body=item)
            else:
                if row.body != item:
                    row.body = item
                if row.position != position:
                    row.position = position
            rows.append(row)
        self.head, self.items = head, rows


class BoardItem(Base):
    """One item of a board's state (a card, a cluster, a step's vote, a plan, …): written
    only when a command changed it. `position` keeps the collection's order (insertion
    order, which the screens' lists follow)."""

    __tablename__ = "board_items"
    __table_args__ = (Index("ix_board_items_order", "board_id", "position"),)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"),
                                          primary_key=True)
    collection: Mapped[str] = mapped_column(String(20), primary_key=True)
    item_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    body: Mapped[Any] = mapped_column(JSON, nullable=True)


class BoardEvent(Base):
    """One entry of a board's event log: replayed on resync, read for process reports."""

    __tablename__ = "board_events"
    __table_args__ = (UniqueConstraint("board_id", "version", name="uq_board_event_version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict] = mapped_column(JSON)
    actor_role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ProcessedCommand(Base):
    """A command already accepted, by its sender and client op_id: a resend by the same
    sender returns `ack` again. `sender` is `Actor.sender` (role and id); rows stored
    before migration 0006 have an empty sender and match on the op_id alone."""

    __tablename__ = "processed_commands"
    __table_args__ = (UniqueConstraint("board_id", "sender", "op_id",
                                       name="uq_processed_sender_op"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"))
    sender: Mapped[str] = mapped_column(String(80), default="", server_default="")
    op_id: Mapped[str] = mapped_column(String(64))
    ack: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Participant(Base):
    """A resident who joined a board from a phone: no account, a name only if given."""

    __tablename__ = "participants"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    display_name: Mapped[str | None] = mapped_column(String(40), nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Member(Base):
    """A resident in a group's council or issue group: a display name and a passcode.

    No e-mail address: many residents have none. The name is unique within the group so
    that name + passcode is enough to sign in on another device.
    """

    __tablename__ = "members"
    __table_args__ = (UniqueConstraint("group_id", "name_key", name="uq_member_name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("resident_groups.id", ondelete="CASCADE"),
                                          index=True)
    display_name: Mapped[str] = mapped_column(String(40))
    name_key: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(20))
    passcode_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Invite(Base):
    """A link that lets people join a group as members: it expires and can be revoked.

    Only a hash of the link's secret is stored, so a database copy cannot be used to join.
    """

    __tablename__ = "invites"
    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("resident_groups.id", ondelete="CASCADE"),
                                          index=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    expires_at: Mapped[datetime] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column(nullable=True)
    uses: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # the facilitator who made the link (None: a coordinator did); withdrawn with their grant
    made_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL", name="fk_invite_made_by"), nullable=True)


class FacilitatorGrant(Base):
    """A group's permission for a facilitator to see and support its plans; revocable."""

    __tablename__ = "facilitator_grants"
    __table_args__ = (UniqueConstraint("group_id", "user_id", name="uq_grant"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("resident_groups.id", ondelete="CASCADE"),
                                          index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    active: Mapped[bool] = mapped_column(default=True)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)


class SignIn(Base):
    """One browser's sign-in (a facilitator's login and/or a member's), as the server
    knows it: the session cookie names it by a random key, of which only the hash is
    stored. Logging out deletes the row, so a copy of the cookie taken before no longer
    signs anyone in (`server/store/sign_ins.py`)."""

    __tablename__ = "sign_ins"
    __table_args__ = (UniqueConstraint("secret_hash", name="uq_sign_in_secret"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    secret_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class OwnFormat(Base):
    """A facilitator's own format: an evening's adapted copy saved under a slug of their
    choosing, offered on the new-evening form beside the files of `sessions/`. The
    document has the `sessions/` schema and was checked by its loader when saved
    (docs/formats.md, "Your own formats")."""

    __tablename__ = "own_formats"
    __table_args__ = (UniqueConstraint("owner_id", "slug", name="uq_own_format_slug"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                          index=True)
    slug: Mapped[str] = mapped_column(String(80))
    document: Mapped[dict] = mapped_column(JSON)
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)
