"""Sync for the UI and the CLI: identity, trusted peers, bundles, conflicts, peer status.

Every function takes the ``Database`` and does its own unit of work. An import checks
the whole bundle (decryption, signature, trust, replay, clocks) before it writes, then
applies it in one transaction: all or nothing.
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.errors import ValidationError
from clinicapp.core.keys.identity import PublicIdentity, ReplicaKeys, load_keys
from clinicapp.core.models import BundleRecord, Change, Peer
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import bundle, merge, vector
from clinicapp.core.sync.bundle import BundleError, Manifest
from clinicapp.core.sync.clock import Hlc, utcnow
from clinicapp.core.sync.clocks import clock_problem, clock_warnings, restamp_unacknowledged
from clinicapp.core.sync.compaction import CompactionResult, compact
from clinicapp.core.sync.peers import (
    PeerStatus,
    add_trusted,
    lacking,
    peer_named,
    peers_status,
    pending_changes,
    remove_trusted,
    union,
    vec,
)
from clinicapp.core.sync.ranges import RangeSet
from clinicapp.core.sync.review import ConflictView, list_conflicts, resolve_conflict

Progress = Callable[[int, int], None]
# Keeps the changes a peer may receive (a relay's scope).
ChangeFilter = Callable[[OrmSession, list[dict[str, Any]]], list[dict[str, Any]]]

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
    "remove_trusted",
    "resolve_conflict",
    "restamp_unacknowledged",
]


# --- results -------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportResult:
    path: Path | None  # None when exported as bytes
    recipients: list[str]
    changes: int
    counts: dict[str, int]
    created_at: datetime
    ranges: dict[str, list[list[int]]] = field(default_factory=dict)  # what it carries
    more: bool = False  # a limit left more changes for another bundle


@dataclass(frozen=True)
class BundleInfo:
    sender_name: str
    sender_id: str
    signature_valid: bool
    trusted: bool
    counts: dict[str, int]
    changes: int
    new_changes: int
    created_at: datetime
    already_imported: bool
    schema_version: int
    ranges: dict[str, str]  # origin: "1–40, 51–60", the changes it carries
    problem: str = ""


@dataclass(frozen=True)
class ImportResult:
    sender_name: str
    received: int
    already_held: int
    rows_added: dict[str, int]
    rows_changed: dict[str, int]
    conflicts: int


# --- identity ----------------------------------------------------------------


def public_identity(db: Database) -> PublicIdentity:
    with db.read() as session:
        return load_keys(session).public()


def _changes_in(session: OrmSession, wanted: vector.Vector) -> list[dict[str, Any]]:
    columns = [getattr(Change, k) for k in bundle.CHANGE_KEYS]
    rows: list[dict[str, Any]] = []
    # Plain rows through the session's connection: no ORM loading for what is only copied.
    connection = session.connection()
    for origin, ranges in sorted(wanted.items()):
        for lo, hi in ranges:
            result = connection.execute(select(*columns).where(
                Change.origin == origin, Change.seq.between(lo, hi)).order_by(Change.seq))
            rows.extend(dict(zip(bundle.CHANGE_KEYS, r, strict=True)) for r in result.all())
    return rows


# --- export ----------------------------------------------------------------------------


def _targets(session: OrmSession, peer: str | None) -> list[Peer]:
    if peer:
        return [peer_named(session, peer)]
    central = list(session.scalars(select(Peer).where(Peer.is_central.is_(True))))
    if not central:
        raise ValidationError("peer", "no_central_server")
    return central


def export_bundle(db: Database, path: Path | str, peer: str | None = None,
                  progress: Progress | None = None) -> ExportResult:
    """Write a bundle file for ``peer`` (default: the central server) carrying exactly what
    that peer's last known vector lacks."""
    path = Path(path)
    return _export(db, peer, progress, lambda keys, m, payload: bundle.write(
        path, keys, m, payload), path)


def export_bundle_bytes(db: Database, peer: str | None = None,
                        progress: Progress | None = None) -> bytes:
    """``export_bundle`` as bytes (an HTTP body); the peer's sent vector is updated the
    same way."""
    return export_bundle_data(db, peer, progress)[0]


def export_bundle_data(db: Database, peer: str | None = None,
                       progress: Progress | None = None, *, only: ChangeFilter | None = None,
                       also_held: vector.Vector | None = None,
                       limit: int | None = None) -> tuple[bytes, ExportResult]:
    """The bundle's bytes and what it carries.

    For a relay (the central server): ``only`` keeps the changes the peer may receive
    (its scope), ``also_held`` adds what the peer acknowledged by other means to its known
    vector, and ``limit`` bounds the changes of one bundle (``ExportResult.more`` says
    whether more wait)."""
    out: list[bytes] = []
    result = _export(db, peer, progress,
                     lambda keys, m, payload: out.append(bundle.pack(keys, m, payload)), None,
                     only=only, also_held=also_held, limit=limit)
    return out[0], result


