"""The version vector: for each origin, the ranges of its changes this replica holds.

A vector never claims a change its replica does not hold: it is updated in the same
transaction that stores the changes.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.models import HeldRanges
from clinicapp.core.sync.ranges import RangeSet

Vector = dict[str, RangeSet]


def load(session: OrmSession) -> Vector:
    rows = session.execute(select(HeldRanges.origin, HeldRanges.ranges)).all()
    return {origin: RangeSet.from_json(ranges) for origin, ranges in rows}


def _row(session: OrmSession, origin: str) -> HeldRanges | None:
    """The origin's row, also when it was added earlier in this unflushed transaction
    (autoflush is off, so ``session.get`` alone would miss it and insert a duplicate)."""
    for obj in session.new:
        if isinstance(obj, HeldRanges) and obj.origin == origin:
            return obj
    return session.get(HeldRanges, origin)


def add(session: OrmSession, origin: str, held: RangeSet) -> None:
    row = _row(session, origin)
    if row is None:
        session.add(HeldRanges(origin=origin, ranges=held.to_json()))
        return
    current = RangeSet.from_json(row.ranges)
    current.update(held)
    row.ranges = current.to_json()


def add_own(session: OrmSession, origin: str, lo: int, hi: int) -> None:
    """Record this replica's own new changes lo..hi (called from the flush hook)."""
    row = _row(session, origin)
    if row is None:
        session.add(HeldRanges(origin=origin, ranges=RangeSet([[lo, hi]]).to_json()))
        return
    current = RangeSet.from_json(row.ranges)
    current.add(lo, hi)
    row.ranges = current.to_json()


def to_json(vec: Vector) -> dict[str, list[list[int]]]:
    return {origin: ranges.to_list() for origin, ranges in sorted(vec.items())}


def from_json(data: dict[str, list[list[int]]]) -> Vector:
    return {origin: RangeSet(ranges) for origin, ranges in data.items()}
