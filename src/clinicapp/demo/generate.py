"""Realistic demo data for one busy clinic: groups and hubs, members, sessions with
attendance and credits, shared reflections, commitments and their follow-ups,
evaluations, action plans with progress notes and PDSA cycles, and support requests.

Written through the ORM (so every row gets its sync change rows) in transactions of about
``CHUNK`` rows, parents before children: a process killed part-way leaves a consistent
database holding the chunks committed so far. The same seed gives the same data. This is
the same lower write path every service uses (``Database.write()``: change rows, signed
runs, the change signal), never raw inserts; the last chunk commits the run's audit entry,
whichever front end asked.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from clinicapp.core.errors import ValidationError
from clinicapp.core.models import (
    SYNCED_MODELS,
    AccreditationBody,
    CreditCategory,
    Group,
    GroupKind,
    Member,
    Membership,
    Role,
    Session,
    SessionStatus,
    Synced,
)
from clinicapp.core.models.ids import stable_id
from clinicapp.core.rules.credits import attended_minutes, credits_for
from clinicapp.core.services import audit
from clinicapp.core.services import settings as app_settings
from clinicapp.core.storage.db import Database
from clinicapp.core.storage.seed import TOPICS, topic_id
from clinicapp.core.sync import clock
from clinicapp.demo import content as text
from clinicapp.demo import records

CHUNK = 2000
SESSION_KINDS = ("module", "case review", "workshop", "follow-up", "practice review")
ProgressFn = Callable[[float, str], None]


@dataclass
class DemoSummary:
    counts: dict[str, int] = field(default_factory=dict)
    chunks: int = 0
    seconds: float = 0.0


class _Writer:
    """Buffers new rows and commits them ``CHUNK`` at a time, in foreign-key order."""

    def __init__(self, db: Database, progress: ProgressFn | None) -> None:
        self.db = db
        self.progress = progress
        self.buffer: list[Synced] = []
        self.summary = DemoSummary()
        self.fraction = 0.0

    def add(self, obj: Synced) -> None:
        self.buffer.append(obj)
        table = obj.__tablename__  # type: ignore[attr-defined]
        self.summary.counts[table] = self.summary.counts.get(table, 0) + 1
        if len(self.buffer) >= CHUNK:
            self.commit()

    def commit(self, audit_detail: str = "") -> None:
        """Write the buffered rows in one transaction (and, for the last chunk, the
        audit entry of the whole run: it commits with the last rows, or not at all)."""
        if not self.buffer and not audit_detail:
            return
        by_model: dict[type[Synced], list[Synced]] = {}
        for obj in self.buffer:
            by_model.setdefault(type(obj), []).append(obj)
        with self.db.write() as session:
            # No relationship() tells the unit of work the insert order; flushing table by
            # table in SYNCED_MODELS order keeps every foreign key satisfied.
            for model in SYNCED_MODELS:
                if model in by_model:
                    session.add_all(by_model[model])
                    session.flush()
            if audit_detail:
                audit.record(session, "demo_data", audit_detail)
        self.buffer = []
        self.summary.chunks += 1
        if self.progress is not None:
            rows = sum(self.summary.counts.values())
            self.progress(self.fraction, f"{rows} rows written")


class _Ids:
    """UUIDv7-shaped ids from the seeded generator, stamped with the record's own time,
    so the same seed gives the same ids and ids still sort by time."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def __call__(self, when: dt.datetime) -> str:
        ms = int(when.timestamp() * 1000) & ((1 << 48) - 1)
        rand = self.rng.getrandbits(74)
        value = (ms << 80) | (0x7 << 76) | ((rand >> 62) << 64) | (0b10 << 62)
        value |= rand & ((1 << 62) - 1)
        h = f"{value:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


@dataclass
class _Person:
    id: str
    name: str
    role: Role
    joined: dt.date
    left: dt.date | None = None

    def active_on(self, day: dt.date) -> bool:
        return self.joined <= day and (self.left is None or day < self.left)


