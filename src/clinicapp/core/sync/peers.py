"""Trusted peers and what each holds: the sent and acknowledged vectors per peer, and
how many changes each still lacks."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.errors import NotFoundError, ValidationError
from clinicapp.core.keys.identity import PublicIdentity, minisign_key_id
from clinicapp.core.models import Group, Peer
from clinicapp.core.models.ids import short_id
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import vector
from clinicapp.core.sync.formats import is_id
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
    scope: str = ""  # the groups it may change, in words
    unacknowledged: int = 0  # sent to it, not yet acknowledged


def add_trusted(db: Database, identity: PublicIdentity | str, name: str,
                central: bool = False, groups: Iterable[str] = ()) -> PeerStatus:
    """Trust another replica: accept its bundles and encrypt for it. Its rights: the
    records of ``groups`` (names or ids of groups held here) and of the groups it creates;
    a central peer's: every group's."""
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
        peer.groups = json.dumps([] if central else _group_ids(session, groups))
        session.flush()
        return status(peer, vector.load(session), session)


def _group_ids(session: OrmSession, wanted: Iterable[str]) -> list[str]:
    """Group ids for names or ids, each naming exactly one live group here."""
    ids = []
    for item in (w.strip() for w in wanted):
        if not item:
            continue
        if is_id(item):  # a group that may not have arrived yet
            ids.append(item)
            continue
        found = list(session.scalars(select(Group.id).where(
            (Group.id == item) | (Group.name == item), Group.deleted_at.is_(None))))
        if not found:
            raise ValidationError("groups", "no_group_here", name=item)
        if len(found) > 1:
            raise ValidationError("groups", "group_name_ambiguous", name=item)
        ids.append(found[0])
    return sorted(set(ids))


def scope_text(session: OrmSession, peer: Peer) -> str:
    """The peer's rights in words: 'every group' or the names of its groups."""
    if peer.is_central:
        return "every group"
    ids = json.loads(peer.groups or "[]")
    if not ids:
        return "only the groups it creates"
    names = {gid: name for gid, name in session.execute(
        select(Group.id, Group.name).where(Group.id.in_(ids)))}
    return ", ".join(sorted(names.get(i, short_id(i)) for i in ids))


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


def difference(held: RangeSet, minus: RangeSet) -> RangeSet:
    """What ``held`` has that ``minus`` does not."""
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
        diff = difference(ranges, known.get(origin, RangeSet()))
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


def status(peer: Peer, held: vector.Vector, session: OrmSession | None = None) -> PeerStatus:
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
                      peer.last_received_at, count(acked), missing, state,
                      scope_text(session, peer) if session is not None else "",
                      unacked_sent)


def peers_status(db: Database) -> list[PeerStatus]:
    with db.read() as session:
        held = vector.load(session)
        peers = session.scalars(select(Peer).order_by(Peer.name))
        return [status(p, held, session) for p in peers]


def pending_changes(db: Database) -> int:
    """This workstation's own changes that no peer has been sent or has acknowledged."""
    with db.read() as session:
        own = {db.replica_id: vector.load(session).get(db.replica_id, RangeSet())}
        reached = union([vec(p.sent) for p in session.scalars(select(Peer))]
                         + [vec(p.acked) for p in session.scalars(select(Peer))])
        return count(lacking(own, reached))
