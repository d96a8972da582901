"""Group and division reports: what groups did in a period and what changed in practice.

Sessions held, distinct participants by role, hours, credits, topics, evaluation averages,
commitments and their follow-up outcomes, action items by status. A report that leaves
the group (the division report, CSV of aggregates) is built with a ``threshold``: counts
of people under it become ``Suppressed`` (see ``suppression``). No free text is read
here at all: no reflections, commitment wording or evaluation comments.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select

from clinicapp.core.errors import ValidationError
from clinicapp.core.models import Group, Role, SessionStatus
from clinicapp.core.reports import figures
from clinicapp.core.reports.figures import (
    ActionFigures,
    CommitmentFigures,
    EvaluationFigures,
    Facts,
    SessionFact,
)
from clinicapp.core.reports.period import Period
from clinicapp.core.reports.statement import exact_sum
from clinicapp.core.reports.suppression import Count, Figure, Suppressed, breakdown, count
from clinicapp.core.services import settings as app_settings
from clinicapp.core.services._common import get_live
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import clock

ProgressFn = Callable[[int, int, str], None]
QUARTERS_AFTER_MONTHS = 24  # longer periods are charted by quarter, not month


@dataclass(frozen=True)
class SeriesPoint:
    start: date
    unit: str  # "month" or "quarter"
    sessions: int
    attendances: Count


@dataclass(frozen=True)
class SessionLine:
    session_id: str
    day: date
    title: str
    topic: str
    status: SessionStatus
    attendees: Count
    minutes: int
    credits: Figure


@dataclass(frozen=True)
class GroupLine:
    group_id: str
    name: str
    sessions: int
    participants: Count
    attendances: Count
    participant_hours: Figure
    credits: Figure


@dataclass(frozen=True)
class ActivityReport:
    kind: str  # "group" or "division"
    name: str
    groups: list[str]
    period: Period
    organisation: str
    generated_at: datetime
    threshold: int | None  # None: figures are exact (the group's own report)
    sessions_held: int
    sessions_cancelled: int
    sessions_planned: int
    session_minutes: int
    participants: Count
    participants_by_role: dict[Role, Count]
    attendances: Count
    participant_hours: Figure
    credits: Figure
    topics: list[tuple[str, int]]
    evaluation: EvaluationFigures
    commitments: CommitmentFigures
    actions: ActionFigures
    series: list[SeriesPoint]
    sessions: list[SessionLine] = field(default_factory=list)
    by_group: list[GroupLine] = field(default_factory=list)
    possible_duplicates: int = 0  # pairs of possible duplicates the figures include

    @property
    def suppressed(self) -> bool:
        return self.threshold is not None


def _threshold(db: Database, suppress: bool) -> int | None:
    if not suppress:
        return None
    with db.read() as session:
        return int(app_settings.get(session, "small_count_threshold"))


def group_report(db: Database, group_id: str, period: Period, suppress: bool = False,
                 progress: ProgressFn | None = None) -> ActivityReport:
    """One group's report; exact figures unless it is going to leave the group."""
    with db.read() as session:
        group = get_live(session, Group, group_id, "group")
    return _build("group", group.name, [group], period, _threshold(db, suppress), db,
                  progress)


def division_names(db: Database) -> list[str]:
    with db.read() as session:
        names = session.scalars(select(Group.division).where(
            Group.deleted_at.is_(None), Group.division != "").distinct())
        return sorted(set(names), key=str.casefold)


def division_report(db: Database, division: str | None, period: Period,
                    progress: ProgressFn | None = None) -> ActivityReport:
    """All groups of ``division`` (all groups here when None), always suppressed."""
    with db.read() as session:
        stmt = select(Group).where(Group.deleted_at.is_(None)).order_by(Group.name)
        if division:
            stmt = stmt.where(func.lower(Group.division) == division.strip().lower())
        groups = list(session.scalars(stmt))
        organisation = app_settings.get(session, "organisation_name")
    if not groups:
        known = ", ".join(division_names(db)) or "none yet"
        if division:
            raise ValidationError("division", "unknown_division", division=division,
                                  known=known)
        raise ValidationError("division", "no_groups", known=known)
    name = division or organisation
    if division:  # the division's own spelling, as stored
        name = groups[0].division
    return _build("division", name, groups, period, _threshold(db, True), db, progress)


