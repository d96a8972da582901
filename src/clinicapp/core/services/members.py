"""Members, their memberships in groups, and roster import from CSV."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.errors import ValidationError
from clinicapp.core.models import Group, Member, Membership, Role
from clinicapp.core.models.ids import stable_id
from clinicapp.core.services._common import (
    Page,
    apply_fields,
    get_live,
    paged,
    require_choice,
    require_text,
    tombstone,
)
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import clock

EDITABLE = ("full_name", "role", "profession_detail", "email", "phone", "licence_number",
            "active")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

RosterRow = tuple[Member, Membership]


def _validate(member: Member) -> None:
    member.full_name = require_text("full_name", member.full_name, 200)
    member.role = require_choice("role", member.role or Role.OTHER, Role)
    for name, limit in (("profession_detail", 200), ("email", 200), ("phone", 50),
                        ("licence_number", 50)):
        value = (getattr(member, name) or "").strip()
        if len(value) > limit:
            raise ValidationError(name, "too_long", limit=limit)
        setattr(member, name, value)
    if member.email and not EMAIL.match(member.email):
        raise ValidationError("email", "not_email", value=member.email)
    if member.active is None:
        member.active = True


def create(db: Database, full_name: str, role: Role | str = Role.PHYSICIAN,
           profession_detail: str = "", email: str = "", phone: str = "",
           licence_number: str = "", active: bool = True) -> Member:
    member = Member(full_name=full_name, role=role, profession_detail=profession_detail,
                    email=email, phone=phone, licence_number=licence_number, active=active)
    _validate(member)
    with db.write() as session:
        session.add(member)
    return member


def update(db: Database, member_id: str, **values: Any) -> Member:
    with db.write() as session:
        member = get_live(session, Member, member_id, "member")
        apply_fields(member, values, EDITABLE)
        _validate(member)
    return member


def delete(db: Database, member_id: str) -> None:
    """Tombstone a member; their attendance and credits stay on record."""
    with db.write() as session:
        tombstone(get_live(session, Member, member_id, "member"))


def get(db: Database, member_id: str) -> Member:
    with db.read() as session:
        return get_live(session, Member, member_id, "member")


def list_members(db: Database, offset: int = 0, limit: int = 100, search: str = "",
                 active_only: bool = False) -> Page[Member]:
    stmt = select(Member).where(Member.deleted_at.is_(None)).order_by(
        func.lower(Member.full_name), Member.id)
    if active_only:
        stmt = stmt.where(Member.active.is_(True))
    for word in search.split():
        pattern = f"%{word}%"
        stmt = stmt.where(or_(Member.full_name.ilike(pattern), Member.email.ilike(pattern),
                              Member.profession_detail.ilike(pattern)))
    with db.read() as session:
        return paged(session, stmt, offset, limit)


# --- memberships -----------------------------------------------------------------------

def membership_id(group_id: str, member_id: str) -> str:
    """The same on every replica, so two workstations adding one person agree."""
    return stable_id("membership", group_id, member_id)


def _join(session: OrmSession, group_id: str, member_id: str,
          is_facilitator: bool | None = None, on: date | None = None) -> tuple[Membership, bool]:
    """The live membership, created or revived. True when the member was not in the group."""
    get_live(session, Group, group_id, "group")
    get_live(session, Member, member_id, "member")
    link = session.get(Membership, membership_id(group_id, member_id))
    if link is None:
        link = Membership(id=membership_id(group_id, member_id), group_id=group_id,
                          member_id=member_id, is_facilitator=bool(is_facilitator),
                          joined_on=on or clock.today())
        session.add(link)
        return link, True
    joined = link.deleted_at is not None or link.left_on is not None
    if joined:
        link.deleted_at = None
        link.left_on = None
        link.joined_on = on or clock.today()
    if is_facilitator is not None:
        link.is_facilitator = is_facilitator
    return link, joined


def add_to_group(db: Database, group_id: str, member_id: str,
                 is_facilitator: bool = False) -> Membership:
    with db.write() as session:
        link, _ = _join(session, group_id, member_id, is_facilitator)
    return link


def _live_link(session: OrmSession, group_id: str, member_id: str) -> Membership:
    link = session.get(Membership, membership_id(group_id, member_id))
    if link is None or link.deleted_at is not None or link.left_on is not None:
        raise ValidationError("member_id", "not_in_group")
    return link


def remove_from_group(db: Database, group_id: str, member_id: str) -> None:
    """The member leaves the group today; their records stay."""
    with db.write() as session:
        _live_link(session, group_id, member_id).left_on = clock.today()


def set_facilitator(db: Database, group_id: str, member_id: str, on: bool) -> Membership:
    with db.write() as session:
        link = _live_link(session, group_id, member_id)
        link.is_facilitator = bool(on)
    return link


def roster(db: Database, group_id: str) -> list[RosterRow]:
    """Current members of a group with their membership, facilitators first, by name."""
    stmt = (select(Member, Membership).join(Membership, Membership.member_id == Member.id)
            .where(Membership.group_id == group_id, Membership.deleted_at.is_(None),
                   Membership.left_on.is_(None), Member.deleted_at.is_(None))
            .order_by(Membership.is_facilitator.desc(), func.lower(Member.full_name)))
    with db.read() as session:
        return [(m, ms) for m, ms in session.execute(stmt).all()]


# --- roster import -----------------------------------------------------------------------

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
ROLE_WORDS = {
    "physician": Role.PHYSICIAN, "doctor": Role.PHYSICIAN, "md": Role.PHYSICIAN,
    "gp": Role.PHYSICIAN, "médecin": Role.PHYSICIAN, "moa": Role.MOA,
    "medical office assistant": Role.MOA, "nurse": Role.NURSE, "rn": Role.NURSE,
    "np": Role.NURSE, "lpn": Role.NURSE, "infirmière": Role.NURSE,
    "allied health": Role.ALLIED_HEALTH, "allied_health": Role.ALLIED_HEALTH,
    "administrator": Role.ADMINISTRATOR, "admin": Role.ADMINISTRATOR, "other": Role.OTHER,
}
TRUE_WORDS = {"yes", "y", "true", "1", "x", "oui"}
MAX_ROWS = 5000


@dataclass
class ImportRow:
    line: int
    values: dict[str, str]
    error: str = ""
    member_id: str = ""  # an existing member matched by email or name


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
        row.error = "the name is empty"
        return None
    role_word = v.get("role", "").strip().lower()
    role = ROLE_WORDS.get(role_word) if role_word else Role.OTHER
    if role is None:
        try:
            role = Role(role_word)
        except ValueError:
            row.error = (f"unknown role “{v.get('role')}” (use physician, MOA, nurse, "
                         "allied health, administrator or other)")
            return None
    member = Member(full_name=name, role=role, email=v.get("email", ""),
                    phone=v.get("phone", ""), licence_number=v.get("licence_number", ""),
                    profession_detail=v.get("profession_detail", ""), active=True)
    try:
        _validate(member)
    except ValidationError as exc:
        row.error = str(exc)
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
            row.error = f"the same person as line {seen[key]}"
        else:
            seen[key] = row.line
    result = ImportResult(rows=rows)
    with (db.write() if apply else db.read()) as session:
        get_live(session, Group, group_id, "group")
        for row, values in checked:
            if values is None or row.error:
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
