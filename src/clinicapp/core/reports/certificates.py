"""What an attendance certificate says: everything an auditor asks for (DOMAIN.md), for
one participant of a completed session or for all of them.

Only credits someone earned are certified: at an accredited session a participant whose
role earns no credits from its body (Mainpro+ and MOC are physicians' programs) gets a
plain attendance certificate without the accreditation, and one who earned nothing (ten
minutes in the room) gets none. The times printed are the person's own, arrival to
departure, and agree with the minutes; after a hand correction of the minutes only the
corrected minutes are printed, never times that would contradict them."""

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
    Role,
    Session,
    SessionStatus,
)
from clinicapp.core.reports.period import local_day
from clinicapp.core.rules.credits import attended_minutes
from clinicapp.core.rules.names import by_name
from clinicapp.core.services import settings as app_settings
from clinicapp.core.services._common import get_live
from clinicapp.core.services.attendance import breaks_of
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
    arrived_at: datetime | None = None  # the person's own time in the room, when the
    left_at: datetime | None = None  # minutes follow from it (not corrected by hand)
    plain: bool = False  # attendance only: no accreditation, credits or certification

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 2)

    @property
    def accredited(self) -> bool:
        return self.body != AccreditationBody.NONE and not self.plain


# Who earns credits from an accrediting body: Mainpro+ (CFPC) and the Royal College's MOC
# certify physicians' learning; other roles attend and get a plain certificate.
EARNS_CREDITS = frozenset({Role.PHYSICIAN})


def _own_times(att: Attendance, ses: Session) -> tuple[datetime | None, datetime | None]:
    """Arrival and departure clipped to the session, if the minutes follow from them."""
    if att.arrived_at is None or ses.actual_start is None or ses.actual_end is None:
        return None, None
    arrived = max(att.arrived_at, ses.actual_start)
    left = min(att.left_at or ses.actual_end, ses.actual_end)
    computed = attended_minutes(att.arrived_at, att.left_at or ses.actual_end,
                                ses.actual_start, ses.actual_end, breaks_of(ses))
    if computed != (att.minutes_attended or 0):
        return None, None  # corrected by hand: the times would contradict the minutes
    return arrived, left


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
                .order_by(*by_name(Member.full_name, db.engine.dialect.name), Member.id))
        if member_id is not None:
            get_live(orm, Member, member_id, "member")
            stmt = stmt.where(Attendance.member_id == member_id)
        rows = list(orm.execute(stmt))
        organisation = app_settings.get(orm, "organisation_name")
    if member_id is not None and not rows:
        raise ValidationError("member", "certificate_not_present", title=ses.title)
    accredited = ses.accreditation_body != AccreditationBody.NONE
    # Earned nothing at an accredited session: nothing to certify.
    earned = [(att, member) for att, member in rows
              if not accredited or member.role not in EARNS_CREDITS or (att.credits or 0) > 0]
    if member_id is not None and not earned:
        raise ValidationError("member", "certificate_no_credits", title=ses.title)
    facilitators = [names[i] for i in ses.facilitator_ids or [] if i in names]
    now = clock.utcnow()
    return [_certificate(ses, att, member, organisation, group_name, facilitators, now)
            for att, member in earned]


def _certificate(ses: Session, att: Attendance, member: Member, organisation: str,
                 group_name: str, facilitators: list[str], now: datetime) -> Certificate:
    plain = ses.accreditation_body != AccreditationBody.NONE and \
        member.role not in EARNS_CREDITS
    arrived, left = _own_times(att, ses)
    return Certificate(
        organisation=organisation, participant=member.full_name,
        licence_number=member.licence_number, member_id=member.id, session_id=ses.id,
        title=ses.title, provider=ses.provider or organisation,
        day=local_day(ses.scheduled_start),  # the session's day, as on the statement
        starts_at=ses.actual_start or ses.scheduled_start, ends_at=ses.actual_end,
        location=ses.location, group=group_name, facilitators=facilitators,
        minutes=att.minutes_attended or 0,
        credits=0.0 if plain else float(att.credits or 0.0),
        max_credits=None if plain else ses.max_credits,
        credits_per_hour=ses.credits_per_hour,
        body=ses.accreditation_body, category=ses.credit_category,
        accreditation_statement="" if plain else ses.accreditation_statement,
        certification_id="" if plain else ses.certification_id,
        certificate_number=att.certificate_number,
        generated_at=now, arrived_at=arrived, left_at=left, plain=plain)
