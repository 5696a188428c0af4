"""Group access: members with passcodes, expiring invites, facilitator grants.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def group_fk() -> sa.ForeignKey:
    """The owning group's key: a member, invite or grant goes when its group goes.
    A new object each time, since SQLAlchemy ties a ForeignKey to one column."""
    return sa.ForeignKey("resident_groups.id", ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "members",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("group_id", sa.Integer(), group_fk(), nullable=False),
        sa.Column("display_name", sa.String(40), nullable=False),
        sa.Column("name_key", sa.String(40), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("passcode_hash", sa.String(255), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("group_id", "name_key", name="uq_member_name"),
    )
    op.create_index("ix_members_group_id", "members", ["group_id"])
    op.create_table(
        "invites",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("group_id", sa.Integer(), group_fk(), nullable=False),
        sa.Column("secret_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("uses", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_invites_group_id", "invites", ["group_id"])
    op.create_table(
        "facilitator_grants",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("group_id", sa.Integer(), group_fk(), nullable=False),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("group_id", "user_id", name="uq_grant"),
    )
    op.create_index("ix_facilitator_grants_group_id", "facilitator_grants", ["group_id"])
    # groups made before this revision: their creating facilitator keeps access
    op.execute("INSERT INTO facilitator_grants (group_id, user_id, active, changed_at) "
               "SELECT id, created_by_id, true, created_at FROM resident_groups")


def downgrade() -> None:
    for table in ("facilitator_grants", "invites", "members"):
        op.drop_table(table)