def _build(kind: str, name: str, groups: Sequence[Group], period: Period,
           threshold: int | None, db: Database,
           progress: ProgressFn | None) -> ActivityReport:
    facts = figures.load(db, [g.id for g in groups], period, progress)
    held = [s for s in facts.sessions if s.status == SessionStatus.COMPLETED]
    people = facts.participants()
    roles = Counter(facts.roles[m] for m in people)
    report = ActivityReport(
        kind=kind, name=name, groups=[g.name for g in groups], period=period,
        organisation=facts.organisation, generated_at=clock.utcnow(), threshold=threshold,
        sessions_held=len(held),
        sessions_cancelled=sum(s.status == SessionStatus.CANCELLED for s in facts.sessions),
        sessions_planned=sum(s.status in (SessionStatus.PLANNED, SessionStatus.IN_PROGRESS)
                             for s in facts.sessions),
        session_minutes=sum(s.minutes for s in held),
        participants=count(len(people), threshold),
        participants_by_role=breakdown({role: roles.get(role, 0) for role in Role}, threshold),
        attendances=count(len(facts.attendance), threshold),
        participant_hours=figures.gated(_hours(facts), len(people), threshold),
        credits=figures.gated(exact_sum(a.credits for a in facts.attendance), len(people),
                              threshold),
        topics=_topics(held),
        evaluation=figures.evaluation(facts.evaluations, threshold),
        commitments=figures.commitments(facts.commitments, threshold),
        actions=figures.actions(facts.items, clock.today()),
        series=_series(facts, period, threshold),
        sessions=_session_lines(facts, threshold) if kind == "group" else [],
        by_group=_group_lines(facts, groups, threshold) if kind == "division" else [],
        possible_duplicates=facts.possible_duplicates)
    if progress is not None:
        progress(figures.STEPS, figures.STEPS, "")
    return report


def _hours(facts: Facts) -> float:
    return round(sum(a.minutes for a in facts.attendance) / 60, 2)


def _topics(held: Sequence[SessionFact]) -> list[tuple[str, int]]:
    counts = Counter(s.topic for s in held)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))


def _bucket(day: date, unit: str) -> date:
    if unit == "quarter":
        return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return date(day.year, day.month, 1)


def _series(facts: Facts, period: Period, threshold: int | None) -> list[SeriesPoint]:
    unit = "quarter" if period.months > QUARTERS_AFTER_MONTHS else "month"
    step = 3 if unit == "quarter" else 1
    sessions: Counter[date] = Counter()
    attendances: Counter[date] = Counter()
    day_of = {s.id: s.day for s in facts.sessions}
    for s in facts.sessions:
        if s.status == SessionStatus.COMPLETED:
            sessions[_bucket(s.day, unit)] += 1
    for a in facts.attendance:
        attendances[_bucket(day_of[a.session_id], unit)] += 1
    points = []
    start = _bucket(period.first, unit)
    while start <= period.last:
        points.append(SeriesPoint(start=start, unit=unit, sessions=sessions[start],
                                  attendances=count(attendances[start], threshold)))
        month = start.month - 1 + step
        start = date(start.year + month // 12, month % 12 + 1, 1)
    return points


def _session_lines(facts: Facts, threshold: int | None) -> list[SessionLine]:
    present: dict[str, list[float]] = defaultdict(list)
    for a in facts.attendance:
        present[a.session_id].append(a.credits)
    lines = []
    for s in facts.sessions:
        credits = present.get(s.id, [])
        lines.append(SessionLine(
            session_id=s.id, day=s.day, title=s.title, topic=s.topic, status=s.status,
            attendees=count(len(credits), threshold), minutes=s.minutes,
            credits=figures.gated(exact_sum(credits), len(credits), threshold)))
    return lines


def _group_lines(facts: Facts, groups: Sequence[Group],
                 threshold: int | None) -> list[GroupLine]:
    group_of = {s.id: s.group_id for s in facts.sessions}
    held: Counter[str] = Counter(s.group_id for s in facts.sessions
                                 if s.status == SessionStatus.COMPLETED)
    people: dict[str, set[str]] = defaultdict(set)
    rows: dict[str, list[figures.AttendanceFact]] = defaultdict(list)
    for a in facts.attendance:
        gid = group_of[a.session_id]
        people[gid].add(a.member_id)
        rows[gid].append(a)
    small = {g.id for g in groups if threshold is not None and len(people[g.id]) < threshold}
    if threshold is not None and len(small) == 1 and len(groups) > 1:
        # One withheld row could be recovered from the division totals: withhold another.
        others = [g for g in groups if g.id not in small]
        small.add(min(others, key=lambda g: (len(rows[g.id]), g.name)).id)
    lines = []
    for g in groups:
        hidden: Suppressed | None = Suppressed(threshold) if g.id in small and threshold else None
        lines.append(GroupLine(
            group_id=g.id, name=g.name, sessions=held[g.id],
            participants=hidden or len(people[g.id]),
            attendances=hidden or len(rows[g.id]),
            participant_hours=hidden or round(sum(a.minutes for a in rows[g.id]) / 60, 2),
            credits=hidden or exact_sum(a.credits for a in rows[g.id])))
    return lines
