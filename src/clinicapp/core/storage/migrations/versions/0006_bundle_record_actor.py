"""bundle_records.actor: who made or read each bundle (the local audit of exchanges)

Revision ID: 0006
Revises: 0005
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bundle_records", schema=None) as batch_op:
        batch_op.add_column(sa.Column("actor", sa.String(length=200), server_default="",
                                      nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("bundle_records", schema=None) as batch_op:
        batch_op.drop_column("actor")
