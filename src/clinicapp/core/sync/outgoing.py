"""Making bundles: every signed run holding a change a peer lacks, whole, scoped for a
relay and bounded for a pull in parts; the sent vector and the local audit line of the
exchange are written in the same transaction. ``exchange`` re-exports ``export``."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain, pairwise
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.errors import ValidationError
from clinicapp.core.keys.identity import ReplicaKeys, load_keys
from clinicapp.core.models import BundleRecord, Peer
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import authority, authorship, bundle, pg_export, vector
from clinicapp.core.sync.bundle import Manifest
from clinicapp.core.sync.clock import Hlc, utcnow
from clinicapp.core.sync.peers import lacking, peer_named, union, vec
from clinicapp.core.sync.ranges import RangeSet

Progress = Callable[[int, int], None]
Sink = Callable[[ReplicaKeys, Manifest, bytes], None]
# A relay's scope: given the changes it may send, whether the peer may receive each.
ChangeFilter = Callable[[OrmSession, list[dict[str, Any]]], Callable[[dict[str, Any]], bool]]


@dataclass(frozen=True)
class ExportResult:
    path: Path | None  # None when exported as bytes
    recipients: list[str]
    changes: int
    counts: dict[str, int]
    created_at: datetime
    ranges: dict[str, list[list[int]]] = field(default_factory=dict)  # what it carries
    more: bool = False  # a limit left more changes for another bundle



def _targets(session: OrmSession, peer: str | None) -> list[Peer]:
    if peer:
        return [peer_named(session, peer)]
    central = list(session.scalars(select(Peer).where(Peer.is_central.is_(True))))
    if not central:
        raise ValidationError("peer", "no_central_server")
    return central


Runs = list[tuple[authorship.Run, list[dict[str, Any]]]]


@dataclass
class _Item:
    """One run on its way out: its changes as sent (some perhaps withheld) and, of them,
    those carried whole. ``sent is changes`` when nothing is withheld (the usual run)."""

    run: authorship.Run
    changes: list[dict[str, Any]]
    sent: list[dict[str, Any]]


def _items(runs: Runs) -> list[_Item]:
    return [_Item(run, part, part) for run, part in runs]


def _scoped(session: OrmSession, runs: Runs, only: ChangeFilter) -> list[_Item]:
    """Of each run, the changes ``only`` keeps; the others go as their digests alone, so
    the author's signature still verifies and nothing of them is revealed. A run with
    nothing kept is left out; a run kept whole is passed on as it is."""
    keeps = only(session, [c for _r, p in runs for c in p])
    out = []
    for run, part in runs:
        flags = list(map(keeps, part))
        if all(flags):
            out.append(_Item(run, part, part))
        elif any(flags):
            sent = [c for c, kept in zip(part, flags, strict=True) if kept]
            out.append(_Item(run, [c if kept else {"seq": c["seq"],
                                                   "withheld": authorship.digest(c).hex()}
                                   for c, kept in zip(part, flags, strict=True)], sent))
    return out


def _bounded(items: list[_Item], limit: int) -> tuple[list[_Item], bool]:
    """Whole runs up to about ``limit`` changes (one run at least)."""
    out: list[_Item] = []
    count = 0
    for item in items:
        size = len(item.sent)
        if out and count + size > limit:
            return out, True
        out.append(item)
        count += size
    return out, False


def _unsent_first(items: list[_Item], targets: list[Peer]) -> list[_Item]:
    """Runs not yet sent to the peers before those sent and not acknowledged: a change the
    receiver could not store yet (a pruned stub waiting for the value that replaced it)
    must not take every part's room, so each part moves the exchange on."""
    sent = union([vec(p.sent) for p in targets])

    def was_sent(item: _Item) -> bool:
        held = sent.get(item.run.origin)
        if held is None:
            return False
        if item.sent is item.changes:  # whole: one range to look up
            return held.issuperset(RangeSet([(item.run.lo, item.run.hi)]))
        return all(c["seq"] in held for c in item.sent)

    return sorted(items, key=was_sent)  # stable: each side keeps its order


@dataclass(frozen=True)
class _Carried:
    ranges: dict[str, RangeSet]  # per origin, the changes carried
    changes: int  # each carried once (runs may overlap)
    counts: dict[str, int]  # per table
    max_hlc: str


def _carried(items: list[_Item]) -> _Carried:
    """What the runs carry, in whole-run steps and C-level loops: a run carried whole adds
    one range; a change is counted once even when runs overlap (then it is looked up by
    ``(origin, seq)``, the rare case)."""
    ranges: dict[str, RangeSet] = {}
    spans: dict[str, list[tuple[int, int]]] = {}
    for item in items:
        if not item.sent:
            continue
        run = item.run
        held = ranges.setdefault(run.origin, RangeSet())
        spans.setdefault(run.origin, []).append((run.lo, run.hi))
        if item.sent is item.changes:
            held.add(run.lo, run.hi)
        else:  # some withheld: each carried seq
            for seq in sorted(c["seq"] for c in item.sent):
                held.add(seq)
    parts = [item.sent for item in items]
    if any(_overlap(s) for s in spans.values()):
        seen = {(c["origin"], c["seq"]): c for c in chain.from_iterable(parts)}
        carried: Iterable[dict[str, Any]] = seen.values()
        count = len(seen)
    else:
        carried = chain.from_iterable(parts)
        count = sum(map(len, parts))
    counts = dict(Counter(map(itemgetter("tbl"), carried)))
    newest = max(map(itemgetter("hlc"), chain.from_iterable(parts)), default=str(Hlc(0, 0)))
    return _Carried(ranges, count, counts, newest)


