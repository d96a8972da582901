"""Demo data, part two: what follows a session (attendance with credits, reflections,
commitments with follow-ups, evaluations) and each group's action plans and support
requests. Called by ``demo.generate``; see there for how rows are written."""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

from clinicapp.core.models import (
    ActionItem,
    ActionPlan,
    Attendance,
    AttendanceStatus,
    Horizon,
    ItemStatus,
    Outcome,
    PdsaAct,
    PdsaCycle,
    PracticeCommitment,
    ProgressNote,
    Reflection,
    Session,
    SessionEvaluation,
    Stance,
    SupportKind,
    SupportRequest,
    SupportStatus,
    Visibility,
    YesNoNa,
)
from clinicapp.core.models.ids import stable_id
from clinicapp.core.services.attendance import certificate_number
from clinicapp.core.services.commitments import add_months
from clinicapp.core.storage.seed import TOPICS
from clinicapp.demo import content as text

if TYPE_CHECKING:
    from clinicapp.demo.generate import _Generator, _GroupPlan, _Person

ATTENDANCE = ((AttendanceStatus.PRESENT, 82), (AttendanceStatus.LATE, 6),
              (AttendanceStatus.LEFT_EARLY, 5), (AttendanceStatus.ABSENT, 7))
STANCES = ((Stance.WILL_CHANGE, 60), (Stance.ALREADY_DOING, 20),
           (Stance.NEED_MORE_INFORMATION, 15), (Stance.WILL_NOT, 5))
OUTCOMES = ((Outcome.IMPLEMENTED, 40), (Outcome.PARTLY, 30), (Outcome.NOT_YET, 20),
            (Outcome.ABANDONED, 10))
HORIZON_DAYS = {Horizon.IMMEDIATE: (30, 90), Horizon.WITHIN_A_YEAR: (120, 365),
                Horizon.ONE_TO_TWO_YEARS: (400, 700)}
CURRENT_STATUSES = ((ItemStatus.NOT_STARTED, 15), (ItemStatus.IN_PROGRESS, 35),
                    (ItemStatus.BLOCKED, 10), (ItemStatus.DONE, 30), (ItemStatus.DROPPED, 10))
PAST_STATUSES = ((ItemStatus.DONE, 70), (ItemStatus.DROPPED, 20), (ItemStatus.IN_PROGRESS, 10))


def _pick(gen: _Generator, weighted: tuple[tuple[Any, int], ...]) -> Any:
    return gen.rng.choices([w[0] for w in weighted], weights=[w[1] for w in weighted])[0]


def _day_between(gen: _Generator, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=gen.rng.randint(0, max(0, (last - first).days)))


def _noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12)).astimezone()


# --- after a session -------------------------------------------------------------------

def attendance_and_after(gen: _Generator, session: Session, person: _Person, day: dt.date,
                         breaks: list[tuple[dt.datetime, dt.datetime]],
                         words: dict[str, tuple[str, ...]], accreditation: dict[str, Any]) -> None:
    rng = gen.rng
    start, end = session.actual_start, session.actual_end
    assert start is not None and end is not None
    status = _pick(gen, ATTENDANCE)
    arrived: dt.datetime | None = start
    left: dt.datetime | None = end
    if status == AttendanceStatus.LATE:
        arrived = start + dt.timedelta(minutes=rng.randint(10, 35))
    elif status == AttendanceStatus.LEFT_EARLY:
        left = end - dt.timedelta(minutes=rng.randint(15, 45))
    elif status == AttendanceStatus.ABSENT:
        arrived = left = None
    minutes = gen.minutes(arrived, left, start, end, breaks) if arrived and left else 0
    earned = gen.credits(minutes, accreditation)
    aid = stable_id("attendance", session.id, person.id)
    gen.w.add(Attendance(
        id=aid, session_id=session.id, member_id=person.id, status=status, arrived_at=arrived,
        left_at=left, minutes_attended=minutes, credits=earned,
        certificate_number=certificate_number(aid, day) if earned > 0 else "",
        created_at=start, updated_at=end))
    if status == AttendanceStatus.ABSENT:
        return
    after = end + dt.timedelta(minutes=rng.randint(1, 50))
    if rng.random() < 0.55:
        gen.w.add(Reflection(
            id=gen.new_id(after), session_id=session.id, member_id=person.id,
            visibility=Visibility.GROUP,
            what=rng.choice(words["what"] + text.GENERAL_WHAT),
            so_what=rng.choice(words["so_what"]), now_what=rng.choice(words["now_what"]),
            barriers=rng.choice(text.BARRIERS), supports_needed=rng.choice(text.SUPPORTS),
            sealed="", identifier_warning_kept=False, created_at=after, updated_at=after))
    if rng.random() < 0.22:
        _commitment(gen, session, person, day, words, after)
    if rng.random() < 0.65:
        gen.w.add(SessionEvaluation(
            id=gen.new_id(after), session_id=session.id,
            member_id=person.id if rng.random() < 0.2 else None,  # anonymous by default
            objectives_met=_pick(gen, ((YesNoNa.YES, 86), (YesNoNa.NO, 5),
                                       (YesNoNa.NOT_APPLICABLE, 9))),
            objectives_why="", bias_perceived=rng.random() < 0.02,
            bias_description="", relevance=rng.choice((3, 4, 4, 5, 5)),
            satisfaction=rng.choice((3, 4, 4, 5, 5)), facilitation=rng.choice((3, 4, 5, 5)),
            intent_to_change=rng.choice((2, 3, 4, 4, 5)),
            motivation=rng.choice(text.MOTIVATION), barriers=rng.choice(text.BARRIERS),
            comments="", created_at=after, updated_at=after))


