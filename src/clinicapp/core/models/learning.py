"""Sessions and what happens in them: attendance, reflections, commitments, evaluations,
and the in-office support requested afterwards."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from clinicapp.core.models.base import Base, StrEnumType, Synced
from clinicapp.core.models.enums import (
    AccreditationBody,
    AttendanceStatus,
    CreditCategory,
    Outcome,
    SessionStatus,
    Stance,
    SupportKind,
    SupportStatus,
    Visibility,
    YesNoNa,
)


class Session(Synced, Base):
    """One learning session of a group, with its accreditation."""

    __tablename__ = "sessions"
    __table_args__ = (
        Index("ix_sessions_group_start", "group_id", "scheduled_start"),
        # Live sessions by date: lists and their counts read this index, not the rows
        # (counting 100,000 sessions drops from ~110 ms to ~5 ms).
        Index("ix_sessions_deleted_start", "deleted_at", "scheduled_start"),
    )

    group_id: Mapped[str] = mapped_column(ForeignKey("groups.id"))
    topic_id: Mapped[str | None] = mapped_column(ForeignKey("topics.id"), default=None)
    title: Mapped[str] = mapped_column(String(300))
    objectives: Mapped[list[str]] = mapped_column(JSON, default=list)
    scheduled_start: Mapped[datetime] = mapped_column(index=True)
    planned_minutes: Mapped[int] = mapped_column(Integer, default=60)
    actual_start: Mapped[datetime | None] = mapped_column(default=None)
    actual_end: Mapped[datetime | None] = mapped_column(default=None)
    # Breaks as [[start ISO, end ISO], ...]; credits exclude them.
    breaks: Mapped[list[Any]] = mapped_column(JSON, default=list)
    location: Mapped[str] = mapped_column(String(300), default="")
    facilitation_method: Mapped[str] = mapped_column(String(200), default="")
    facilitator_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    provider: Mapped[str] = mapped_column(String(300), default="")
    accreditation_body: Mapped[AccreditationBody] = mapped_column(
        StrEnumType(AccreditationBody), default=AccreditationBody.MAINPRO_PLUS
    )
    credit_category: Mapped[CreditCategory] = mapped_column(
        StrEnumType(CreditCategory), default=CreditCategory.CERTIFIED
    )
    credits_per_hour: Mapped[float] = mapped_column(Float, default=1.0)
    max_credits: Mapped[float | None] = mapped_column(Float, default=None)
    accreditation_statement: Mapped[str] = mapped_column(Text, default="")
    certification_id: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[SessionStatus] = mapped_column(
        StrEnumType(SessionStatus), default=SessionStatus.PLANNED
    )
    notes: Mapped[str] = mapped_column(Text, default="")


class Attendance(Synced, Base):
    """A member at a session. The id derives from (session, member): one row per pair."""

    __tablename__ = "attendance"
    __table_args__ = (Index("ix_attendance_session_member", "session_id", "member_id"),)

    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id"))
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    status: Mapped[AttendanceStatus] = mapped_column(
        StrEnumType(AttendanceStatus), default=AttendanceStatus.PRESENT
    )
    arrived_at: Mapped[datetime | None] = mapped_column(default=None)
    left_at: Mapped[datetime | None] = mapped_column(default=None)
    # Set when the session completes (or corrected by hand): the figures on certificates.
    minutes_attended: Mapped[int | None] = mapped_column(Integer, default=None)
    credits: Mapped[float | None] = mapped_column(Float, default=None)
    certificate_number: Mapped[str] = mapped_column(String(40), default="")


class Reflection(Synced, Base):
    """Rolfe's What? / So what? / Now what?, plus barriers and supports needed.

    A private reflection keeps its text only in ``sealed``: age ciphertext for the
    author's journal key. The plain text columns are then empty, everywhere.
    """

    __tablename__ = "reflections"
    __table_args__ = (Index("ix_reflections_session_member", "session_id", "member_id"),)

    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id"))
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    visibility: Mapped[Visibility] = mapped_column(
        StrEnumType(Visibility), default=Visibility.PRIVATE
    )
    what: Mapped[str] = mapped_column(Text, default="")
    so_what: Mapped[str] = mapped_column(Text, default="")
    now_what: Mapped[str] = mapped_column(Text, default="")
    barriers: Mapped[str] = mapped_column(Text, default="")
    supports_needed: Mapped[str] = mapped_column(Text, default="")
    sealed: Mapped[str] = mapped_column(Text, default="")
    identifier_warning_kept: Mapped[bool] = mapped_column(Boolean, default=False)


class PracticeCommitment(Synced, Base):
    """A commitment to change practice, and its follow-up about three months later."""

    __tablename__ = "commitments"

    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    session_id: Mapped[str | None] = mapped_column(ForeignKey("sessions.id"), index=True)
    change: Mapped[str] = mapped_column(Text)
    stance: Mapped[Stance] = mapped_column(StrEnumType(Stance), default=Stance.WILL_CHANGE)
    confidence: Mapped[int | None] = mapped_column(Integer, default=None)  # 1..5
    barriers: Mapped[str] = mapped_column(Text, default="")
    supports: Mapped[str] = mapped_column(Text, default="")
    target_date: Mapped[date | None] = mapped_column(default=None)
    followup_due: Mapped[date | None] = mapped_column(default=None, index=True)
    followup_outcome: Mapped[Outcome | None] = mapped_column(StrEnumType(Outcome), default=None)
    followup_note: Mapped[str] = mapped_column(Text, default="")  # what helped or hindered
    followed_up_on: Mapped[date | None] = mapped_column(default=None)


class SessionEvaluation(Synced, Base):
    """A participant's evaluation of a session; anonymous when ``member_id`` is empty."""

    __tablename__ = "evaluations"

    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id"), index=True)
    member_id: Mapped[str | None] = mapped_column(ForeignKey("members.id"), default=None)
    objectives_met: Mapped[YesNoNa | None] = mapped_column(StrEnumType(YesNoNa), default=None)
    objectives_why: Mapped[str] = mapped_column(Text, default="")
    bias_perceived: Mapped[bool | None] = mapped_column(Boolean, default=None)
    bias_description: Mapped[str] = mapped_column(Text, default="")
    relevance: Mapped[int | None] = mapped_column(Integer, default=None)  # 1..5
    satisfaction: Mapped[int | None] = mapped_column(Integer, default=None)  # 1..5
    facilitation: Mapped[int | None] = mapped_column(Integer, default=None)  # 1..5
    intent_to_change: Mapped[int | None] = mapped_column(Integer, default=None)  # 1..5
    motivation: Mapped[str] = mapped_column(Text, default="")
    barriers: Mapped[str] = mapped_column(Text, default="")
    comments: Mapped[str] = mapped_column(Text, default="")


class SupportRequest(Synced, Base):
    """In-office follow-up support after a session."""

    __tablename__ = "support_requests"

    member_id: Mapped[str | None] = mapped_column(ForeignKey("members.id"), default=None)
    clinic: Mapped[str] = mapped_column(String(200), default="")
    session_id: Mapped[str | None] = mapped_column(ForeignKey("sessions.id"), default=None)
    kind: Mapped[SupportKind] = mapped_column(StrEnumType(SupportKind))
    topic: Mapped[str] = mapped_column(String(300), default="")
    requested_on: Mapped[date] = mapped_column()
    scheduled_on: Mapped[date | None] = mapped_column(default=None)
    done_on: Mapped[date | None] = mapped_column(default=None)
    status: Mapped[SupportStatus] = mapped_column(
        StrEnumType(SupportStatus), default=SupportStatus.REQUESTED, index=True
    )
    notes: Mapped[str] = mapped_column(Text, default="")
