"""What an attacker holding a trusted workstation's keys can make: bundles signed by that
workstation with any manifest and any runs of changes, written with the real bundle code."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from clinicapp.core.keys.identity import ReplicaKeys, load_keys
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import authorship, bundle, vector
from clinicapp.core.sync.authorship import Run
from clinicapp.core.sync.bundle import Manifest
from clinicapp.core.sync.clock import utcnow
from clinicapp.core.sync.ranges import RangeSet

Runs = list[tuple[Run, list[dict[str, Any]]]]


def keys_of(db: Database) -> ReplicaKeys:
    with db.read() as session:
        return load_keys(session)


def runs_held(db: Database, origin: str | None = None) -> Runs:
    """Every signed run ``db`` holds (of one origin), as it would relay them."""
    with db.read() as session:
        held = vector.load(session)
        if origin is not None:
            held = {origin: held[origin]}
        return authorship.runs_for(session, held)


def signed(keys: ReplicaKeys, changes: list[dict[str, Any]], origin: str | None = None
           ) -> tuple[Run, list[dict[str, Any]]]:
    """``changes`` as one run signed by ``keys`` (naming ``origin``, its own by default)."""
    origin = origin or keys.replica_id
    changes = [{**c, "origin": origin} for c in changes]
    return authorship.sign_run(keys.signing_key, origin, changes), changes


def forge(sender: Database, receiver: Database, runs: Runs, path: Path,
          **overrides: Any) -> Path:
    """A bundle from ``sender`` to ``receiver``, signed with the sender's key."""
    keys = keys_of(sender)
    with receiver.read() as session:
        recipient = load_keys(session).age_recipient
    with sender.read() as session:
        held = vector.load(session)
    carried: dict[str, RangeSet] = {}
    counts: dict[str, int] = {}
    seen = set()
    for run, changes in runs:
        carried.setdefault(run.origin, RangeSet()).add(run.lo, run.hi)
        for c in changes:
            if "withheld" not in c and (c["origin"], c["seq"]) not in seen:
                seen.add((c["origin"], c["seq"]))
                counts[c["tbl"]] = counts.get(c["tbl"], 0) + 1
    payload, size, lines = bundle.write_payload(runs)
    payload = overrides.pop("payload", payload)
    fields: dict[str, Any] = dict(
        sender=keys.replica_id, sender_name=keys.name,
        sender_key=keys.public().minisign_key, recipients=[recipient, keys.age_recipient],
        recipient_ids=[receiver.replica_id], vector=vector.to_json(held),
        ranges=vector.to_json(carried), counts=counts, changes=len(seen),
        created_at=utcnow().isoformat(),
        max_hlc=max((c["hlc"] for _r, cs in runs for c in cs if "hlc" in c),
                    default="0" * 15 + ".000000"),
        content_hash=hashlib.sha256(payload).hexdigest(), payload_bytes=size, lines=lines)
    fields.update(overrides)
    bundle.write(path, keys, Manifest(**fields), payload)
    return path
