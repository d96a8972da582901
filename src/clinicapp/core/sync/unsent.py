"""What this workstation has not yet sent to anyone, counted in records people know
(12 sessions, 40 attendance records), not in field changes."""

from __future__ import annotations

from sqlalchemy import and_, func, or_, select

from clinicapp.core.models import Change, Peer
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import vector
from clinicapp.core.sync.peers import lacking, union, vec
from clinicapp.core.sync.ranges import RangeSet


def unsent_by_kind(db: Database) -> dict[str, int]:
    """Table name → how many of its records have a change of this workstation's own that
    no peer has been sent or has acknowledged; the most first, empty when all is sent."""
    with db.read() as session:
        own = {db.replica_id: vector.load(session).get(db.replica_id, RangeSet())}
        peers = list(session.scalars(select(Peer)))
        reached = union([vec(p.sent) for p in peers] + [vec(p.acked) for p in peers])
        missing = lacking(own, reached).get(db.replica_id)
        if not missing:
            return {}
        in_ranges = or_(*(Change.seq.between(lo, hi) for lo, hi in missing))
        rows = session.execute(
            select(Change.tbl, func.count(func.distinct(Change.row_id)))
            .where(and_(Change.origin == db.replica_id, in_ranges))
            .group_by(Change.tbl)).all()
    return dict(sorted(((tbl, int(n)) for tbl, n in rows), key=lambda kv: (-kv[1], kv[0])))