@dataclass
class _GroupPlan:
    group: Group
    people: list[_Person]
    facilitators: list[str]
    town: str
    completed: list[tuple[str, dt.date]] = field(default_factory=list)  # (session id, day)


def demo_group_id(seed: int, index: int) -> str:
    """Group ids name their seed, so a second run with the same seed is recognised."""
    return stable_id("demo-group", str(seed), str(index))


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """A local wall-clock time on ``day``, as an aware datetime (stored as UTC)."""
    return dt.datetime.combine(day, dt.time(hour, minute)).astimezone()


def _weighted(rng: random.Random, options: tuple[tuple[Any, ...], ...]) -> tuple[Any, ...]:
    return rng.choices(options, weights=[o[-1] for o in options])[0]


class _Generator:
    def __init__(self, db: Database, seed: int, writer: _Writer, groups: int,
                 years: int, as_of: dt.date) -> None:
        self.db, self.seed, self.w = db, seed, writer
        self.rng = rng = random.Random(seed)
        self.new_id = _Ids(rng)
        self.n_groups, self.years, self.as_of = groups, years, as_of
        self.start = as_of.replace(day=1) - dt.timedelta(days=round(365.25 * years))
        self.end = as_of + dt.timedelta(days=28)  # a few planned sessions ahead
        with db.read() as session:
            self.step = float(app_settings.get(session, "credit_rounding_step"))
            self.followup_months = int(app_settings.get(session, "followup_months"))
        self.used_names: set[str] = set()
        self.shared: list[_Person] = []  # physicians who also join a hub

    # --- people -------------------------------------------------------------------

    def _name(self) -> str:
        while True:
            name = f"{self.rng.choice(text.FIRST_NAMES)} {self.rng.choice(text.LAST_NAMES)}"
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    def _member(self, hub: bool, joined: dt.date) -> _Person:
        role, detail, _w = _weighted(self.rng, text.HUB_ROLES if hub else text.SMALL_GROUP_ROLES)
        name = self._name()
        when = _at(joined, 9)
        mid = self.new_id(when)
        first, last = name.split(" ", 1)
        email = f"{first}.{last}".lower().replace(" ", "").replace("'", "")
        self.w.add(Member(
            id=mid, full_name=name, role=Role(role), profession_detail=detail,
            email=f"{email}@example.org", phone=f"250-555-{self.rng.randint(1000, 9999)}",
            licence_number=(f"{self.rng.randint(100000, 999999)}" if role == "physician"
                            else ""),
            active=True, created_at=when, updated_at=when))
        return _Person(mid, name, Role(role), joined)

    def group(self, index: int) -> _GroupPlan:
        hub = index % 3 == 2  # two small groups for every hub
        division, region, town = self.rng.choice(text.PLACES)
        pattern = self.rng.choice(text.HUB_NAMES if hub else text.SMALL_GROUP_NAMES)
        created = _at(self.start, 9)
        name = pattern.format(town=town, region=region)
        group = Group(id=demo_group_id(self.seed, index), name=name,
                      kind=GroupKind.COMMUNITY_OF_PRACTICE if hub else GroupKind.SMALL_GROUP,
                      division=division, region=region, created_at=created, updated_at=created,
                      description=("Regional hub prioritising grassroots quality improvement."
                                   if hub else "Practice-based small-group learning."))
        self.w.add(group)
        people = [self._member(hub, self.start) for _ in range(self.rng.randint(8, 13))]
        if hub:
            people += [_Person(p.id, p.name, p.role, self.start) for p in self.shared[:2]]
        else:
            self.shared.extend(p for p in people[:2] if p.role == Role.PHYSICIAN)
        span = (self.as_of - self.start).days
        if span > 400:  # turnover: someone leaves, someone new joins
            for person in self.rng.sample(people, k=self.rng.randint(1, 2)):
                person.left = self.start + dt.timedelta(days=self.rng.randint(200, span - 100))
            for _ in range(self.rng.randint(1, 2)):
                people.append(self._member(
                    hub, self.start + dt.timedelta(days=self.rng.randint(150, span - 60))))
        leads = [p for p in people if p.role == Role.PHYSICIAN] or people
        facilitators = [p.id for p in leads[: 2 if hub else 1]]
        for person in people:
            when = _at(person.joined, 9)
            self.w.add(Membership(
                id=stable_id("membership", group.id, person.id), group_id=group.id,
                member_id=person.id, is_facilitator=person.id in facilitators,
                joined_on=person.joined, left_on=person.left, created_at=when,
                updated_at=when))
        return _GroupPlan(group, people, facilitators, town)

    # --- sessions -----------------------------------------------------------------

    def _accreditation(self) -> dict[str, Any]:
        roll = self.rng.random()
        if roll < 0.72:
            return {"accreditation_body": AccreditationBody.MAINPRO_PLUS,
                    "credit_category": CreditCategory.CERTIFIED, "credits_per_hour": 1.0,
                    "max_credits": None, "provider": "Division of Family Practice",
                    "accreditation_statement": (
                        "This one-credit-per-hour Group Learning program meets the "
                        "certification criteria of the College of Family Physicians of Canada "
                        "and has been certified for up to the credits shown.")}
        if roll < 0.87:
            rate = self.rng.choice((2.0, 3.0))
            return {"accreditation_body": AccreditationBody.MAINPRO_PLUS,
                    "credit_category": CreditCategory.CERTIFIED, "credits_per_hour": rate,
                    "max_credits": rate * 1.5, "provider": "Foundation for Medical Practice "
                                                          "Education",
                    "accreditation_statement": (
                        f"This Practice-Based Small Group module is certified for up to "
                        f"{rate:g} Mainpro+ credits per hour.")}
        if roll < 0.93:
            return {"accreditation_body": AccreditationBody.ROYAL_COLLEGE_MOC,
                    "credit_category": CreditCategory.CERTIFIED, "credits_per_hour": 1.0,
                    "max_credits": None, "provider": "Rural CPD Program",
                    "accreditation_statement": (
                        "Accredited group learning activity (Section 1) as defined by the "
                        "Maintenance of Certification Program of the Royal College.")}
        return {"accreditation_body": AccreditationBody.NONE,
                "credit_category": CreditCategory.NON_CERTIFIED, "credits_per_hour": 1.0,
                "max_credits": None, "provider": "", "accreditation_statement": ""}

    def sessions(self, plan: _GroupPlan) -> None:
        month = self.start
        # Sessions before this moment happened; later ones are planned. A past as_of ends
        # at its midnight, so the same seed and as_of always give the same records.
        now = min(clock.utcnow(), _at(self.as_of + dt.timedelta(days=1), 0))
        while month <= self.end:
            days_in_month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            days = [month + dt.timedelta(days=d) for d in range((days_in_month - month).days)]
            weekdays = [d for d in days if d.weekday() < 4]
            count = self.rng.choice((2, 3, 3, 4))
            for day in sorted(self.rng.sample(weekdays, k=min(count, len(weekdays)))):
                if day > self.end:
                    continue
                self._session(plan, day, now)
            month = days_in_month

    def _session(self, plan: _GroupPlan, day: dt.date, now: dt.datetime) -> None:
        rng = self.rng
        evening = rng.random() < 0.6
        minutes = rng.choice((90, 120, 120, 180)) if evening else rng.choice((60, 60, 90))
        start = _at(day, 18 if evening else 12)
        topic_title, _category = rng.choice(TOPICS)
        words = text.TOPIC_TEXT[topic_title]
        accreditation = self._accreditation()
        sid = self.new_id(start - dt.timedelta(days=rng.randint(7, 30)))
        session = Session(
            id=sid, group_id=plan.group.id, topic_id=topic_id(topic_title),
            title=f"{topic_title}: {rng.choice(SESSION_KINDS)}",
            objectives=rng.sample(list(words["objectives"]), k=rng.randint(2, 3)),
            scheduled_start=start, planned_minutes=minutes,
            location=rng.choice(text.LOCATIONS).format(town=plan.town),
            facilitation_method=rng.choice(text.METHODS),
            facilitator_ids=list(plan.facilitators), status=SessionStatus.PLANNED,
            notes="", created_at=start - dt.timedelta(days=rng.randint(7, 30)),
            updated_at=start, **accreditation)
        if session.accreditation_body != AccreditationBody.NONE:
            prefix = {AccreditationBody.MAINPRO_PLUS: "MP",
                      AccreditationBody.ROYAL_COLLEGE_MOC: "RC"}.get(
                session.accreditation_body, "CPD")
            session.certification_id = f"{prefix}-{day.year}-{rng.randint(10000, 99999)}"
        if start + dt.timedelta(minutes=minutes) >= now:
            self.w.add(session)  # still ahead: planned
        elif rng.random() < 0.03:
            session.status = SessionStatus.CANCELLED
            self.w.add(session)
        else:
            self._run(plan, session, words, accreditation)

    def _run(self, plan: _GroupPlan, session: Session, words: dict[str, tuple[str, ...]],
             accreditation: dict[str, Any]) -> None:
        rng = self.rng
        actual_start = session.scheduled_start + dt.timedelta(minutes=rng.randint(0, 10))
        actual_end = actual_start + dt.timedelta(minutes=session.planned_minutes)
        breaks: list[tuple[dt.datetime, dt.datetime]] = []
        if session.planned_minutes >= 120:
            brk = actual_start + dt.timedelta(minutes=55)
            breaks.append((brk, brk + dt.timedelta(minutes=15)))
        session.status = SessionStatus.COMPLETED
        session.actual_start, session.actual_end = actual_start, actual_end
        session.breaks = [[a.isoformat(), b.isoformat()] for a, b in breaks]
        session.notes = rng.choice(text.SESSION_NOTES)
        # The row is complete before it is buffered: a chunk may commit at any add().
        self.w.add(session)
        day = session.scheduled_start.astimezone().date()
        plan.completed.append((session.id, day))
        for person in plan.people:
            if person.active_on(day):
                records.attendance_and_after(self, session, person, day, breaks, words,
                                             accreditation)

    def credits(self, minutes: int, accreditation: dict[str, Any]) -> float:
        if accreditation["accreditation_body"] == AccreditationBody.NONE:
            return 0.0
        return credits_for(minutes, accreditation["credits_per_hour"],
                           accreditation["max_credits"], self.step)

    def minutes(self, arrived: dt.datetime, left: dt.datetime, start: dt.datetime,
                end: dt.datetime, breaks: list[tuple[dt.datetime, dt.datetime]]) -> int:
        return attended_minutes(arrived, left, start, end, breaks)


