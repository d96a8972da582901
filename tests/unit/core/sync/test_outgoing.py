"""The export's run-by-run bookkeeping (``outgoing._carried``): what a bundle says it
carries — ranges, change count, counts per table, newest stamp — equals what a plain
change-by-change count gives, when runs overlap and when some changes are withheld."""

from __future__ import annotations

from collections import Counter

from clinicapp.core.sync import outgoing
from clinicapp.core.sync.authorship import Run
from clinicapp.core.sync.ranges import RangeSet


def change(origin: str, seq: int, tbl: str) -> dict[str, object]:
    return {"tbl": tbl, "row_id": f"r{seq}", "field": "name", "value": '"x"',
            "hlc": f"{1000 + seq:016d}-0000", "origin": origin, "seq": seq,
            "prev_origin": None, "prev_seq": None}


def item(origin: str, lo: int, hi: int, withheld: frozenset[int] = frozenset()):
    changes = [change(origin, s, "members" if s % 2 else "groups") for s in range(lo, hi + 1)]
    if not withheld:
        return outgoing._Item(Run(origin, lo, hi, "s"), changes, changes)
    shown = [{"seq": c["seq"], "withheld": "0" * 64} if c["seq"] in withheld else c
             for c in changes]
    return outgoing._Item(Run(origin, lo, hi, "s"), shown,
                          [c for c in changes if c["seq"] not in withheld])


def plain(items) -> tuple[dict[str, RangeSet], int, dict[str, int], str]:
    seen = {(c["origin"], c["seq"]): c for i in items for c in i.sent}
    ranges: dict[str, RangeSet] = {}
    for origin, seq in seen:
        ranges.setdefault(origin, RangeSet()).add(seq)
    return (ranges, len(seen), dict(Counter(c["tbl"] for c in seen.values())),
            max(c["hlc"] for c in seen.values()))


def test_overlapping_runs_count_each_change_once():
    items = [item("a", 1, 10), item("a", 5, 14), item("b", 1, 3), item("a", 20, 22)]
    got = outgoing._carried(items)
    assert (got.ranges, got.changes, got.counts, got.max_hlc) == plain(items)
    assert got.changes == 14 + 3 + 3


def test_withheld_changes_are_not_carried():
    items = [item("a", 1, 6, frozenset({2, 3})), item("b", 4, 9), item("a", 7, 8)]
    got = outgoing._carried(items)
    assert (got.ranges, got.changes, got.counts, got.max_hlc) == plain(items)
    assert got.ranges["a"] == RangeSet([[1, 1], [4, 8]])


def test_runs_without_overlap_take_the_whole_run_path():
    items = [item("a", 1, 3), item("a", 4, 9), item("b", 2, 2)]
    got = outgoing._carried(items)
    assert (got.ranges, got.changes, got.counts, got.max_hlc) == plain(items)
    assert got.ranges["a"] == RangeSet([[1, 9]])
