"""Compaction: history proportional to the data, not to years of edits.

A change whose value has been superseded (it is not its field's last-writer-wins winner)
and that every known peer has acknowledged is deleted from the change log. The version
vector still covers it: its effect is part of the current values. A replica that lacks
a pruned change later receives the field's current value (the winner, never pruned)
and, through the bundle's ranges, coverage of what was pruned: a snapshot, not history.

Attendance (which carries certificates) and audit entries keep their whole history.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.models import Change, Peer
from clinicapp.core.storage.db import Database
from clinicapp.core.sync.peers import vec
from clinicapp.core.sync.ranges import RangeSet

NEVER_PRUNED = frozenset({"attendance", "audit_entries"})


@dataclass(frozen=True)
class CompactionResult:
    pruned: int
    remaining: int


def prune(session: OrmSession) -> int:
    """Delete superseded, acknowledged-by-all changes inside the caller's transaction."""
    acked = [vec(p.acked) for p in session.scalars(select(Peer))]
    if not acked:
        return 0  # nobody has acknowledged anything: a peer may still need it all

    def everyone_holds(origin: str, seq: int) -> bool:
        return all(seq in a.get(origin, RangeSet()) for a in acked)

    crowded = (select(Change.tbl, Change.row_id, Change.field)
               .where(Change.tbl.not_in(NEVER_PRUNED))
               .group_by(Change.tbl, Change.row_id, Change.field)
               .having(func.count() > 1).subquery())
    rows = session.execute(
        select(Change.id, Change.tbl, Change.row_id, Change.field, Change.hlc, Change.origin,
               Change.seq)
        .join(crowded, (Change.tbl == crowded.c.tbl) & (Change.row_id == crowded.c.row_id)
              & (Change.field == crowded.c.field))
        .order_by(Change.tbl, Change.row_id, Change.field)).all()
    doomed: list[int] = []
    start = 0
    while start < len(rows):
        end = start
        key = rows[start][1:4]
        while end < len(rows) and rows[end][1:4] == key:
            end += 1
        group = rows[start:end]
        winner = max(group, key=lambda r: (r.hlc, r.origin))
        doomed.extend(r.id for r in group
                      if r is not winner and everyone_holds(r.origin, r.seq))
        start = end
    for chunk in range(0, len(doomed), 500):
        session.execute(delete(Change).where(Change.id.in_(doomed[chunk:chunk + 500])))
    return len(doomed)


def compact(db: Database) -> CompactionResult:
    with db.write() as session:
        pruned = prune(session)
        remaining = session.scalar(select(func.count()).select_from(Change)) or 0
    return CompactionResult(pruned, remaining)
