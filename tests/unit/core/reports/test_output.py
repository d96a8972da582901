"""Report CSV files are safe to open in a spreadsheet: text that looks like a formula is
shown, never run, and figures stay numbers."""

from __future__ import annotations

import csv

from clinicapp.core.reports.output import write_table_csv
from clinicapp.core.reports.tables import Column, Table


def test_a_group_named_like_a_formula_is_written_as_text_and_counts_stay_numbers(tmp_path):
    table = Table("groups", "Groups", [Column("group", "Group"), Column("delta", "Change", "int")],
                  rows=[["=HYPERLINK(\"http://x\",\"click\")", -3], ["+1 Riverside", 4],
                        ["@SUM(A1)", 0], ["Hillside", 12]])
    out = tmp_path / "groups.csv"
    write_table_csv(table, out)
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Group", "Change"]
    assert [r[0] for r in rows[1:]] == ["'=HYPERLINK(\"http://x\",\"click\")", "'+1 Riverside",
                                        "'@SUM(A1)", "Hillside"]
    assert [r[1] for r in rows[1:]] == ["-3", "4", "0", "12"]
