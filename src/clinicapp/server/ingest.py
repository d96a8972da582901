"""Applying a bundle on the server — pushed over HTTP, uploaded on the dashboard or given
to ``import-bundle`` — through the same all-or-nothing core import as a USB bundle.

On top of the core checks (trust, signature, authorship, scope, replay, clocks) the server
refuses bundles from revoked devices and any change stamped by a revoked device after its
revocation, even relayed by another. Refusals are kept with their reason for the
dashboard; the log gets only the kind and the bundle's hash (no free text)."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from clinicapp.core.errors import ClinicAppError
from clinicapp.core.keys.identity import load_keys
from clinicapp.core.sync import api as sync_api
from clinicapp.core.sync import bundle, vector
from clinicapp.core.sync.clock import Hlc, utcnow
from clinicapp.server import history
from clinicapp.server.models import Device, RefusedBundle
from clinicapp.server.store import Store

log = logging.getLogger("clinicapp.server.ingest")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


@dataclass(frozen=True)
class Outcome:
    sha256: str
    refused: bool
    kind: str = "imported"
    reason: str = ""
    received: int = 0
    already_held: int = 0
    conflicts: int = 0
    rows_added: dict[str, int] = field(default_factory=dict)
    rows_changed: dict[str, int] = field(default_factory=dict)
    sender: str = ""
    acknowledgement: dict[str, list[list[int]]] = field(default_factory=dict)

    def summary(self) -> str:
        if self.refused:
            return f"refused: {self.reason}"
        return (f"imported from {self.sender}: {_count(self.received, 'new change')}, "
                f"{self.already_held} already held, {_count(self.conflicts, 'conflict')}")

    def to_json(self) -> dict[str, Any]:
        return {"status": "refused" if self.refused else "imported", "kind": self.kind,
                "reason": self.reason, "received": self.received,
                "already_held": self.already_held, "conflicts": self.conflicts,
                "rows_added": self.rows_added, "rows_changed": self.rows_changed,
                "acknowledgement": self.acknowledgement}

    @classmethod
    def from_json(cls, sha: str, data: dict[str, Any]) -> Outcome:
        return cls(sha256=sha, refused=data["status"] == "refused", kind=data["kind"],
                   reason=data["reason"], received=data["received"],
                   already_held=data["already_held"], conflicts=data["conflicts"],
                   rows_added=data["rows_added"], rows_changed=data["rows_changed"],
                   acknowledgement=data["acknowledgement"])


def _revocation_problem(store: Store, data: bytes, label: str) -> str:
    """Why a bundle touches a revoked device, or ''. Only opened twice when some device
    is revoked at all."""
    with store.tables(write=False) as session:
        revoked = {d.replica_id: d for d in session.scalars(
            select(Device).where(Device.revoked_at.is_not(None)))}
    if not revoked:
        return ""
    with store.db.read() as session:
        keys = load_keys(session)
    opened = bundle.open_bytes(data, keys, label)
    sender = revoked.get(opened.manifest.sender)
    if sender is not None:
        return (f"it comes from '{sender.name}', whose enrollment was revoked by the "
                "program office")
    for change in opened.changes():
        device = revoked.get(change["origin"])
        if device is None or device.revoked_at is None:
            continue
        try:
            stamped = Hlc.parse(change["hlc"]).as_datetime()
        except (ValueError, OverflowError, OSError):
            continue  # a damaged stamp is the core's to refuse
        if stamped > device.revoked_at:
            return (f"it relays changes made by '{device.name}' after that workstation's "
                    f"enrollment was revoked ({device.revoked_at:%Y-%m-%d %H:%M} UTC)")
    return ""


def server_vector(store: Store) -> dict[str, list[list[int]]]:
    with store.db.read() as session:
        return vector.to_json(vector.load(session))


def apply_bytes(store: Store, data: bytes, source: str, label: str = "",
                device_id: str = "") -> Outcome:
    """Check and apply one bundle; a refusal is returned (and recorded), not raised."""
    sha = hashlib.sha256(data).hexdigest()
    label = label or "the bundle"
    try:
        try:  # refused before core's import: recorded in core's audit of exchanges too
            problem = _revocation_problem(store, data, label)
            if problem:
                raise bundle.BundleError("revoked", f"{label}: {problem}")
        except bundle.BundleError as exc:
            sync_api.record_refusal(store.db, exc.kind, str(exc))
            raise
        # Compaction by scope and batched (``history``), not the workstation's after-import.
        result = sync_api.import_bundle_bytes(store.db, data, name=label, auto_compact=False)
    except ClinicAppError as exc:
        kind = getattr(exc, "kind", type(exc).__name__)
        reason = str(exc)
        log.info("bundle %s (%s) refused: %s", sha[:12], source, kind)
        with store.tables() as session:
            session.add(RefusedBundle(device_id=device_id, sha256=sha, source=source,
                                      kind=kind, reason=reason))
            if device_id:
                device = session.get(Device, device_id)
                if device is not None:
                    device.last_failure_at = utcnow()
                    device.last_failure = reason
        return Outcome(sha, True, kind, reason)
    log.info("bundle %s (%s) imported: %d new", sha[:12], source, result.received)
    if device_id:
        with store.tables() as session:
            device = session.get(Device, device_id)
            if device is not None:
                device.last_sync_at = utcnow()
                device.last_failure = ""
    history.compact_if_due(store)
    return Outcome(sha, False, "imported", "", result.received, result.already_held,
                   result.conflicts, dict(result.rows_added), dict(result.rows_changed),
                   result.sender_name, server_vector(store))


def refused_bundles(store: Store, limit: int = 100) -> list[RefusedBundle]:
    with store.tables(write=False) as session:
        return list(session.scalars(select(RefusedBundle).order_by(
            RefusedBundle.at.desc()).limit(limit)))


__all__ = ["Outcome", "apply_bytes", "refused_bundles", "server_vector"]
