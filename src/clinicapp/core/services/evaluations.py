"""Session evaluations: objectives met, bias perceived, ratings, motivation, barriers.
Anonymous when no member is given."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from clinicapp.core.errors import ValidationError
from clinicapp.core.models import Member, Session, SessionEvaluation, SessionStatus, YesNoNa
from clinicapp.core.services._common import apply_fields, get_live, require_choice, require_range
from clinicapp.core.storage.db import Database

FIELDS = ("member_id", "objectives_met", "objectives_why", "bias_perceived",
          "bias_description", "relevance", "satisfaction", "facilitation",
          "intent_to_change", "motivation", "barriers", "comments")
RATINGS = ("relevance", "satisfaction", "facilitation", "intent_to_change")


def submit(db: Database, session_id: str, **values: Any) -> SessionEvaluation:
    row = SessionEvaluation(session_id=session_id)
    apply_fields(row, values, FIELDS)
    if row.objectives_met is not None:
        row.objectives_met = require_choice("objectives_met", row.objectives_met, YesNoNa)
    for name in RATINGS:
        value = getattr(row, name)
        if value is not None:
            if isinstance(value, bool) or not isinstance(value, int | float) or \
                    value != int(value):
                raise ValidationError(name, "not_whole_number", low=1, high=5)
            value = int(value)
            setattr(row, name, value)
        require_range(name, value, 1, 5, optional=True)
    for name in ("objectives_why", "bias_description", "motivation", "barriers", "comments"):
        text = (getattr(row, name) or "").strip()
        if len(text) > 5000:
            raise ValidationError(name, "too_long", limit=5000)
        setattr(row, name, text)
    if row.bias_perceived and not row.bias_description:
        raise ValidationError("bias_description", "bias_undescribed")
    row.member_id = row.member_id or None
    with db.write() as session:
        found = get_live(session, Session, session_id, "session")
        if found.status not in (SessionStatus.IN_PROGRESS, SessionStatus.COMPLETED):
            raise ValidationError("session_id", "evaluation_before_start")
        if row.member_id is not None:
            get_live(session, Member, row.member_id, "member")
            already = session.scalar(select(func.count()).select_from(SessionEvaluation).where(
                SessionEvaluation.session_id == session_id,
                SessionEvaluation.member_id == row.member_id,
                SessionEvaluation.deleted_at.is_(None)))
            if already:
                raise ValidationError("member_id", "already_evaluated")
        session.add(row)
    return row


def count_for_session(db: Database, session_id: str) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(SessionEvaluation).where(
            SessionEvaluation.session_id == session_id,
            SessionEvaluation.deleted_at.is_(None))) or 0)


def list_for_session(db: Database, session_id: str) -> list[SessionEvaluation]:
    stmt = select(SessionEvaluation).where(SessionEvaluation.session_id == session_id,
                                           SessionEvaluation.deleted_at.is_(None))
    with db.read() as session:
        return list(session.scalars(stmt).all())


def get(db: Database, evaluation_id: str) -> SessionEvaluation:
    with db.read() as session:
        return get_live(session, SessionEvaluation, evaluation_id, "evaluation")


def delete(db: Database, evaluation_id: str) -> None:
    """Withdraw an evaluation entered by mistake (a tombstone that syncs)."""
    from clinicapp.core.sync import clock

    with db.write() as session:
        get_live(session, SessionEvaluation, evaluation_id, "evaluation").deleted_at = (
            clock.utcnow())
