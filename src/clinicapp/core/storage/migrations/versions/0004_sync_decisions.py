"""sync decisions: conflicts get a replica-independent key, a kind and the (origin, seq)
of both sides; synced conflict decisions, merges of duplicate records and clock repairs;
changes parked for a clock too far ahead

Revision ID: 0004
Revises: 0002
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None



def _synced() -> list[sa.Column[object]]:
    """The columns every synced table shares (fresh objects for each table)."""
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
    ]


def upgrade() -> None:
    with op.batch_alter_table("conflicts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("conflict_key", sa.String(length=64), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("kind", sa.String(length=10), nullable=False,
                                      server_default="edit"))
        batch_op.add_column(sa.Column("kept_seq", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("lost_seq", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("note", sa.Text(), nullable=False, server_default=""))
        batch_op.create_index("ix_conflicts_key", ["conflict_key"], unique=False)
        batch_op.create_index("ix_conflicts_row", ["tbl", "row_id"], unique=False)

    op.create_table(
        "conflict_decisions",
        sa.Column("conflict_key", sa.String(length=64), nullable=False),
        sa.Column("tbl", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("choice", sa.String(length=20), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=False),
        sa.Column("decided_on", sa.String(length=200), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        *_synced(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflict_decisions")))
    with op.batch_alter_table("conflict_decisions", schema=None) as batch_op:
        batch_op.create_index("ix_conflict_decisions_key", ["conflict_key"], unique=False)

    op.create_table(
        "record_merges",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("kept_id", sa.String(length=36), nullable=False),
        sa.Column("merged_id", sa.String(length=36), nullable=False),
        sa.Column("moved", sa.JSON(), nullable=False),
        sa.Column("merged_by", sa.String(length=200), nullable=False),
        sa.Column("merged_on", sa.String(length=200), nullable=False),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("undone_by", sa.String(length=200), nullable=False),
        *_synced(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_record_merges")))
    with op.batch_alter_table("record_merges", schema=None) as batch_op:
        batch_op.create_index("ix_record_merges_merged", ["merged_id"], unique=False)

    op.create_table(
        "clock_repairs",
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("voided", sa.Text(), nullable=False),
        sa.Column("reissued", sa.Text(), nullable=False),
        sa.Column("offset_ms", sa.BigInteger(), nullable=False),
        sa.Column("repaired_at", sa.DateTime(timezone=True), nullable=True),
        *_synced(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clock_repairs")))

    op.create_table(
        "parked_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tbl", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("hlc", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("prev_origin", sa.String(length=36), nullable=True),
        sa.Column("prev_seq", sa.BigInteger(), nullable=True),
        sa.Column("received_from", sa.String(length=36), nullable=False),
        sa.Column("parked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parked_changes")),
        sa.UniqueConstraint("origin", "seq", name="uq_parked_changes_origin_seq"))


def downgrade() -> None:
    op.drop_table("parked_changes")
    op.drop_table("clock_repairs")
    op.drop_table("record_merges")
    op.drop_table("conflict_decisions")
    with op.batch_alter_table("conflicts", schema=None) as batch_op:
        batch_op.drop_index("ix_conflicts_row")
        batch_op.drop_index("ix_conflicts_key")
        for name in ("note", "lost_seq", "kept_seq", "kind", "conflict_key"):
            batch_op.drop_column(name)
