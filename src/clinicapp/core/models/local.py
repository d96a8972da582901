"""Tables that belong to one replica and never sync as rows: its identity, the change
log, conflicts, peers, the version vector, bundle history and local settings."""

from __future__ import annotations

import getpass
from contextvars import ContextVar
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from clinicapp.core.models.base import Base
from clinicapp.core.sync.clock import utcnow


class ReplicaState(Base):
    """This database's identity and clocks. Exactly one row.

    The signing and age keys live here, inside the encrypted database, never as files.
    """

    __tablename__ = "replica_state"

    replica_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    last_hlc: Mapped[str] = mapped_column(String(32), default="000000000000000.000000")
    signing_key: Mapped[bytes] = mapped_column(LargeBinary)  # Ed25519 private, 32 bytes
    age_identity: Mapped[str] = mapped_column(Text)  # AGE-SECRET-KEY-1…
    schema_note: Mapped[str] = mapped_column(Text, default="")


class Change(Base):
    """One field of one row, as written by one replica: the unit that syncs."""

    __tablename__ = "changes"
    __table_args__ = (
        UniqueConstraint("origin", "seq", name="uq_changes_origin_seq"),
        Index("ix_changes_field", "tbl", "row_id", "field", "hlc"),
    )

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    tbl: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(60))
    value: Mapped[str] = mapped_column(Text)  # JSON
    hlc: Mapped[str] = mapped_column(String(32), index=True)
    origin: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(BigInteger)
    # The change this one overwrote on its origin (None for a first write): lets merge
    # tell a knowing update from a concurrent edit.
    prev_origin: Mapped[str | None] = mapped_column(String(36), default=None)
    prev_seq: Mapped[int | None] = mapped_column(BigInteger, default=None)