def _commitment(gen: _Generator, session: Session, person: _Person, day: dt.date,
                words: dict[str, tuple[str, ...]], after: dt.datetime) -> None:
    rng = gen.rng
    stance = _pick(gen, STANCES)
    due = add_months(day, gen.followup_months)
    commitment = PracticeCommitment(
        id=gen.new_id(after), member_id=person.id, session_id=session.id,
        change=rng.choice(words["change"]), stance=stance, confidence=rng.randint(2, 5),
        barriers=rng.choice(text.BARRIERS), supports=rng.choice(text.SUPPORTS),
        target_date=day + dt.timedelta(days=rng.randint(30, 75)), followup_due=due,
        followup_outcome=None, followup_note="", followed_up_on=None,
        created_at=after, updated_at=after)
    # Commitments are followed up within three weeks of falling due, bar a few stragglers
    # from the last months; the most recent ones are still due (the Today page's list).
    overdue_days = (gen.as_of - due).days
    if stance != Stance.WILL_NOT and overdue_days >= 21 \
            and (overdue_days > 120 or rng.random() < 0.85):
        commitment.followed_up_on = due + dt.timedelta(days=rng.randint(0, 21))
        commitment.followup_outcome = _pick(gen, OUTCOMES)
        commitment.followup_note = rng.choice(text.FOLLOWUP_NOTES)
    gen.w.add(commitment)


# --- action plans ----------------------------------------------------------------------

def action_plans(gen: _Generator, plan: _GroupPlan, first: bool) -> None:
    """One plan per two years; the current one has items in every status."""
    n_plans = max(1, math.ceil(gen.years / 2))
    rng = gen.rng
    for k in range(n_plans):
        period_start = gen.start + dt.timedelta(days=730 * k)
        current = k == n_plans - 1
        period_end = (gen.as_of + dt.timedelta(days=365) if current
                      else period_start + dt.timedelta(days=729))
        created = _noon(period_start)
        ap = ActionPlan(id=gen.new_id(created), group_id=plan.group.id,
                        title=f"Action plan {period_start.year}–{period_end.year}",
                        goal=rng.choice(text.PLAN_GOALS), period_start=period_start,
                        period_end=period_end, created_at=created, updated_at=created)
        gen.w.add(ap)
        forced = list(ItemStatus) if (first and current) else []
        for n in range(max(len(forced), rng.randint(4, 7))):
            status = forced[n] if n < len(forced) else _pick(
                gen, CURRENT_STATUSES if current else PAST_STATUSES)
            _item(gen, plan, ap, status, period_start, min(period_end, gen.as_of))


