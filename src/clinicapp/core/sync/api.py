"""Sync for the UI and the CLI: identity, trusted peers, bundles, conflicts, peer status.

Every function takes the ``Database`` and does its own unit of work. An import checks
the whole bundle (decryption, trust, signature, replay, formats, authorship, claims,
rights, clocks: see ``exchange``) before it writes, then applies it in one transaction:
all or nothing. Bundles are files, bytes or streams alike.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import sqlcipher3
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from clinicapp.core.errors import ClinicAppError, StorageFullError
from clinicapp.core.keys.identity import PublicIdentity, load_keys
from clinicapp.core.models import BundleRecord
from clinicapp.core.services import duplicates
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import bundle, exchange, repair, vector
from clinicapp.core.sync.bundle import BundleError
from clinicapp.core.sync.clocks import clock_warnings
from clinicapp.core.sync.compaction import CompactionResult, compact, prune_if_due
from clinicapp.core.sync.exchange import (
    BundleInfo,
    ChangeFilter,
    ExportResult,
    ImportResult,
    two_versions_text,
)
from clinicapp.core.sync.peers import (
    PeerStatus,
    add_trusted,
    peers_status,
    pending_changes,
    remove_trusted,
)
from clinicapp.core.sync.repair import needs_repair, repair_clock
from clinicapp.core.sync.review import ConflictView, list_conflicts, resolve_conflict

Progress = Callable[[int, int], None]
NOTHING_NEW = frozenset({"replayed", "stale"})  # nothing to do: exit 0, nothing recorded
log = logging.getLogger(__name__)

__all__ = [
    "BundleError",
    "BundleInfo",
    "CompactionResult",
    "ConflictView",
    "ExportResult",
    "ImportResult",
    "PeerStatus",
    "add_trusted",
    "clock_warnings",
    "compact",
    "export_bundle",
    "export_bundle_bytes",
    "export_bundle_data",
    "export_bundle_to",
    "import_bundle",
    "import_bundle_bytes",
    "import_bundle_from",
    "inspect_bundle",
    "inspect_bundle_bytes",
    "list_conflicts",
    "peers_status",
    "pending_changes",
    "public_identity",
    "record_refusal",
    "remove_trusted",
    "repair_clock",
    "resolve_conflict",
    "restamp_unacknowledged",
    "two_versions_text",
]


def restamp_unacknowledged(db: Database) -> int:
    """After correcting a clock that ran ahead: void and re-issue this workstation's
    future-stamped changes as a clock repair every replica applies alike (``repair``);
    how many were re-issued. (The CLI's ``restamp``, the Sync page's button.)"""
    return repair_clock(db)


def _repair_before_export(db: Database) -> None:
    """Never send changes others would keep waiting: a clock found ahead is repaired."""
    if needs_repair(db):
        repair_clock(db, repair.AUTO_MS)


# --- identity ----------------------------------------------------------------


def public_identity(db: Database) -> PublicIdentity:
    with db.read() as session:
        return load_keys(session).public()


# --- export, inspect, import ------------------------------------------------------


def export_bundle(db: Database, path: Path | str, peer: str | None = None,
                  progress: Progress | None = None) -> ExportResult:
    """Write a bundle file for ``peer`` (default: the central server) carrying exactly what
    that peer's last known vector lacks."""
    path = Path(path)
    with one_line(f"exporting to {path.name}", "nothing was exported"):
        _repair_before_export(db)
        return exchange.export(db, peer, progress, lambda keys, m, payload: bundle.write(
            path, keys, m, payload), path)


def export_bundle_bytes(db: Database, peer: str | None = None,
                        progress: Progress | None = None) -> bytes:
    """``export_bundle`` as bytes (an HTTP body); the peer's sent vector is updated the
    same way."""
    return export_bundle_data(db, peer, progress)[0]


def export_bundle_data(db: Database, peer: str | None = None,
                       progress: Progress | None = None, *, only: ChangeFilter | None = None,
                       also_held: vector.Vector | None = None,
                       limit: int | None = None, in_parts: bool = False,
                       more_follow: bool = False) -> tuple[bytes, ExportResult]:
    """The bundle's bytes and what it carries.

    For a relay (the central server): ``only`` keeps the changes the peer may receive
    (its scope; of a signed run, the others travel as their digests only), ``also_held``
    adds what the peer acknowledged by other means to its known vector, and ``limit``
    bounds the changes of one bundle, in whole runs (``ExportResult.more`` says whether
    more wait); ``in_parts`` and ``more_follow`` make the parts of one pull one audit
    line (``exchange.export``)."""
    out: list[bytes] = []
    with one_line("exporting a bundle", "nothing was exported"):
        _repair_before_export(db)
        result = exchange.export(db, peer, progress, lambda keys, m, payload: out.append(
            bundle.pack(keys, m, payload)), None, only=only, also_held=also_held,
            limit=limit, in_parts=in_parts, more_follow=more_follow)
    return out[0], result


