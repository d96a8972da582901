"""The fast reading of a payload line (``formats.ChangeLines``) takes a line exactly as the
general reading (``json.loads`` then ``check_change``) would: the same change, or nothing
(then the general reading decides, with its own message). Hypothesis tries valid lines
and lines damaged byte by byte."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinicapp.core.sync import formats
from clinicapp.core.sync.payload import _line
from clinicapp.core.sync.values import encode

ID = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"
OTHER = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c"
VALUES = {
    ("sessions", "title"): st.text(max_size=40),
    ("sessions", "objectives"): st.lists(st.text(max_size=10), max_size=3),
    ("sessions", "scheduled_start"): st.just("2025-03-04T18:00:00+00:00"),
    ("sessions", "group_id"): st.sampled_from([ID, "not an id", None]),
    ("members", "deleted_at"): st.sampled_from([None, "2025-03-04T18:00:00.123456+00:00",
                                                "2025-13-04T18:00:00+00:00"]),
    ("attendance", "present"): st.sampled_from([True, False, 1, None]),
}


@st.composite
def changes(draw: st.DrawFn) -> dict[str, object]:
    tbl, field = draw(st.sampled_from(sorted(VALUES)))
    value = draw(st.one_of(VALUES[(tbl, field)].map(encode),
                           st.just("#" + "ab" * 32), st.just("#" + "ab" * 31),
                           st.text(max_size=12)))
    prev = draw(st.sampled_from([(None, None), (OTHER, 7), (None, 3), (OTHER, None)]))
    return {"tbl": tbl, "row_id": ID, "field": field, "value": value,
            "hlc": draw(st.sampled_from(["001740000000000.000001", "1740000000000.1"])),
            "origin": OTHER, "seq": draw(st.sampled_from([1, 42, 2**62, 2**62 + 1])),
            "prev_origin": prev[0], "prev_seq": prev[1]}


def general(line: bytes) -> dict[str, object] | None:
    """What the general reading makes of a line: the change, or None when refused."""
    try:
        item = json.loads(line)
        formats.check_change(item)
    except (ValueError, RecursionError):
        return None
    return item


def same_reading(line: bytes) -> None:
    fast = formats.ChangeLines().read(line)
    if fast is not None:
        assert fast == general(line)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes())
def test_a_line_as_written_is_read_alike(change):
    line = _line(change).encode()
    fast = formats.ChangeLines().read(line)
    assert fast == general(line)  # accepted alike, refused alike (then read generally)


@settings(max_examples=400, deadline=None)
@given(changes(), st.integers(min_value=0), st.binary(max_size=3), st.integers(0, 2))
def test_a_damaged_line_is_never_read_otherwise(change, at, junk, how):
    line = _line(change).encode()
    at %= len(line) + 1
    damaged = (line[:at] + junk + line[at:], line[:at] + junk + line[at + len(junk):],
               line[:at] + line[at + 1:])[how]
    same_reading(damaged)


def test_the_fast_reading_takes_what_this_version_writes():
    change = {"tbl": "sessions", "row_id": ID, "field": "title",
              "value": encode('Tapering "slowly" \\ é \n\u2028'),
              "hlc": "001740000000000.000001", "origin": OTHER, "seq": 5,
              "prev_origin": OTHER, "prev_seq": 4}
    assert formats.ChangeLines().read(_line(change).encode()) == change


def test_neighbours_share_their_strings_and_each_change_reads_as_its_own_dict():
    reader = formats.ChangeLines()
    made = []
    for seq, name in enumerate(("created_at", "updated_at", "deleted_at", "location"), 1):
        value = "null" if name == "deleted_at" else encode(
            "Boardroom" if name == "location" else "2024-03-04T15:30:00+00:00")
        made.append({"tbl": "sessions", "row_id": ID, "field": name, "value": value,
                     "hlc": "001740000000000.000001", "origin": OTHER, "seq": seq,
                     "prev_origin": None, "prev_seq": None})
    read = [reader.read(_line(c).encode()) for c in made]
    assert read == made and all(list(r) == list(c) for r, c in zip(read, made, strict=True))
    assert read[0]["value"] is read[1]["value"]  # a row's two stamps: one string
    assert read[0]["row_id"] is read[3]["row_id"] and read[0]["hlc"] is read[3]["hlc"]
    read[2]["value"] = "changed"  # each its own dict, though their keys are shared
    assert read[3]["value"] == made[3]["value"] and made[2]["value"] == "null"
    long = encode("x" * 200)
    twice = [reader.read(_line({**made[3], "value": long, "seq": s}).encode()) for s in (5, 6)]
    assert twice[0] == {**made[3], "value": long, "seq": 5}
    assert twice[0]["value"] is not twice[1]["value"]  # long values are not looked up
