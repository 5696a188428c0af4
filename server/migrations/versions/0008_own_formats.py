"""A facilitator's own formats: `own_formats` (docs/formats.md, "Your own formats").

An evening adapted in the console can be saved as its facilitator's own format and used
for the next evening. The document has the schema of a `sessions/*.toml` file; the table
only keeps it by owner and slug.

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "own_formats",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("owner_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("slug", sa.String(80), nullable=False),
        sa.Column("document", sa.JSON, nullable=False),
        sa.Column("saved_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("owner_id", "slug", name="uq_own_format_slug"),
    )
    op.create_index("ix_own_formats_owner_id", "own_formats", ["owner_id"])


def downgrade() -> None:
    op.drop_index("ix_own_formats_owner_id", table_name="own_formats")
    op.drop_table("own_formats")
