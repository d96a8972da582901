"""Held ranges behave exactly like the set of sequence numbers they stand for: a version
vector built from them never claims a change that was not added, nor forgets one."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from clinicapp.core.sync.ranges import RangeSet

spans = st.lists(st.tuples(st.integers(1, 60), st.integers(0, 8)), max_size=12)


def as_set(pairs: list[tuple[int, int]]) -> set[int]:
    return {n for lo, width in pairs for n in range(lo, lo + width + 1)}


def build(pairs: list[tuple[int, int]]) -> RangeSet:
    ranges = RangeSet()
    for lo, width in pairs:
        ranges.add(lo, lo + width)
    return ranges


@given(spans)
def test_ranges_hold_exactly_the_numbers_added_as_sorted_disjoint_spans(pairs):
    ranges, model = build(pairs), as_set(pairs)
    assert {n for n in range(0, 80) if n in ranges} == model
    assert ranges.count == len(model)
    assert ranges.high == max(model, default=0)
    listed = ranges.to_list()
    assert listed == sorted(listed)
    assert all(a[1] + 1 < b[0] for a, b in itertools.pairwise(listed))
    assert RangeSet.from_json(ranges.to_json()) == ranges == RangeSet(listed)
    assert bool(ranges) is bool(model)


@given(spans, st.integers(0, 80))
def test_missing_and_the_contiguous_high_mark_say_what_is_lacking(pairs, upto):
    ranges, model = build(pairs), as_set(pairs)
    lacking = ranges.missing(upto)
    assert {n for n in range(0, 90) if n in lacking} == set(range(1, upto + 1)) - model
    high = ranges.contiguous_high()
    assert set(range(1, high + 1)) <= model and high + 1 not in model


@given(spans, spans)
def test_update_is_a_union_and_superset_is_set_inclusion(a, b):
    left, right = build(a), build(b)
    assert left.issuperset(right) == (as_set(b) <= as_set(a))
    left.update(right)
    assert {n for n in range(0, 80) if n in left} == as_set(a) | as_set(b)
    assert left.issuperset(right)


@given(spans, spans)
def test_meets_is_whether_the_two_sets_share_a_number(a, b):
    left, right = build(a), build(b)
    assert left.meets(right) == right.meets(left) == bool(as_set(a) & as_set(b))


def test_an_empty_span_or_a_foreign_value_adds_and_matches_nothing():
    ranges = RangeSet([[5, 9]])
    ranges.add(7, 3)  # hi below lo: nothing to add
    assert ranges.to_list() == [[5, 9]]
    assert "5" not in ranges and None not in ranges
    assert repr(ranges) == "RangeSet([[5, 9]])"
    assert RangeSet.from_json("") == RangeSet()
