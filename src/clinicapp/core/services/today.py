"""The Today page: what needs attention now, in a handful of queries.

Dates are the clinic's local dates (``clock.today()``, the ``time_zone`` setting); session
times are stored in UTC and converted to the clinic's time for the day they fall on.
"""

from __future__ import annotations

import datetime as dt

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
from clinicapp.core.reports.today import (
    HORIZON_DAYS,
    MAX_PER_LIST,
    Today,
    TodayEntry,
    commitment_entries,
    item_entries,
    session_entry,
    support_entries,
)
from clinicapp.core.storage.db import Database

# The page's records and row builders are shared with the ORM-free first read
# (``core.reports.today``), so both give the same Today.
__all__ = ["HORIZON_DAYS", "MAX_PER_LIST", "Today", "TodayEntry", "dashboard"]


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
                Session.scheduled_start >= local_midnight(as_of),
                Session.scheduled_start < local_midnight(horizon + dt.timedelta(days=1)))
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
        upcoming_sessions=[session_entry(r) for r in upcoming],
        sessions_in_progress=[session_entry(r) for r in running],
        followups_due=commitment_entries(followups, as_of),
        action_items_due=item_entries(items, as_of),
        open_support_requests=support_entries(support),
    )