class Conflict(Base):
    """A concurrent edit that lost last-writer-wins (``kind`` "edit"), or an edit made
    while the record was deleted elsewhere ("delete"), kept for a person to review.

    ``conflict_key`` is the same on every replica that detects it (the table, row,
    field and the losing change's ``(origin, seq)``), so one decision settles it
    everywhere. ``kept_*`` always describe the value in place (refreshed after every
    write); a conflict whose field was changed again knowingly is closed ("superseded").
    """

    __tablename__ = "conflicts"
    __table_args__ = (Index("ix_conflicts_key", "conflict_key"),
                      Index("ix_conflicts_row", "tbl", "row_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tbl: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(60))
    kept_value: Mapped[str] = mapped_column(Text)
    kept_hlc: Mapped[str] = mapped_column(String(32))
    kept_origin: Mapped[str] = mapped_column(String(36))
    lost_value: Mapped[str] = mapped_column(Text)
    lost_hlc: Mapped[str] = mapped_column(String(32))
    lost_origin: Mapped[str] = mapped_column(String(36))
    detected_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(default=None)
    resolution: Mapped[str] = mapped_column(String(40), default="")
    conflict_key: Mapped[str] = mapped_column(String(64), default="")
    kind: Mapped[str] = mapped_column(String(10), default="edit")  # edit, delete
    kept_seq: Mapped[int | None] = mapped_column(BigInteger, default=None)
    lost_seq: Mapped[int | None] = mapped_column(BigInteger, default=None)
    note: Mapped[str] = mapped_column(Text, default="")  # why it closed, who decided


class ParkedChange(Base):
    """A change received with a time stamp too far ahead of this clock: not applied and
    not claimed by the version vector (so it is sent again), until its origin repairs
    its clock (a ``ClockRepair`` voids it) or real time reaches it."""

    __tablename__ = "parked_changes"
    __table_args__ = (UniqueConstraint("origin", "seq", name="uq_parked_changes_origin_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tbl: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(60))
    value: Mapped[str] = mapped_column(Text)
    hlc: Mapped[str] = mapped_column(String(32))
    origin: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(BigInteger)
    prev_origin: Mapped[str | None] = mapped_column(String(36), default=None)
    prev_seq: Mapped[int | None] = mapped_column(BigInteger, default=None)
    received_from: Mapped[str] = mapped_column(String(36), default="")
    parked_at: Mapped[datetime] = mapped_column(default=utcnow)


class Peer(Base):
    """A replica this one trusts: it accepts its bundles and can encrypt for it."""

    __tablename__ = "peers"

    replica_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    age_recipient: Mapped[str] = mapped_column(String(100))
    minisign_key: Mapped[str] = mapped_column(String(100))  # base64, minisign .pub body
    is_central: Mapped[bool] = mapped_column(Boolean, default=False)
    # Its rights: the ids of the groups whose records it may change, as a JSON list
    # (a central peer may change every group's).
    groups: Mapped[str] = mapped_column(Text, default="[]")
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Range sets per origin, as JSON: {"origin": [[lo, hi], ...]}
    sent: Mapped[str] = mapped_column(Text, default="{}")
    acked: Mapped[str] = mapped_column(Text, default="{}")
    last_sent_at: Mapped[datetime | None] = mapped_column(default=None)
    last_received_at: Mapped[datetime | None] = mapped_column(default=None)


class ChangeRun(Base):
    """An origin's Ed25519 signature over its changes ``lo..hi`` (their digests): kept with
    the changes so a relay forwards the author's signature unchanged."""

    __tablename__ = "change_runs"
    __table_args__ = (UniqueConstraint("origin", "lo", "hi", name="uq_change_runs_origin_lo"),)

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    origin: Mapped[str] = mapped_column(String(36))
    lo: Mapped[int] = mapped_column(BigInteger)
    hi: Mapped[int] = mapped_column(BigInteger)
    signature: Mapped[str] = mapped_column(String(100))  # base64 of 64 bytes


class VouchedOrigin(Base):
    """A workstation this one never trusted directly, whose key and groups a central peer
    vouched for in a signed bundle: its relayed changes are verified against that key."""

    __tablename__ = "vouched_origins"

    replica_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    minisign_key: Mapped[str] = mapped_column(String(100))
    groups: Mapped[str] = mapped_column(Text, default="[]")  # JSON list, or "*" for all
    vouched_by: Mapped[str] = mapped_column(String(36))
    vouched_at: Mapped[datetime] = mapped_column(default=utcnow)


class HeldRanges(Base):
    """The version vector: which sequence numbers of each origin this replica holds."""

    __tablename__ = "held_ranges"

    origin: Mapped[str] = mapped_column(String(36), primary_key=True)
    ranges: Mapped[str] = mapped_column(Text, default="[]")  # [[lo, hi], ...]


# Who is asking, for what this workstation records itself (bundle exchanges): a front end
# with accounts (the server's dashboard) names its user; otherwise the OS login.
ACTOR: ContextVar[str] = ContextVar("clinicapp_actor", default="")


def current_actor() -> str:
    """The named user, else the operating-system login (the best 'who' without accounts)."""
    named = ACTOR.get()
    if named:
        return named[:200]
    try:
        return getpass.getuser()[:200]
    except (OSError, KeyError):  # no login name (some service accounts, containers)
        return ""


class BundleRecord(Base):
    """Every bundle made or read here, by content hash: replays are recognised. Also the
    local audit of exchanges (``audit.list_entries`` shows them): a refused bundle gets a
    record of its own each time (status "refused", a random key, ``summary`` the reason),
    never matched as imported. Local, not an AuditEntry: a synced entry per exchange would
    itself be a change to send, and replicas would never end in step."""

    __tablename__ = "bundle_records"

    content_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    direction: Mapped[str] = mapped_column(String(3))  # "out" or "in"
    peer_id: Mapped[str] = mapped_column(String(36), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    processed_at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(20), default="")  # imported, waiting, ...
    summary: Mapped[str] = mapped_column(Text, default="{}")  # JSON counts and message
    actor: Mapped[str] = mapped_column(String(200), default=current_actor,
                                       server_default="")


class LocalSetting(Base):
    """A setting of this workstation (declared in ``clinicapp.settings``)."""

    __tablename__ = "local_settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON
