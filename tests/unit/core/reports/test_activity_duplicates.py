"""Until possible duplicates are merged, a report says how many its figures include, on
the desktop table and in its CSV; after the merge the person is counted once."""

from __future__ import annotations

import csv
from datetime import date

from clinicapp.core.reports import activity, output, tables
from clinicapp.core.reports.period import Period
from clinicapp.core.services import duplicates, members
from tests.unit.core.reports import records

YEAR = Period(date(2025, 1, 1), date(2025, 12, 31))


def test_a_report_counts_the_possible_duplicates_it_includes(db, tmp_path):
    river = records.group(db, "Riverside")
    a = records.member(db, "Dr. Ana Silva", river.id, licence="CF 1234")
    b = records.member(db, "Ana Silva", river.id, licence="cf1234")
    c = records.member(db, "Jo Park", river.id)
    records.session(db, river.id, "Insulin", date(2025, 3, 4), {a.id: 90, c.id: 90})
    records.session(db, river.id, "Foot care", date(2025, 4, 4), {b.id: 90})
    rep = activity.group_report(db, river.id, YEAR)
    assert rep.possible_duplicates == 1 and rep.participants == 3
    summary = tables.activity_tables(rep)[0]
    assert ["Possible duplicates included (merge them on Groups & members)", 1] in summary.rows
    [path, *_] = output.save_csv(db, tmp_path / "river.csv", [summary], "test")
    with path.open(newline="") as f:
        cells = [row for row in csv.reader(f)]
    assert any(row[:2] == ["Possible duplicates included (merge them on Groups & members)",
                           "1"] for row in cells)

    duplicates.merge(db, "member", a.id, b.id)
    rep = activity.group_report(db, river.id, YEAR)
    assert rep.possible_duplicates == 0 and rep.participants == 2
    assert [m.full_name for m in members.list_members(db).items] == ["Dr. Ana Silva",
                                                                      "Jo Park"]
