"""The payload reader computes each run's root (what its author signed) while it reads
the lines, and reads lines fast by what they share with the line before: it must take
exactly what the general reading takes (json.loads, check_change, each digest computed
from the change), give the same roots, and refuse the same payloads with the same words.
Hypothesis builds payloads of several runs and origins, with withheld changes, lines
written another way, lines damaged and lines out of place."""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinicapp.core.services import groups
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import api, formats, payload
from clinicapp.core.sync.authorship import digest
from clinicapp.core.sync.bundle import BundleError
from clinicapp.core.sync.payload import _line, read_runs
from clinicapp.core.sync.values import encode
from tests.unit.core.sync.forge import forge, keys_of, signed
from tests.unit.core.sync.helpers import full_dump

ORIGINS = ("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c",
           "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d")
ROWS = ("0190a1b2-c3d4-7e5f-8a9b-00000000000a", "0190a1b2-c3d4-7e5f-8a9b-00000000000b")
SIG = "A" * 86 + "=="
FIELDS = {("sessions", "title"): st.text(max_size=8),
          ("sessions", "notes"): st.sampled_from(["", "x" * 60]),
          ("sessions", "scheduled_start"): st.just("2025-03-04T18:00:00+00:00"),
          ("sessions", "group_id"): st.sampled_from([ROWS[0], "not an id", None]),
          ("groups", "name"): st.sampled_from(["Nurses", "x" * 50]),
          ("attendance", "present"): st.sampled_from([True, 1, None])}


class _General(formats.ChangeLines):
    """Every change line read the general way (json.loads, check_change, digest)."""

    def take_lines(self, lines: Any, i: int, part: Any, origin: Any, next_seq: Any,
                   left: int) -> tuple[int, Any, int]:
        return i, next_seq, left


@contextmanager
def general_reading() -> Iterator[None]:
    fast = payload.formats.ChangeLines
    payload.formats.ChangeLines = _General  # type: ignore[misc]
    try:
        yield
    finally:
        payload.formats.ChangeLines = fast  # type: ignore[misc]


def outcome(raw: bytes, size: int, lines: int) -> Any:
    seen = payload.Seen()
    try:
        runs, roots = read_runs(gzip.compress(raw, mtime=0), size, lines, seen)
    except BundleError as exc:
        return ("refused", exc.kind, str(exc))
    changes = [c for _run, part in runs for c in part if "withheld" not in c]
    # What the reader noted is true of every change: tables, stubs, the greatest stamp.
    assert seen.tables is not None and seen.newest is not None
    assert {c["tbl"] for c in changes} <= seen.tables
    assert seen.stubs or not any(c["value"].startswith("#") for c in changes)
    assert all(c["hlc"] <= seen.newest for c in changes)
    return [(run, part) for run, part in runs], roots


@st.composite
def a_change(draw: st.DrawFn, origin: str, seq: int) -> dict[str, Any]:
    tbl, name = draw(st.sampled_from(sorted(FIELDS)))
    value = draw(st.one_of(FIELDS[(tbl, name)].map(encode), st.just("#" + "ab" * 32)))
    prev = draw(st.sampled_from([(None, None), (ORIGINS[0], 7), (origin, seq - 1 or 1)]))
    return {"tbl": tbl, "row_id": draw(st.sampled_from(ROWS)), "field": name, "value": value,
            "hlc": draw(st.sampled_from(["001740000000000.000001", "001740000000001.000000"])),
            "origin": origin, "seq": seq, "prev_origin": prev[0], "prev_seq": prev[1]}


