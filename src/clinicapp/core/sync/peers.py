"""Trusted peers and what each holds: the sent and acknowledged vectors per peer, and
how many changes each still lacks."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.errors import NotFoundError, ValidationError
from clinicapp.core.keys.identity import PublicIdentity, minisign_key_id
from clinicapp.core.models import Peer
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import vector
from clinicapp.core.sync.ranges import RangeSet


@dataclass(frozen=True)
class PeerStatus:
    name: str
    replica_id: str
    central: bool
    last_sent_at: datetime | None
    last_received_at: datetime | None
    acknowledged: int
    lacking: int
    state: str = ""


def add_trusted(db: Database, identity: PublicIdentity | str, name: str,
                central: bool = False) -> PeerStatus:
    """Trust another replica: accept its bundles and encrypt for it."""
    ident = PublicIdentity.parse(identity) if isinstance(identity, str) else identity
    raw = base64.b64decode(ident.minisign_key)
    if raw[2:10] != minisign_key_id(raw[10:]):  # the key id derives from the key
        raise ValidationError("identity", "minisign_key_damaged")
    name = name.strip()
    if not name:
        raise ValidationError("name", "peer_name_missing")
    with db.write() as session:
        if ident.replica_id == db.replica_id:
            raise ValidationError("identity", "own_identity")
        same_name = session.scalar(select(Peer).where(Peer.name == name))
        if same_name is not None and same_name.replica_id != ident.replica_id:
            raise ValidationError("name", "peer_name_taken", name=name)
        peer = session.get(Peer, ident.replica_id)
        if peer is None:
            peer = Peer(replica_id=ident.replica_id, name=name, sent="{}", acked="{}")
            session.add(peer)
        peer.name = name
        peer.age_recipient = ident.age_recipient
        peer.minisign_key = ident.minisign_key
        peer.is_central = central
        session.flush()
        return status(peer, vector.load(session))


def remove_trusted(db: Database, name: str) -> None:
    with db.write() as session:
        session.delete(peer_named(session, name))


def peer_named(session: OrmSession, name: str) -> Peer:
    peer = session.scalar(select(Peer).where(Peer.name == name))
    if peer is None:
        raise NotFoundError("peer", name)
    return peer


# --- vectors ---------------------------------------------------------------------------


def vec(text: str) -> vector.Vector:
    return vector.from_json(json.loads(text or "{}"))


def _difference(held: RangeSet, minus: RangeSet) -> RangeSet:
    result = RangeSet()
    for lo, hi in held:
        cursor = lo
        for m_lo, m_hi in minus:
            if m_hi < cursor or m_lo > hi:
                continue
            if m_lo > cursor:
                result.add(cursor, m_lo - 1)
            cursor = max(cursor, m_hi + 1)
        if cursor <= hi:
            result.add(cursor, hi)
    return result


def lacking(held: vector.Vector, known: vector.Vector) -> vector.Vector:
    """What ``held`` has that ``known`` does not, per origin."""
    out = {}
    for origin, ranges in held.items():
        diff = _difference(ranges, known.get(origin, RangeSet()))
        if diff:
            out[origin] = diff
    return out


def union(vectors: list[vector.Vector]) -> vector.Vector:
    out: vector.Vector = {}
    for vec in vectors:
        for origin, ranges in vec.items():
            out.setdefault(origin, RangeSet()).update(ranges)
    return out


def count(vec: vector.Vector) -> int:
    return sum(r.count for r in vec.values())


# --- status ----------------------------------------------------------------------------


def status(peer: Peer, held: vector.Vector) -> PeerStatus:
    acked = vec(peer.acked)
    missing = count(lacking(held, acked))
    unacked_sent = count(lacking(vec(peer.sent), acked))
    if peer.last_sent_at is None and peer.last_received_at is None:
        state = f"nothing exchanged yet; lacking {missing}"
    elif unacked_sent:
        state = f"{unacked_sent} sent, not yet acknowledged; lacking {missing}"
    else:
        state = "up to date" if not missing else f"lacking {missing}"
    return PeerStatus(peer.name, peer.replica_id, peer.is_central, peer.last_sent_at,
                      peer.last_received_at, count(acked), missing, state)


def peers_status(db: Database) -> list[PeerStatus]:
    with db.read() as session:
        held = vector.load(session)
        peers = session.scalars(select(Peer).order_by(Peer.name))
        return [status(p, held) for p in peers]


def pending_changes(db: Database) -> int:
    """This workstation's own changes that no peer has been sent or has acknowledged."""
    with db.read() as session:
        own = {db.replica_id: vector.load(session).get(db.replica_id, RangeSet())}
        reached = union([vec(p.sent) for p in session.scalars(select(Peer))]
                         + [vec(p.acked) for p in session.scalars(select(Peer))])
        return count(lacking(own, reached))
