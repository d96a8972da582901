"""Wrong workstation clocks: what a bundle carries stamped too far ahead (it waits, see
``repair``), and warnings about this workstation's own clock."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.models import Change, Peer, ReplicaState
from clinicapp.core.models.ids import short_id
from clinicapp.core.services import settings
from clinicapp.core.storage.db import Database
from clinicapp.core.sync.bundle import Manifest
from clinicapp.core.sync.clock import Hlc, now_ms


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
    """What a bundle carries that is stamped too far ahead, in words, or "". Such changes
    wait (parked, not applied, not acknowledged) until their workstation repairs its clock
    or real time reaches them; the rest imports."""
    bound = now_ms() + max_drift_ms(session)
    ahead = [c for c in changes if Hlc.parse(c["hlc"]).wall_ms > bound]
    if not ahead:
        return ""
    newest = max(ahead, key=lambda c: c["hlc"])
    by = Hlc.parse(newest["hlc"]).wall_ms - now_ms()
    origin = newest["origin"]
    peer = session.get(Peer, origin)
    writer = peer.name if peer is not None else (
        m.sender_name if origin == m.sender else short_id(origin))
    count = "1 change" if len(ahead) == 1 else f"{len(ahead)} changes"
    return (f"{count} from workstation {writer}, whose clock was {ahead_text(by)} ahead of "
            "this one, will wait until that clock is corrected (ClinicApp then repairs "
            "them by itself); everything else imports")


def clock_warnings(db: Database) -> list[str]:
    """Why this workstation's clock may be wrong, in words for the Sync page."""
    warnings = []
    with db.read() as session:
        state = session.scalars(select(ReplicaState)).one()
        drift = max_drift_ms(session)
        newest = session.scalar(select(func.max(Change.hlc)).where(
            Change.origin == state.replica_id, Change.value.not_like("#%")))
    now = now_ms()
    last = Hlc.parse(state.last_hlc).wall_ms
    if newest and Hlc.parse(newest).wall_ms - now > drift:
        warnings.append(
            f"This workstation's newest change is stamped "
            f"{ahead_text(Hlc.parse(newest).wall_ms - now)} ahead of its clock: other "
            "workstations keep those changes waiting. If the clock is right now, the next "
            "export repairs them by itself (or 'clinicapp restamp'); otherwise correct it.")
    elif last - now > drift:
        warnings.append(
            f"This workstation's clock has moved back {ahead_text(last - now)} since its "
            "last change: check the date and time.")
    return warnings