@st.composite
def payloads(draw: st.DrawFn) -> tuple[bytes, int, int]:
    """Lines of a few runs, each run's changes in place, then perhaps altered."""
    lines: list[bytes] = []
    for _ in range(draw(st.integers(1, 3))):
        origin = draw(st.sampled_from(ORIGINS))
        lo = draw(st.integers(1, 5))
        n = draw(st.integers(1, 6))
        run = {"origin": origin, "lo": lo, "hi": lo + n - 1, "sig": SIG}
        lines.append(json.dumps({"run": run}, separators=(",", ":")).encode())
        for seq in range(lo, lo + n):
            how = draw(st.integers(0, 9))
            c = draw(a_change(origin, seq))
            if how == 0:  # withheld by a relay
                lines.append(json.dumps({"withheld": {"seq": seq, "withheld": "cd" * 32}},
                                        separators=(",", ":")).encode())
            elif how == 1:  # written another way: read generally
                lines.append(json.dumps(c).encode())
            elif how == 2:  # another origin's change, in this run
                lines.append(_line({**c, "origin": draw(st.sampled_from(ORIGINS))}).encode())
            elif how == 3:  # out of place in its run
                lines.append(_line({**c, "seq": seq + draw(st.sampled_from([-1, 1, 9]))}
                                   ).encode())
            else:
                lines.append(_line(c).encode())
    if draw(st.booleans()):  # damaged byte by byte
        at = draw(st.integers(0, len(lines) - 1))
        line = lines[at]
        cut = draw(st.integers(0, len(line)))
        lines[at] = line[:cut] + draw(st.binary(max_size=2)) + line[cut + 1:]
    raw = b"\n".join(lines) + b"\n"
    declared = raw.count(b"\n") + draw(st.sampled_from([0, 0, 0, -1, 1]))
    return raw, len(raw), declared


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payloads())
def test_the_fast_reading_reads_any_payload_as_the_general_reading(case):
    raw, size, lines = case
    fast = outcome(raw, size, lines)
    with general_reading():
        general = outcome(raw, size, lines)
    assert fast == general


def test_each_root_is_the_sha256_of_the_digests_of_its_changes():
    changes = [{"tbl": "groups", "row_id": ROWS[0], "field": name, "value": encode(v),
                "hlc": "001740000000000.000001", "origin": ORIGINS[0], "seq": seq,
                "prev_origin": None, "prev_seq": None}
               for seq, (name, v) in enumerate((("name", "Nurses"), ("division", "North"),
                                                ("region", ""), ("deleted_at", None)), 1)]
    changes[2] |= {"prev_origin": ORIGINS[1], "prev_seq": 9}
    runs = [({"origin": ORIGINS[0], "lo": 1, "hi": 2, "sig": SIG}, changes[:2]),
            ({"origin": ORIGINS[0], "lo": 3, "hi": 4, "sig": SIG}, changes[2:])]
    raw = b"".join(json.dumps({"run": run}, separators=(",", ":")).encode() + b"\n"
                   + b"".join(_line(c).encode() + b"\n" for c in part) for run, part in runs)
    read, roots = read_runs(gzip.compress(raw), len(raw), 6)
    assert [part for _run, part in read] == [changes[:2], changes[2:]]
    assert roots == [hashlib.sha256(b"".join(digest(c) for c in part)).digest()
                     for _run, part in runs]


def test_a_line_of_an_earlier_runs_origin_is_not_taken_for_the_next_run():
    """The reader remembers the last stamp and origin it matched: a new run of another
    origin must not take a line that repeats them."""
    first = {"tbl": "groups", "row_id": ROWS[0], "field": "name", "value": encode("A"),
             "hlc": "001740000000000.000001", "origin": ORIGINS[0], "seq": 1,
             "prev_origin": None, "prev_seq": None}
    raw = b"".join(line + b"\n" for line in (
        json.dumps({"run": {"origin": ORIGINS[0], "lo": 1, "hi": 1, "sig": SIG}}).encode(),
        _line(first).encode(),
        json.dumps({"run": {"origin": ORIGINS[1], "lo": 1, "hi": 1, "sig": SIG}}).encode(),
        _line({**first, "field": "division"}).encode()))
    with pytest.raises(BundleError, match="a change is not where its run says"):
        read_runs(gzip.compress(raw), len(raw), 4)


