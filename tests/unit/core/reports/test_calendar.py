"""Planned sessions as an .ics file that a calendar program imports."""

from __future__ import annotations

from datetime import UTC, date, timedelta

from clinicapp.core.models import SessionStatus
from clinicapp.core.reports import calendar
from clinicapp.core.sync import clock
from tests.unit.core.reports import records


def unfold(text: str) -> list[str]:
    """Content lines as a calendar program reads them (RFC 5545 3.1)."""
    return text.replace("\r\n ", "").split("\r\n")


def test_planned_and_cancelled_sessions_become_events(db, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: date(2025, 3, 1))
    grp = records.group(db, "Riverside")
    lead = records.member(db, "Siobhan Desjardins", grp.id)
    planned = records.session(db, grp.id, "Opioid agonist therapy; part 2, with pharmacy",
                              date(2025, 3, 11), status=SessionStatus.PLANNED, minutes=90,
                              facilitators=(lead.id,), location="Clinic, staff room")
    records.session(db, grp.id, "Snowed out", date(2025, 4, 8),
                    status=SessionStatus.CANCELLED)
    records.session(db, grp.id, "Already held", date(2025, 2, 11))  # completed: not shown
    records.session(db, grp.id, "Last year", date(2024, 3, 11), status=SessionStatus.PLANNED)

    events = calendar.upcoming_sessions(db)
    text = calendar.to_ics(events, "Riverside sessions")
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 2
    assert all(len(raw.encode()) <= 75 for raw in text.split("\r\n"))
    start = planned.session.scheduled_start.astimezone(UTC)
    assert f"DTSTART:{start:%Y%m%dT%H%M%SZ}" in lines
    assert f"DTEND:{start + timedelta(minutes=90):%Y%m%dT%H%M%SZ}" in lines
    assert f"UID:{planned.session.id}@clinicapp" in lines
    assert "SUMMARY:Opioid agonist therapy\\; part 2\\, with pharmacy" in lines
    assert "LOCATION:Clinic\\, staff room" in lines
    assert any(line.startswith("DESCRIPTION:") and "Siobhan Desjardins" in line
               for line in lines)
    assert lines.count("STATUS:CANCELLED") == 1 and lines.count("STATUS:CONFIRMED") == 1
    assert "Already held" not in text and "Last year" not in text


def test_no_planned_sessions_is_a_valid_empty_calendar(db):
    text = calendar.to_ics(calendar.upcoming_sessions(db), "Empty")
    lines = unfold(text)
    assert "BEGIN:VEVENT" not in lines
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"] and "END:VCALENDAR" in lines
