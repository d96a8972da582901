"""Members and their memberships in groups (roster import from CSV: ``roster.py``)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.errors import ValidationError
from clinicapp.core.models import Group, Member, Membership, Role
from clinicapp.core.models.ids import stable_id
from clinicapp.core.rules.names import by_name
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
        *by_name(Member.full_name, db.engine.dialect.name), Member.id)
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
            .order_by(Membership.is_facilitator.desc(),
                      *by_name(Member.full_name, db.engine.dialect.name), Member.id))
    with db.read() as session:
        return [(m, ms) for m, ms in session.execute(stmt).all()]
