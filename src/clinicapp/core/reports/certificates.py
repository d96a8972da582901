"""What an attendance certificate says: everything an auditor asks for (DOMAIN.md), for
one participant of a completed session or for all of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

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
)
from clinicapp.core.reports.period import local_day
from clinicapp.core.services import settings as app_settings
from clinicapp.core.services._common import get_live
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import clock


@dataclass(frozen=True)
class Certificate:
    organisation: str
    participant: str
    licence_number: str
    member_id: str
    session_id: str
    title: str
    provider: str
    day: date
    starts_at: datetime | None
    ends_at: datetime | None
    location: str
    group: str
    facilitators: list[str]
    minutes: int
    credits: float
    max_credits: float | None
    credits_per_hour: float
    body: AccreditationBody
    category: CreditCategory
    accreditation_statement: str
    certification_id: str
    certificate_number: str
    generated_at: datetime

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 2)

    @property
    def accredited(self) -> bool:
        return self.body != AccreditationBody.NONE


def for_session(db: Database, session_id: str, member_id: str | None = None) -> list[Certificate]:
    """Certificates of a completed session: every participant present (by name), or one."""
    with db.read() as orm:
        ses = get_live(orm, Session, session_id, "session")
        if ses.status != SessionStatus.COMPLETED:
            state = ses.status.value.replace("_", " ")
            raise ValidationError("session", "certificate_not_completed", title=ses.title,
                                  status=state)
        group_name = orm.scalar(select(Group.name).where(Group.id == ses.group_id)) or ""
        names = dict(orm.execute(select(Member.id, Member.full_name)
                                 .where(Member.id.in_(ses.facilitator_ids or []))).all())
        stmt = (select(Attendance, Member)
                .join(Member, Member.id == Attendance.member_id)
                .where(Attendance.session_id == ses.id, Attendance.deleted_at.is_(None),
                       Attendance.status != AttendanceStatus.ABSENT)
                .order_by(Member.full_name, Member.id))
        if member_id is not None:
            get_live(orm, Member, member_id, "member")
            stmt = stmt.where(Attendance.member_id == member_id)
        rows = list(orm.execute(stmt))
        organisation = app_settings.get(orm, "organisation_name")
    if member_id is not None and not rows:
        raise ValidationError("member", "certificate_not_present", title=ses.title)
    facilitators = [names[i] for i in ses.facilitator_ids or [] if i in names]
    now = clock.utcnow()
    return [Certificate(
        organisation=organisation, participant=member.full_name,
        licence_number=member.licence_number, member_id=member.id, session_id=ses.id,
        title=ses.title, provider=ses.provider or organisation,
        day=local_day(ses.scheduled_start),  # the session's day, as on the statement
        starts_at=ses.actual_start or ses.scheduled_start, ends_at=ses.actual_end,
        location=ses.location, group=group_name, facilitators=facilitators,
        minutes=att.minutes_attended or 0, credits=float(att.credits or 0.0),
        max_credits=ses.max_credits, credits_per_hour=ses.credits_per_hour,
        body=ses.accreditation_body, category=ses.credit_category,
        accreditation_statement=ses.accreditation_statement,
        certification_id=ses.certification_id, certificate_number=att.certificate_number,
        generated_at=now) for att, member in rows]
