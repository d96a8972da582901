"""Learning sessions: plan, start, breaks, complete (credits computed), cancel, list."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, or_, select

from clinicapp.core.errors import ValidationError
from clinicapp.core.models import (
    AccreditationBody,
    Attendance,
    AttendanceStatus,
    CreditCategory,
    Group,
    Member,
    Session,
    SessionStatus,
    Topic,
)
from clinicapp.core.reports.period import local_midnight
from clinicapp.core.services import attendance as attendance_service
from clinicapp.core.services._common import (
    Page,
    apply_fields,
    count_of,
    get_live,
    paged,
    require_choice,
    require_range,
    require_text,
)
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import clock

EDITABLE = ("title", "topic_id", "objectives", "scheduled_start", "planned_minutes",
            "location", "facilitation_method", "facilitator_ids", "provider",
            "accreditation_body", "credit_category", "credits_per_hour", "max_credits",
            "accreditation_statement", "certification_id", "notes", "group_id")
# What changes a completed session's credits when it is corrected afterwards.
CREDIT_FIELDS = {"credits_per_hour", "max_credits"}
MIN_MINUTES = 15  # the rule; the plan dialog's spin box starts here too
MAX_MINUTES = 12 * 60


def _validate(session: Any, row: Session) -> None:
    row.title = require_text("title", row.title, 300)
    if not isinstance(row.scheduled_start, datetime) or row.scheduled_start.tzinfo is None:
        raise ValidationError("scheduled_start", "not_datetime")
    require_range("planned_minutes", row.planned_minutes, MIN_MINUTES, MAX_MINUTES)
    require_range("credits_per_hour", row.credits_per_hour, 0, 3)
    require_range("max_credits", row.max_credits, 0, 100, optional=True)
    row.accreditation_body = require_choice("accreditation_body", row.accreditation_body,
                                            AccreditationBody)
    row.credit_category = require_choice("credit_category", row.credit_category,
                                         CreditCategory)
    row.objectives = [o.strip() for o in (row.objectives or []) if o and o.strip()]
    if any(len(o) > 500 for o in row.objectives):
        raise ValidationError("objectives", "objective_too_long", limit=500)
    for name, limit in (("location", 300), ("facilitation_method", 200), ("provider", 300),
                        ("certification_id", 100)):
        value = (getattr(row, name) or "").strip()
        if len(value) > limit:
            raise ValidationError(name, "too_long", limit=limit)
        setattr(row, name, value)
    get_live(session, Group, row.group_id, "group")
    if row.topic_id:
        get_live(session, Topic, row.topic_id, "topic")
    else:
        row.topic_id = None
    ids = list(dict.fromkeys(row.facilitator_ids or []))
    for member_id in ids:
        found = session.get(Member, member_id)
        if found is None or found.deleted_at is not None:
            raise ValidationError("facilitator_ids", "facilitator_unknown")
    row.facilitator_ids = ids


def plan(db: Database, group_id: str, title: str, scheduled_start: datetime,
         **values: Any) -> Session:
    row = Session(group_id=group_id, title=title, scheduled_start=scheduled_start,
                  status=SessionStatus.PLANNED, objectives=[], facilitator_ids=[], breaks=[])
    apply_fields(row, values, EDITABLE)
    for name, default in (("planned_minutes", 60), ("credits_per_hour", 1.0),
                          ("accreditation_body", AccreditationBody.MAINPRO_PLUS),
                          ("credit_category", CreditCategory.CERTIFIED)):
        if getattr(row, name) is None:
            setattr(row, name, default)
    with db.write() as session:
        _validate(session, row)
        session.add(row)
    return row


def update(db: Database, session_id: str, **values: Any) -> Session:
    with db.write() as session:
        row = get_live(session, Session, session_id, "session")
        if "group_id" in values and values["group_id"] != row.group_id and \
                row.status != SessionStatus.PLANNED:
            raise ValidationError("group_id", "move_not_planned")
        apply_fields(row, values, EDITABLE)
        _validate(session, row)
        if row.status == SessionStatus.COMPLETED and CREDIT_FIELDS & values.keys():
            attendance_service.recompute(session, row, times_changed=False)
    return row


def get(db: Database, session_id: str) -> Session:
    with db.read() as session:
        return get_live(session, Session, session_id, "session")


def start(db: Database, session_id: str, at: datetime | None = None) -> Session:
    with db.write() as session:
        row = get_live(session, Session, session_id, "session")
        if row.status != SessionStatus.PLANNED:
            raise ValidationError("status", "start_not_planned", status=row.status.value)
        row.status = SessionStatus.IN_PROGRESS
        row.actual_start = attendance_service.moment("actual_start", at)
        # Those who checked in before the start arrived at the start.
        for att in session.scalars(select(Attendance).where(
                Attendance.session_id == row.id, Attendance.deleted_at.is_(None))):
            if att.arrived_at is not None and att.arrived_at < row.actual_start:
                att.arrived_at = row.actual_start
    return row


def add_break(db: Database, session_id: str, started: datetime, ended: datetime) -> Session:
    """Record a break; credits leave it out. Breaks may not overlap (each would count)."""
    started = attendance_service.moment("breaks", started)
    ended = attendance_service.moment("breaks", ended)
    if ended <= started:
        raise ValidationError("breaks", "break_order")
    with db.write() as session:
        row = get_live(session, Session, session_id, "session")
        if row.status not in (SessionStatus.IN_PROGRESS, SessionStatus.COMPLETED):
            raise ValidationError("breaks", "break_not_started")
        for other_start, other_end in attendance_service.breaks_of(row):
            if started < other_end and other_start < ended:
                raise ValidationError("breaks", "break_overlap",
                                      start=f"{clock.local(other_start):%H:%M}",
                                      end=f"{clock.local(other_end):%H:%M}")
        row.breaks = [*(row.breaks or []), [started.isoformat(), ended.isoformat()]]
        if row.status == SessionStatus.COMPLETED:
            attendance_service.recompute(session, row)
    return row


def complete(db: Database, session_id: str, at: datetime | None = None) -> Session:
    """End the session: everyone still in the room leaves now, credits are computed."""
    with db.write() as session:
        row = get_live(session, Session, session_id, "session")
        if row.status != SessionStatus.IN_PROGRESS:
            raise ValidationError("status", "complete_not_in_progress",
                                  status=row.status.value)
        end = attendance_service.moment("actual_end", at)
        assert row.actual_start is not None
        if end <= row.actual_start:
            raise ValidationError("actual_end", "end_before_start")
        row.actual_end = end
        row.status = SessionStatus.COMPLETED
        for att in session.scalars(select(Attendance).where(
                Attendance.session_id == row.id, Attendance.deleted_at.is_(None))):
            if att.status != AttendanceStatus.ABSENT and att.left_at is None:
                att.left_at = end
        attendance_service.recompute(session, row)
    return row


def cancel(db: Database, session_id: str) -> Session:
    with db.write() as session:
        row = get_live(session, Session, session_id, "session")
        if row.status != SessionStatus.PLANNED:
            raise ValidationError("status", "cancel_not_planned", status=row.status.value)
        row.status = SessionStatus.CANCELLED
    return row


def delete(db: Database, session_id: str) -> None:
    with db.write() as session:
        row = get_live(session, Session, session_id, "session")
        if row.status == SessionStatus.COMPLETED:
            raise ValidationError("status", "delete_completed")
        row.deleted_at = clock.utcnow()


def _matching(group_id: str | None, status: SessionStatus | str | None,
              date_from: date | None, date_to: date | None, search: str,
              newest_first: bool) -> Select[Session]:
    order = Session.scheduled_start.desc() if newest_first else Session.scheduled_start
    stmt = select(Session).where(Session.deleted_at.is_(None)).order_by(order, Session.id)
    if group_id:
        stmt = stmt.where(Session.group_id == group_id)
    if status:
        stmt = stmt.where(Session.status == require_choice("status", status, SessionStatus))
    if date_from:
        stmt = stmt.where(Session.scheduled_start >= local_midnight(date_from))
    if date_to:
        stmt = stmt.where(Session.scheduled_start
                          < local_midnight(date_to + timedelta(days=1)))
    for word in search.split():
        pattern = f"%{word}%"
        stmt = stmt.where(or_(Session.title.ilike(pattern), Session.location.ilike(pattern)))
    return stmt


def list_sessions(db: Database, offset: int = 0, limit: int = 100, *,
                  group_id: str | None = None, status: SessionStatus | str | None = None,
                  date_from: date | None = None, date_to: date | None = None,
                  search: str = "", newest_first: bool = True,
                  count: bool = True) -> Page[Session]:
    """Sessions matching the filters; the dates are local days, both included.
    ``count=False``: no count of every match (``paged``); ``count_sessions`` gives it."""
    stmt = _matching(group_id, status, date_from, date_to, search, newest_first)
    with db.read() as session:
        return paged(session, stmt, offset, limit, count=count)


def count_sessions(db: Database, *, group_id: str | None = None,
                   status: SessionStatus | str | None = None, date_from: date | None = None,
                   date_to: date | None = None, search: str = "") -> int:
    """How many sessions ``list_sessions`` with the same filters lists."""
    stmt = _matching(group_id, status, date_from, date_to, search, True)
    with db.read() as session:
        return count_of(session, stmt)
