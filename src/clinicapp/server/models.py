"""Tables only the server has: enrolled devices, enrollment codes, request nonces,
uploads and their chunks, pull parts, refused bundles, staff accounts, rate-limit
counters and periodic jobs.

They never sync and live in their own metadata with their own Alembic history
(``server_alembic_version``), so the core chain stays the workstation's alone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from clinicapp.core.models.base import NAMING, UTCDateTime
from clinicapp.core.sync.clock import utcnow


class ServerBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime()}


class Device(ServerBase):
    """An enrolled workstation: its replica id, keys and scope (group ids, JSON list)."""

    __tablename__ = "server_devices"

    replica_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    minisign_key: Mapped[str] = mapped_column(String(100))
    age_recipient: Mapped[str] = mapped_column(String(100))
    groups: Mapped[str] = mapped_column(Text, default="[]")
    enrolled_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
    last_seen_at: Mapped[datetime | None] = mapped_column(default=None)
    last_sync_at: Mapped[datetime | None] = mapped_column(default=None)
    last_failure_at: Mapped[datetime | None] = mapped_column(default=None)
    last_failure: Mapped[str] = mapped_column(Text, default="")  # a reason in words
    # What the device said it holds (its pushed vector and pull acknowledgements).
    acked: Mapped[str] = mapped_column(Text, default="{}")
    # What the pull under way has looked at (carried, or outside the device's scope), so
    # its next part reads on from there; "{}" once a pull's last part is stored.
    pull_considered: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")


class EnrollmentCode(ServerBase):
    """A one-time code; only its SHA-256 is stored, so a leaked database enrolls no one."""

    __tablename__ = "server_enrollment_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    groups: Mapped[str] = mapped_column(Text)  # JSON list of group ids
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[datetime | None] = mapped_column(default=None)
    used_by: Mapped[str | None] = mapped_column(String(36), default=None)
    hint: Mapped[str] = mapped_column(String(12), default="")  # first characters, for lists


class Nonce(ServerBase):
    """A server-issued challenge, good for one signed request (or one enrollment)."""

    __tablename__ = "server_nonces"

    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    device_id: Mapped[str | None] = mapped_column(String(36), default=None)
    expires_at: Mapped[datetime] = mapped_column(index=True)


class Upload(ServerBase):
    """A bundle being pushed by a device, identified by its SHA-256."""

    __tablename__ = "server_uploads"

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(36))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    chunk_size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    state: Mapped[str] = mapped_column(String(20), default="receiving")  # applying, applied…
    claimed_at: Mapped[datetime | None] = mapped_column(default=None)  # when applying began
    result: Mapped[str] = mapped_column(Text, default="{}")  # the answer given on apply

    __table_args__ = (Index("ix_server_uploads_device_sha", "device_id", "sha256",
                            unique=True),)


class UploadChunk(ServerBase):
    __tablename__ = "server_upload_chunks"

    upload_id: Mapped[int] = mapped_column(
        ForeignKey("server_uploads.id", ondelete="CASCADE"), primary_key=True)
    idx: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class PullPart(ServerBase):
    """A bundle the server built for a device, kept until acknowledged or replaced, so a
    broken download resumes with HTTP Range on any worker."""

    __tablename__ = "server_pulls"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # SHA-256 of data
    # One part waits per device at a time: a second request gets the same part back.
    device_id: Mapped[str] = mapped_column(String(36), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    changes: Mapped[int] = mapped_column(Integer)
    ranges: Mapped[str] = mapped_column(Text)  # JSON vector the part carries
    more: Mapped[bool] = mapped_column(default=False)  # more parts wait after this one
    considered: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")  # window
    data: Mapped[bytes] = mapped_column(LargeBinary)


class RefusedBundle(ServerBase):
    """A bundle the server did not apply, with the reason in words, for the dashboard."""

    __tablename__ = "server_refused_bundles"

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    device_id: Mapped[str] = mapped_column(String(36), default="")
    sha256: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(20))  # network, upload, cli
    kind: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)


class Staff(ServerBase):
    """A program-office account for the dashboard (argon2id password hash)."""

    __tablename__ = "server_staff"

    username: Mapped[str] = mapped_column(String(100), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[datetime | None] = mapped_column(default=None)
    disabled: Mapped[bool] = mapped_column(default=False)
    # Part of every session cookie's stamp: signing out (or a new password) moves it on,
    # so a copied cookie stops working on the server, not only in the browser.
    session_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class RateLimit(ServerBase):
    """A counter per (purpose, source address) in a fixed window, shared by every
    worker on one database."""

    __tablename__ = "server_rate_limits"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(index=True)
    hits: Mapped[int] = mapped_column(Integer)


class Job(ServerBase):
    """When a periodic task (compaction) last ran, so one worker runs it per period."""

    __tablename__ = "server_jobs"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    last_run_at: Mapped[datetime] = mapped_column()
