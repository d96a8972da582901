"""Compaction on the server: a superseded value goes once every device that will ever be
sent its record has acknowledged it — the devices whose scope includes the record, not
every device (a group-B workstation never receives group A's records, so waiting for it
would keep group A's history for ever).

Who holds what: a device's pushed vector (the core ``Peer.acked``) together with the
pull parts it acknowledged (``Device.acked``). Revoked devices are never sent anything
again and do not count. A trusted peer that is no enrolled device (a workstation whose
bundles come on USB sticks) counts for every record, as on a workstation. A record that
no one's scope includes keeps its history (a device may still enroll for it).

Compaction is batched: it runs after a bundle or an acknowledgement only when the last
run is ``compact_seconds`` old (claimed by one conditional UPDATE, so one worker runs it
per period), so an import does not pay for a scan of the whole change log.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.models import Peer
from clinicapp.core.sync import compaction
from clinicapp.core.sync.clock import utcnow
from clinicapp.core.sync.peers import union, vec
from clinicapp.server import scope
from clinicapp.server.models import Device, Job
from clinicapp.server.store import Store

log = logging.getLogger("clinicapp.server.history")
JOB = "compact"
Vector = compaction.Vector


def audience(session: OrmSession) -> Callable[[str, str], Sequence[Vector]]:
    """``compaction.Audience`` by the devices' scope (see the module's docstring)."""
    devices = session.execute(select(Device.replica_id, Device.groups, Device.acked,
                                     Device.revoked_at)).all()
    by_id = {d.replica_id: d for d in devices}
    everywhere: list[Vector] = []  # trusted peers that are no enrolled device
    scoped: dict[tuple[str, ...], list[Vector]] = {}  # by the device's groups
    for peer in session.scalars(select(Peer)):
        device = by_id.get(peer.replica_id)
        if device is None:
            everywhere.append(vec(peer.acked))
        elif device.revoked_at is None:
            held = union([vec(peer.acked), vec(device.acked)])
            scoped.setdefault(tuple(sorted(json.loads(device.groups))), []).append(held)
    visible = {groups: scope.visible_rows(session, groups) for groups in scoped}
    all_devices = [v for held in scoped.values() for v in held]

    def holders(tbl: str, row_id: str) -> Sequence[Vector]:
        if tbl in scope.EVERYONE:
            return everywhere + all_devices
        found = list(everywhere)  # a table no device receives: only they count
        for groups, held in scoped.items():
            if row_id in visible[groups].get(tbl, ()):
                found.extend(held)
        return found

    return holders


def compact(store: Store) -> compaction.CompactionResult:
    """Compact now, by scope."""
    result = compaction.compact(store.db, audience)
    log.info("compaction: %d value%s pruned", result.pruned, "" if result.pruned == 1 else "s")
    return result


def _claim(store: Store) -> bool:
    """True for the one caller that may run the job this period.

    A worker remembers when the period it last saw ends (``Store.compact_not_before``:
    the job's time only moves forward, whoever ran it), and until then asks the database
    nothing: two statements after every bundle and acknowledgement, 3 ms each time."""
    now = utcnow()
    if store.compact_not_before is not None and now < store.compact_not_before:
        return False
    period = timedelta(seconds=store.config.compact_seconds)
    claimed, last_run = _claim_in_database(store, now, period)
    store.compact_not_before = last_run + period
    return claimed


def _claim_in_database(store: Store, now: datetime, period: timedelta
                       ) -> tuple[bool, datetime]:
    """Whether this caller took the period's run, and when that run was taken."""
    with store.tables() as session:
        claimed = session.execute(
            update(Job).where(Job.name == JOB, Job.last_run_at <= now - period)
            .values(last_run_at=now)).rowcount  # type: ignore[attr-defined]
        if claimed == 1:
            return True, now
        job = session.get(Job, JOB)
        if job is not None:
            return False, job.last_run_at
    try:
        with store.tables() as session:
            session.add(Job(name=JOB, last_run_at=now))
    except IntegrityError:
        return False, now  # another worker made the row (and runs the job) just now
    return True, now


def compact_if_due(store: Store) -> compaction.CompactionResult | None:
    """Compact when the period is over (every time if ``compact_seconds`` is 0). A
    failure here is logged, never the caller's: the import it follows is complete."""
    if store.config.compact_seconds > 0 and not _claim(store):
        return None
    try:
        return compact(store)
    except Exception:
        log.exception("compaction failed (the import itself is complete)")
        return None
