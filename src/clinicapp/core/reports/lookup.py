"""Finding the member, group or session a report is about from what a person typed: an
id, or a name/title that matches exactly one record."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.errors import ValidationError
from clinicapp.core.models import (
    Attendance,
    AttendanceStatus,
    Group,
    Member,
    Session,
    SessionStatus,
)
from clinicapp.core.reports.period import local_day
from clinicapp.core.rules.names import by_name
from clinicapp.core.storage.db import Database

SHOWN = 5  # candidates named in an "ambiguous" message


def _pick(orm: OrmSession, model: Any, column: Any, text: str, field: str,
          describe: Any) -> Any:
    text = text.strip()
    if not text:
        raise ValidationError(field, "empty")
    row = orm.get(model, text)
    if row is not None and row.deleted_at is None:
        return row
    live = model.deleted_at.is_(None)
    exact = list(orm.scalars(select(model).where(live, func.lower(column) == text.lower())
                             .limit(SHOWN + 1)))
    found = exact or list(orm.scalars(
        select(model).where(live, column.ilike(f"%{text}%")).order_by(column).limit(SHOWN + 1)))
    if len(found) == 1:
        return found[0]
    if not found:
        raise ValidationError(field, "no_match", what=field, text=text)
    names = "; ".join(describe(r) for r in found[:SHOWN])
    more = ", …" if len(found) > SHOWN else ""
    raise ValidationError(field, "ambiguous", text=text, names=names + more)


def _session_label(s: Session) -> str:
    return f"{local_day(s.scheduled_start).isoformat()} {s.title} ({s.id})"


def member(db: Database, text: str) -> Member:
    with db.read() as orm:
        found: Member = _pick(orm, Member, Member.full_name, text, "member",
                              lambda m: f"{m.full_name} ({m.id})")
        return found


def group(db: Database, text: str) -> Group:
    with db.read() as orm:
        found: Group = _pick(orm, Group, Group.name, text, "group",
                             lambda g: f"{g.name} ({g.id})")
        return found


def session(db: Database, text: str) -> Session:
    with db.read() as orm:
        found: Session = _pick(orm, Session, Session.title, text, "session", _session_label)
        return found


# --- choices for the Reports page ---------------------------------------------------------

def member_choices(db: Database, limit: int = 5000) -> list[tuple[str, str]]:
    with db.read() as orm:
        rows = orm.execute(select(Member.full_name, Member.id)
                           .where(Member.deleted_at.is_(None))
                           .order_by(*by_name(Member.full_name, db.engine.dialect.name),
                                     Member.id).limit(limit))
        return [(name, row_id) for name, row_id in rows]


def group_choices(db: Database) -> list[tuple[str, str]]:
    with db.read() as orm:
        rows = orm.execute(select(Group.name, Group.id).where(Group.deleted_at.is_(None))
                           .order_by(*by_name(Group.name, db.engine.dialect.name),
                                     Group.id))
        return [(name, row_id) for name, row_id in rows]


def completed_session_choices(db: Database, group_id: str | None = None,
                              limit: int = 500) -> list[tuple[str, str]]:
    """Completed sessions, newest first, labelled with their date."""
    stmt = (select(Session).where(Session.deleted_at.is_(None),
                                  Session.status == SessionStatus.COMPLETED)
            .order_by(Session.scheduled_start.desc()).limit(limit))
    if group_id:
        stmt = stmt.where(Session.group_id == group_id)
    with db.read() as orm:
        rows: Sequence[Session] = list(orm.scalars(stmt))
    return [(f"{local_day(s.scheduled_start).isoformat()}  {s.title}", s.id) for s in rows]


def participant_choices(db: Database, session_id: str) -> list[tuple[str, str]]:
    """Who was present at a session (the people a certificate can be for)."""
    with db.read() as orm:
        rows = orm.execute(select(Member.full_name, Member.id)
                           .join(Attendance, Attendance.member_id == Member.id)
                           .where(Attendance.session_id == session_id,
                                  Attendance.deleted_at.is_(None),
                                  Attendance.status != AttendanceStatus.ABSENT,
                                  Member.deleted_at.is_(None))
                           .order_by(*by_name(Member.full_name, db.engine.dialect.name),
                                     Member.id))
        return [(name, row_id) for name, row_id in rows]
