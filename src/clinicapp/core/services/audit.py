"""Audit trail: who exported, printed, synced or failed to unlock what, and when.

Entries are synced (the program office sees them) and never pruned, so they must carry
no private text: ``detail`` names *what* (a table, a file name, a count), never content.
"""

from __future__ import annotations

import getpass
import re

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.errors import ValidationError
from clinicapp.core.models import AuditEntry
from clinicapp.core.services._common import Page, paged
from clinicapp.core.storage.db import Database
from clinicapp.core.sync.changelog import REPLICA_ID
from clinicapp.core.sync.clock import utcnow

# The actions other parts of ClinicApp record; others are allowed if they look like these.
KNOWN_ACTIONS = (
    "export_bundle", "import_bundle", "sync", "export_csv", "print_report",
    "unlock_failed", "backup", "restore", "journal_opened", "demo_data",
    "journal_passphrase_changed", "journal_recovery_replaced", "passphrase_changed",
    "recovery_key_replaced", "setting_changed", "os_unlock_on", "os_unlock_off",
)
_ACTION = re.compile(r"^[a-z][a-z0-9_]{1,49}$")
MAX_DETAIL = 500


def default_actor() -> str:
    """The operating-system login at the workstation: the best 'who' without accounts."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (some service accounts, containers)
        return ""


def _entry(action: str, detail: str, actor: str, replica_id: str) -> AuditEntry:
    if not _ACTION.match(action):
        raise ValidationError("action", "audit_action_format")
    # One line, bounded: the detail names what was done, it is not a place for content.
    detail = " ".join(detail.split())
    if len(detail) > MAX_DETAIL:
        raise ValidationError("detail", "too_long", limit=MAX_DETAIL)
    return AuditEntry(at=utcnow(), action=action, detail=detail,
                      actor=(actor or default_actor())[:200], replica_id=replica_id)


def record(session: OrmSession, action: str, detail: str = "", actor: str = "") -> AuditEntry:
    """Add an entry inside the caller's transaction (it commits or rolls back with it)."""
    entry = _entry(action, detail, actor, str(session.info.get(REPLICA_ID) or ""))
    session.add(entry)
    return entry


def log(db: Database, action: str, detail: str = "", actor: str = "") -> AuditEntry:
    """Add an entry in its own transaction."""
    with db.write() as session:
        return record(session, action, detail, actor)


def list_entries(db: Database, offset: int = 0, limit: int = 100,
                 action: str | None = None) -> Page[AuditEntry]:
    """Newest first."""
    stmt = (select(AuditEntry).where(AuditEntry.deleted_at.is_(None))
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()))
    if action:
        stmt = stmt.where(AuditEntry.action == action)
    with db.read() as session:
        return paged(session, stmt, offset, limit)
