"""The Today page: what needs attention now, in a handful of queries.

Dates are the clinic's local dates (``clock.today()``, the ``time_zone`` setting); session
times are stored in UTC and converted to the clinic's time for the day they fall on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import select

from clinicapp.core.models import (
    ActionItem,
    ActionPlan,
    Group,
    ItemStatus,
    Member,
    PracticeCommitment,
    Session,
    SessionStatus,
    Stance,
    SupportRequest,
    SupportStatus,
)
from clinicapp.core.reports.period import local_midnight
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import clock

HORIZON_DAYS = 14
MAX_PER_LIST = 200  # the page is a to-do list, not a report


@dataclass(frozen=True)
class TodayEntry:
    """One line on the Today page and what the UI needs to open it."""

    kind: str  # "session" | "commitment" | "action_item" | "support_request"
    id: str
    title: str
    date: dt.date | None
    extra: str = ""
    overdue: bool = False
    at: dt.datetime | None = None  # sessions: the scheduled start (UTC)
    session_id: str | None = None
    group_id: str | None = None
    # Vocabulary values (status, kind) the interface shows in its own language after
    # ``extra``; the title falls back to ``kind_title`` when there is no free text.
    labels: tuple[StrEnum, ...] = ()
    kind_title: StrEnum | None = None


@dataclass(frozen=True)
class Today:
    as_of: dt.date
    upcoming_sessions: list[TodayEntry] = field(default_factory=list)
    sessions_in_progress: list[TodayEntry] = field(default_factory=list)
    followups_due: list[TodayEntry] = field(default_factory=list)
    action_items_due: list[TodayEntry] = field(default_factory=list)
    open_support_requests: list[TodayEntry] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.upcoming_sessions or self.sessions_in_progress or self.followups_due
                    or self.action_items_due or self.open_support_requests)


def _local_midnight(day: dt.date) -> dt.datetime:
    return local_midnight(day)


def _short(text: str, length: int = 90) -> str:
    line = " ".join(text.split())
    return line if len(line) <= length else line[: length - 1] + "…"


def _session_entry(row: Any) -> TodayEntry:
    sid, title, start, group_id, group_name, minutes = row
    local = clock.local(start)
    return TodayEntry("session", sid, title, local.date(),
                      f"{group_name} · {local:%H:%M} · {minutes} min", at=start,
                      session_id=sid, group_id=group_id)


def dashboard(db: Database, as_of: dt.date) -> Today:
    """Upcoming sessions (next 14 days), sessions in progress, commitment follow-ups due,
    action items due within 14 days or overdue, and open support requests."""
    horizon = as_of + dt.timedelta(days=HORIZON_DAYS)
    session_cols = (Session.id, Session.title, Session.scheduled_start, Group.id, Group.name,
                    Session.planned_minutes)
    live_sessions = (select(*session_cols).join(Group, Group.id == Session.group_id)
                     .where(Session.deleted_at.is_(None), Group.deleted_at.is_(None)))
    with db.read() as session:
        upcoming = session.execute(
            live_sessions.where(
                Session.status == SessionStatus.PLANNED,
                Session.scheduled_start >= _local_midnight(as_of),
                Session.scheduled_start < _local_midnight(horizon + dt.timedelta(days=1)))
            .order_by(Session.scheduled_start).limit(MAX_PER_LIST)).all()
        running = session.execute(
            live_sessions.where(Session.status == SessionStatus.IN_PROGRESS)
            .order_by(Session.scheduled_start).limit(MAX_PER_LIST)).all()
        followups = session.execute(
            select(PracticeCommitment.id, PracticeCommitment.change,
                   PracticeCommitment.followup_due, PracticeCommitment.session_id,
                   Member.full_name)
            .join(Member, Member.id == PracticeCommitment.member_id)
            .where(PracticeCommitment.deleted_at.is_(None), Member.deleted_at.is_(None),
                   PracticeCommitment.followed_up_on.is_(None),
                   PracticeCommitment.followup_outcome.is_(None),
                   # "will not change" commits to nothing, so there is nothing to follow up
                   PracticeCommitment.stance != Stance.WILL_NOT,
                   PracticeCommitment.followup_due <= as_of)
            .order_by(PracticeCommitment.followup_due, Member.full_name)
            .limit(MAX_PER_LIST)).all()
        items = session.execute(
            select(ActionItem.id, ActionItem.action, ActionItem.due_date, ActionItem.status,
                   ActionPlan.title, ActionPlan.group_id, Member.full_name)
            .join(ActionPlan, ActionPlan.id == ActionItem.plan_id)
            .join(Group, Group.id == ActionPlan.group_id)
            .outerjoin(Member, Member.id == ActionItem.owner_id)
            .where(ActionItem.deleted_at.is_(None), ActionPlan.deleted_at.is_(None),
                   Group.deleted_at.is_(None),
                   ActionItem.status.not_in((ItemStatus.DONE, ItemStatus.DROPPED)),
                   ActionItem.due_date <= horizon)
            .order_by(ActionItem.due_date).limit(MAX_PER_LIST)).all()
        support = session.execute(
            select(SupportRequest.id, SupportRequest.kind, SupportRequest.topic,
                   SupportRequest.status, SupportRequest.requested_on,
                   SupportRequest.scheduled_on, SupportRequest.clinic,
                   SupportRequest.session_id, Member.full_name)
            .outerjoin(Member, Member.id == SupportRequest.member_id)
            .where(SupportRequest.deleted_at.is_(None),
                   SupportRequest.status.in_((SupportStatus.REQUESTED,
                                              SupportStatus.SCHEDULED)))
            .order_by(SupportRequest.requested_on).limit(MAX_PER_LIST)).all()

    return Today(
        as_of=as_of,
        upcoming_sessions=[_session_entry(r) for r in upcoming],
        sessions_in_progress=[_session_entry(r) for r in running],
        followups_due=[
            TodayEntry("commitment", cid, _short(change), due, name or "",
                       overdue=due is not None and due < as_of, session_id=sid)
            for cid, change, due, sid, name in followups],
        action_items_due=[
            TodayEntry("action_item", iid, _short(action), due,
                       " · ".join(p for p in (plan_title, owner) if p),
                       overdue=due is not None and due < as_of,
                       group_id=group_id, labels=(status,))
            for iid, action, due, status, plan_title, group_id, owner in items],
        open_support_requests=[
            TodayEntry("support_request", rid, _short(topic), scheduled or requested,
                       name or clinic, session_id=sid, labels=(kind, status),
                       kind_title=None if _short(topic) else kind)
            for rid, kind, topic, status, requested, scheduled, clinic, sid, name in support],
    )
