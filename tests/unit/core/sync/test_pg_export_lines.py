"""The PostgreSQL export writes a run's lines with the JSON of a row's table and id and of
a stamp written once for the rows that share them: every line must be the one the general
path's ``payload._line`` writes for that change alone, whatever the rows repeat or hold."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from clinicapp.core.sync import payload, pg_export

_TEXT = st.sampled_from(["sessions", "members", "é", 'a"b', "a\\b", "\u2028", "tab\t", ""])
_ROW = st.tuples(
    st.just(0), st.none(), _TEXT, st.sampled_from(["r1", "r2", 'r"3']), _TEXT,
    st.text(max_size=12), st.sampled_from(["001.000001", "001.000002"]),
    st.integers(1, 10**12), st.none() | st.sampled_from(["o1", 'o"2']),
    st.none() | st.integers(0, 10**12))


@given(st.lists(_ROW, max_size=40))
def test_each_line_is_the_line_written_for_that_change_alone(rows) -> None:
    origin = "01a23b18-badf-7827-b5d2-2e1b3884b3fa"
    alone = [payload._line({"tbl": r[2], "row_id": r[3], "field": r[4], "value": r[5],
                            "hlc": r[6], "origin": origin, "seq": r[7],
                            "prev_origin": r[8], "prev_seq": r[9]}) for r in rows]
    assert pg_export._lines(pg_export._text(origin), rows) == alone
    for line, row in zip(alone, rows, strict=True):
        change = json.loads(line)
        assert (change["tbl"], change["row_id"], change["field"], change["value"],
                change["hlc"], change["seq"], change["prev_origin"], change["prev_seq"]) \
            == row[2:]