def export_bundle_to(db: Database, stream: BinaryIO, peer: str | None = None,
                     progress: Progress | None = None) -> ExportResult:
    """``export_bundle`` written to an open binary stream."""
    data, result = export_bundle_data(db, peer, progress)
    stream.write(data)
    return result


def _carried(changes: list[dict[str, Any]]) -> vector.Vector:
    out: vector.Vector = {}
    for c in changes:
        out.setdefault(c["origin"], RangeSet()).add(c["seq"])
    return out


def _export(db: Database, peer: str | None, progress: Progress | None,
            sink: Callable[[ReplicaKeys, Manifest, bytes], None],
            path: Path | None, only: ChangeFilter | None = None,
            also_held: vector.Vector | None = None, limit: int | None = None) -> ExportResult:
    # The sink runs inside the transaction: if writing fails, the sent vector is unchanged.
    with db.write() as session:
        keys = load_keys(session)
        targets = _targets(session, peer)
        held = vector.load(session)
        extra = [also_held] if also_held else []
        needed = union([lacking(held, union([vec(p.acked), *extra])) for p in targets])
        changes = _changes_in(session, needed)
        more = False
        if only is not None:
            changes = only(session, changes)
        if limit is not None and len(changes) > limit:
            changes, more = changes[:limit], True
        if only is not None or more:
            needed = _carried(changes)  # the ranges claimed are exactly those carried
        if progress:
            progress(1, 3)
        counts: dict[str, int] = {}
        for c in changes:
            counts[c["tbl"]] = counts.get(c["tbl"], 0) + 1
        payload = bundle.write_changes(changes)
        created = utcnow()
        recipients = [p.age_recipient for p in targets] + [keys.age_recipient]
        manifest = Manifest(
            sender=keys.replica_id, sender_name=keys.name,
            sender_key=keys.public().minisign_key, recipients=recipients,
            recipient_ids=[p.replica_id for p in targets],
            vector=vector.to_json(held), ranges=vector.to_json(needed), counts=counts,
            changes=len(changes), created_at=created.isoformat(),
            max_hlc=max((c["hlc"] for c in changes), default=str(Hlc(0, 0))),
            content_hash=hashlib.sha256(payload).hexdigest())
        if progress:
            progress(2, 3)
        sink(keys, manifest, payload)
        for p in targets:
            sent = vec(p.sent)
            for origin, ranges in needed.items():
                sent.setdefault(origin, RangeSet()).update(ranges)
            p.sent = json.dumps(vector.to_json(sent))
            p.last_sent_at = created
        session.add(BundleRecord(
            content_hash=hashlib.sha256(manifest.to_bytes()).hexdigest(), direction="out",
            peer_id=",".join(p.replica_id for p in targets), created_at=created,
            status="exported", summary=json.dumps({"changes": len(changes), "counts": counts})))
        if progress:
            progress(3, 3)
        return ExportResult(path, [p.name for p in targets], len(changes), counts, created,
                            vector.to_json(needed), more)


# --- inspect and import ----------------------------------------------------------------


def _trust_problem(session: OrmSession, opened: bundle.OpenedBundle, me: str) -> str:
    m = opened.manifest
    if m.sender == me:
        return "this bundle was made by this workstation"
    peer = session.get(Peer, m.sender)
    if peer is None or peer.minisign_key != opened.signer_key:
        who = f"'{m.sender_name}' " if m.sender_name else ""
        return (f"signed by an unknown key ({opened.signer_key}, replica {who}{m.sender}): "
                "if you trust that workstation, add it with 'clinicapp trust add' first")
    if not opened.signature_valid:
        return (f"its signature does not match the key of '{peer.name}': the bundle was "
                "altered or forged")
    return ""


def _origin_name(session: OrmSession, origin: str) -> str:
    peer = session.get(Peer, origin)
    return peer.name if peer is not None else origin


def _ranges_text(ranges: list[list[int]]) -> str:
    return ", ".join(f"{lo}–{hi}" if lo != hi else str(lo) for lo, hi in ranges)


def _imported_on(session: OrmSession, bundle_id: str) -> datetime | None:
    record = session.get(BundleRecord, bundle_id)
    return record.processed_at if record is not None and record.direction == "in" else None


