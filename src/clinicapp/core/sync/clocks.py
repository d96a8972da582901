"""Wrong workstation clocks: refuse bundles stamped too far ahead, warn about this
workstation's own clock, and re-stamp unacknowledged changes after a correction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.models import Change, Peer, ReplicaState
from clinicapp.core.services import settings
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import authorship
from clinicapp.core.sync.bundle import Manifest
from clinicapp.core.sync.clock import Hlc, now_ms
from clinicapp.core.sync.peers import union, vec
from clinicapp.core.sync.ranges import RangeSet


def max_drift_ms(session: OrmSession) -> int:
    return int(float(settings.get(session, "max_clock_drift_hours")) * 3600 * 1000)


def ahead_text(ms: int) -> str:
    hours = ms / 3_600_000
    if hours >= 24 * 365:
        years = round(hours / (24 * 365.25))
        return f"{years} year" if years == 1 else f"{years} years"
    if hours >= 48:
        return f"{hours / 24:.0f} days"
    whole = round(hours)
    return f"{whole} hour" if whole == 1 else f"{whole} hours"


def clock_problem(session: OrmSession, m: Manifest, changes: list[dict[str, Any]]) -> str:
    """Why a bundle must be refused for its time stamps, or "" if they are acceptable."""
    newest = max(changes, key=lambda c: c["hlc"], default=None)
    stamp = max(m.max_hlc, newest["hlc"] if newest else m.max_hlc)
    ahead = Hlc.parse(stamp).wall_ms - now_ms()
    if ahead <= max_drift_ms(session):
        return ""
    who = m.sender_name or m.sender
    origin = newest["origin"] if newest else m.sender
    if origin != m.sender:  # relayed: the wrong clock is elsewhere
        peer = session.get(Peer, origin)
        writer = peer.name if peer is not None else origin
        return (f"this bundle from {who} carries changes from workstation {writer} whose "
                f"clock is {ahead_text(ahead)} ahead of this one: correct that clock, then "
                "export again from it (nothing was imported)")
    return (f"the clock of workstation {who} is {ahead_text(ahead)} ahead of this "
            "one: correct it, then export again (nothing was imported)")


def clock_warnings(db: Database) -> list[str]:
    """Why this workstation's clock may be wrong, in words for the Sync page."""
    warnings = []
    with db.read() as session:
        state = session.scalars(select(ReplicaState)).one()
        drift = max_drift_ms(session)
        newest = session.scalar(select(func.max(Change.hlc)).where(
            Change.origin == state.replica_id))
    now = now_ms()
    last = Hlc.parse(state.last_hlc).wall_ms
    if newest and Hlc.parse(newest).wall_ms - now > drift:
        warnings.append(
            f"This workstation's newest change is stamped "
            f"{ahead_text(Hlc.parse(newest).wall_ms - now)} ahead of its clock: other "
            "workstations will refuse its bundles until the clock is right.")
    elif last - now > drift:
        warnings.append(
            f"This workstation's clock has moved back {ahead_text(last - now)} since its "
            "last change: check the date and time.")
    return warnings


def restamp_unacknowledged(db: Database) -> int:
    """After a clock that ran ahead is corrected: give this workstation's own changes that
    are stamped in the future and that no peer has acknowledged new stamps from the
    corrected clock, keeping their order, so other workstations accept them again.
    Returns how many were re-stamped."""
    now = now_ms()
    future_from = str(Hlc(now + 60_000, 0))  # a minute's grace: just-made changes stay
    with db.write() as session:
        me = db.replica_id
        acked = union([vec(p.acked) for p in session.scalars(select(Peer))])
        mine = acked.get(me, RangeSet())
        future = [c for c in session.scalars(
            select(Change).where(Change.origin == me, Change.hlc > future_from)
            .order_by(Change.seq)) if c.seq not in mine]
        if not future:
            return 0
        moving = {c.id for c in future}
        # New stamps follow every stamp that stays, so knowing overwrites stay later.
        base = session.scalar(select(func.max(Change.hlc)).where(
            Change.id.not_in(moving), Change.hlc <= str(Hlc(now, 0))))
        stamp = max(Hlc(now, 0), Hlc.parse(base) if base else Hlc(0, 0))
        renamed: dict[str, Hlc] = {}
        for change in future:  # one flush shared one stamp: keep them together
            if change.hlc not in renamed:
                stamp = Hlc(stamp.wall_ms, stamp.counter + 1)
                renamed[change.hlc] = stamp
            change.hlc = str(renamed[change.hlc])
        state = session.get(ReplicaState, me, with_for_update=True)
        assert state is not None
        state.last_hlc = str(stamp)
        session.flush()
        # New stamps, new content: this replica signs those runs again.
        authorship.resign(session, state.signing_key, me, [c.seq for c in future])
        return len(future)
