"""Saving a report: written beside its destination, recorded in the audit trail, and
renamed into place in the same step, so there is never half a file nor an unrecorded one.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from clinicapp.core.errors import ValidationError
from clinicapp.core.reports.csv_export import FORMULA_START
from clinicapp.core.reports.period import Period
from clinicapp.core.reports.tables import Table, Words, plain
from clinicapp.core.services import audit
from clinicapp.core.storage.db import Database

AUDIT_ACTION = "print_report"


# What the audit trail says a report was, in one wording whichever front end saved it
# (ids and the period, never content).

def statement_detail(member_id: str, period: Period) -> str:
    return f"credit statement of member {member_id}, {period.first}..{period.last}"


def certificates_detail(session_id: str, member_id: str | None, count: int) -> str:
    who = f"member {member_id}" if member_id else f"{count} participants"
    return f"certificates of session {session_id} ({who})"


def group_detail(group_id: str, period: Period) -> str:
    return f"group report of {group_id}, {period.first}..{period.last}"


def division_detail(division: str | None, period: Period) -> str:
    return f"division report of {division or 'all groups'}, {period.first}..{period.last}"


def check_destination(out: Path, suffixes: tuple[str, ...]) -> Path:
    out = Path(out)
    if out.suffix.lower() not in suffixes:
        raise ValidationError("out", "wrong_suffix", suffixes=" or ".join(suffixes),
                              name=out.name)
    if out.is_dir():
        raise ValidationError("out", "is_folder", path=str(out))
    if not out.parent.is_dir():
        raise ValidationError("out", "no_folder", folder=str(out.parent))
    return out


def save(db: Database, out: Path, write: Callable[[Path], object], detail: str,
         actor: str = "") -> Path:
    """Call ``write(temporary path)``, then record ``detail`` and move the file to ``out``.

    ``detail`` names what was produced (kind, period, record ids), never its content.
    """
    out = Path(out)
    fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        with db.write() as session:
            audit.record(session, AUDIT_ACTION, f"{detail} to {out.name}", actor)
            tmp.replace(out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out


def csv_paths(out: Path, tables: list[Table]) -> list[Path]:
    """Where each table goes: the first to ``out``, the others beside it as
    ``<name>-<table>.csv``."""
    out = Path(out)
    return [out if i == 0 else out.with_name(f"{out.stem}-{table.key}{out.suffix}")
            for i, table in enumerate(tables)]


def spreadsheet_safe(text: str) -> str:
    """Text a spreadsheet will show, never run: a cell that starts like a formula (a group
    named ``=HYPERLINK(…)``) gets a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_START) else text


def write_table_csv(table: Table, path: Path, words: Words | None = None) -> None:
    """One table as CSV (UTF-8 with a BOM so spreadsheet programs read accents right)."""
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow([spreadsheet_safe(c.header) for c in table.columns])
        for row in [*table.rows, *([table.total] if table.total else [])]:
            writer.writerow([plain(v, c, words) if c.numeric
                             else spreadsheet_safe(plain(v, c, words))
                             for v, c in zip(row, table.columns, strict=True)])


def save_csv(db: Database, out: Path, tables: list[Table], detail: str,
             words: Words | None = None, actor: str = "") -> list[Path]:
    """Every table of a report as CSV files; returns the files written."""
    written = []
    for table, path in zip(tables, csv_paths(out, tables), strict=True):
        def write(tmp: Path, table: Table = table) -> None:
            write_table_csv(table, tmp, words)

        written.append(save(db, path, write, f"{detail} ({table.key} CSV)", actor))
    return written
