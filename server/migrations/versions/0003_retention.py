"""Retention: a group's setting for removing raw cards after the hand-over.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("resident_groups", sa.Column("retention_days", sa.Integer(),
                                               nullable=False, server_default="90"))


def downgrade() -> None:
    with op.batch_alter_table("resident_groups") as batch:
        batch.drop_column("retention_days")
