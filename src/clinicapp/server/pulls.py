"""Pulls: the server builds, for one device, a bundle of what the device lacks within its
scope, bounded in size; the device downloads it (resumable with HTTP Range on any worker),
imports it and acknowledges it. One part waits per device at a time; asking again before
acknowledging gets the same part, so nothing is built or sent twice for nothing."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.models import Peer
from clinicapp.core.sync import api as sync_api
from clinicapp.core.sync import vector
from clinicapp.core.sync.batches import BATCH
from clinicapp.core.sync.clock import utcnow
from clinicapp.core.sync.peers import lacking, union, vec
from clinicapp.core.sync.ranges import RangeSet
from clinicapp.server import history, scope
from clinicapp.server.auth import Caller, Refusal
from clinicapp.server.models import Device, PullPart
from clinicapp.server.store import Store

# Changes per part: one of the import's merge batches, so a workstation merges a part in
# one go (about 0.5 MiB compressed, 12 MiB of lines). Each part costs a request, its ranges
# and an acknowledgement, each a round trip over a slow link; 20,000 took six parts for
# 105,000 changes, 0.45 s of the server's time, three parts 0.39 s.
PART_CHANGES = BATCH


@dataclass(frozen=True)
class PartInfo:
    id: str
    size: int
    changes: int
    more: bool


def _info(part: PullPart) -> PartInfo:
    return PartInfo(part.id, len(part.data), part.changes, part.more)


def _waiting(session: OrmSession, device_id: str) -> PartInfo | None:
    """The part waiting for this device, without reading its bytes (its columns as a
    plain row: no ORM object, no loader option to build per request)."""
    row = session.execute(select(PullPart.id, func.length(PullPart.data), PullPart.changes,
                                 PullPart.more)
                          .where(PullPart.device_id == device_id)).first()
    return None if row is None else PartInfo(row[0], int(row[1]), row[2], row[3])


def window(todo: vector.Vector, limit: int) -> tuple[vector.Vector, vector.Vector]:
    """The first ``limit`` changes of ``todo`` (origins in order, seqs ascending) and the
    rest."""
    first: vector.Vector = {}
    rest: vector.Vector = {}
    left = limit
    for origin in sorted(todo):
        for lo, hi in todo[origin]:
            take = max(0, min(hi - lo + 1, left))
            if take:
                first.setdefault(origin, RangeSet()).add(lo, lo + take - 1)
                left -= take
            if lo + take <= hi:
                rest.setdefault(origin, RangeSet()).add(lo + take, hi)
    return first, rest


def request(store: Store, caller: Caller, limit: int = PART_CHANGES) -> PartInfo:
    """The waiting part for this device, or a new one built now.

    A part is built from a window of at most ``limit`` of the changes the device lacks and
    this pull has not yet looked at: the export reads only those (not all it lacks, to
    keep the first ``limit``), and changes outside the device's scope, looked at once,
    are not read again by the next part of the same pull."""
    with store.db.read() as session:  # the server's tables and the core's: one read
        # The peer, the device and the waiting part in one statement (no part is given
        # to a workstation the server no longer trusts, even one built before).
        row = session.execute(
            select(Peer.name, Peer.acked, Device.acked, Device.pull_considered,
                   PullPart.id, func.length(PullPart.data), PullPart.changes, PullPart.more)
            .select_from(Peer)
            .outerjoin(Device, Device.replica_id == Peer.replica_id)
            .outerjoin(PullPart, PullPart.device_id == Peer.replica_id)
            .where(Peer.replica_id == caller.replica_id)).first()
        if row is None:
            raise Refusal(403, "this workstation is no longer trusted by the server")
        name, peer_acked, device_acked, device_looked, *waiting = row
        if waiting[0] is not None:
            return PartInfo(waiting[0], int(waiting[1]), waiting[2], waiting[3])
        acked = vec(device_acked) if device_acked is not None else {}
        looked = vec(device_looked) if device_looked is not None else {}
        todo = lacking(vector.load(session), union([vec(peer_acked), acked, looked]))
    todo.pop(caller.replica_id, None)  # its own changes are never sent back
    now, later = window(todo, limit)
    with store.db.without_merge_lock():
        data, result = sync_api.export_bundle_data(
            store.db, name, only=scope.change_filter(caller.groups),
            also_held=union([acked, looked, later]),
            in_parts=True, more_follow=bool(later))  # one audit line per pull
    part = PullPart(id=hashlib.sha256(data).hexdigest(), device_id=caller.replica_id,
                    created_at=utcnow(), changes=result.changes,
                    ranges=json.dumps(result.ranges), more=bool(later) or result.more,
                    considered=json.dumps(vector.to_json(now)), data=data)
    try:
        with store.tables() as session:
            session.add(part)
    except IntegrityError:  # built at the same time by another request: keep that one
        with store.tables(write=False) as session:
            other = _waiting(session, caller.replica_id)
            if other is None:
                raise Refusal(409, "the pull changed while it was built: ask again") from None
            return other
    return _info(part)


NO_PART = ("no such pull part for this workstation (acknowledged already?): ask for a "
           "new one")


def _owned_bytes(store: Store, caller: Caller, part_id: str,
                 cut: tuple[int, int] | None = None) -> bytes:
    """The caller's own part, whole or its ``cut`` (first byte, length): the database
    cuts it out, so a resumed download reads only what is left, never the whole part."""
    with store.tables(write=False) as session:
        if store.dialect == "postgresql":
            # bytea in binary: its text form is hex, twice the bytes to send and to parse
            # (0.5 MB: 2.5 -> 0.5 ms); only this statement, the server's others unchanged.
            raw = session.connection().connection.driver_connection
            data_sql, params = (("data", (part_id[:64],)) if cut is None else
                                ("substr(data, %s, %s)", (cut[0] + 1, cut[1], part_id[:64])))
            with raw.cursor(binary=True) as cursor:
                row = cursor.execute(f"SELECT device_id, {data_sql} FROM "
                                     f"{PullPart.__tablename__} WHERE id = %s",
                                     params).fetchone()
        else:
            data = PullPart.data if cut is None else func.substr(PullPart.data, cut[0] + 1,
                                                                 cut[1])
            row = session.execute(select(PullPart.device_id, data)
                                  .where(PullPart.id == part_id[:64])).first()
    if row is None or row[0] != caller.replica_id:
        raise Refusal(404, NO_PART)
    return bytes(row[1])


def read(store: Store, caller: Caller, part_id: str) -> bytes:
    """The part's bytes (its two columns only: no ORM object for a part read whole)."""
    return _owned_bytes(store, caller, part_id)


