"""In-office support after a session: a physician peer, an MOA peer mentor or the RST
coordinator visits a member or a clinic. Requested, then scheduled, then done (or
cancelled)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import case, select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.errors import ValidationError
from clinicapp.core.models import Member, Session, SupportKind, SupportRequest, SupportStatus
from clinicapp.core.services._common import (
    Page,
    apply_fields,
    get_live,
    paged,
    require_choice,
)
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import clock

EDITABLE = ("kind", "member_id", "clinic", "session_id", "topic", "requested_on", "notes")
OPEN = (SupportStatus.REQUESTED, SupportStatus.SCHEDULED)


def _validate(session: OrmSession, req: SupportRequest) -> None:
    req.kind = require_choice("kind", req.kind, SupportKind)
    req.clinic = (req.clinic or "").strip()
    req.topic = (req.topic or "").strip()
    req.notes = (req.notes or "").strip()
    for field, value, limit in (("clinic", req.clinic, 200), ("topic", req.topic, 300),
                                ("notes", req.notes, 5000)):
        if len(value) > limit:
            raise ValidationError(field, "too_long", limit=limit)
    req.member_id = req.member_id or None
    req.session_id = req.session_id or None
    if req.member_id is None and not req.clinic:
        raise ValidationError("member_id", "support_for_whom")
    if req.member_id is not None:
        member = session.get(Member, req.member_id)
        if member is None or member.deleted_at is not None:
            raise ValidationError("member_id", "no_such_member")
    if req.session_id is not None:
        found = session.get(Session, req.session_id)
        if found is None or found.deleted_at is not None:
            raise ValidationError("session_id", "no_such_session")
    if not isinstance(req.requested_on, date):
        raise ValidationError("requested_on", "not_date")
    if req.scheduled_on is not None and req.scheduled_on < req.requested_on:
        raise ValidationError("scheduled_on", "date_order", other="request date")
    if req.done_on is not None and req.done_on < req.requested_on:
        raise ValidationError("done_on", "date_order", other="request date")


def request(db: Database, kind: SupportKind | str, *, member_id: str | None = None,
            clinic: str = "", session_id: str | None = None, topic: str = "",
            requested_on: date | None = None, notes: str = "") -> SupportRequest:
    req = SupportRequest(kind=kind, member_id=member_id, clinic=clinic, session_id=session_id,
                         topic=topic, requested_on=requested_on or clock.today(), notes=notes,
                         status=SupportStatus.REQUESTED)
    with db.write() as session:
        _validate(session, req)
        session.add(req)
    return req


def update(db: Database, request_id: str, **values: Any) -> SupportRequest:
    with db.write() as session:
        req = get_live(session, SupportRequest, request_id, "support request")
        apply_fields(req, values, EDITABLE)
        _validate(session, req)
    return req


def _open_request(session: OrmSession, request_id: str, doing: str) -> SupportRequest:
    req = get_live(session, SupportRequest, request_id, "support request")
    if req.status not in OPEN:
        raise ValidationError("status", "request_closed", status=req.status.value, doing=doing)
    return req


def schedule(db: Database, request_id: str, on: date) -> SupportRequest:
    with db.write() as session:
        req = _open_request(session, request_id, "scheduled")
        req.scheduled_on = on
        req.status = SupportStatus.SCHEDULED
        _validate(session, req)
    return req


def mark_done(db: Database, request_id: str, on: date | None = None) -> SupportRequest:
    with db.write() as session:
        req = _open_request(session, request_id, "marked done")
        req.done_on = on or clock.today()
        req.status = SupportStatus.DONE
        _validate(session, req)
    return req


def cancel(db: Database, request_id: str) -> SupportRequest:
    with db.write() as session:
        req = _open_request(session, request_id, "cancelled")
        req.status = SupportStatus.CANCELLED
    return req


def delete(db: Database, request_id: str) -> None:
    with db.write() as session:
        get_live(session, SupportRequest, request_id, "support request").deleted_at = (
            clock.utcnow())


def get(db: Database, request_id: str) -> SupportRequest:
    with db.read() as session:
        return get_live(session, SupportRequest, request_id, "support request")


def list_requests(db: Database, status: SupportStatus | str | None = None,
                  open_only: bool = False, offset: int = 0,
                  limit: int = 100) -> Page[SupportRequest]:
    """Open requests first (the oldest waiting at the top), then the rest, newest first."""
    is_open = SupportRequest.status.in_(OPEN)
    stmt = (select(SupportRequest).where(SupportRequest.deleted_at.is_(None))
            .order_by(case((is_open, 0), else_=1),
                      case((is_open, SupportRequest.requested_on), else_=None),
                      SupportRequest.requested_on.desc(), SupportRequest.id))
    if status is not None:
        stmt = stmt.where(SupportRequest.status == require_choice("status", status,
                                                                  SupportStatus))
    if open_only:
        stmt = stmt.where(is_open)
    with db.read() as session:
        return paged(session, stmt, offset, limit)
