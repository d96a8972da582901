"""Commitments to change practice, and their follow-up about three months later."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.errors import ValidationError
from clinicapp.core.models import (
    Member,
    Outcome,
    PracticeCommitment,
    Reflection,
    Session,
    Stance,
    Visibility,
)
from clinicapp.core.services import settings as app_settings
from clinicapp.core.services._common import (
    Page,
    apply_fields,
    get_live,
    paged,
    require_choice,
    require_range,
    require_text,
)
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import clock

EDITABLE = ("change", "stance", "confidence", "barriers", "supports", "target_date",
            "followup_due")


def add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _validate(row: PracticeCommitment) -> None:
    row.change = require_text("change", row.change, 2000)
    row.stance = require_choice("stance", row.stance, Stance)
    require_range("confidence", row.confidence, 1, 5, optional=True)
    row.barriers = (row.barriers or "").strip()
    row.supports = (row.supports or "").strip()


def create(db: Database, member_id: str, session_id: str | None, change: str,
           stance: Stance | str = Stance.WILL_CHANGE, confidence: int | None = None,
           barriers: str = "", supports: str = "",
           target_date: date | None = None) -> PracticeCommitment:
    row = PracticeCommitment(member_id=member_id, session_id=session_id or None,
                             change=change, stance=stance, confidence=confidence,
                             barriers=barriers, supports=supports, target_date=target_date)
    _validate(row)
    with db.write() as session:
        get_live(session, Member, member_id, "member")
        start = clock.today()
        if row.session_id:
            start = clock.local(
                get_live(session, Session, row.session_id, "session").scheduled_start).date()
        if row.stance != Stance.WILL_NOT:
            row.followup_due = _followup_due(session, start)
        session.add(row)
    return row


def _followup_due(session: OrmSession, start: date) -> date:
    return add_months(start, int(app_settings.get(session, "followup_months")))


def update(db: Database, commitment_id: str, **values: Any) -> PracticeCommitment:
    """Edit a commitment. A stance changed to or from "will not" takes away or sets
    the follow-up date, unless one is given."""
    with db.write() as session:
        row = get_live(session, PracticeCommitment, commitment_id, "commitment")
        apply_fields(row, values, EDITABLE)
        _validate(row)
        if "stance" in values and "followup_due" not in values:
            if row.stance == Stance.WILL_NOT:
                row.followup_due = None
            elif row.followup_due is None:
                source = session.get(Session, row.session_id) if row.session_id else None
                start = clock.local(source.scheduled_start if source is not None
                                    else row.created_at).date()
                row.followup_due = _followup_due(session, start)
    return row


def record_followup(db: Database, commitment_id: str, outcome: Outcome | str,
                    note: str = "", on: date | None = None) -> PracticeCommitment:
    chosen: Outcome = require_choice("outcome", outcome, Outcome)
    on = on or clock.today()
    if on > clock.today():
        raise ValidationError("on", "followup_in_future")
    with db.write() as session:
        row = get_live(session, PracticeCommitment, commitment_id, "commitment")
        made_on = clock.local(row.created_at).date()
        source = session.get(Session, row.session_id) if row.session_id else None
        if source is not None:
            made_on = min(made_on, clock.local(source.scheduled_start).date())
        if on < made_on:
            raise ValidationError("on", "followup_before_commitment",
                                  made_on=made_on.isoformat())
        row.followup_outcome = chosen
        row.followup_note = (note or "").strip()
        row.followed_up_on = on
    return row


def get(db: Database, commitment_id: str) -> PracticeCommitment:
    with db.read() as session:
        return get_live(session, PracticeCommitment, commitment_id, "commitment")


def list_for_member(db: Database, member_id: str) -> list[PracticeCommitment]:
    stmt = (select(PracticeCommitment)
            .where(PracticeCommitment.member_id == member_id,
                   PracticeCommitment.deleted_at.is_(None))
            .order_by(PracticeCommitment.created_at.desc()))
    with db.read() as session:
        return list(session.scalars(stmt).all())


def list_for_session(db: Database, session_id: str) -> list[PracticeCommitment]:
    stmt = select(PracticeCommitment).where(PracticeCommitment.session_id == session_id,
                                            PracticeCommitment.deleted_at.is_(None))
    with db.read() as session:
        return list(session.scalars(stmt).all())


def private_ids(db: Database, commitment_ids: Iterable[str]) -> set[str]:
    """Which of these commitments their authors did not share: unless the author's
    reflection on that session is shared with the group, a commitment is private (the
    round's default), and front ends show others only that it exists and when it is due."""
    wanted = set(commitment_ids)
    if not wanted:
        return set()
    stmt = (select(PracticeCommitment.id, Reflection.visibility)
            .outerjoin(Reflection, (Reflection.session_id == PracticeCommitment.session_id)
                       & (Reflection.member_id == PracticeCommitment.member_id)
                       & Reflection.deleted_at.is_(None))
            .where(PracticeCommitment.id.in_(wanted)))
    with db.read() as session:
        shared = {cid for cid, visibility in session.execute(stmt).all()
                  if visibility == Visibility.GROUP}
    return wanted - shared


def due_for_followup(db: Database, as_of: date | None = None, offset: int = 0,
                     limit: int = 100) -> Page[PracticeCommitment]:
    """Commitments whose follow-up date has come and that have no outcome yet, the
    longest waiting first."""
    as_of = as_of or clock.today()
    stmt = (select(PracticeCommitment)
            .where(PracticeCommitment.deleted_at.is_(None),
                   PracticeCommitment.followup_outcome.is_(None),
                   PracticeCommitment.followup_due.is_not(None),
                   PracticeCommitment.followup_due <= as_of,
                   PracticeCommitment.stance != Stance.WILL_NOT)
            .order_by(PracticeCommitment.followup_due, PracticeCommitment.id))
    with db.read() as session:
        return paged(session, stmt, offset, limit)


def delete(db: Database, commitment_id: str) -> None:
    """Withdraw a commitment (a tombstone that syncs); its follow-up is no longer due."""
    with db.write() as session:
        get_live(session, PracticeCommitment, commitment_id, "commitment").deleted_at = (
            clock.utcnow())
