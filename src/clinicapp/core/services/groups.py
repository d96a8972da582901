"""Groups and hubs: create, edit, delete (tombstone), list."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from clinicapp.core.models import Group, GroupKind
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

EDITABLE = ("name", "kind", "division", "region", "description")


def _validate(group: Group) -> None:
    group.name = require_text("name", group.name, 200)
    group.kind = require_choice("kind", group.kind, GroupKind)


def create(db: Database, name: str, kind: GroupKind | str = GroupKind.SMALL_GROUP,
           division: str = "", region: str = "", description: str = "") -> Group:
    group = Group(name=name, kind=kind, division=division.strip(), region=region.strip(),
                  description=description)
    _validate(group)
    with db.write() as session:
        session.add(group)
    return group


def update(db: Database, group_id: str, **values: Any) -> Group:
    with db.write() as session:
        group = get_live(session, Group, group_id, "group")
        apply_fields(group, values, EDITABLE)
        _validate(group)
    return group


def delete(db: Database, group_id: str) -> None:
    with db.write() as session:
        tombstone(get_live(session, Group, group_id, "group"))


def get(db: Database, group_id: str) -> Group:
    with db.read() as session:
        return get_live(session, Group, group_id, "group")


def list_groups(db: Database, offset: int = 0, limit: int = 100,
                search: str = "") -> Page[Group]:
    stmt = select(Group).where(Group.deleted_at.is_(None)).order_by(
        *by_name(Group.name, db.engine.dialect.name), Group.id)
    if search:
        stmt = stmt.where(Group.name.ilike(f"%{search}%"))
    with db.read() as session:
        return paged(session, stmt, offset, limit)
