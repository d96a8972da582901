"""SQLAlchemy 2 typed models: one schema for SQLite (workstation) and PostgreSQL (server)."""

from clinicapp.core.models.base import Base, StrEnumType, Synced, UTCDateTime
from clinicapp.core.models.decisions import ClockRepair, ConflictDecision, RecordMerge
from clinicapp.core.models.enums import *  # noqa: F403
from clinicapp.core.models.enums import __all__ as _enums
from clinicapp.core.models.learning import (
    Attendance,
    PracticeCommitment,
    Reflection,
    Session,
    SessionEvaluation,
    SupportRequest,
)
from clinicapp.core.models.local import (
    BundleRecord,
    Change,
    ChangeRun,
    Conflict,
    HeldRanges,
    LocalSetting,
    ParkedChange,
    Peer,
    ReplicaState,
    VouchedOrigin,
)
from clinicapp.core.models.people import Group, Member, Membership, Topic
from clinicapp.core.models.plans import ActionItem, ActionPlan, AuditEntry, PdsaCycle, ProgressNote

SYNCED_MODELS: tuple[type[Synced], ...] = (
    Group,
    Member,
    Membership,
    Topic,
    Session,
    Attendance,
    Reflection,
    PracticeCommitment,
    SessionEvaluation,
    SupportRequest,
    ActionPlan,
    ActionItem,
    ProgressNote,
    PdsaCycle,
    AuditEntry,
    ConflictDecision,
    RecordMerge,
    ClockRepair,
)
"""Synced tables in an order where every foreign key points to an earlier table."""

MODEL_BY_TABLE: dict[str, type[Synced]] = {m.__tablename__: m for m in SYNCED_MODELS}  # type: ignore[attr-defined]

__all__ = [
    "SYNCED_MODELS",
    "MODEL_BY_TABLE",
    "ActionItem",
    "ActionPlan",
    "Attendance",
    "AuditEntry",
    "Base",
    "BundleRecord",
    "Change",
    "ChangeRun",
    "ClockRepair",
    "Conflict",
    "ConflictDecision",
    "Group",
    "HeldRanges",
    "LocalSetting",
    "Member",
    "Membership",
    "ParkedChange",
    "PdsaCycle",
    "Peer",
    "PracticeCommitment",
    "ProgressNote",
    "RecordMerge",
    "Reflection",
    "ReplicaState",
    "Session",
    "SessionEvaluation",
    "StrEnumType",
    "SupportRequest",
    "Synced",
    "Topic",
    "UTCDateTime",
    "VouchedOrigin",
    *_enums,
]
