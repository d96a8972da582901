"""Decisions people make about synced data, themselves synced so every replica applies
them alike: conflict resolutions, merges of duplicate records, and clock repairs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from clinicapp.core.models.base import Base, Synced


class ConflictDecision(Synced, Base):
    """How a person settled a conflict. ``conflict_key`` names the conflict the same way
    on every replica (see ``core.sync.decisions.conflict_key``)."""

    __tablename__ = "conflict_decisions"
    __table_args__ = (Index("ix_conflict_decisions_key", "conflict_key"),)

    conflict_key: Mapped[str] = mapped_column(String(64))
    tbl: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(60))
    choice: Mapped[str] = mapped_column(String(20))  # kept, lost, restore, keep_deleted
    value: Mapped[str] = mapped_column(Text, default="")  # sha256 of the value chosen
    decided_by: Mapped[str] = mapped_column(String(200), default="")
    decided_on: Mapped[str] = mapped_column(String(200), default="")  # workstation name
    decided_at: Mapped[datetime | None] = mapped_column(default=None)


class RecordMerge(Synced, Base):
    """Two records found to be the same person (or topic): ``merged_id`` folds into
    ``kept_id``. ``moved`` lists what the merge changed, so it can be undone."""

    __tablename__ = "record_merges"
    __table_args__ = (Index("ix_record_merges_merged", "merged_id"),)

    kind: Mapped[str] = mapped_column(String(20))  # member, topic
    kept_id: Mapped[str] = mapped_column(String(36))
    merged_id: Mapped[str] = mapped_column(String(36))
    moved: Mapped[list[str]] = mapped_column(JSON, default=list)  # "table:row_id:how"
    merged_by: Mapped[str] = mapped_column(String(200), default="")
    merged_on: Mapped[str] = mapped_column(String(200), default="")
    merged_at: Mapped[datetime | None] = mapped_column(default=None)
    undone_at: Mapped[datetime | None] = mapped_column(default=None)
    undone_by: Mapped[str] = mapped_column(String(200), default="")


class ClockRepair(Synced, Base):
    """A workstation whose clock ran ahead voids its future-stamped changes ``voided``
    (seq ranges of ``origin``) and re-issues their values as new, correctly stamped
    changes ``reissued``. Every replica drops the voided changes alike."""

    __tablename__ = "clock_repairs"

    origin: Mapped[str] = mapped_column(String(36))
    voided: Mapped[str] = mapped_column(Text, default="[]")  # [[lo, hi], ...]
    reissued: Mapped[str] = mapped_column(Text, default="[]")
    offset_ms: Mapped[int] = mapped_column(BigInteger, default=0)
    repaired_at: Mapped[datetime | None] = mapped_column(default=None)