def export_bundle_to(db: Database, stream: BinaryIO, peer: str | None = None,
                     progress: Progress | None = None) -> ExportResult:
    """``export_bundle`` written to an open binary stream."""
    data, result = export_bundle_data(db, peer, progress)
    stream.write(data)
    return result


def inspect_bundle(db: Database, path: Path | str) -> BundleInfo:
    """What a bundle is, without importing it. Raises BundleError if it cannot be read."""
    path = Path(path)
    return exchange.inspect(db, lambda keys: bundle.read(path, keys))


def inspect_bundle_bytes(db: Database, data: bytes, name: str = "the bundle") -> BundleInfo:
    """``inspect_bundle`` for a bundle held in memory (an HTTP body)."""
    return exchange.inspect(db, lambda keys: bundle.open_bytes(data, keys, name))


def import_bundle(db: Database, path: Path | str, progress: Progress | None = None,
                  auto_compact: bool = True) -> ImportResult:
    """Check a bundle completely, then apply it in one transaction. Afterwards (in its own
    transaction) prune history that every peer has now acknowledged."""
    path = Path(path)
    return _import_then_compact(db, lambda keys: bundle.read(path, keys), path.name,
                                progress, auto_compact)


def import_bundle_bytes(db: Database, data: bytes, name: str = "the bundle",
                        progress: Progress | None = None,
                        auto_compact: bool = True) -> ImportResult:
    """``import_bundle`` for a bundle held in memory (an HTTP body); ``name`` is how
    messages refer to it."""
    return _import_then_compact(db, lambda keys: bundle.open_bytes(data, keys, name), name,
                                progress, auto_compact)


def import_bundle_from(db: Database, stream: BinaryIO, name: str = "the bundle",
                       progress: Progress | None = None,
                       auto_compact: bool = True) -> ImportResult:
    """``import_bundle`` from an open binary stream (read up to the bundle size limit)."""
    return _import_then_compact(db, lambda keys: bundle.read_stream(stream, keys, name), name,
                                progress, auto_compact)


def _import_then_compact(db: Database, opener: exchange.Opener, name: str,
                         progress: Progress | None, auto_compact: bool) -> ImportResult:
    try:
        with one_line(f"importing {name}", "nothing was imported"):
            result = exchange.take(db, opener, name, progress)
    except BundleError as exc:
        if exc.kind not in NOTHING_NEW:  # a bundle already here is no refusal
            record_refusal(db, exc.kind, str(exc))
        raise
    # Rows that arrived for a record merged away elsewhere move to the record kept, here
    # as on every replica (each writes the same values).
    duplicates.follow(db)
    if auto_compact:
        with one_line("compacting after the import", "the import itself is complete"):
            prune_if_due(db, result.received)  # not after every small bundle
    return result


def record_refusal(db: Database, kind: str, reason: str) -> None:
    """Keep a refused bundle in the local audit of exchanges (its own transaction: the
    import's rolled back). A record each time, under a random key, so it is never taken
    for an imported bundle; its sender is not known to be who it claims, so no peer."""
    try:
        with db.write() as session:
            session.add(BundleRecord(
                content_hash=hashlib.sha256(uuid.uuid4().bytes).hexdigest(), direction="in",
                peer_id="", status="refused",
                summary=json.dumps({"kind": kind, "reason": reason[:400]})))
    except (SQLAlchemyError, OSError, sqlcipher3.Error):  # e.g. the disk that was full
        log.exception("could not record the refused bundle")


@contextmanager
def one_line(doing: str, outcome: str) -> Iterator[None]:
    """Failures that are no bundle's fault (disk full, out of memory, a database error)
    become one BundleError line; the details go to the log; the transaction rolled back."""
    try:
        yield
    except StorageFullError:  # the write said so itself (and rolled back)
        raise BundleError("failed", f"{doing}: the disk is full ({outcome}); free some "
                          "space on the drive of the data folder and try again") from None
    except (ClinicAppError, KeyboardInterrupt):
        raise
    except MemoryError:
        log.exception("%s: out of memory", doing)
        raise BundleError("failed", f"{doing}: not enough memory ({outcome}); close other "
                          "programs and try again") from None
    except (SQLAlchemyError, OSError, sqlcipher3.Error) as exc:  # SQLCipher's own errors
        log.exception("%s failed", doing)                       # pass SQLAlchemy unwrapped
        text = str(exc).lower()
        if "full" in text or getattr(exc, "errno", None) == errno.ENOSPC:
            reason = "the disk is full"
        elif isinstance(exc, (IntegrityError, sqlcipher3.IntegrityError)):
            reason = "the database refused a record (integrity check; details in the log)"
        elif isinstance(exc, OSError):
            reason = exc.strerror or type(exc).__name__
        else:
            reason = "the database failed (details in the log)"
        raise BundleError("failed", f"{doing}: {reason} ({outcome})") from None
