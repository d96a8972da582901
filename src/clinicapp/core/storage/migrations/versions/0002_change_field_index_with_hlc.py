"""the change log's field index ends in hlc, so finding a field's current winner is one
index lookup instead of a scan of every edit the field ever had; live sessions by date get
an index, so the Sessions list and its count do not read every row

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.drop_index("ix_changes_field")
        batch_op.create_index("ix_changes_field", ["tbl", "row_id", "field", "hlc"],
                              unique=False)
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.create_index("ix_sessions_deleted_start", ["deleted_at", "scheduled_start"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.drop_index("ix_sessions_deleted_start")
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.drop_index("ix_changes_field")
        batch_op.create_index("ix_changes_field", ["tbl", "row_id", "field"], unique=False)
