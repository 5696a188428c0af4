"""Clean text stored before the edge checked it (docs/protocol.md, "Text").

A lone surrogate, a NUL or another control character that a phone sent before 0005 is
still in the boards' state, their event logs and a few name columns, and any page that
prints it fails. Each stored text goes through `domain.board.text.repaired_text` once: controls
removed, NFC, and a lone surrogate (nobody can be asked to type it again) replaced by
U+FFFD. Only rows that change are written, so running it again changes nothing; it reads
and writes through SQLAlchemy's JSON type, so it is the same on SQLite and PostgreSQL.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

from server.domain.board.text import clean_tree, repaired_text

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

BATCH = 500
JSON_COLUMNS = (("boards", "state"), ("board_events", "data"))
TEXT_COLUMNS = (("boards", "title"), ("resident_groups", "name"), ("users", "name"),
                ("participants", "display_name"), ("members", "display_name"))


def _repaired(value):
    return clean_tree(value, max_depth=10_000, rule=repaired_text)


def _clean_column(bind, table_name: str, column: str, kind, key_type) -> None:
    table = sa.table(table_name, sa.column("id", key_type), sa.column(column, kind))
    last = None
    while True:
        query = sa.select(table.c.id, table.c[column]).order_by(table.c.id).limit(BATCH)
        if last is not None:
            query = query.where(table.c.id > last)
        rows = bind.execute(query).all()
        for row_id, value in rows:
            if value is None:
                continue
            fixed = _repaired(value) if kind is sa.JSON else repaired_text(value)
            if fixed != value:
                bind.execute(table.update().where(table.c.id == row_id)
                             .values({column: fixed}))
        if len(rows) < BATCH:
            return
        last = rows[-1][0]


def upgrade() -> None:
    bind = op.get_bind()
    for table_name, column in JSON_COLUMNS:
        _clean_column(bind, table_name, column, sa.JSON, sa.Integer)
    for table_name, column in TEXT_COLUMNS:
        key = sa.String if table_name == "participants" else sa.Integer
        _clean_column(bind, table_name, column, sa.String, key)


def downgrade() -> None:
    """Nothing to undo: the cleaned text is what the edge would have stored."""
