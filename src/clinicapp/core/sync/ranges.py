"""Sets of sequence numbers kept as sorted, disjoint, inclusive ranges."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator


class RangeSet:
    """``[[1, 40], [51, 60]]``: holds 1..40 and 51..60, lacks 41..50."""

    __slots__ = ("_ranges",)

    def __init__(self, ranges: Iterable[Iterable[int]] = ()) -> None:
        self._ranges: list[list[int]] = []
        for lo_hi in ranges:
            lo, hi = lo_hi
            self.add(lo, hi)

    @classmethod
    def from_json(cls, text: str) -> RangeSet:
        return cls(json.loads(text or "[]"))

    def to_json(self) -> str:
        return json.dumps(self._ranges, separators=(",", ":"))

    def to_list(self) -> list[list[int]]:
        return [list(r) for r in self._ranges]

    def add(self, lo: int, hi: int | None = None) -> None:
        hi = lo if hi is None else hi
        if hi < lo:
            return
        ranges = self._ranges
        if not ranges or lo > ranges[-1][1] + 1:  # after the last: built in order, O(1)
            ranges.append([lo, hi])
            return
        merged: list[list[int]] = []
        placed = False
        for r_lo, r_hi in self._ranges:
            if r_hi < lo - 1:
                merged.append([r_lo, r_hi])
            elif hi < r_lo - 1:
                if not placed:
                    merged.append([lo, hi])
                    placed = True
                merged.append([r_lo, r_hi])
            else:
                lo, hi = min(lo, r_lo), max(hi, r_hi)
        if not placed:
            merged.append([lo, hi])
        merged.sort()
        self._ranges = merged

    def update(self, other: RangeSet) -> None:
        """The union, in one sweep of both (a batched import adds thousands of ranges)."""
        if len(other._ranges) < 4:
            for lo, hi in other._ranges:
                self.add(lo, hi)
            return
        merged: list[list[int]] = []
        for lo, hi in sorted(self._ranges + other._ranges):
            if merged and lo <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        self._ranges = merged

    def __contains__(self, seq: object) -> bool:
        if not isinstance(seq, int):
            return False
        return any(lo <= seq <= hi for lo, hi in self._ranges)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter((lo, hi) for lo, hi in self._ranges)

    def __bool__(self) -> bool:
        return bool(self._ranges)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RangeSet) and self._ranges == other._ranges

    def __repr__(self) -> str:
        return f"RangeSet({self._ranges})"

    @property
    def count(self) -> int:
        return sum(hi - lo + 1 for lo, hi in self._ranges)

    @property
    def high(self) -> int:
        return self._ranges[-1][1] if self._ranges else 0

    def contiguous_high(self) -> int:
        """Highest n such that 1..n are all held (0 if 1 is missing)."""
        if self._ranges and self._ranges[0][0] <= 1:
            return self._ranges[0][1]
        return 0

    def missing(self, upto: int) -> RangeSet:
        """What lies in 1..upto and is not held."""
        gaps = RangeSet()
        cursor = 1
        for lo, hi in self._ranges:
            if lo > cursor:
                gaps.add(cursor, min(lo - 1, upto))
            cursor = max(cursor, hi + 1)
            if cursor > upto:
                break
        if cursor <= upto:
            gaps.add(cursor, upto)
        return gaps

    def meets(self, other: RangeSet) -> bool:
        """Whether the two sets share a seq (one sweep over both sorted lists)."""
        x, y = self._ranges, other._ranges
        i = j = 0
        while i < len(x) and j < len(y):
            if x[i][1] < y[j][0]:
                i += 1
            elif y[j][1] < x[i][0]:
                j += 1
            else:
                return True
        return False

    def issuperset(self, other: RangeSet) -> bool:
        return all(any(lo <= o_lo and o_hi <= hi for lo, hi in self._ranges)
                   for o_lo, o_hi in other._ranges)