def inspect_bundle(db: Database, path: Path | str) -> BundleInfo:
    """What a bundle is, without importing it. Raises BundleError if it cannot be read."""
    path = Path(path)
    return _inspect(db, lambda keys: bundle.read(path, keys))


def inspect_bundle_bytes(db: Database, data: bytes, name: str = "the bundle") -> BundleInfo:
    """``inspect_bundle`` for a bundle held in memory (an HTTP body)."""
    return _inspect(db, lambda keys: bundle.open_bytes(data, keys, name))


def _inspect(db: Database, opener: Callable[[ReplicaKeys], bundle.OpenedBundle]) -> BundleInfo:
    with db.read() as session:
        opened = opener(load_keys(session))
        m = opened.manifest
        problem = _trust_problem(session, opened, db.replica_id)
        changes = opened.changes()
        fresh, _dups = merge.new_changes(session, changes)
        problem = problem or clock_problem(session, m, changes)
        return BundleInfo(
            sender_name=m.sender_name, sender_id=m.sender,
            signature_valid=opened.signature_valid and not problem.startswith("signed by"),
            trusted=not problem.startswith(("signed by", "its signature")),
            counts=dict(m.counts), changes=m.changes, new_changes=len(fresh),
            created_at=datetime.fromisoformat(m.created_at),
            already_imported=_imported_on(session, opened.bundle_id) is not None,
            schema_version=m.schema_version, problem=problem,
            ranges={_origin_name(session, origin): _ranges_text(r)
                    for origin, r in m.ranges.items()})


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


Opener = Callable[[ReplicaKeys], bundle.OpenedBundle]


def _import_then_compact(db: Database, opener: Opener, name: str, progress: Progress | None,
                         auto_compact: bool) -> ImportResult:
    result = _import(db, opener, name, progress)
    if auto_compact:
        compact(db)
    return result


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """An import holds hundreds of thousands of small, acyclic dicts: Python's cycle
    collector would walk them again and again, making a large import cost more per change
    than a small one. Reference counting still frees everything."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _import(db: Database, opener: Opener, name: str, progress: Progress | None
            ) -> ImportResult:
    with _no_cycle_collection():
        return _import_all(db, opener, name, progress)


def _import_all(db: Database, opener: Opener, name: str, progress: Progress | None
                ) -> ImportResult:
    with db.read() as session:
        keys = load_keys(session)
    opened = opener(keys)
    m = opened.manifest
    changes = opened.changes()
    with db.write() as session:
        problem = _trust_problem(session, opened, db.replica_id)
        if problem:
            kind = "own" if m.sender == db.replica_id else (
                "unknown_signer" if problem.startswith("signed by") else "bad_signature")
            raise BundleError(kind, f"{name}: {problem}")
        imported = _imported_on(session, opened.bundle_id)
        if imported is not None:
            raise BundleError("replayed", f"{name} was already imported on "
                              f"{imported.astimezone():%Y-%m-%d %H:%M}: nothing to do")
        ahead = clock_problem(session, m, changes)
        if ahead:
            raise BundleError("clock_ahead", ahead)
        peer = session.get(Peer, m.sender)
        assert peer is not None
        fresh, _dups = merge.new_changes(session, changes)
        created = datetime.fromisoformat(m.created_at)
        newest_in = session.scalar(select(func.max(BundleRecord.created_at)).where(
            BundleRecord.direction == "in", BundleRecord.peer_id == m.sender))
        if not fresh and newest_in is not None and created < newest_in:
            raise BundleError("stale", f"{name} is older than the last bundle imported "
                              f"from {peer.name} and holds nothing new: nothing to do")
        result = merge.apply(session, changes, progress)
        # What the sender pruned (compaction) is covered by the current values it sent.
        session.flush()  # vector.add finds rows merge just added only once flushed
        for origin, ranges in vector.from_json(m.ranges).items():
            vector.add(session, origin, ranges)
        acked = vec(peer.acked)
        for origin, ranges in vector.from_json(m.vector).items():
            acked.setdefault(origin, RangeSet()).update(ranges)
        peer.acked = json.dumps(vector.to_json(acked))
        peer.last_received_at = utcnow()
        summary = {"received": result.received, "conflicts": result.conflicts,
                   "rows_added": result.rows_added, "rows_changed": result.rows_changed}
        session.add(BundleRecord(content_hash=opened.bundle_id, direction="in",
                                 peer_id=m.sender, created_at=created, status="imported",
                                 summary=json.dumps(summary)))
        return ImportResult(peer.name, result.received, result.duplicates,
                            result.rows_added, result.rows_changed, result.conflicts)