def generate(db: Database, groups: int = 6, years: int = 5, seed: int = 1,
             as_of: dt.date | None = None, progress: ProgressFn | None = None) -> DemoSummary:
    """Add demo data for ``groups`` groups over ``years`` years up to ``as_of`` (today)."""
    if not 1 <= groups <= 50:
        raise ValidationError("groups", "out_of_range", low=1, high=50)
    if not 1 <= years <= 10:
        raise ValidationError("years", "out_of_range", low=1, high=10)
    began = time.perf_counter()
    as_of = as_of or clock.today()
    writer = _Writer(db, progress)
    gen = _Generator(db, seed, writer, groups, years, as_of)
    first_group_id = demo_group_id(seed, 0)
    with db.read() as session:
        if session.get(Group, first_group_id) is not None:
            raise ValidationError("seed", "demo_seed_used", seed=seed)
    plans = []
    for index in range(groups):
        plan = gen.group(index)
        plans.append(plan)
        gen.sessions(plan)
        writer.fraction = 0.85 * (index + 1) / groups
    for index, plan in enumerate(plans):
        records.action_plans(gen, plan, first=index == 0)
        records.support_requests(gen, plan)
    writer.fraction = 1.0
    writer.commit(audit_detail=f"seed {seed}: {groups} groups, {years} years")
    writer.summary.seconds = time.perf_counter() - began
    return writer.summary
