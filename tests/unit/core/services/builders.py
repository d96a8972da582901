"""Rows the tests of action plans, support, search and Today stand on.

They are written through ``db.write()`` (so change rows are recorded as always) rather
than the members/sessions services, so these tests depend only on the schema.
"""

from __future__ import annotations

from datetime import UTC, datetime

from clinicapp.core.models import (
    Member,
    Membership,
    PracticeCommitment,
    Reflection,
    Role,
    Session,
    SessionStatus,
    Visibility,
)
from clinicapp.core.models.ids import stable_id
from clinicapp.core.storage.db import Database


def member(db: Database, full_name: str, group_id: str | None = None,
           role: Role = Role.PHYSICIAN) -> Member:
    person = Member(full_name=full_name, role=role)
    with db.write() as session:
        session.add(person)
        session.flush()
        if group_id is not None:
            session.add(Membership(id=stable_id("membership", group_id, person.id),
                                   group_id=group_id, member_id=person.id))
    return person


def learning_session(db: Database, group_id: str, title: str,
                     start: datetime = datetime(2025, 3, 4, 18, tzinfo=UTC),
                     status: SessionStatus = SessionStatus.COMPLETED, notes: str = "",
                     objectives: tuple[str, ...] = ()) -> Session:
    row = Session(group_id=group_id, title=title, scheduled_start=start, status=status,
                  notes=notes, objectives=list(objectives))
    with db.write() as session:
        session.add(row)
    return row


def reflection(db: Database, session_id: str, member_id: str, what: str,
               visibility: Visibility = Visibility.GROUP, sealed: str = "") -> Reflection:
    row = Reflection(session_id=session_id, member_id=member_id, visibility=visibility,
                     what=what, sealed=sealed)
    with db.write() as session:
        session.add(row)
    return row


def commitment(db: Database, member_id: str, change: str, **values: object) -> PracticeCommitment:
    row = PracticeCommitment(member_id=member_id, change=change, **values)
    with db.write() as session:
        session.add(row)
    return row
