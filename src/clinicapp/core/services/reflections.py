"""Reflections: Rolfe's What? / So what? / Now what?, plus barriers and supports.

A private reflection (the default) is sealed to its author's journal key as it is saved:
only ciphertext is stored, synced or backed up, and only the author's passphrase opens it.
Writing needs no passphrase. Text that looks like a patient identifier is not saved until
the author has seen the warning and chosen to keep it.
"""

from __future__ import annotations

from sqlalchemy import select

from clinicapp.core.errors import ValidationError
from clinicapp.core.models import (
    Attendance,
    AttendanceStatus,
    Member,
    Reflection,
    Session,
    SessionStatus,
    Visibility,
)
from clinicapp.core.models.ids import stable_id
from clinicapp.core.rules.identifiers import check as check_identifiers
from clinicapp.core.rules.identifiers import scan
from clinicapp.core.services._common import get_live, require_choice
from clinicapp.core.services.attendance import attendance_id
from clinicapp.core.storage.db import Database

TEXT_FIELDS = ("what", "so_what", "now_what", "barriers", "supports_needed")
MAX_TEXT = 10_000


def reflection_id(session_id: str, member_id: str) -> str:
    """One reflection per person per session, the same on every replica."""
    return stable_id("reflection", session_id, member_id)


def save(db: Database, session_id: str, member_id: str, *, what: str = "",
         so_what: str = "", now_what: str = "", barriers: str = "",
         supports_needed: str = "", visibility: Visibility | str = Visibility.PRIVATE,
         keep_despite_warning: bool = False) -> Reflection:
    """Create or replace this person's reflection on this session (autosave calls this
    as they type). Raises IdentifierWarning unless ``keep_despite_warning``."""
    texts = {"what": what, "so_what": so_what, "now_what": now_what, "barriers": barriers,
             "supports_needed": supports_needed}
    for name, text in texts.items():
        if len(text or "") > MAX_TEXT:
            raise ValidationError(name, "too_long", limit=MAX_TEXT)
    texts = {k: (v or "").strip() for k, v in texts.items()}
    if not any(texts.values()):
        raise ValidationError("what", "reflection_empty")
    chosen: Visibility = require_choice("visibility", visibility, Visibility)
    if not keep_despite_warning:
        check_identifiers(texts)
    with db.write() as session:
        found = get_live(session, Session, session_id, "session")
        if found.status in (SessionStatus.CANCELLED,):
            raise ValidationError("session_id", "session_cancelled")
        member = get_live(session, Member, member_id, "member")
        came = session.get(Attendance, attendance_id(session_id, member_id))
        if came is None or came.deleted_at is not None or \
                came.status == AttendanceStatus.ABSENT or came.arrived_at is None:
            raise ValidationError("member_id", "reflection_not_attended",
                                  name=member.full_name)
        row = session.get(Reflection, reflection_id(session_id, member_id))
        if row is None:
            row = Reflection(id=reflection_id(session_id, member_id), session_id=session_id,
                             member_id=member_id)
            session.add(row)
        row.deleted_at = None
        row.visibility = chosen
        row.identifier_warning_kept = bool(keep_despite_warning and scan(texts))
        if chosen == Visibility.PRIVATE:
            if not member.journal_recipient:
                raise ValidationError("visibility", "no_private_journal",
                                      name=member.full_name)
            from clinicapp.core.keys import journal

            row.sealed = journal.seal(member.journal_recipient, texts)
            for name in TEXT_FIELDS:
                setattr(row, name, "")
        else:
            row.sealed = ""
            for name, text in texts.items():
                setattr(row, name, text)
    return row


def delete(db: Database, reflection_id_: str) -> None:
    from clinicapp.core.sync import clock

    with db.write() as session:
        row = get_live(session, Reflection, reflection_id_, "reflection")
        row.deleted_at = clock.utcnow()
        row.sealed = ""
        for name in TEXT_FIELDS:
            setattr(row, name, "")


def get(db: Database, reflection_id_: str) -> Reflection:
    with db.read() as session:
        return get_live(session, Reflection, reflection_id_, "reflection")


def list_for_session(db: Database, session_id: str) -> list[Reflection]:
    stmt = select(Reflection).where(Reflection.session_id == session_id,
                                    Reflection.deleted_at.is_(None))
    with db.read() as session:
        return list(session.scalars(stmt).all())


def list_for_member(db: Database, member_id: str) -> list[Reflection]:
    """A participant's reflections across sessions, the newest session first."""
    stmt = (select(Reflection).join(Session, Session.id == Reflection.session_id)
            .where(Reflection.member_id == member_id, Reflection.deleted_at.is_(None))
            .order_by(Session.scheduled_start.desc()))
    with db.read() as session:
        return list(session.scalars(stmt).all())
