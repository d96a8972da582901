"""Conflicts for people: list them with who changed what, where and when, and settle
them with a decision that syncs (see ``decisions``)."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.errors import NotFoundError, ValidationError
from clinicapp.core.models import Conflict, ReplicaState
from clinicapp.core.services import audit
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import decisions
from clinicapp.core.sync.clock import Hlc


@dataclass(frozen=True)
class ConflictView:
    id: int
    tbl: str
    row_id: str
    field: str
    kept_value: str  # the value in place
    lost_value: str
    kept_origin: str
    lost_origin: str
    detected_at: datetime
    resolution: str  # "" while open; kept, replaced, restored, kept deleted, superseded
    key: str = ""
    kind: str = "edit"  # edit, delete
    summary: str = ""  # one sentence: who changed what, where and when
    note: str = ""  # why it closed: the standing decision, overruled ones
    kept_at: datetime | None = None
    lost_at: datetime | None = None
    decisions: list[str] = dataclass_field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return not self.resolution


def _view(session: OrmSession, c: Conflict) -> ConflictView:
    return ConflictView(
        c.id, c.tbl, c.row_id, c.field, c.kept_value, c.lost_value, c.kept_origin,
        c.lost_origin, c.detected_at, c.resolution, c.conflict_key, c.kind,
        decisions.describe(session, c), c.note, Hlc.parse(c.kept_hlc).as_datetime(),
        Hlc.parse(c.lost_hlc).as_datetime(),
        [decisions.decision_text(d) for d in decisions.decisions_for(session, c.conflict_key)])


def list_conflicts(db: Database, open_only: bool = True) -> list[ConflictView]:
    with db.read() as session:
        query = select(Conflict).order_by(Conflict.detected_at, Conflict.id)
        if open_only:
            query = query.where(Conflict.resolved_at.is_(None))
        return [_view(session, c) for c in session.scalars(query)]


def resolve_conflict(db: Database, conflict_id: int, keep: str = "kept",
                     actor: str = "") -> ConflictView:
    """Settle an open conflict on every replica. ``keep``: "kept" (the value in place
    stays), "lost" (the other value, written as a new edit), and for a record deleted
    while it was changed elsewhere "restore" or "keep_deleted"."""
    if keep not in decisions.CHOICES:
        raise ValidationError("keep", "not_one_of", allowed=", ".join(decisions.CHOICES))
    with db.write() as session:
        conflict = session.get(Conflict, conflict_id)
        if conflict is None:
            raise NotFoundError("conflict", str(conflict_id))
        if conflict.resolved_at is not None:
            raise ValidationError("conflict", "conflict_closed", conflict=conflict_id,
                                  resolution=conflict.resolution)
        wanted_delete = keep in ("restore", "keep_deleted")
        if wanted_delete != (conflict.kind == "delete"):
            choices = "restore or keep_deleted" if conflict.kind == "delete" else "kept or lost"
            raise ValidationError("keep", "conflict_settled_with", conflict=conflict_id,
                                  choices=choices)
        state = session.scalars(select(ReplicaState)).one()
        actor = actor or audit.default_actor()
        decisions.decide(session, conflict, keep, actor, state.name)
        audit.record(session, "conflict_resolved", f"{conflict.tbl} {conflict.row_id} "
                     f"{conflict.field}: {decisions.CHOICE_WORDS[keep]}", actor)
        session.flush()
        decisions.settle(session, [(conflict.tbl, conflict.row_id)])
        session.flush()
        return _view(session, conflict)
