"""Who came to a session, when they arrived and left, and the credits it earned them."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.errors import ValidationError
from clinicapp.core.models import (
    Attendance,
    AttendanceStatus,
    Member,
    Membership,
    Role,
    Session,
    SessionStatus,
)
from clinicapp.core.models.ids import stable_id
from clinicapp.core.rules.credits import attended_minutes, credits_for
from clinicapp.core.rules.names import by_name
from clinicapp.core.services import members as members_service
from clinicapp.core.services import settings as app_settings
from clinicapp.core.services._common import get_live, require_choice, require_text
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import clock

LATE_AFTER = timedelta(minutes=10)
Row = tuple[Attendance, Member]


def attendance_id(session_id: str, member_id: str) -> str:
    """One row per (session, member), the same on every replica."""
    return stable_id("attendance", session_id, member_id)


def certificate_number(attendance_id_: str, day: date) -> str:
    """Unique and the same on every replica: derived from the attendance row's id."""
    return f"CA-{day.year}-{attendance_id_.replace('-', '')[-10:].upper()}"


def moment(field: str, at: datetime | None) -> datetime:
    """``at``, or now; a time without a time zone is refused (it would be ambiguous)."""
    if at is None:
        return clock.utcnow()
    if not isinstance(at, datetime) or at.tzinfo is None or at.utcoffset() is None:
        raise ValidationError(field, "not_aware_datetime")
    return at


def breaks_of(row: Session) -> list[tuple[datetime, datetime]]:
    return [(datetime.fromisoformat(a), datetime.fromisoformat(b)) for a, b in row.breaks or []]


def recompute(session: OrmSession, row: Session, times_changed: bool = True) -> None:
    """Minutes and credits of everyone at a completed session.

    When the session's times changed (it completed, a break was added) minutes follow
    arrival and departure again; when only its rate or cap changed (``times_changed``
    false) the minutes on record, hand corrections included, are kept and only their
    credits are recomputed."""
    step = float(app_settings.get(session, "credit_rounding_step"))
    assert row.actual_start is not None and row.actual_end is not None
    for att in session.scalars(select(Attendance).where(
            Attendance.session_id == row.id, Attendance.deleted_at.is_(None))):
        if not times_changed and att.minutes_attended is not None:
            minutes = att.minutes_attended
        elif att.status == AttendanceStatus.ABSENT or att.arrived_at is None:
            minutes = 0
        else:
            minutes = attended_minutes(att.arrived_at, att.left_at or row.actual_end,
                                       row.actual_start, row.actual_end, breaks_of(row))
        _set_credits(att, row, minutes, step)


def _set_credits(att: Attendance, row: Session, minutes: int, step: float) -> None:
    att.minutes_attended = minutes
    att.credits = credits_for(minutes, row.credits_per_hour, row.max_credits, step)
    if att.credits > 0 and not att.certificate_number:
        day = row.actual_start or row.scheduled_start
        att.certificate_number = certificate_number(att.id, clock.local(day))


def _open_session(session: OrmSession, session_id: str) -> Session:
    row = get_live(session, Session, session_id, "session")
    if row.status in (SessionStatus.COMPLETED, SessionStatus.CANCELLED):
        raise ValidationError("status", "attendance_closed", status=row.status.value)
    return row


def _row(session: OrmSession, row: Session, member_id: str) -> Attendance:
    att = session.get(Attendance, attendance_id(row.id, member_id))
    if att is None:
        att = Attendance(id=attendance_id(row.id, member_id), session_id=row.id,
                         member_id=member_id, status=AttendanceStatus.PRESENT)
        session.add(att)
    elif att.deleted_at is not None:
        att.deleted_at = None
    return att


def _check_in(session: OrmSession, row: Session, member_id: str,
              at: datetime) -> Attendance:
    member = get_live(session, Member, member_id, "member")
    # Attendance is only for members of the session's group: someone on record from
    # elsewhere who comes (the check-in search offers them) joins the group, as a walk-in does.
    members_service._join(session, row.group_id, member.id)
    att = _row(session, row, member.id)
    if att.arrived_at is not None and att.left_at is None and \
            att.status != AttendanceStatus.ABSENT:
        raise ValidationError("member_id", "already_checked_in", name=member.full_name)
    started = row.actual_start
    late = started is not None and at - started > LATE_AFTER
    if att.arrived_at is None or att.status == AttendanceStatus.ABSENT:
        att.arrived_at = max(at, started) if started else at
        att.status = AttendanceStatus.LATE if late else AttendanceStatus.PRESENT
    else:  # back after stepping out: counted from first arrival, as one stay
        first_late = started is not None and att.arrived_at - started > LATE_AFTER
        att.status = AttendanceStatus.LATE if first_late else AttendanceStatus.PRESENT
    att.left_at = None
    return att


def check_in(db: Database, session_id: str, member_id: str,
             at: datetime | None = None) -> Attendance:
    with db.write() as session:
        row = _open_session(session, session_id)
        return _check_in(session, row, member_id, moment("arrived_at", at))


