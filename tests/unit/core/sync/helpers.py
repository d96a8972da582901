"""Replicas that trust each other, full dumps to compare, and bundle exchange."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from clinicapp.core.models import SYNCED_MODELS, Base
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import api

_serial = itertools.count()


def trust_all(*dbs: Database, central: bool = True) -> None:
    """Every replica trusts every other, by the name it was created with; with every
    group's rights unless ``central`` is False (then: the groups each creates)."""
    for db in dbs:
        for other in dbs:
            if other is not db:
                api.add_trusted(db, api.public_identity(other), name_of(other),
                                central=central)


def name_of(db: Database) -> str:
    assert db.paths is not None
    return db.paths.data_dir.name


def data(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every synced row, every column: what must be identical on converged replicas."""
    out = {}
    with db.read() as session:
        for model in SYNCED_MODELS:
            table = model.__table__  # type: ignore[attr-defined]
            rows = session.execute(select(table).order_by(table.c.id)).all()
            out[table.name] = [tuple(r) for r in rows]
    return out


def full_dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every table, synced or local, in a stable order: 'nothing changed' means equal.
    A refused bundle leaves only its record in the local audit of exchanges (status
    "refused", which no check ever takes for an import), so those are left out."""
    out = {}
    with db.read() as session:
        for table in Base.metadata.sorted_tables:
            refusals = " WHERE status != 'refused'" if table.name == "bundle_records" else ""
            rows = session.execute(text(f"SELECT * FROM {table.name}{refusals}")).all()
            out[table.name] = sorted(repr(tuple(r)) for r in rows)
    return out


def exchange_all(dbs: Iterable[Database], folder: Path, rounds: int = 2) -> None:
    """Ordinary rounds: every replica sends a bundle to every other, ``rounds`` times."""
    dbs = list(dbs)
    for _round in range(rounds):
        for a in dbs:
            for b in dbs:
                if a is not b:
                    send(a, b, folder)


def send(sender: Database, receiver: Database, folder: Path,
         auto_compact: bool = True) -> api.ImportResult:
    """Export from ``sender`` for ``receiver`` and import it there."""
    path = folder / f"bundle-{next(_serial)}.clinicbundle"
    api.export_bundle(sender, path, peer=name_of(receiver))
    return api.import_bundle(receiver, path, auto_compact=auto_compact)
