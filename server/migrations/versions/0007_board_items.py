"""A board's items in rows of their own: `board_items`.

Until now a board's whole state was one JSON document in `boards.state`, and every
command wrote all of it: at 5,000 cards, 1.5 MB per command (docs/performance.md). From
here `boards.state` keeps the *head*, the document with each collection of items emptied
in its place, and every item of those collections (a card, a cluster, a step's vote, a
plan, …) is a row, written only when a command changed it. Item order (the collection's
insertion order, which the screens' lists follow) is `position`.

The collections are named here as they are at this revision (the same names as
`WorkshopState.ITEMS` and `WorkspaceState.ITEMS` today), so later changes to the code do
not change what this migration does. Reading and writing go through SQLAlchemy's JSON
type, so it is the same on SQLite and PostgreSQL; a board is split and written in one
go, in batches of boards.

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

BATCH = 50
COLLECTIONS = frozenset({"cards", "clusters", "votes", "results", "plans", "actions",
                         "undo", "reviews", "years", "meanings"})

boards = sa.table("boards", sa.column("id", sa.Integer), sa.column("state", sa.JSON))
items = sa.table("board_items", sa.column("board_id", sa.Integer),
                 sa.column("collection", sa.String), sa.column("item_key", sa.String),
                 sa.column("position", sa.Integer), sa.column("body", sa.JSON))


def upgrade() -> None:
    op.create_table(
        "board_items",
        sa.Column("board_id", sa.Integer, sa.ForeignKey("boards.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("collection", sa.String(20), primary_key=True),
        sa.Column("item_key", sa.String(64), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("body", sa.JSON),
    )
    op.create_index("ix_board_items_order", "board_items", ["board_id", "position"])
    bind = op.get_bind()
    for board_id, state in _boards(bind):
        if not isinstance(state, dict):
            continue
        head: dict = {}
        rows: list[dict] = []
        for name, value in state.items():
            if name in COLLECTIONS and isinstance(value, dict):
                head[name] = {}
                rows.extend({"board_id": board_id, "collection": name, "item_key": key,
                             "position": len(rows), "body": item}
                            for key, item in value.items())
            else:
                head[name] = value
        if rows:
            bind.execute(items.insert(), rows)
        bind.execute(boards.update().where(boards.c.id == board_id).values(state=head))


def downgrade() -> None:
    bind = op.get_bind()
    for board_id, head in _boards(bind):
        if not isinstance(head, dict):
            continue
        state = {name: dict(value) if name in COLLECTIONS and isinstance(value, dict)
                 else value for name, value in head.items()}
        query = (sa.select(items.c.collection, items.c.item_key, items.c.body)
                 .where(items.c.board_id == board_id).order_by(items.c.position))
        for collection, key, body in bind.execute(query):
            state[collection][key] = body
        bind.execute(boards.update().where(boards.c.id == board_id).values(state=state))
    op.drop_index("ix_board_items_order", table_name="board_items")
    op.drop_table("board_items")


def _boards(bind):
    """Every board's id and stored document, read in batches by id."""
    last = None
    while True:
        query = sa.select(boards.c.id, boards.c.state).order_by(boards.c.id).limit(BATCH)
        if last is not None:
            query = query.where(boards.c.id > last)
        rows = bind.execute(query).all()
        yield from rows
        if len(rows) < BATCH:
            return
        last = rows[-1][0]
