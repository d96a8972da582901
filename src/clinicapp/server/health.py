"""``clinicapp-server check``: is the database reachable, at the current schema, with an
identity, and are the key file's permissions tight."""

from __future__ import annotations

from clinicapp.core.storage import db as core_db
from clinicapp.server import schema
from clinicapp.server.store import Store


def check(store: Store) -> list[str]:
    problems = []
    if core_db.current_revision(store.engine) != core_db.head_revision():
        problems.append("the core schema is not at the current revision")
    if schema.current_revision(store.engine) != schema.head_revision():
        problems.append("the server tables are not at the current revision")
    try:
        store.db.replica_id  # noqa: B018 - raises if missing
    except Exception as exc:
        problems.append(f"no server identity ({exc})")
    result = store.db.integrity_check()
    if result != "ok":
        problems.append(f"integrity check: {result}")
    if store.config.uses_sqlite and not store.config.db_key:
        mode = store.config.key_path.stat().st_mode & 0o777
        if mode & 0o077:
            problems.append(f"{store.config.key_path} has mode {mode:o}: chmod 600 it")
    return problems