def check_out(db: Database, session_id: str, member_id: str,
              at: datetime | None = None) -> Attendance:
    with db.write() as session:
        row = _open_session(session, session_id)
        att = session.get(Attendance, attendance_id(row.id, member_id))
        if att is None or att.deleted_at is not None or att.arrived_at is None or \
                att.left_at is not None:
            raise ValidationError("member_id", "not_checked_in")
        left = moment("left_at", at)
        if left < att.arrived_at:
            raise ValidationError("left_at", "left_before_arrival",
                                  arrived=f"{clock.local(att.arrived_at):%H:%M}")
        att.left_at = left
        if row.status == SessionStatus.IN_PROGRESS:
            att.status = AttendanceStatus.LEFT_EARLY
    return att


def mark_absent(db: Database, session_id: str, member_id: str) -> Attendance:
    with db.write() as session:
        row = _open_session(session, session_id)
        get_live(session, Member, member_id, "member")
        att = _row(session, row, member_id)
        att.status = AttendanceStatus.ABSENT
        att.arrived_at = att.left_at = None
    return att


def set_minutes(db: Database, session_id: str, member_id: str, minutes: int) -> Attendance:
    """Correct by hand the minutes a person attended a completed session."""
    with db.write() as session:
        row = get_live(session, Session, session_id, "session")
        if row.status != SessionStatus.COMPLETED:
            raise ValidationError("minutes_attended", "minutes_before_completion")
        if not 0 <= minutes <= 24 * 60:
            raise ValidationError("minutes_attended", "out_of_range", low=0, high=1440)
        att = session.get(Attendance, attendance_id(row.id, member_id))
        if att is None or att.deleted_at is not None:
            raise ValidationError("member_id", "no_attendance")
        step = float(app_settings.get(session, "credit_rounding_step"))
        _set_credits(att, row, minutes, step)
    return att


def walk_in(db: Database, session_id: str, full_name: str,
            role: Role | str = Role.OTHER, at: datetime | None = None) -> Member:
    """Someone not on record turns up: a new member, in the group, checked in."""
    full_name = require_text("full_name", full_name, 200)
    role = require_choice("role", role or Role.OTHER, Role)
    with db.write() as session:
        row = _open_session(session, session_id)
        member = Member(full_name=full_name, role=role, active=True)
        session.add(member)
        session.flush()
        _check_in(session, row, member.id, moment("arrived_at", at))  # joins the group too
    return member


def list_for_session(db: Database, session_id: str) -> list[Row]:
    stmt = (select(Attendance, Member).join(Member, Member.id == Attendance.member_id)
            .where(Attendance.session_id == session_id, Attendance.deleted_at.is_(None))
            .order_by(*by_name(Member.full_name, db.engine.dialect.name), Member.id))
    with db.read() as session:
        return [(a, m) for a, m in session.execute(stmt).all()]


def list_for_member(db: Database, member_id: str) -> list[tuple[Attendance, Session]]:
    stmt = (select(Attendance, Session).join(Session, Session.id == Attendance.session_id)
            .where(Attendance.member_id == member_id, Attendance.deleted_at.is_(None),
                   Session.deleted_at.is_(None))
            .order_by(Session.scheduled_start.desc()))
    with db.read() as session:
        return [(a, s) for a, s in session.execute(stmt).all()]


def candidates(db: Database, session_id: str, text: str, limit: int = 20) -> list[Member]:
    """Active members whose name holds every typed word, not yet in the room: the group's
    own members first, then names starting with the text, then the rest."""
    words = text.split()
    if not words:
        return []
    with db.read() as session:
        row = get_live(session, Session, session_id, "session")
        here = select(Attendance.member_id).where(
            Attendance.session_id == row.id, Attendance.deleted_at.is_(None),
            Attendance.arrived_at.is_not(None), Attendance.left_at.is_(None),
            Attendance.status != AttendanceStatus.ABSENT)
        in_group = select(Membership.member_id).where(
            Membership.group_id == row.group_id, Membership.deleted_at.is_(None),
            Membership.left_on.is_(None))
        stmt = select(Member).where(Member.deleted_at.is_(None), Member.active.is_(True),
                                    Member.id.not_in(here))
        for word in words:
            stmt = stmt.where(Member.full_name.ilike(f"%{word}%"))
        found = list(session.scalars(stmt.limit(500)).all())
        members = set(session.scalars(in_group).all())
    first = words[0].casefold()

    def rank(m: Member) -> tuple[int, int, str]:
        name = m.full_name.casefold()
        starts = name.startswith(first) or any(p.startswith(first) for p in name.split())
        return (0 if m.id in members else 1, 0 if starts else 1, name)

    return sorted(found, key=rank)[:limit]


def has_attended(db: Database, member_id: str) -> bool:
    with db.read() as session:
        count = session.scalar(select(func.count()).select_from(Attendance).where(
            Attendance.member_id == member_id, Attendance.deleted_at.is_(None),
            Attendance.status != AttendanceStatus.ABSENT))
    return bool(count)


def remove(db: Database, session_id: str, member_id: str) -> None:
    """Undo a check-in made by mistake while the session is open. Once the session is
    completed, attendance is a credit record: it is corrected (absent, minutes), never
    removed."""
    with db.write() as session:
        row = _open_session(session, session_id)
        att = session.get(Attendance, attendance_id(row.id, member_id))
        if att is None or att.deleted_at is not None:
            raise ValidationError("member_id", "no_attendance")
        att.deleted_at = clock.utcnow()