def _item(gen: _Generator, plan: _GroupPlan, ap: ActionPlan, status: ItemStatus,
          first_day: dt.date, last_day: dt.date) -> None:
    rng = gen.rng
    topic = rng.choice(TOPICS)[0]
    start = _day_between(gen, first_day, last_day)
    horizon = rng.choice(list(Horizon))
    low, high = HORIZON_DAYS[horizon]
    due = start + dt.timedelta(days=rng.randint(low, high))
    people = [p for p in plan.people if p.active_on(start)] or plan.people
    owner = rng.choice(people)
    supporters = [p.id for p in rng.sample(people, k=min(len(people), rng.randint(0, 2)))
                  if p.id != owner.id]
    indicator, baseline, target = rng.choice(text.INDICATORS)
    created = _noon(start)
    item = ActionItem(
        id=gen.new_id(created), plan_id=ap.id, action=rng.choice(text.TOPIC_TEXT[topic]["action"]),
        goal=ap.goal, owner_id=owner.id, supporters=supporters, horizon=horizon,
        start_date=start, due_date=due, resources=rng.choice(("", "RST coordinator time",
                                                              "Division QI funding",
                                                              "MOA peer mentor")),
        indicator=indicator, baseline=baseline, target=target, status=status,
        created_at=created, updated_at=created)
    gen.w.add(item)
    note_until = min(gen.as_of, due)
    if status != ItemStatus.NOT_STARTED:
        for _ in range(rng.randint(1, 4)):
            noted = _day_between(gen, start, note_until)
            gen.w.add(ProgressNote(id=gen.new_id(_noon(noted)), item_id=item.id,
                                   noted_on=noted, text=rng.choice(text.PROGRESS_NOTES),
                                   author_id=owner.id, created_at=_noon(noted),
                                   updated_at=_noon(noted)))
    if status != ItemStatus.NOT_STARTED and rng.random() < 0.3:
        cycle_start = start
        for number in range(1, rng.randint(1, 3) + 1):
            ended = cycle_start + dt.timedelta(days=rng.randint(14, 42))
            finished = ended <= gen.as_of
            gen.w.add(PdsaCycle(
                id=gen.new_id(_noon(cycle_start)), item_id=item.id, number=number,
                aim=f"{item.action} — cycle {number}", change_idea=item.action,
                prediction=rng.choice(text.PDSA_PREDICTIONS),
                measure=indicator or "Team's own count at the next meeting",
                do_notes="Tried with two providers for a month." if finished else "",
                study_notes="Moved towards the target; some workflow friction." if finished
                else "",
                act=rng.choice(list(PdsaAct)) if finished else None, started_on=cycle_start,
                ended_on=ended if finished else None, created_at=_noon(cycle_start),
                updated_at=_noon(cycle_start)))
            if not finished:
                break
            cycle_start = ended + dt.timedelta(days=7)


# --- support requests ------------------------------------------------------------------

def support_requests(gen: _Generator, plan: _GroupPlan) -> None:
    """About four a year, each after one of the group's sessions."""
    rng = gen.rng
    if not plan.completed:
        return
    for _ in range(gen.years * 4):
        session_id, day = rng.choice(plan.completed)
        requested = min(gen.as_of, day + dt.timedelta(days=rng.randint(1, 14)))
        age = (gen.as_of - requested).days
        scheduled: dt.date | None = None
        done: dt.date | None = None
        status = SupportStatus.REQUESTED
        if age > 60:
            status = SupportStatus.CANCELLED if rng.random() < 0.1 else SupportStatus.DONE
        elif age > 14:
            status = rng.choice((SupportStatus.REQUESTED, SupportStatus.SCHEDULED,
                                 SupportStatus.SCHEDULED, SupportStatus.DONE))
        if status in (SupportStatus.SCHEDULED, SupportStatus.DONE):
            scheduled = requested + dt.timedelta(days=rng.randint(5, 40))
            if status == SupportStatus.DONE and scheduled > gen.as_of:
                status = SupportStatus.SCHEDULED
            if status == SupportStatus.DONE:
                done = scheduled
        person = rng.choice(plan.people) if rng.random() < 0.7 else None
        created = _noon(requested)
        gen.w.add(SupportRequest(
            id=gen.new_id(created), member_id=person.id if person else None,
            clinic="" if person else f"{plan.town} Medical Clinic", session_id=session_id,
            kind=_pick(gen, ((SupportKind.MOA_PEER_MENTOR, 40),
                             (SupportKind.RST_COORDINATOR, 35),
                             (SupportKind.PHYSICIAN_PEER, 25))),
            topic=rng.choice(text.SUPPORT_TOPICS), requested_on=requested,
            scheduled_on=scheduled, done_on=done, status=status, notes="",
            created_at=created, updated_at=created))