def size(store: Store, caller: Caller, part_id: str) -> int:
    """The part's size in bytes, without reading them."""
    with store.tables(write=False) as session:
        row = session.execute(select(PullPart.device_id, func.length(PullPart.data))
                              .where(PullPart.id == part_id[:64])).first()
    if row is None or row[0] != caller.replica_id:
        raise Refusal(404, NO_PART)
    return int(row[1])


def read_range(store: Store, caller: Caller, part_id: str, start: int, end: int) -> bytes:
    """Bytes ``start..end`` (inclusive) of the part."""
    return _owned_bytes(store, caller, part_id, (start, end - start + 1))


def acknowledge(store: Store, caller: Caller, part_id: str) -> int:
    """The device stored this part: count its changes as held there and drop the part."""
    with store.tables() as session:
        # Dropped and read back in one statement (only this device's own part).
        part = session.execute(delete(PullPart).where(
            PullPart.id == part_id[:64], PullPart.device_id == caller.replica_id)
            .returning(PullPart.ranges, PullPart.considered, PullPart.more,
                       PullPart.changes)).first()
        if part is None:
            raise Refusal(404, "no such pull part for this workstation")
        device = session.get(Device, caller.replica_id)
        assert device is not None
        held = union([vec(device.acked), vector.from_json(json.loads(part.ranges))])
        device.acked = json.dumps(vector.to_json(held))
        # Looked at by this pull; once its last part is stored, the next pull looks again
        # (a record may have come into the device's scope since).
        device.pull_considered = json.dumps(vector.to_json(union(
            [vec(device.pull_considered), vec(part.considered)]))) if part.more else "{}"
        device.last_sync_at = utcnow()
        changes = part.changes
    history.compact_if_due(store)  # what it now holds may let history go
    return changes
