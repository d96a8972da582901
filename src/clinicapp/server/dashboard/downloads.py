"""CSV of one report table, cell by cell as the desktop writes it (core's ``tables.plain``:
ISO dates, dot decimals, "<5" when withheld), with one more guard: core's report CSV
writes text as it is, and a group or topic named ``=HYPERLINK(…)`` would run as a formula
in a spreadsheet. Text cells that start like a formula get a leading apostrophe, the same
rule as core's table export (``csv_export.FORMULA_START``)."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from clinicapp.core.reports.csv_export import FORMULA_START
from clinicapp.core.reports.tables import Table, Words, plain


def defused(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


def table_csv(table: Table, words: Words) -> bytes:
    """The table, its totals row last, as UTF-8 with a BOM (spreadsheets then read accents)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([defused(c.header) for c in table.columns])
    for row in [*table.rows, *([table.total] if table.total else [])]:
        writer.writerow([_cell(v, c, words) for v, c in zip(row, table.columns, strict=True)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _cell(value: Any, column: Any, words: Words) -> str:
    text = plain(value, column, words)
    # Numbers and dates are ours; only text (names, topics, labels) can carry a formula.
    return defused(text) if isinstance(value, str) else text


def file_name(kind: str, name: str, table_key: str, first: str, last: str) -> str:
    """A safe download name, e.g. ``division-north-island-roles-2025-07-01-2026-06-30.csv``."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:60] or "all"
    return f"{kind}-{slug}-{table_key}-{first}-{last}.csv"
