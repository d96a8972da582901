"""Making and taking bundles: what ``api`` exports (``outgoing``), inspects and imports,
whatever the bundle's carrier (a file, bytes, a stream).

An import checks, in this order, before it writes: the front of the file (``bundle``
decrypts only the manifest, its signature and the sender's key), the sender against the
trust list and the manifest's signature, replay, and only then decrypts the rest and
inflates the payload (streamed, under limits: a stranger costs nothing), checks every
line's format, the authors' signatures, the manifest's claims, held changes, stubs and the
authors' rights (``authority``), the clocks; then applies everything in one transaction.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.keys.identity import ReplicaKeys, load_keys
from clinicapp.core.models import BundleRecord, Peer
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import (
    authority,
    authorship,
    batches,
    bundle,
    decisions,
    merge,
    repair,
    vector,
)
from clinicapp.core.sync.bundle import BundleError, Manifest, printable
from clinicapp.core.sync.clock import utcnow
from clinicapp.core.sync.clocks import clock_problem
from clinicapp.core.sync.outgoing import ChangeFilter as ChangeFilter  # the export half
from clinicapp.core.sync.outgoing import ExportResult as ExportResult
from clinicapp.core.sync.outgoing import Progress
from clinicapp.core.sync.outgoing import export as export
from clinicapp.core.sync.peers import lacking, vec
from clinicapp.core.sync.ranges import RangeSet

Opener = Callable[[ReplicaKeys], bundle.OpenedBundle]


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
    parked: int = 0  # stamped too far ahead: waiting for their origin's clock repair
    # Left out, per author's name: changes it signed in two versions (forgery or a bug),
    # relayed here while this workstation holds the other version (which it keeps).
    two_versions: dict[str, list[int]] = field(default_factory=dict)


def two_versions_text(result: ImportResult) -> str:
    """The changes left out because their author signed two versions, in words."""
    return "; ".join(
        f"{_seqs(seqs)} of {author} left out: {author} signed {'it' if len(seqs) == 1 else 'them'} "
        "in two versions (forgery or a bug), and the version held here is kept"
        for author, seqs in sorted(result.two_versions.items()))


def _seqs(seqs: list[int]) -> str:
    shown = ", ".join(str(s) for s in seqs[:10]) + (", …" if len(seqs) > 10 else "")
    return f"change {shown}" if len(seqs) == 1 else f"changes {shown}"


# --- inspect and import ----------------------------------------------------------------


def _trust_problem(session: OrmSession, opened: bundle.OpenedBundle, me: str) -> str:
    m = opened.manifest
    if m.sender == me:
        return "this bundle was made by this workstation"
    peer = session.get(Peer, m.sender)
    if peer is None or peer.minisign_key != opened.signer_key:
        who = f"'{printable(m.sender_name, 60)}' " if m.sender_name else ""
        return (f"signed by an unknown key ({printable(opened.signer_key, 60)}, replica "
                f"{who}{printable(m.sender, 40)}): if you trust that workstation, add it "
                "with 'clinicapp trust add' first")
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


def inspect(db: Database, opener: Opener) -> BundleInfo:
    """What a bundle is, without importing it; its payload is read only when its sender is
    trusted and its signature holds."""
    with db.read() as session:
        opened = opener(load_keys(session))
        try:
            return _inspected(session, db, opened)
        finally:
            opened.close()


def _inspected(session: OrmSession, db: Database, opened: bundle.OpenedBundle) -> BundleInfo:
    m = opened.manifest
    problem = _trust_problem(session, opened, db.replica_id)
    new = 0
    if not problem:
        try:
            changes = opened.changes()
            fresh, _dups = merge.new_changes(session, changes)
            new = len(fresh)
            problem = clock_problem(session, m, changes)
        except BundleError as exc:
            problem = str(exc)
    trusted = not problem.startswith(("signed by", "its signature"))
    return BundleInfo(
        sender_name=m.sender_name if trusted else printable(m.sender_name, 60),
        sender_id=printable(m.sender, 40),
        signature_valid=opened.signature_valid and not problem.startswith("signed by"),
        trusted=trusted, counts=dict(m.counts) if trusted else {}, changes=m.changes,
        new_changes=new, created_at=_created(m),
        already_imported=_imported_on(session, opened.bundle_id) is not None,
        schema_version=m.schema_version, problem=problem,
        ranges={_origin_name(session, origin): _ranges_text(r)
                for origin, r in m.ranges.items()} if trusted else {})


def _created(m: Manifest) -> datetime:
    try:
        return datetime.fromisoformat(m.created_at)
    except ValueError:
        raise BundleError("damaged", "the bundle's manifest has a malformed date") from None


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


def take(db: Database, opener: Opener, name: str, progress: Progress | None) -> ImportResult:
    with _no_cycle_collection():
        return _take(db, opener, name, progress)


def _take(db: Database, opener: Opener, name: str, progress: Progress | None) -> ImportResult:
    with db.read() as session:
        keys = load_keys(session)
    opened = opener(keys)  # the manifest only: the payload is decrypted once trusted
    try:
        return _checked_take(db, opened, name, progress)
    finally:
        opened.close()


def _checked_take(db: Database, opened: bundle.OpenedBundle, name: str,
                  progress: Progress | None) -> ImportResult:
    m = opened.manifest
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
        peer = session.get(Peer, m.sender)
        assert peer is not None
        # Only now: the sender is trusted and its signature holds.
        seen = bundle.Seen()  # what the changes hold at most: rare things not looked for
        runs, roots = opened.runs_and_roots(keep=False, seen=seen)
        checked = authority.check(session, m, runs, db.replica_id, peer, roots, seen)
        del runs  # the changes are held by checked.fresh alone from here (batches.apply)
        # Clock repairs apply, and what is stamped too far ahead waits (parked) while the
        # rest imports (core.sync.repair, owned by "decisions").
        changes, parked = repair.sort_out(session, checked.fresh, seen)
        fresh, checked.fresh = bool(checked.fresh), []
        created = _created(m)
        newest_in = session.scalar(select(func.max(BundleRecord.created_at)).where(
            BundleRecord.direction == "in", BundleRecord.peer_id == m.sender,
            # one made while its sender's clock ran ahead must not make all later look old
            BundleRecord.created_at <= utcnow() + timedelta(minutes=5)))
        if not fresh and newest_in is not None and created < newest_in:
            raise BundleError("stale", f"{name} is older than the last bundle imported "
                              f"from {peer.name} and holds nothing new: nothing to do")
        open_before = decisions.open_keys(session)
        result = batches.apply(session, changes, progress)  # empties changes
        result.duplicates = checked.duplicates
        authorship.store_runs(session, checked.runs)
        # What the person is told is put aside: the list's growth once settled (the
        # merge alone does not see a delete that raced an edit).
        result.conflicts = decisions.put_aside_since(session, open_before)
        # Held ranges grow only by stored changes (merge.apply); the sender's vector only
        # tells what need not be sent back to it.
        session.flush()  # the vector rows merge just wrote (autoflush is off)
        held = vector.load(session)
        claimed = vector.from_json(m.vector)
        acked = vec(peer.acked)
        # Only what is held here can be resent: a claim beyond it means nothing.
        for origin, ranges in lacking(held, lacking(held, claimed)).items():
            acked.setdefault(origin, RangeSet()).update(ranges)
        peer.acked = json.dumps(vector.to_json(acked))
        peer.last_received_at = utcnow()
        summary: dict[str, Any] = {
            "received": result.received, "conflicts": result.conflicts,
            "rows_added": result.rows_added, "rows_changed": result.rows_changed}
        session.add(BundleRecord(content_hash=opened.bundle_id, direction="in",
                                 peer_id=m.sender, created_at=created, status="imported",
                                 summary=json.dumps(summary)))
        names = {o: a.name for o, (a, _k) in authority.known_authors(session).items()} \
            if checked.equivocated else {}
        return ImportResult(peer.name, result.received, result.duplicates,
                            result.rows_added, result.rows_changed, result.conflicts, parked,
                            {names.get(o, o): seqs for o, seqs in checked.equivocated.items()})
