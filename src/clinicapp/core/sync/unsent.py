"""What this workstation has not yet sent to anyone, counted in records people know
(12 sessions, 40 attendance records), not in field changes.

The status line asks after every commit. Counting distinct records over a five-year log
(about 400,000 of this workstation's own changes, none sent while it has no peer) takes
about half a second, so the last count is kept and only the changes made since are
looked at. That is exact because a change, once written under this workstation's origin
and a sequence number, never changes its table or record and is never deleted (compaction
only empties superseded values): the count is a function of the unsent ranges alone. It is
counted again whole when something was sent or acknowledged (the ranges shrank) or the
database file was replaced (a restore).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import ColumnElement, and_, false, func, or_, select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.models import Change, Peer
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import vector
from clinicapp.core.sync.peers import difference, lacking, union, vec
from clinicapp.core.sync.ranges import RangeSet


@dataclass(frozen=True)
class _Count:
    file: tuple[int, int] | None  # the database file's (device, inode) when counted
    missing: RangeSet  # the unsent ranges it counts (never changed once kept)
    rows: dict[str, int]


_counts: WeakKeyDictionary[Database, _Count] = WeakKeyDictionary()
_lock = threading.Lock()


def _file(db: Database) -> tuple[int, int] | None:
    if db.paths is None:
        return None
    try:
        st = os.stat(db.paths.database)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _in(column: Any, ranges: Iterable[Iterable[int]]) -> ColumnElement[bool]:
    terms = [column.between(lo, hi) for lo, hi in ranges]
    return or_(*terms) if terms else false()


def _count(session: OrmSession, me: str, ranges: RangeSet) -> dict[str, int]:
    """Records with one of ``me``'s changes in ``ranges``, by table."""
    query = (select(Change.tbl, func.count(func.distinct(Change.row_id)))
             .where(and_(Change.origin == me, _in(Change.seq, ranges))).group_by(Change.tbl))
    return {tbl: int(n) for tbl, n in session.execute(query)}


FEW = 2_000  # records changed since the last count, beyond which counting whole is cheaper


def _newly(session: OrmSession, me: str, added: RangeSet,
           before: RangeSet) -> dict[str, int] | None:
    """Records with one of ``me``'s changes in ``added`` and none in ``before``: each
    record's own changes are looked up by record (a handful), never by range. None when
    so many records changed that a whole count is the cheaper way."""
    rows = set(session.execute(select(Change.tbl, Change.row_id).where(
        and_(Change.origin == me, _in(Change.seq, added))).distinct().limit(FEW + 1)))
    if len(rows) > FEW:
        return None
    counted: set[tuple[str, str]] = set()
    for tbl, row_id in rows:
        seqs = session.scalars(select(Change.seq).where(
            Change.tbl == tbl, Change.row_id == row_id, Change.origin == me))
        if not any(seq in before for seq in seqs):
            counted.add((tbl, row_id))
    out: dict[str, int] = {}
    for tbl, _row in counted:
        out[tbl] = out.get(tbl, 0) + 1
    return out


def _counted_on(session: OrmSession, me: str, missing: RangeSet,
               last: _Count) -> dict[str, int] | None:
    """The last count brought up to date, or None when it cannot be (ranges shrank)."""
    before = last.missing
    if difference(before, missing):
        return None  # something was sent or acknowledged since
    added = difference(missing, before)
    rows = dict(last.rows)
    if added:
        new = _newly(session, me, added, before)
        if new is None:
            return None
        for tbl, n in new.items():
            rows[tbl] = rows.get(tbl, 0) + n
    return rows


def unsent_by_kind(db: Database) -> dict[str, int]:
    """Table name → how many of its records have a change of this workstation's own that
    no peer has been sent or has acknowledged; the most first, empty when all is sent."""
    me = db.replica_id
    file = _file(db)
    with db.read() as session:
        own = {me: vector.load(session).get(me, RangeSet())}
        peers = list(session.scalars(select(Peer)))
        reached = union([vec(p.sent) for p in peers] + [vec(p.acked) for p in peers])
        missing = lacking(own, reached).get(me, RangeSet())
        with _lock:
            last = _counts.get(db)
        rows = _counted_on(session, me, missing, last) \
            if last is not None and last.file == file and file is not None else None
        if rows is None:
            rows = _count(session, me, missing) if missing else {}
    with _lock:
        _counts[db] = _Count(file, missing, rows)
    return dict(sorted(((t, n) for t, n in rows.items() if n), key=lambda kv: (-kv[1], kv[0])))
