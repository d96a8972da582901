"""authority: every change signed by its origin in runs (change_runs), peers carry their
rights (groups), a central peer's directory of the workstations it vouches for
(vouched_origins); this replica's existing changes are signed, one run per stretch of
consecutive sequence numbers

Revision ID: 0005
Revises: 0004 (0003, reserved for this work, is unused: 0004 landed first on 0002)
"""
from __future__ import annotations

import base64
import hashlib
from typing import Any

import sqlalchemy as sa
from alembic import op
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Frozen copy of format 1 of clinicapp.core.sync.authorship (a migration never changes).
RUN_PREFIX = b"clinicapp-run:v1\n"


def _digest(tbl: str, row_id: str, field: str, value: str, hlc: str, origin: str, seq: int,
            prev_origin: str | None, prev_seq: int | None) -> bytes:
    value_hash = (bytes.fromhex(value[1:]) if value.startswith("#")
                  else hashlib.sha256(value.encode()).digest())
    meta = "\x1f".join((tbl, row_id, field, hlc, origin, str(seq), prev_origin or "",
                        "" if prev_seq is None else str(prev_seq)))
    return hashlib.sha256(meta.encode() + value_hash).digest()


def _sign_own_changes() -> None:
    conn = op.get_bind()
    state = conn.execute(sa.text("SELECT replica_id, signing_key FROM replica_state")).first()
    if state is None:
        return
    origin, raw = state[0], bytes(state[1])
    key = Ed25519PrivateKey.from_private_bytes(raw)
    rows = conn.execute(sa.text(
        "SELECT tbl, row_id, field, value, hlc, origin, seq, prev_origin, prev_seq "
        "FROM changes WHERE origin = :o ORDER BY seq"), {"o": origin}).all()
    runs: list[list[Any]] = []
    current: list[Any] = []
    for row in rows:
        if current and row[6] != current[-1][6] + 1:
            runs.append(current)
            current = []
        current.append(row)
    if current:
        runs.append(current)
    for part in runs:
        lo, hi = part[0][6], part[-1][6]
        root = hashlib.sha256(b"".join(_digest(*r) for r in part)).digest()
        signature = key.sign(RUN_PREFIX + f"{origin}\n{lo}\n{hi}\n".encode() + root)
        conn.execute(sa.text("INSERT INTO change_runs (origin, lo, hi, signature) "
                             "VALUES (:o, :lo, :hi, :s)"),
                     {"o": origin, "lo": lo, "hi": hi,
                      "s": base64.b64encode(signature).decode()})


def upgrade() -> None:
    op.create_table(
        "change_runs",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                  autoincrement=True, nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("lo", sa.BigInteger(), nullable=False),
        sa.Column("hi", sa.BigInteger(), nullable=False),
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_runs")),
        sa.UniqueConstraint("origin", "lo", "hi", name="uq_change_runs_origin_lo"),
    )
    op.create_table(
        "vouched_origins",
        sa.Column("replica_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("minisign_key", sa.String(length=100), nullable=False),
        sa.Column("groups", sa.Text(), nullable=False),
        sa.Column("vouched_by", sa.String(length=36), nullable=False),
        sa.Column("vouched_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("replica_id", name=op.f("pk_vouched_origins")),
    )
    with op.batch_alter_table("peers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("groups", sa.Text(), nullable=False,
                                      server_default="[]"))
    _sign_own_changes()


def downgrade() -> None:
    with op.batch_alter_table("peers", schema=None) as batch_op:
        batch_op.drop_column("groups")
    op.drop_table("vouched_origins")
    op.drop_table("change_runs")
