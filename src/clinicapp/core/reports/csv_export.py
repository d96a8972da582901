"""CSV export of one table (or the derived credit list) for a spreadsheet.

Never exported: the text of private reflections, sealed ciphertext and a member's journal
keys. The file is written beside its destination and renamed into place only when
complete, so an error never leaves half a file; every export is recorded in the audit
trail (table, row count and file name; no content).
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Column, select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.errors import ValidationError
from clinicapp.core.models import (
    MODEL_BY_TABLE,
    Attendance,
    Group,
    Member,
    Session,
    Visibility,
)
from clinicapp.core.rules import credits as credit_rules
from clinicapp.core.services import audit
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import clock

CREDITS = "credits"
# Columns that hold secrets or sealed private text: never in a CSV.
EXCLUDED_COLUMNS: dict[str, frozenset[str]] = {
    "members": frozenset({"journal_recipient", "journal_identity_sealed",
                          "journal_recovery_sealed"}),
    "reflections": frozenset({"sealed"}),
}
REFLECTION_TEXT = ("what", "so_what", "now_what", "barriers", "supports_needed")
# Spreadsheets run cells that start like a formula; a leading apostrophe stops that.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BATCH = 1000
ProgressFn = Callable[[int], None]


def table_names() -> list[str]:
    return [*sorted(MODEL_BY_TABLE), CREDITS]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_START) else value
    return str(value)


def _table_rows(session: OrmSession, table: str) -> tuple[list[str], Iterator[Sequence[Any]]]:
    model = MODEL_BY_TABLE[table]
    mapped: Any = model
    excluded = EXCLUDED_COLUMNS.get(table, frozenset())
    columns: list[Column[Any]] = [c for c in mapped.__table__.columns if c.name not in excluded]
    columns.sort(key=lambda c: c.name != "id")  # id first, the rest as declared
    header = [c.name for c in columns]
    stmt = select(*columns).where(mapped.deleted_at.is_(None)).order_by(mapped.id)
    result = session.execute(stmt.execution_options(yield_per=BATCH))
    if table != "reflections":
        return header, iter(result)
    visibility_at = header.index("visibility")
    blank = [header.index(f) for f in REFLECTION_TEXT]

    def private_blanked() -> Iterator[Sequence[Any]]:
        # Private text lives only sealed; blank the plain columns anyway, so a row that
        # was ever mis-saved still never leaves the workstation in clear.
        for row in result:
            if row[visibility_at] != Visibility.GROUP:
                values = list(row)
                for i in blank:
                    values[i] = ""
                yield values
            else:
                yield row

    return header, private_blanked()


CREDIT_HEADER = ["certificate_number", "member", "licence_number", "role", "group",
                 "session", "session_date", "credit_year", "accreditation_body",
                 "credit_category", "certification_id", "minutes_attended", "credits"]


def _credit_rows(session: OrmSession) -> Iterator[Sequence[Any]]:
    stmt = (select(Attendance.certificate_number, Member.full_name, Member.licence_number,
                   Member.role, Group.name, Session.title, Session.scheduled_start,
                   Session.accreditation_body, Session.credit_category,
                   Session.certification_id, Attendance.minutes_attended, Attendance.credits)
            .join(Session, Session.id == Attendance.session_id)
            .join(Group, Group.id == Session.group_id)
            .join(Member, Member.id == Attendance.member_id)
            .where(Attendance.deleted_at.is_(None), Session.deleted_at.is_(None),
                   Attendance.credits.is_not(None), Attendance.credits > 0)
            .order_by(Member.full_name, Session.scheduled_start))
    for row in session.execute(stmt.execution_options(yield_per=BATCH)):
        day = clock.local(row.scheduled_start).date()
        year = credit_rules.credit_year_label(credit_rules.credit_year_start(day))
        yield (row[0], row[1], row[2], row[3], row[4], row[5], day, year, *row[7:])


def _write(path: Path, header: list[str], rows: Iterable[Sequence[Any]],
           progress: ProgressFn | None) -> int:
    count = 0
    # utf-8-sig: spreadsheets then read accents (French names) correctly.
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow([_cell(v) for v in row])
            count += 1
            if progress is not None and count % BATCH == 0:
                progress(count)
        handle.flush()
        os.fsync(handle.fileno())
    return count


def export_csv(db: Database, table: str, out: Path, actor: str = "",
               progress: ProgressFn | None = None) -> int:
    """Write ``table`` (live rows) to ``out``; returns the number of rows written."""
    if table not in table_names():
        raise ValidationError("table", "unknown_table", table=table,
                              known=", ".join(table_names()))
    out = Path(out)
    if out.is_dir():
        raise ValidationError("out", "is_folder_example", path=str(out),
                              example=f"{table}.csv")
    if not out.parent.is_dir():
        raise ValidationError("out", "no_folder", folder=str(out.parent))
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with db.read() as session:
            if table == CREDITS:
                count = _write(tmp, CREDIT_HEADER, _credit_rows(session), progress)
            else:
                header, rows = _table_rows(session, table)
                count = _write(tmp, header, rows, progress)
        # The audit entry and the rename succeed or fail together.
        with db.write() as session:
            audit.record(session, "export_csv", f"{table}: {count} rows to {out.name}", actor)
            tmp.replace(out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return count
