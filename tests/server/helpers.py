"""Workstations enrolled with a real server, and what they hold."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from clinicapp.client import enroll
from clinicapp.core.models import Change, Group
from clinicapp.core.storage.db import Database
from tests.server.harness import ServerProcess, workstation


def enrolled(server: ServerProcess, folder: Path, name: str, *groups: str) -> Database:
    db = workstation(folder, name)
    code, fingerprint = server.code(*groups)
    enroll.connect(db, server.url, code, fingerprint=fingerprint)
    return db


def group_id(db: Database, name: str) -> str:
    with db.read() as session:
        found = session.scalar(select(Group.id).where(Group.name == name))
    assert found is not None, f"{name} is not on this workstation"
    return found


def rows_of(db: Database, table: str) -> set[str]:
    with db.read() as session:
        return set(session.scalars(select(Change.row_id).where(Change.tbl == table)))


def origins_of(db: Database) -> set[str]:
    with db.read() as session:
        return set(session.scalars(select(Change.origin).distinct()))
