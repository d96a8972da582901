"""The checks an import makes on a bundle's changes before it writes anything: who wrote
each change (authorship), whether the bundle's claims are true, whether a held change comes
back altered, whether pruned stubs are really superseded, and whether each author had the
right to make its changes (``rights``). Each refusal is a ``BundleError`` with its own kind
and one line; nothing of the bundle is applied.

Keys of origins: a directly trusted peer's key is in the trust list (``peers``); a
workstation relayed by a central peer is known by the central peer's signed *directory*
(in the manifest: replica id, name, key and groups of the workstations whose changes it
carries), kept in ``vouched_origins``. A key once known is pinned: a directory entry
naming a different key for a known workstation is refused.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.models import Change, Peer, VouchedOrigin
from clinicapp.core.sync import rights, vector
from clinicapp.core.sync.authorship import CHANGE_COLUMNS, RUN_PREFIX, Run, digest, is_stub
from clinicapp.core.sync.bundle import BundleError, Manifest, printable
from clinicapp.core.sync.formats import is_id
from clinicapp.core.sync.ranges import RangeSet
from clinicapp.core.sync.rights import Author

ALL = "*"


@dataclass
class Checked:
    fresh: list[dict[str, Any]]  # changes new here, in bundle order
    duplicates: int
    runs: list[Run]


def scope_of(groups_text: str, central: bool) -> tuple[bool, frozenset[str]]:
    if central or groups_text == ALL:
        return True, frozenset()
    return False, frozenset(json.loads(groups_text or "[]"))


def known_authors(session: OrmSession) -> dict[str, tuple[Author, str]]:
    """Every origin whose key this replica knows: (its rights, its minisign key)."""
    out: dict[str, tuple[Author, str]] = {}
    for v in session.scalars(select(VouchedOrigin)):
        every, groups = scope_of(v.groups, False)
        out[v.replica_id] = (Author(v.replica_id, v.name or v.replica_id[:8], every, groups),
                             v.minisign_key)
    for p in session.scalars(select(Peer)):
        every, groups = scope_of(p.groups, p.is_central)
        out[p.replica_id] = (Author(p.replica_id, p.name, every, groups), p.minisign_key)
    return out


def directory_for(session: OrmSession, origins: set[str], target_ids: set[str]
                  ) -> list[dict[str, Any]]:
    """What this replica vouches for, of the origins a bundle carries: their keys and
    groups (the receiver uses it only when this replica is its central peer)."""
    known = known_authors(session)
    out = []
    for origin in sorted(origins - target_ids):
        if origin in known:
            author, key = known[origin]
            out.append({"replica_id": origin, "name": author.name, "minisign_key": key,
                        "groups": ALL if author.all_groups else sorted(author.groups)})
    return out


def _raw_key(minisign_key: str) -> bytes:
    return base64.b64decode(minisign_key)[10:]


def _vouch(session: OrmSession, m: Manifest, sender: Peer, me: str,
           known: dict[str, tuple[Author, str]]) -> None:
    """Learn the workstations a central peer vouches for (first key wins: pinned)."""
    if not sender.is_central or not m.directory:
        return
    for entry in m.directory:
        origin, key = entry.get("replica_id"), entry.get("minisign_key")
        groups, name = entry.get("groups"), entry.get("name", "")
        if not (is_id(origin) and isinstance(key, str) and isinstance(name, str)
                and (groups == ALL or (isinstance(groups, list)
                                       and all(is_id(g) for g in groups)))):
            raise BundleError("damaged", "the bundle's directory of workstations is malformed")
        assert isinstance(origin, str)
        if origin == me or origin == sender.replica_id:
            continue
        if origin in known:
            if known[origin][1] != key:
                raise BundleError("key_conflict", f"{sender.name} vouches for a different key "
                                  f"for workstation {known[origin][0].name} than the one "
                                  "known here: refused (nothing was imported)")
            continue
        try:
            Ed25519PublicKey.from_public_bytes(_raw_key(key))
        except ValueError:
            raise BundleError("damaged", "the bundle's directory holds a damaged key") from None
        text = ALL if groups == ALL else json.dumps(sorted(groups))
        row = VouchedOrigin(replica_id=origin, name=printable(name, 60), minisign_key=key,
                            groups=text, vouched_by=sender.replica_id)
        session.add(row)
        every, scope = scope_of(text, False)
        known[origin] = (Author(origin, row.name or origin[:8], every, scope), key)


def check(session: OrmSession, m: Manifest, runs: list[tuple[Run, list[dict[str, Any]]]],
          me: str, sender: Peer) -> Checked:
    """Everything about the changes of a verified manifest, before anything is written."""
    carried: dict[str, RangeSet] = defaultdict(RangeSet)
    digests: dict[tuple[str, int], bytes] = {}
    roots: list[bytes] = []
    changes: list[dict[str, Any]] = []
    counts: dict[str, int] = defaultdict(int)
    for run, part in runs:
        in_order = []
        for c in part:
            if "withheld" in c:  # not passed on by the relay: only its digest
                in_order.append(bytes.fromhex(c["withheld"]))
                continue
            key = (c["origin"], c["seq"])
            d = digest(c)
            in_order.append(d)
            carried[run.origin].add(c["seq"])
            if key in digests:
                if digests[key] != d:
                    raise BundleError("held_differently", f"the bundle carries two different "
                                      f"changes numbered {c['seq']} of one workstation: "
                                      "forgery or a bug (nothing was imported)")
                continue
            digests[key] = d
            changes.append(c)
            counts[c["tbl"]] += 1
        roots.append(hashlib.sha256(b"".join(in_order)).digest())
    _check_claims(m, carried, len(changes), counts)
    if me in carried:
        raise BundleError("own_origin", "the bundle carries changes stamped with this "
                          f"workstation's own id ({carried[me].count}): only this workstation "
                          "writes those (forgery or a restored copy of this database); "
                          "nothing was imported")
    known = known_authors(session)
    _vouch(session, m, sender, me, known)
    for origin in carried:
        if origin not in known:
            raise BundleError("unknown_author", f"the bundle carries changes written by "
                              f"workstation {origin}, whose key this workstation does not "
                              "know: trust it ('clinicapp trust add') or receive it through "
                              "the central office (nothing was imported)")
    _verify_runs(runs, roots, known)
    fresh, duplicates = _new_or_same(session, changes, digests)
    _check_stubs(session, fresh, changes)
    try:
        rights.check(session, fresh, {o: a for o, (a, _k) in known.items()})
    except rights.RightsError as exc:
        raise BundleError("out_of_scope", f"{exc} (nothing was imported)") from None
    # A run with withheld changes is not kept: this replica could not send it on whole.
    return Checked(fresh, duplicates, [run for run, part in runs
                                       if not any("withheld" in c for c in part)])


def _check_claims(m: Manifest, carried: dict[str, RangeSet], n: int,
                  counts: dict[str, int]) -> None:
    claimed = vector.from_json(m.ranges)
    if claimed != dict(carried) or n != m.changes or dict(counts) != m.counts:
        raise BundleError("false_claims", "the bundle's manifest claims other changes than "
                          "its payload carries (ranges, count or tables differ): refused, "
                          "nothing was imported")


def _verify_runs(runs: list[tuple[Run, list[dict[str, Any]]]], roots: list[bytes],
                 known: dict[str, tuple[Author, str]]) -> None:
    keys: dict[str, Ed25519PublicKey] = {}
    for (run, _part), root in zip(runs, roots, strict=True):
        author, key = known[run.origin]
        public = keys.get(run.origin)
        if public is None:
            public = keys[run.origin] = Ed25519PublicKey.from_public_bytes(_raw_key(key))
        message = RUN_PREFIX + f"{run.origin}\n{run.lo}\n{run.hi}\n".encode() + root
        try:
            public.verify(base64.b64decode(run.signature, validate=True), message)
        except (InvalidSignature, ValueError):
            raise BundleError("forged", f"changes {run.lo}–{run.hi} of {author.name} are not "
                              f"signed by {author.name}'s key: altered or forged on the way "
                              "(nothing was imported)") from None


def _new_or_same(session: OrmSession, changes: list[dict[str, Any]],
                 digests: dict[tuple[str, int], bytes]) -> tuple[list[dict[str, Any]], int]:
    """The changes not held here; a held one must come back exactly as held."""
    held = vector.load(session)
    fresh, again = [], defaultdict(list)
    for c in changes:
        if c["seq"] in held.get(c["origin"], RangeSet()):
            again[c["origin"]].append(c["seq"])
        else:
            fresh.append(c)
    columns = [getattr(Change, k) for k in CHANGE_COLUMNS]
    for origin, seqs in again.items():
        for start in range(0, len(seqs), 500):
            for row in session.execute(select(*columns).where(
                    Change.origin == origin, Change.seq.in_(seqs[start:start + 500]))):
                stored = dict(zip(CHANGE_COLUMNS, row, strict=True))
                if digest(stored) != digests[(origin, stored["seq"])]:
                    raise BundleError("held_differently", f"change {stored['seq']} of "
                                      f"workstation {origin[:8]} is already held here with "
                                      "different content: forgery or a bug (nothing was "
                                      "imported)")
    return fresh, sum(len(s) for s in again.values())


def _check_stubs(session: OrmSession, fresh: list[dict[str, Any]],
                 changes: list[dict[str, Any]]) -> None:
    """A pruned change is stored only if a later change of its field is present."""
    stubs = [c for c in fresh if is_stub(c["value"])]
    if not stubs:
        return
    newest: dict[tuple[str, str, str], tuple[str, str]] = {}
    for c in changes:
        if not is_stub(c["value"]):
            k = (c["tbl"], c["row_id"], c["field"])
            newest[k] = max(newest.get(k, ("", "")), (c["hlc"], c["origin"]))
    for c in stubs:
        k = (c["tbl"], c["row_id"], c["field"])
        best = newest.get(k)
        if best is None or best <= (c["hlc"], c["origin"]):
            row = session.execute(
                select(Change.hlc, Change.origin)
                .where(Change.tbl == k[0], Change.row_id == k[1], Change.field == k[2])
                .order_by(Change.hlc.desc(), Change.origin.desc()).limit(1)).first()
            best = max(best or ("", ""), (row[0], row[1]) if row else ("", ""))
        if best <= (c["hlc"], c["origin"]):
            raise BundleError("damaged", f"the bundle carries a pruned change of "
                              f"{c['tbl']}.{c['field']} without the value that replaced it "
                              "(nothing was imported)")
