"""A small, known world for report tests, written through the ORM (``db.write()``) so the
tests depend on the schema only, not on the session and attendance services.

Credits on attendance rows are computed by the credit rule (``core.credits``) exactly as
the attendance service stores them when a session completes.
"""

from __future__ import annotations

import subprocess
import unicodedata
import zlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from clinicapp.core.models import (
    AccreditationBody,
    ActionItem,
    ActionPlan,
    Attendance,
    CreditCategory,
    Group,
    ItemStatus,
    Member,
    Membership,
    Outcome,
    PracticeCommitment,
    Role,
    Session,
    SessionEvaluation,
    SessionStatus,
    Stance,
    YesNoNa,
)
from clinicapp.core.models.ids import stable_id
from clinicapp.core.rules.credits import credits_for
from clinicapp.core.storage.db import Database


def at(day: date, hour: int = 18) -> datetime:
    """``hour`` o'clock local time on ``day``, stored in UTC as the app stores it."""
    return datetime(day.year, day.month, day.day, hour).astimezone().astimezone(UTC)


def group(db: Database, name: str, division: str = "") -> Group:
    row = Group(name=name, division=division)
    with db.write() as s:
        s.add(row)
    return row


def member(db: Database, name: str, group_id: str | None = None, role: Role = Role.PHYSICIAN,
           licence: str = "") -> Member:
    row = Member(full_name=name, role=role, licence_number=licence)
    with db.write() as s:
        s.add(row)
        s.flush()
        if group_id:
            s.add(Membership(id=stable_id("membership", group_id, row.id), group_id=group_id,
                             member_id=row.id))
    return row


@dataclass
class Held:
    session: Session
    credits: dict[str, float] = field(default_factory=dict)  # member id -> credits


def session(db: Database, group_id: str, title: str, day: date,
            attended: dict[str, int] | None = None, minutes: int = 90,
            status: SessionStatus = SessionStatus.COMPLETED, rate: float = 1.0,
            max_credits: float | None = None,
            body: AccreditationBody = AccreditationBody.MAINPRO_PLUS,
            category: CreditCategory = CreditCategory.CERTIFIED,
            facilitators: tuple[str, ...] = (), location: str = "") -> Held:
    """A session; ``attended`` maps member id -> minutes actually attended."""
    start = at(day)
    row = Session(group_id=group_id, title=title, scheduled_start=start,
                  planned_minutes=minutes, status=status, credits_per_hour=rate,
                  max_credits=max_credits, accreditation_body=body, credit_category=category,
                  facilitator_ids=list(facilitators), location=location,
                  certification_id=f"MP-{day.year}-{zlib.crc32(title.encode()) % 10000:04d}",
                  accreditation_statement="This one-credit-per-hour Group Learning program "
                                          "has been certified by the College.")
    if status == SessionStatus.COMPLETED:
        row.actual_start, row.actual_end = start, start + timedelta(minutes=minutes)
    held = Held(row)
    with db.write() as s:
        s.add(row)
        s.flush()
        for n, (member_id, mins) in enumerate((attended or {}).items()):
            earned = credits_for(mins, rate, max_credits, 0.25) \
                if body != AccreditationBody.NONE else 0.0
            held.credits[member_id] = earned
            s.add(Attendance(id=stable_id("attendance", row.id, member_id), session_id=row.id,
                             member_id=member_id, minutes_attended=mins, credits=earned,
                             certificate_number=f"CA-{day.year}-{n + 1:04d}"))
    return held


def evaluation(db: Database, session_id: str, met: YesNoNa, relevance: int,
               satisfaction: int, bias: bool = False) -> None:
    with db.write() as s:
        s.add(SessionEvaluation(session_id=session_id, objectives_met=met, relevance=relevance,
                                satisfaction=satisfaction, bias_perceived=bias))


def commitment(db: Database, member_id: str, session_id: str,
               outcome: Outcome | None = None) -> None:
    with db.write() as s:
        s.add(PracticeCommitment(member_id=member_id, session_id=session_id,
                                 change="Use the EMR reminder", stance=Stance.WILL_CHANGE,
                                 followup_outcome=outcome))


def action_items(db: Database, group_id: str, *items: tuple[ItemStatus, date | None]) -> None:
    with db.write() as s:
        plan = ActionPlan(group_id=group_id, title="Access plan")
        s.add(plan)
        s.flush()
        for status, due in items:
            s.add(ActionItem(plan_id=plan.id, action="Book third-next-available audits",
                             status=status, due_date=due))


def pdf_text(path: Path) -> str:
    """What a person reads in the PDF (layout kept, so table rows stay on one line)."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return unicodedata.normalize("NFKC", text)  # the PDF's "ﬁ" ligature is "fi" to a reader


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True,
                          text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines()
                    if line.startswith("Pages:")))


def page_size(path: Path) -> str:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True,
                          text=True).stdout
    return next(line for line in info.splitlines() if line.startswith("Page size:"))
