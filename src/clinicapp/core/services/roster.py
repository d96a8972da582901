"""A group's roster brought in from a spreadsheet (CSV): check every row, then import.

A row's problem is a ``ValidationError`` like any other (a code of ``core.messages`` with
its parameters), kept on the row rather than raised: the front end words it in its own
language and names the column by its own heading (``ImportRow.column``); ``ImportRow.error``
is the English line for the command line and the log.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.errors import ValidationError
from clinicapp.core.models import Group, Member, Role
from clinicapp.core.services._common import get_live
from clinicapp.core.services.members import _join, _validate, create
from clinicapp.core.storage.db import Database

HEADERS = {
    "full_name": ("full_name", "name", "full name", "nom", "nom complet"),
    "role": ("role", "rôle"),
    "profession_detail": ("profession_detail", "profession", "profession detail"),
    "email": ("email", "e-mail", "courriel"),
    "phone": ("phone", "telephone", "téléphone"),
    "licence_number": ("licence_number", "licence", "license", "cfpc", "licence number",
                       "cfpc number"),
    "facilitator": ("facilitator", "is_facilitator", "animateur", "animatrice"),
}
# The English words of the columns, for ``ImportRow.error`` (a front end has its own).
COLUMN_WORDS = {"full_name": "name", "role": "role", "profession_detail": "profession",
                "email": "email", "phone": "phone", "licence_number": "licence",
                "facilitator": "facilitator"}
# The roles as people write them, in English and in French (the interface's own labels
# included, so a roster written from the French screen reads back).
ROLE_WORDS = {
    "physician": Role.PHYSICIAN, "doctor": Role.PHYSICIAN, "md": Role.PHYSICIAN,
    "gp": Role.PHYSICIAN, "médecin": Role.PHYSICIAN, "moa": Role.MOA,
    "medical office assistant": Role.MOA, "aam": Role.MOA,
    "personnel administratif médical": Role.MOA,
    "personnel administratif médical (aam)": Role.MOA,
    "nurse": Role.NURSE, "rn": Role.NURSE, "np": Role.NURSE, "lpn": Role.NURSE,
    "infirmière": Role.NURSE, "infirmier": Role.NURSE, "personnel infirmier": Role.NURSE,
    "allied health": Role.ALLIED_HEALTH, "allied_health": Role.ALLIED_HEALTH,
    "professions paramédicales": Role.ALLIED_HEALTH, "paramédical": Role.ALLIED_HEALTH,
    "administrator": Role.ADMINISTRATOR, "admin": Role.ADMINISTRATOR,
    "gestionnaire": Role.ADMINISTRATOR, "other": Role.OTHER, "autre": Role.OTHER,
}
TRUE_WORDS = {"yes", "y", "true", "1", "x", "oui"}
MAX_ROWS = 5000


@dataclass
class ImportRow:
    line: int
    values: dict[str, str]
    problem: ValidationError | None = None  # field: the column key, or "row"
    member_id: str = ""  # an existing member matched by email or name

    @property
    def column(self) -> str:
        """The column the problem is in ("" for the row as a whole)."""
        if self.problem is None or self.problem.field not in HEADERS:
            return ""
        return self.problem.field

    @property
    def error(self) -> str:
        """The problem in English, one line ("" when the row is fine)."""
        if self.problem is None:
            return ""
        if self.column:
            return f"{COLUMN_WORDS[self.column]}: {self.problem.rule}"
        return self.problem.rule


@dataclass
class ImportResult:
    rows: list[ImportRow]
    created: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    errors: list[ImportRow] = field(default_factory=list)


def _column_map(header: list[str]) -> dict[int, str]:
    found: dict[int, str] = {}
    for index, name in enumerate(header):
        key = name.strip().lower().lstrip("\ufeff")
        for target, words in HEADERS.items():
            if key in words and target not in found.values():
                found[index] = target
    if "full_name" not in found.values():
        raise ValidationError("csv", "csv_no_header")
    return found


def _parse(text: str) -> list[ImportRow]:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise ValidationError("csv", "csv_empty") from None
    columns = _column_map(header)
    rows: list[ImportRow] = []
    for cells in reader:
        if not any(c.strip() for c in cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise ValidationError("csv", "csv_too_many_rows", limit=MAX_ROWS)
        values = {columns[i]: c.strip() for i, c in enumerate(cells) if i in columns}
        rows.append(ImportRow(line=reader.line_num, values=values))
    return rows


def _check_row(row: ImportRow) -> dict[str, Any] | None:
    v = row.values
    name = v.get("full_name", "")
    if not name:
        row.problem = ValidationError("full_name", "required")
        return None
    role_word = " ".join(v.get("role", "").lower().split())
    role = ROLE_WORDS.get(role_word) if role_word else Role.OTHER
    if role is None:
        try:
            role = Role(role_word)
        except ValueError:
            row.problem = ValidationError("role", "roster_unknown_role",
                                          role=v.get("role", ""))
            return None
    member = Member(full_name=name, role=role, email=v.get("email", ""),
                    phone=v.get("phone", ""), licence_number=v.get("licence_number", ""),
                    profession_detail=v.get("profession_detail", ""), active=True)
    try:
        _validate(member)
    except ValidationError as exc:
        row.problem = exc  # its field is the column's key (email, phone, …)
        return None
    return {"full_name": member.full_name, "role": member.role, "email": member.email,
            "phone": member.phone, "licence_number": member.licence_number,
            "profession_detail": member.profession_detail,
            "facilitator": v.get("facilitator", "").strip().lower() in TRUE_WORDS}


def _existing(session: OrmSession, values: dict[str, Any]) -> Member | None:
    live = Member.deleted_at.is_(None)
    if values["email"]:
        found = session.scalars(select(Member).where(
            live, func.lower(Member.email) == values["email"].lower())).first()
        if found is not None:
            return found
    return session.scalars(select(Member).where(
        live, func.lower(Member.full_name) == values["full_name"].lower())).first()


def import_roster_csv(db: Database, group_id: str, text: str,
                      apply: bool = False) -> ImportResult:
    """Check (``apply=False``) or import a roster. Rows with a problem are reported with
    their line and skipped; the others are imported together in one transaction (the
    operations that add a person and a membership join it).
    A person already on record (same email, else same name) is added, not duplicated."""
    rows = _parse(text)
    checked = [(row, _check_row(row)) for row in rows]
    seen: dict[str, int] = {}
    for row, values in checked:
        if values is None:
            continue
        key = (values["email"] or values["full_name"]).lower()
        if key in seen:
            row.problem = ValidationError("row", "roster_same_person", line=seen[key])
        else:
            seen[key] = row.line
    result = ImportResult(rows=rows)
    with (db.write() if apply else db.read()) as session:
        get_live(session, Group, group_id, "group")
        for row, values in checked:
            if values is None or row.problem is not None:
                result.errors.append(row)
                continue
            existing = _existing(session, values)
            if existing is not None:
                row.member_id = existing.id
            if not apply:
                continue
            if existing is None:  # the same operation as adding one person, in this write
                person = create(db, **{k: v for k, v in values.items() if k != "facilitator"})
                result.created.append(person.id)
                row.member_id = person.id
            _link, joined = _join(session, group_id, row.member_id,
                                  values["facilitator"] or None)
            if joined:
                result.added.append(row.member_id)
    return result
