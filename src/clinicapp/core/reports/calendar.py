"""Planned sessions as an iCalendar file (RFC 5545) that calendar programs import.

Each session is one VEVENT whose UID is ``<session id>@clinicapp``, so importing a newer
file updates the same events instead of duplicating them; a cancelled session is kept
with ``STATUS:CANCELLED`` so calendars that hold it remove or strike it. Times are UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from clinicapp import __version__
from clinicapp.core.models import Group, Member, Session, SessionStatus
from clinicapp.core.reports.period import local_midnight
from clinicapp.core.services import settings as app_settings
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import clock

CRLF = "\r\n"
MAX_OCTETS = 75  # per physical line, excluding the CRLF
UPCOMING = (SessionStatus.PLANNED, SessionStatus.IN_PROGRESS, SessionStatus.CANCELLED)


@dataclass(frozen=True)
class CalendarLabels:
    """The few words inside event descriptions, in the app's language (given by the caller:
    core does not translate)."""

    objectives: str = "Objectives"
    group: str = "Group"
    facilitators: str = "Facilitators"
    calendar_name: str = "ClinicApp sessions"


@dataclass(frozen=True)
class CalendarEvent:
    session_id: str
    title: str
    starts_at: datetime
    ends_at: datetime
    location: str
    objectives: list[str]
    group: str
    facilitators: list[str]
    cancelled: bool
    updated_at: datetime


def upcoming_sessions(db: Database, first: date | None = None, group_id: str | None = None,
                      last: date | None = None) -> list[CalendarEvent]:
    """Planned (and cancelled) sessions from ``first`` (today by default) on."""
    first = first or clock.today()
    stmt = (select(Session, Group.name).join(Group, Group.id == Session.group_id)
            .where(Session.deleted_at.is_(None), Group.deleted_at.is_(None),
                   Session.status.in_(UPCOMING),
                   Session.scheduled_start >= local_midnight(first))
            .order_by(Session.scheduled_start, Session.id))
    if group_id:
        stmt = stmt.where(Session.group_id == group_id)
    if last is not None:
        stmt = stmt.where(Session.scheduled_start < local_midnight(last + timedelta(days=1)))
    with db.read() as orm:
        rows = list(orm.execute(stmt))
        wanted = {i for ses, _ in rows for i in ses.facilitator_ids or []}
        names = dict(orm.execute(select(Member.id, Member.full_name)
                                 .where(Member.id.in_(wanted))).all()) if wanted else {}
    return [CalendarEvent(
        session_id=ses.id, title=ses.title, starts_at=ses.scheduled_start,
        ends_at=ses.scheduled_start + timedelta(minutes=ses.planned_minutes),
        location=ses.location, objectives=list(ses.objectives or []), group=group_name,
        facilitators=[names[i] for i in ses.facilitator_ids or [] if i in names],
        cancelled=ses.status == SessionStatus.CANCELLED, updated_at=ses.updated_at)
        for ses, group_name in rows]


def calendar_name(db: Database, labels: CalendarLabels) -> str:
    with db.read() as orm:
        organisation = str(app_settings.get(orm, "organisation_name"))
    return f"{organisation} – {labels.calendar_name}" if organisation else labels.calendar_name


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into physical lines of at most 75 octets, never inside a
    UTF-8 character; continuation lines start with one space."""
    out: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > MAX_OCTETS:
            out.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += octets
    out.append("".join(current))
    return CRLF.join(out)


def utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _description(event: CalendarEvent, labels: CalendarLabels) -> str:
    parts = [f"{labels.group}: {event.group}"]
    if event.facilitators:
        parts.append(f"{labels.facilitators}: {', '.join(event.facilitators)}")
    if event.objectives:
        parts.append(f"{labels.objectives}:")
        parts.extend(f"- {objective}" for objective in event.objectives)
    return "\n".join(parts)


def to_ics(events: list[CalendarEvent], name: str, labels: CalendarLabels | None = None,
           stamp: datetime | None = None) -> str:
    labels = labels or CalendarLabels()
    dtstamp = utc_stamp(stamp or clock.utcnow())
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//ClinicApp//ClinicApp {__version__}//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{escape(name)}"]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.session_id}@clinicapp",
            f"DTSTAMP:{dtstamp}",
            f"LAST-MODIFIED:{utc_stamp(event.updated_at)}",
            f"DTSTART:{utc_stamp(event.starts_at)}",
            f"DTEND:{utc_stamp(event.ends_at)}",
            f"SUMMARY:{escape(event.title)}",
        ]
        if event.location:
            lines.append(f"LOCATION:{escape(event.location)}")
        lines.append(f"DESCRIPTION:{escape(_description(event, labels))}")
        lines.append("STATUS:CANCELLED" if event.cancelled else "STATUS:CONFIRMED")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
