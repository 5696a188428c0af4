"""op_ids are unique per sender: `processed_commands.sender`, and the unique constraint
becomes (board_id, sender, op_id).

Before, an op_id was unique per board: another phone (or the facilitator) reusing a
phone's op_id got that phone's stored answer and its own command did nothing. Rows
stored before this migration keep an empty sender and still answer a resend of their
op_id (they are matched on the op_id alone), so an outbox that spans the upgrade does
not apply a command twice.

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("processed_commands") as batch:
        batch.add_column(sa.Column("sender", sa.String(80), nullable=False,
                                   server_default=""))
        batch.drop_constraint("uq_processed_op", type_="unique")
        batch.create_unique_constraint("uq_processed_sender_op",
                                       ["board_id", "sender", "op_id"])


def downgrade() -> None:
    # an op_id two senders both used cannot go back under the per-board constraint:
    # keep the first one stored
    op.execute("DELETE FROM processed_commands WHERE id NOT IN "
               "(SELECT MIN(id) FROM processed_commands GROUP BY board_id, op_id)")
    with op.batch_alter_table("processed_commands") as batch:
        batch.drop_constraint("uq_processed_sender_op", type_="unique")
        batch.create_unique_constraint("uq_processed_op", ["board_id", "op_id"])
        batch.drop_column("sender")
