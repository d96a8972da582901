"""A member's credit statement: every session attended in a period, grouped by Mainpro+
credit year (1 July – 30 June), and the five-year cycle against its targets.

Figures come from the attendance rows as completed (``minutes_attended``, ``credits``),
which are what the member's certificates say. Sums are exact (``Decimal``) so a column of
0.1-credit steps never totals 2.9999999.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

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
    Topic,
)
from clinicapp.core.reports.period import Period, local_day
from clinicapp.core.rules import credits as rules
from clinicapp.core.services import settings as app_settings
from clinicapp.core.services._common import get_live
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import clock

CERTIFIED = frozenset({CreditCategory.CERTIFIED, CreditCategory.CERTIFIED_ASSESSMENT})


@dataclass(frozen=True)
class CreditLine:
    session_id: str
    day: date
    credit_year: int  # the calendar year in which its credit year begins
    title: str
    topic: str
    group: str
    minutes: int
    credits: float
    body: AccreditationBody
    category: CreditCategory
    certification_id: str
    certificate_number: str

    @property
    def certified(self) -> bool:
        return self.category in CERTIFIED and self.body != AccreditationBody.NONE


@dataclass(frozen=True)
class YearTotals:
    start_year: int
    sessions: int
    minutes: int
    credits: float
    certified: float

    @property
    def label(self) -> str:
        return rules.credit_year_label(self.start_year)

    @property
    def bounds(self) -> tuple[date, date]:
        return rules.credit_year_bounds(self.start_year)


@dataclass(frozen=True)
class CycleYear:
    start_year: int
    credits: float
    certified: float

    @property
    def label(self) -> str:
        return rules.credit_year_label(self.start_year)

    @property
    def meets_minimum(self) -> bool:
        return self.credits >= rules.YEARLY_MINIMUM


@dataclass(frozen=True)
class Cycle:
    """The Mainpro+ cycle: five credit years ending with the one holding the period's end.
    Only Mainpro+ credits count towards it."""

    years: list[CycleYear]
    total: float
    certified: float
    target_total: float = rules.CYCLE_TOTAL
    target_certified: float = rules.CYCLE_CERTIFIED
    yearly_minimum: float = rules.YEARLY_MINIMUM

    @property
    def first(self) -> date:
        return rules.credit_year_bounds(self.years[0].start_year)[0]

    @property
    def last(self) -> date:
        return rules.credit_year_bounds(self.years[-1].start_year)[1]

    @property
    def total_remaining(self) -> float:
        return max(0.0, self.target_total - self.total)

    @property
    def certified_remaining(self) -> float:
        return max(0.0, self.target_certified - self.certified)

    @property
    def met(self) -> bool:
        return (self.total >= self.target_total and self.certified >= self.target_certified
                and all(y.meets_minimum for y in self.years))


@dataclass(frozen=True)
class CreditStatement:
    member_id: str
    member_name: str
    licence_number: str
    role: Role
    period: Period
    organisation: str
    generated_at: datetime
    lines: list[CreditLine]
    years: list[YearTotals]
    cycle: Cycle
    by_body: dict[AccreditationBody, float] = field(default_factory=dict)

    @property
    def total_minutes(self) -> int:
        return sum(line.minutes for line in self.lines)

    @property
    def total_credits(self) -> float:
        return exact_sum(line.credits for line in self.lines)

    @property
    def certified_credits(self) -> float:
        return exact_sum(line.credits for line in self.lines if line.certified)


def exact_sum(values: object) -> float:
    total = sum((Decimal(str(v)) for v in values), Decimal(0))  # type: ignore[attr-defined]
    return float(round(total, 2))


def _attended(session: OrmSession, member_id: str, window: Period) -> list[CreditLine]:
    stmt = (select(Attendance, Session, Group.name, Topic.title)
            .join(Session, Session.id == Attendance.session_id)
            .join(Group, Group.id == Session.group_id)
            .outerjoin(Topic, Topic.id == Session.topic_id)
            .where(Attendance.member_id == member_id, Attendance.deleted_at.is_(None),
                   Attendance.status != AttendanceStatus.ABSENT,
                   Session.deleted_at.is_(None), Session.status == SessionStatus.COMPLETED,
                   Session.scheduled_start >= window.starts_at,
                   Session.scheduled_start < window.ends_before)
            .order_by(Session.scheduled_start, Session.id))
    lines = []
    for att, ses, group_name, topic_title in session.execute(stmt):
        day = local_day(ses.scheduled_start)
        lines.append(CreditLine(
            session_id=ses.id, day=day, credit_year=rules.credit_year_start(day),
            title=ses.title, topic=topic_title or "", group=group_name,
            minutes=att.minutes_attended or 0, credits=float(att.credits or 0.0),
            body=ses.accreditation_body, category=ses.credit_category,
            certification_id=ses.certification_id, certificate_number=att.certificate_number))
    return lines


def _year_totals(lines: list[CreditLine]) -> list[YearTotals]:
    by_year: dict[int, list[CreditLine]] = defaultdict(list)
    for line in lines:
        by_year[line.credit_year].append(line)
    return [YearTotals(start_year=year, sessions=len(group),
                       minutes=sum(li.minutes for li in group),
                       credits=exact_sum(li.credits for li in group),
                       certified=exact_sum(li.credits for li in group if li.certified))
            for year, group in sorted(by_year.items())]


def _cycle(lines: list[CreditLine], last_year: int) -> Cycle:
    mainpro = [li for li in lines if li.body == AccreditationBody.MAINPRO_PLUS]
    years = []
    for year in range(last_year - rules.CYCLE_YEARS + 1, last_year + 1):
        of_year = [li for li in mainpro if li.credit_year == year]
        years.append(CycleYear(start_year=year, credits=exact_sum(li.credits for li in of_year),
                               certified=exact_sum(li.credits for li in of_year
                                                   if li.certified)))
    return Cycle(years=years, total=exact_sum(li.credits for li in mainpro),
                 certified=exact_sum(li.credits for li in mainpro if li.certified))


def credit_statement(db: Database, member_id: str, period: Period) -> CreditStatement:
    """The statement of ``member_id`` for ``period``, with the cycle ending in its year."""
    last_year = rules.credit_year_start(period.last)
    cycle_window = Period(rules.credit_year_bounds(last_year - rules.CYCLE_YEARS + 1)[0],
                          rules.credit_year_bounds(last_year)[1])
    with db.read() as session:
        member = get_live(session, Member, member_id, "member")
        organisation = app_settings.get(session, "organisation_name")
        lines = _attended(session, member_id, period)
        cycle_lines = _attended(session, member_id, cycle_window)
    by_body: dict[AccreditationBody, list[float]] = defaultdict(list)
    for line in lines:
        by_body[line.body].append(line.credits)
    return CreditStatement(
        member_id=member.id, member_name=member.full_name,
        licence_number=member.licence_number, role=member.role, period=period,
        organisation=organisation, generated_at=clock.utcnow(), lines=lines,
        years=_year_totals(lines), cycle=_cycle(cycle_lines, last_year),
        by_body={body: exact_sum(v) for body, v in sorted(by_body.items())})