def test_a_lone_surrogate_in_a_signed_value_is_refused_in_words(tmp_path, make_db):
    """Text that is not UTF-8 cannot be digested: one line, nothing imported (it was an
    exception from deep in the checks)."""
    receiver: Database = make_db("receiver")
    hostile: Database = make_db("hostile")
    api.add_trusted(receiver, api.public_identity(hostile), "hostile")
    api.add_trusted(hostile, api.public_identity(receiver), "receiver")
    groups.create(hostile, "Nurses")
    before = full_dump(receiver)
    keys = keys_of(hostile)
    change = {"tbl": "groups", "row_id": ROWS[1], "field": "name", "value": '"ok"',
              "hlc": "001740000000000.000001", "origin": keys.replica_id, "seq": 1,
              "prev_origin": None, "prev_seq": None}
    run, part = signed(keys, [change])
    text = (json.dumps({"run": run.to_json()}, separators=(",", ":")) + "\n"
            + _line({**part[0], "value": '"\ud800"'}) + "\n")
    raw = text.encode("utf-8", "surrogatepass")
    path = forge(hostile, receiver, [(run, part)], tmp_path / "b.clinicbundle",
                 payload=gzip.compress(raw, mtime=0), payload_bytes=len(raw), lines=2)
    with pytest.raises(BundleError, match="carries text that is not UTF-8") as refused:
        api.import_bundle(receiver, path)
    assert refused.value.kind == "damaged"
    assert full_dump(receiver) == before


def test_a_value_found_valid_for_one_field_is_checked_again_for_another():
    """Short values found valid are remembered per field: a title's text is no group id."""
    title = {"tbl": "sessions", "row_id": ROWS[0], "field": "title", "value": '"not an id"',
             "hlc": "001740000000000.000001", "origin": ORIGINS[0], "seq": 1,
             "prev_origin": None, "prev_seq": None}
    raw = b"".join(line + b"\n" for line in (
        json.dumps({"run": {"origin": ORIGINS[0], "lo": 1, "hi": 2, "sig": SIG}}).encode(),
        _line(title).encode(), _line({**title, "field": "group_id", "seq": 2}).encode()))
    with pytest.raises(BundleError, match=r"sessions\.group_id carries a value of the wrong"):
        read_runs(gzip.compress(raw), len(raw), 3)


def test_a_stamp_that_changes_within_a_row_and_seqs_written_otherwise_are_read_alike():
    """The fast reading keeps each row's and stamp's parts from line to line: a new stamp
    in the same row is that change's own, and a seq is taken only as this version writes
    it (a leading zero, a sign, a space or a fraction: read, or refused, generally)."""
    base = {"tbl": "groups", "row_id": ROWS[0], "field": "name", "value": encode("A"),
            "hlc": "001740000000000.000001", "origin": ORIGINS[0], "seq": 1,
            "prev_origin": None, "prev_seq": None}
    stamps = ["001740000000000.000001", "001740000000001.000000", "001740000000000.000001"]
    changes = [{**base, "seq": s, "hlc": h, "field": f}
               for s, (h, f) in enumerate(zip(stamps, ("name", "division", "region"),
                                                  strict=True), 1)]
    changes[2] |= {"prev_origin": ORIGINS[1], "prev_seq": 4}
    head = json.dumps({"run": {"origin": ORIGINS[0], "lo": 1, "hi": 3, "sig": SIG}}).encode()
    raw = head + b"\n" + b"".join(_line(c).encode() + b"\n" for c in changes)
    read, _roots = read_runs(gzip.compress(raw), len(raw), 4)
    assert read[0][1] == changes
    for seq in (b"2", b"3"):  # without and with a previous change
        for written in (b"0" + seq, b"+" + seq, b" " + seq, seq + b".0", "\u0662".encode()):
            odd = raw.replace(b'"seq":' + seq + b",", b'"seq":' + written + b",")
            fast = outcome(odd, len(odd), 4)
            with general_reading():
                assert fast == outcome(odd, len(odd), 4)