def _overlap(spans: list[tuple[int, int]]) -> bool:
    spans.sort()
    return any(lo <= prev_hi for (_l, prev_hi), (lo, _h) in pairwise(spans))


def export(db: Database, peer: str | None, progress: Progress | None, sink: Sink,
           path: Path | None, only: ChangeFilter | None = None,
           also_held: vector.Vector | None = None, limit: int | None = None,
           in_parts: bool = False, more_follow: bool = False) -> ExportResult:
    """Every signed run holding a change the peer lacks, whole. The sink runs inside the
    transaction: if writing fails, the sent vector is unchanged.

    ``in_parts``: this bundle is one part of an exchange sent in parts (a pull); its
    audit line is folded into the exchange's open line, which stays open while this part
    leaves more (``limit``) or ``more_follow`` says more parts come."""
    with db.write() as session:
        keys = load_keys(session)
        targets = _targets(session, peer)
        held = vector.load(session)
        extra = [also_held] if also_held else []
        needed = union([lacking(held, union([vec(p.acked), *extra])) for p in targets])
        for p in targets:  # its own changes are never sent back to a replica (refused)
            needed.pop(p.replica_id, None)
        payload, size, lines, what, more = _build(session, needed, only, limit, targets)
        if progress:
            progress(1, 3)
        carried, counts = what.ranges, what.counts
        created = utcnow()
        recipients = [p.age_recipient for p in targets] + [keys.age_recipient]
        manifest = Manifest(
            sender=keys.replica_id, sender_name=keys.name,
            sender_key=keys.public().minisign_key, recipients=recipients,
            recipient_ids=[p.replica_id for p in targets],
            vector=vector.to_json(held), ranges=vector.to_json(carried), counts=counts,
            changes=what.changes, created_at=created.isoformat(), max_hlc=what.max_hlc,
            content_hash=hashlib.sha256(payload).hexdigest(), payload_bytes=size,
            lines=lines, directory=authority.directory_for(
                session, set(carried), {p.replica_id for p in targets} | {keys.replica_id}))
        if progress:
            progress(2, 3)
        sink(keys, manifest, payload)
        for p in targets:
            sent = vec(p.sent)
            for origin, ranges in carried.items():
                sent.setdefault(origin, RangeSet()).update(ranges)
            p.sent = json.dumps(vector.to_json(sent))
            p.last_sent_at = created
        _record_export(session, manifest, targets, what, created,
                       in_parts=in_parts, still_open=more or more_follow)
        if progress:
            progress(3, 3)
        return ExportResult(path, [p.name for p in targets], what.changes, counts, created,
                            vector.to_json(carried), more)


def _build(session: OrmSession, needed: vector.Vector, only: ChangeFilter | None,
           limit: int | None, targets: list[Peer]
           ) -> tuple[bytes, int, int, _Carried, bool]:
    """The payload (compressed, its size and lines), what it carries, and whether a limit
    left more. On PostgreSQL the database builds it (``pg_export``: the same bytes)."""
    if limit is None and pg_export.usable(session, only):
        chosen = authorship.chosen_runs(session, needed)
        if not pg_export.overlapping(chosen):
            scope = only if isinstance(only, pg_export.RowScope) else None
            built = pg_export.build(session, chosen, scope)
            return built.payload, built.size, built.lines, _Carried(
                built.ranges, built.changes, built.counts,
                built.max_hlc or str(Hlc(0, 0))), False
    runs = authorship.runs_for(session, needed)
    items = _scoped(session, runs, only) if only is not None else _items(runs)
    more = False
    if limit is not None:
        items, more = _bounded(_unsent_first(items, targets), limit)
    payload, size, lines = bundle.write_payload([(i.run, i.changes) for i in items])
    return payload, size, lines, _carried(items), more


IN_PARTS = "in parts"  # the status of an exchange's audit line while parts still come


def _record_export(session: OrmSession, manifest: Manifest, targets: list[Peer],
                   what: _Carried, created: datetime, in_parts: bool, still_open: bool
                   ) -> None:
    """The export's line in the local audit of exchanges (``bundle_records``): one per
    bundle, or one per exchange sent in parts, counting every part built for it (a
    server's pulls: one line per pull, not per part, and none for a pull of nothing)."""
    peers = ",".join(p.replica_id for p in targets)
    status = IN_PARTS if in_parts and still_open else "exported"
    summary: dict[str, Any] = {"changes": what.changes, "counts": what.counts, "parts": 1}
    if in_parts:
        line = session.scalars(select(BundleRecord).where(
            BundleRecord.direction == "out", BundleRecord.peer_id == peers,
            BundleRecord.status == IN_PARTS).order_by(BundleRecord.processed_at.desc())
            .limit(1)).first()
        if line is not None:
            before = json.loads(line.summary or "{}")
            counts = Counter(before.get("counts") or {})
            counts.update(what.counts)
            line.summary = json.dumps({"changes": int(before.get("changes", 0)) + what.changes,
                                       "counts": dict(counts),
                                       "parts": int(before.get("parts", 1)) + 1})
            line.processed_at = created
            line.status = status
            return
        if not what.changes:
            return  # a pull that finds nothing new exported nothing: no line of its own
    session.add(BundleRecord(
        content_hash=hashlib.sha256(manifest.to_bytes()).hexdigest(), direction="out",
        peer_id=peers, created_at=created, processed_at=created, status=status,
        summary=json.dumps(summary)))

