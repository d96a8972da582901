"""Action plans of a group: items, progress notes and PDSA cycles."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from clinicapp.core.models.base import Base, StrEnumType, Synced
from clinicapp.core.models.enums import Horizon, ItemStatus, PdsaAct


class ActionPlan(Synced, Base):
    __tablename__ = "action_plans"

    group_id: Mapped[str] = mapped_column(ForeignKey("groups.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    goal: Mapped[str] = mapped_column(Text, default="")
    period_start: Mapped[date | None] = mapped_column(default=None)
    period_end: Mapped[date | None] = mapped_column(default=None)


class ActionItem(Synced, Base):
    __tablename__ = "action_items"

    plan_id: Mapped[str] = mapped_column(ForeignKey("action_plans.id"), index=True)
    action: Mapped[str] = mapped_column(Text)
    goal: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[str | None] = mapped_column(ForeignKey("members.id"), default=None)
    supporters: Mapped[list[str]] = mapped_column(JSON, default=list)  # member ids
    horizon: Mapped[Horizon] = mapped_column(StrEnumType(Horizon), default=Horizon.IMMEDIATE)
    start_date: Mapped[date | None] = mapped_column(default=None)
    due_date: Mapped[date | None] = mapped_column(default=None, index=True)
    resources: Mapped[str] = mapped_column(Text, default="")
    indicator: Mapped[str] = mapped_column(String(300), default="")
    baseline: Mapped[str] = mapped_column(String(100), default="")
    target: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[ItemStatus] = mapped_column(
        StrEnumType(ItemStatus), default=ItemStatus.NOT_STARTED
    )


class ProgressNote(Synced, Base):
    __tablename__ = "progress_notes"

    item_id: Mapped[str] = mapped_column(ForeignKey("action_items.id"), index=True)
    noted_on: Mapped[date] = mapped_column()
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[str | None] = mapped_column(ForeignKey("members.id"), default=None)


class PdsaCycle(Synced, Base):
    """Plan (aim, change idea, prediction, measure), Do, Study, Act."""

    __tablename__ = "pdsa_cycles"

    item_id: Mapped[str] = mapped_column(ForeignKey("action_items.id"), index=True)
    number: Mapped[int] = mapped_column(Integer, default=1)
    aim: Mapped[str] = mapped_column(Text, default="")
    change_idea: Mapped[str] = mapped_column(Text, default="")
    prediction: Mapped[str] = mapped_column(Text, default="")
    measure: Mapped[str] = mapped_column(Text, default="")
    do_notes: Mapped[str] = mapped_column(Text, default="")
    study_notes: Mapped[str] = mapped_column(Text, default="")
    act: Mapped[PdsaAct | None] = mapped_column(StrEnumType(PdsaAct), default=None)
    started_on: Mapped[date | None] = mapped_column(default=None)
    ended_on: Mapped[date | None] = mapped_column(default=None)


class AuditEntry(Synced, Base):
    """Who exported, printed, synced or failed to unlock what, and when. Never pruned."""

    __tablename__ = "audit_entries"

    at: Mapped[datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(50), index=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    replica_id: Mapped[str] = mapped_column(String(36), default="")
