"""The facts a group or division report is computed from, read in a few set-based
queries, and the evaluation, commitment and action-item figures made from them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from statistics import fmean

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.models import (
    ActionItem,
    ActionPlan,
    Attendance,
    AttendanceStatus,
    ItemStatus,
    Member,
    Outcome,
    PracticeCommitment,
    Role,
    Session,
    SessionEvaluation,
    SessionStatus,
    Stance,
    Topic,
    YesNoNa,
)
from clinicapp.core.reports.period import Period, local_day
from clinicapp.core.reports.suppression import Count, Figure, Suppressed, breakdown, count, figure
from clinicapp.core.rules.credits import attended_minutes
from clinicapp.core.services import duplicates
from clinicapp.core.services import settings as app_settings
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import clock

STEPS = 5  # progress steps of ``load`` (plus one for the figures)
CLOSED = frozenset({ItemStatus.DONE, ItemStatus.DROPPED})


@dataclass(frozen=True)
class SessionFact:
    id: str
    group_id: str
    day: date
    title: str
    topic: str
    status: SessionStatus
    minutes: int  # agenda time held (actual, minus breaks), or planned when not held


@dataclass(frozen=True)
class AttendanceFact:
    session_id: str
    member_id: str
    minutes: int
    credits: float


@dataclass(frozen=True)
class EvaluationFact:
    objectives_met: YesNoNa | None
    bias_perceived: bool | None
    relevance: int | None
    satisfaction: int | None
    facilitation: int | None
    intent_to_change: int | None


@dataclass(frozen=True)
class CommitmentFact:
    stance: Stance
    outcome: Outcome | None
    followup_due: date | None


@dataclass(frozen=True)
class ItemFact:
    status: ItemStatus
    due: date | None


@dataclass
class Facts:
    organisation: str = ""
    sessions: list[SessionFact] = field(default_factory=list)
    attendance: list[AttendanceFact] = field(default_factory=list)
    roles: dict[str, Role] = field(default_factory=dict)
    evaluations: list[EvaluationFact] = field(default_factory=list)
    commitments: list[CommitmentFact] = field(default_factory=list)
    items: list[ItemFact] = field(default_factory=list)
    # Pairs of possible duplicates (members, topics) both counted in these figures.
    possible_duplicates: int = 0

    def participants(self) -> set[str]:
        return {a.member_id for a in self.attendance}


def _held_minutes(ses: Session) -> int:
    if ses.status != SessionStatus.COMPLETED or not (ses.actual_start and ses.actual_end):
        return ses.planned_minutes
    breaks = [(datetime.fromisoformat(a), datetime.fromisoformat(b)) for a, b in ses.breaks or []]
    return attended_minutes(ses.actual_start, ses.actual_end, ses.actual_start, ses.actual_end,
                            breaks)


def _in_scope(group_ids: Sequence[str], period: Period) -> list[ColumnElement[bool]]:
    return [Session.group_id.in_(group_ids), Session.deleted_at.is_(None),
            Session.scheduled_start >= period.starts_at,
            Session.scheduled_start < period.ends_before]


def _held(group_ids: Sequence[str], period: Period) -> list[ColumnElement[bool]]:
    return [*_in_scope(group_ids, period), Session.status == SessionStatus.COMPLETED]


def load(db: Database, group_ids: Sequence[str], period: Period,
         progress: Callable[[int, int, str], None] | None = None) -> Facts:
    """Everything the report needs, in one read transaction (a consistent snapshot)."""
    def step(done: int, text: str) -> None:
        if progress is not None:
            progress(done, STEPS, text)

    facts = Facts()
    with db.read() as orm:
        facts.organisation = app_settings.get(orm, "organisation_name")
        step(0, "sessions")
        _sessions(orm, facts, group_ids, period)
        step(1, "attendance")
        _attendance(orm, facts, group_ids, period)
        step(2, "evaluations")
        facts.evaluations = [EvaluationFact(*row) for row in orm.execute(
            select(SessionEvaluation.objectives_met, SessionEvaluation.bias_perceived,
                   SessionEvaluation.relevance, SessionEvaluation.satisfaction,
                   SessionEvaluation.facilitation, SessionEvaluation.intent_to_change)
            .join(Session, Session.id == SessionEvaluation.session_id)
            .where(SessionEvaluation.deleted_at.is_(None), *_held(group_ids, period)))]
        step(3, "commitments")
        facts.commitments = [CommitmentFact(*row) for row in orm.execute(
            select(PracticeCommitment.stance, PracticeCommitment.followup_outcome,
                   PracticeCommitment.followup_due)
            .join(Session, Session.id == PracticeCommitment.session_id)
            .where(PracticeCommitment.deleted_at.is_(None), *_held(group_ids, period)))]
        step(4, "action items")
        facts.items = [ItemFact(*row) for row in orm.execute(
            select(ActionItem.status, ActionItem.due_date)
            .join(ActionPlan, ActionPlan.id == ActionItem.plan_id)
            .where(ActionItem.deleted_at.is_(None), ActionPlan.deleted_at.is_(None),
                   ActionPlan.group_id.in_(group_ids)))]
        facts.possible_duplicates = _duplicates_counted(orm, facts, group_ids, period)
    return facts


def _duplicates_counted(orm: OrmSession, facts: Facts, group_ids: Sequence[str],
                        period: Period) -> int:
    """Until they are merged, the same person (or topic) on two records is counted twice:
    how many such pairs these figures include."""
    counted = facts.participants() | set(orm.scalars(select(Session.topic_id).where(
        *_in_scope(group_ids, period), Session.topic_id.is_not(None))))
    return sum(a in counted and b in counted for a, b in duplicates.duplicate_ids(orm))


def _sessions(orm: OrmSession, facts: Facts, group_ids: Sequence[str], period: Period) -> None:
    stmt = (select(Session, Topic.title).outerjoin(Topic, Topic.id == Session.topic_id)
            .where(*_in_scope(group_ids, period)).order_by(Session.scheduled_start, Session.id))
    for ses, topic in orm.execute(stmt):
        facts.sessions.append(SessionFact(
            id=ses.id, group_id=ses.group_id, day=local_day(ses.scheduled_start),
            title=ses.title, topic=topic or "", status=ses.status, minutes=_held_minutes(ses)))


def _attendance(orm: OrmSession, facts: Facts, group_ids: Sequence[str],
                period: Period) -> None:
    stmt = (select(Attendance.session_id, Attendance.member_id, Attendance.minutes_attended,
                   Attendance.credits, Member.role)
            .join(Session, Session.id == Attendance.session_id)
            .join(Member, Member.id == Attendance.member_id)
            .where(Attendance.deleted_at.is_(None),
                   Attendance.status != AttendanceStatus.ABSENT, *_held(group_ids, period)))
    for session_id, member_id, minutes, credits, role in orm.execute(stmt):
        facts.attendance.append(AttendanceFact(session_id, member_id, minutes or 0,
                                               float(credits or 0.0)))
        facts.roles[member_id] = role


# --- figures -----------------------------------------------------------------------------

def gated(value: float, people: int, threshold: int | None) -> Figure:
    """A total over ``people`` participants, withheld when they are few."""
    return figure(value, people, threshold)


def _mean(values: Sequence[int | None], threshold: int | None) -> Figure:
    answers = [v for v in values if v is not None]
    if not answers:
        return None if threshold is None else Suppressed(threshold)
    return figure(round(fmean(answers), 2), len(answers), threshold)


def _share(part: Count, whole: int) -> Figure:
    # A share next to a shown total reveals its count: withheld with the count.
    if isinstance(part, Suppressed):
        return part
    return round(part / whole, 4) if whole else None


@dataclass(frozen=True)
class EvaluationFigures:
    responses: Count
    objectives: dict[YesNoNa, Count]
    objectives_met_share: Figure  # yes / (yes + no)
    bias_flags: Count
    relevance: Figure
    satisfaction: Figure
    facilitation: Figure
    intent_to_change: Figure


def evaluation(rows: Sequence[EvaluationFact], threshold: int | None) -> EvaluationFigures:
    answered = Counter(r.objectives_met for r in rows if r.objectives_met is not None)
    yes, no = answered.get(YesNoNa.YES, 0), answered.get(YesNoNa.NO, 0)
    met = round(yes / (yes + no), 4) if yes + no else None
    return EvaluationFigures(
        responses=count(len(rows), threshold),
        objectives=breakdown({v: answered.get(v, 0) for v in YesNoNa}, threshold),
        objectives_met_share=figure(met, yes + no, threshold) if met is not None else None,
        bias_flags=count(sum(r.bias_perceived is True for r in rows), threshold),
        relevance=_mean([r.relevance for r in rows], threshold),
        satisfaction=_mean([r.satisfaction for r in rows], threshold),
        facilitation=_mean([r.facilitation for r in rows], threshold),
        intent_to_change=_mean([r.intent_to_change for r in rows], threshold))


@dataclass(frozen=True)
class CommitmentFigures:
    made: Count
    by_stance: dict[Stance, Count]
    followed_up: Count
    by_outcome: dict[Outcome, Count]
    outcome_shares: dict[Outcome, Figure]  # of those followed up
    awaiting: Count  # follow-up due by now, no outcome recorded


def commitments(rows: Sequence[CommitmentFact], threshold: int | None,
                today: date | None = None) -> CommitmentFigures:
    today = today or clock.today()
    stances = Counter(r.stance for r in rows)
    outcomes = Counter(r.outcome for r in rows if r.outcome is not None)
    followed = sum(outcomes.values())
    by_outcome = breakdown({o: outcomes.get(o, 0) for o in Outcome}, threshold)
    return CommitmentFigures(
        made=count(len(rows), threshold),
        by_stance=breakdown({s: stances.get(s, 0) for s in Stance}, threshold),
        followed_up=count(followed, threshold),
        by_outcome=by_outcome,
        outcome_shares={o: _share(c, followed) for o, c in by_outcome.items()},
        awaiting=count(sum(r.outcome is None and r.followup_due is not None
                           and r.followup_due <= today for r in rows), threshold))


@dataclass(frozen=True)
class ActionFigures:
    total: int
    by_status: dict[ItemStatus, int]
    overdue: int  # past due and neither done nor dropped


def actions(rows: Sequence[ItemFact], today: date) -> ActionFigures:
    # Items are the group's work, not people: their counts are never suppressed.
    statuses = Counter(r.status for r in rows)
    return ActionFigures(
        total=len(rows), by_status={s: statuses.get(s, 0) for s in ItemStatus},
        overdue=sum(r.due is not None and r.due < today and r.status not in CLOSED
                    for r in rows))
