"""the change log's field index ends in hlc, so finding a field's current winner is one
index lookup instead of a scan of every edit the field ever had

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


def downgrade() -> None:
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.drop_index("ix_changes_field")
        batch_op.create_index("ix_changes_field", ["tbl", "row_id", "field"], unique=False)
