"""Audit trail: who exported, printed, synced or failed to unlock what, and when.

Entries are synced (the program office sees them) and never pruned, so they must carry
no private text: ``detail`` names *what* (a table, a file name, a count), never content.

Bundle exchanges are audited locally: ``list_entries`` shows this workstation's
``bundle_records`` (exports, imports, refusals, written by core whichever front end
asked) as entries among the others. A synced entry per exchange would itself be a
change to send, so replicas would never end in step.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import case, func, literal, select, union_all
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.errors import ValidationError
from clinicapp.core.models import AuditEntry, BundleRecord, Peer
from clinicapp.core.models.local import ACTOR, current_actor
from clinicapp.core.services._common import Page
from clinicapp.core.storage.db import Database
from clinicapp.core.sync.changelog import REPLICA_ID
from clinicapp.core.sync.clock import utcnow

# The actions other parts of ClinicApp record; others are allowed if they look like these.
KNOWN_ACTIONS = (
    "export_bundle", "import_bundle", "sync", "export_csv", "print_report",
    "unlock_failed", "backup", "restore", "journal_opened", "demo_data",
    "journal_passphrase_changed", "journal_recovery_replaced", "passphrase_changed",
    "recovery_key_replaced", "setting_changed", "os_unlock_on", "os_unlock_off",
    "refused_bundle",
)
# The actions shown from bundle_records, not written as entries.
BUNDLE_ACTIONS = ("export_bundle", "import_bundle", "refused_bundle")
R = TypeVar("R")
_ACTION = re.compile(r"^[a-z][a-z0-9_]{1,49}$")
MAX_DETAIL = 500


def default_actor() -> str:
    """The user named by ``acting_as``, else the operating-system login at the
    workstation: the best 'who' without accounts."""
    return current_actor()


@contextmanager
def acting_as(name: str) -> Iterator[None]:
    """Within this, what core records itself (bundle exchanges) names ``name`` as who
    asked: for a front end with accounts (the server's dashboard)."""
    token = ACTOR.set(name)
    try:
        yield
    finally:
        ACTOR.reset(token)


def as_actor(name: str, fn: Callable[..., R], *args: Any) -> R:
    """``fn(*args)`` under ``acting_as(name)`` (for a worker thread, where the caller's
    context does not follow)."""
    with acting_as(name):
        return fn(*args)


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


def _bundle_action() -> Any:
    return case((BundleRecord.direction == "out", "export_bundle"),
                (BundleRecord.status == "refused", "refused_bundle"),
                else_="import_bundle")


def list_entries(db: Database, offset: int = 0, limit: int = 100,
                 action: str | None = None) -> Page[AuditEntry]:
    """Newest first: audit entries and this workstation's bundle exchanges, in one page
    (the union and the paging are done by the database; only the page's rows are read)."""
    entries = (select(literal("a").label("src"), AuditEntry.id.label("key"),
                      AuditEntry.at.label("at"), AuditEntry.action.label("action"))
               .where(AuditEntry.deleted_at.is_(None)))
    bundles = select(literal("b").label("src"), BundleRecord.content_hash.label("key"),
                     BundleRecord.processed_at.label("at"), _bundle_action().label("action"))
    if action:
        entries = entries.where(AuditEntry.action == action)
        bundles = bundles.where(_bundle_action() == action)
    both = union_all(entries, bundles).subquery()
    with db.read() as session:
        total = int(session.scalar(select(func.count()).select_from(both)) or 0)
        keys = session.execute(select(both.c.src, both.c.key)
                               .order_by(both.c.at.desc(), both.c.key.desc())
                               .offset(offset).limit(limit)).all()
        a_ids = [k for src, k in keys if src == "a"]
        b_ids = [k for src, k in keys if src == "b"]
        found: dict[tuple[str, str], AuditEntry] = {}
        if a_ids:
            found.update((("a", e.id), e) for e in session.scalars(
                select(AuditEntry).where(AuditEntry.id.in_(a_ids))))
        if b_ids:
            peers = {p.replica_id: p.name for p in session.scalars(select(Peer))}
            found.update((("b", r.content_hash), _as_entry(r, peers)) for r in
                         session.scalars(select(BundleRecord).where(
                             BundleRecord.content_hash.in_(b_ids))))
        items = [found[(src, k)] for src, k in keys if (src, k) in found]
    return Page(items=items, offset=offset, total=total)


def _counted(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _as_entry(record: BundleRecord, peers: dict[str, str]) -> AuditEntry:
    """A bundle exchange worded as an audit line (never added to a session)."""
    try:
        summary = json.loads(record.summary or "{}")
    except ValueError:
        summary = {}
    if not isinstance(summary, dict):
        summary = {}
    names = ", ".join(peers.get(p, p) for p in record.peer_id.split(",") if p)
    if record.direction == "out":
        action = "export_bundle"
        counts = summary.get("counts") or {}
        what = ", ".join(f"{n} {t}" for t, n in sorted(counts.items()))
        detail = (f"to {names or 'no peer'}: "
                  f"{_counted(int(summary.get('changes', 0)), 'change', 'changes')}"
                  + (f" ({what})" if what else ""))
    elif record.status == "refused":
        action = "refused_bundle"
        detail = f"refused ({summary.get('kind', '?')}): {summary.get('reason', '')}"
    else:
        action = "import_bundle"
        added = sum((summary.get("rows_added") or {}).values())
        changed = sum((summary.get("rows_changed") or {}).values())
        detail = (f"from {names or 'unknown'}: "
                  f"{_counted(int(summary.get('received', 0)), 'new change', 'new changes')}"
                  f", {_counted(added, 'record added', 'records added')}"
                  f", {_counted(changed, 'record changed', 'records changed')}"
                  f", {_counted(int(summary.get('conflicts', 0)), 'conflict', 'conflicts')}")
        if record.status and record.status != "imported":
            detail += f" ({record.status})"
    return AuditEntry(id=record.content_hash[:36], at=record.processed_at, action=action,
                      detail=" ".join(detail.split())[:MAX_DETAIL], actor=record.actor,
                      replica_id="")
