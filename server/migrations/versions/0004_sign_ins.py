"""Sign-ins the server can end (logout deletes the row its cookie names), and who made
an invite link (a facilitator's open links are withdrawn with their grant).

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sign_ins",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("secret_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("secret_hash", name="uq_sign_in_secret"),
    )
    with op.batch_alter_table("invites") as batch:
        batch.add_column(sa.Column("made_by_user_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_invite_made_by", "users", ["made_by_user_id"], ["id"],
                                 ondelete="SET NULL")


def downgrade() -> None:
    with op.batch_alter_table("invites") as batch:
        batch.drop_constraint("fk_invite_made_by", type_="foreignkey")
        batch.drop_column("made_by_user_id")
    op.drop_table("sign_ins")
