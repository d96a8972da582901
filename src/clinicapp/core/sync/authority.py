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
import logging
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import repeat
from operator import itemgetter, methodcaller
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.models import MODEL_BY_TABLE, Change, Peer, VouchedOrigin
from clinicapp.core.models.ids import short_id
from clinicapp.core.sync import lookups, repair, rights, vector
from clinicapp.core.sync.authorship import (
    CHANGE_COLUMNS,
    RUN_PREFIX,
    STUB,
    Run,
    digest,
    is_stub,
)
from clinicapp.core.sync.bundle import BundleError, Manifest, Seen, printable
from clinicapp.core.sync.formats import is_id
from clinicapp.core.sync.ranges import RangeSet
from clinicapp.core.sync.rights import Author
from clinicapp.core.sync.values import loads

ALL = "*"
log = logging.getLogger(__name__)
# What a new row must carry, and what its links must name (held here or in the bundle):
# otherwise the database would refuse the row half-way through writing.
REQUIRED = {tbl: frozenset(c.name for c in m.__table__.c  # type: ignore[attr-defined]
                           if not c.nullable and c.default is None
                           and c.server_default is None and c.name != "id")
            for tbl, m in MODEL_BY_TABLE.items()}
LINKS = {(tbl, c.name): next(iter(c.foreign_keys)).column.table.name
         for tbl, m in MODEL_BY_TABLE.items()
         for c in m.__table__.c if c.foreign_keys}  # type: ignore[attr-defined]


@dataclass
class Checked:
    fresh: list[dict[str, Any]]  # changes new here, in bundle order
    duplicates: int
    runs: list[Run]
    # Relayed changes whose author signed another version, held here: left out.
    equivocated: dict[str, list[int]] = field(default_factory=dict)


def scope_of(groups_text: str, central: bool) -> tuple[bool, frozenset[str]]:
    if central or groups_text == ALL:
        return True, frozenset()
    return False, frozenset(json.loads(groups_text or "[]"))


def known_authors(session: OrmSession) -> dict[str, tuple[Author, str]]:
    """Every origin whose key this replica knows: (its rights, its minisign key)."""
    out: dict[str, tuple[Author, str]] = {}
    # Their columns as plain rows (no ORM object: a server asks this for every bundle and
    # every pull part, of every device it knows).
    for replica_id, name, groups_text, key in session.execute(select(
            VouchedOrigin.replica_id, VouchedOrigin.name, VouchedOrigin.groups,
            VouchedOrigin.minisign_key)):
        every, groups = scope_of(groups_text, False)
        out[replica_id] = (Author(replica_id, name or short_id(replica_id), every, groups), key)
    for replica_id, name, groups_text, central, key in session.execute(select(
            Peer.replica_id, Peer.name, Peer.groups, Peer.is_central, Peer.minisign_key)):
        every, groups = scope_of(groups_text, central)
        out[replica_id] = (Author(replica_id, name, every, groups), key)
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
        known[origin] = (Author(origin, row.name or short_id(origin), every, scope), key)


def check(session: OrmSession, m: Manifest, runs: list[tuple[Run, list[dict[str, Any]]]],
          me: str, sender: Peer, roots: list[bytes] | None = None,
          facts: Seen | None = None) -> Checked:
    """Everything about the changes of a verified manifest, before anything is written.
    ``roots``: each run's root as the payload reader computed it (else computed here);
    ``facts``: what the reader found the changes hold at most."""
    carried: dict[str, RangeSet] = defaultdict(RangeSet)
    given = roots is not None
    roots = list(roots) if roots is not None else []
    changes: list[dict[str, Any]] = []
    counts: Counter[str] = Counter()
    # Each change's (origin, seq) -> digest, needed only once two runs of one origin
    # overlap (a change carried twice must be carried alike): until then, a run whose
    # span meets no earlier one holds no change twice, and is taken whole.
    digests: dict[tuple[str, int], bytes] | None = None
    taken: list[list[dict[str, Any]]] = []  # the runs before that: digested again then
    with_withheld: set[int] = set()  # the parts (by id) holding a withheld change
    for run, part in runs:
        in_order = None if given else _digests(part)
        if in_order is not None:
            roots.append(hashlib.sha256(b"".join(in_order)).digest())
        seen = carried.get(run.origin)
        if digests is None and seen is not None and any(
                lo <= run.hi and run.lo <= hi for lo, hi in seen):
            digests = {(c["origin"], c["seq"]): digest(c) for earlier in taken
                       for c in earlier if "withheld" not in c}
        if any(map(dict.__contains__, part, repeat("withheld"))):
            with_withheld.add(id(part))
        if digests is None and id(part) not in with_withheld:
            carried[run.origin].add(run.lo, run.hi)  # contiguous: checked by the reader
            changes.extend(part)
            counts.update(map(itemgetter("tbl"), part))
            taken.append(part)
            continue
        if digests is None:
            taken.append(part)
        _take_each(run, part, _digests(part) if in_order is None else in_order, carried,
                   digests, changes, counts)
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
    fresh, duplicates, differing = _new_or_same(session, changes, carried)
    equivocated: dict[str, list[int]] = {}
    if differing:
        runs, fresh, changes, equivocated = _leave_out(runs, fresh, changes, differing,
                                                       sender, known)
    waiting = _orphan_stubs(session, fresh, changes) if facts is None or facts.stubs \
        else set()  # none carried: none is found waiting
    if waiting:  # they come again with (or after) the value that replaced them
        fresh = [c for c in fresh if (c["origin"], c["seq"]) not in waiting]
        runs = [(run, part) for run, part in runs
                if not any((run.origin, c.get("seq")) in waiting for c in part)]
    _check_rows(session, fresh)
    try:
        rights.check(session, fresh, {o: a for o, (a, _k) in known.items()})
    except rights.RightsError as exc:
        raise BundleError("out_of_scope", f"{exc} (nothing was imported)") from None
    # A run with withheld changes is not kept: this replica could not send it on whole.
    return Checked(fresh, duplicates, [run for run, part in runs
                                       if id(part) not in with_withheld], equivocated)


def _digests(part: list[dict[str, Any]]) -> list[bytes]:
    """What the author's signature covers of each change of a run, in order."""
    return [bytes.fromhex(c["withheld"]) if "withheld" in c else digest(c) for c in part]


def _take_each(run: Run, part: list[dict[str, Any]], in_order: list[bytes],
               carried: dict[str, RangeSet], digests: dict[tuple[str, int], bytes] | None,
               changes: list[dict[str, Any]], counts: Counter[str]) -> None:
    """One run change by change: withheld changes break its span, and once runs overlap
    (``digests`` kept), a change carried again must be the same change, and is taken once."""
    span: list[int] = []  # the carried seqs of this run, added as ranges (cheaper)
    for c, d in zip(part, in_order, strict=True):
        if "withheld" in c:  # not passed on by the relay: only its digest
            if span:
                carried[run.origin].add(span[0], span[-1])
                span = []
            continue
        span.append(c["seq"])  # contiguous: the payload reader checked each place
        if digests is not None:
            key = (c["origin"], c["seq"])
            if key in digests:
                if digests[key] != d:
                    raise BundleError("held_differently", f"the bundle carries two different "
                                      f"changes numbered {c['seq']} of one workstation: "
                                      "forgery or a bug (nothing was imported)")
                continue
            digests[key] = d
        changes.append(c)
        counts[c["tbl"]] += 1
    if span:
        carried[run.origin].add(span[0], span[-1])


def _leave_out(runs: list[tuple[Run, list[dict[str, Any]]]], fresh: list[dict[str, Any]],
               changes: list[dict[str, Any]], differing: set[tuple[str, int]], sender: Peer,
               known: dict[str, tuple[Author, str]]
               ) -> tuple[list[tuple[Run, list[dict[str, Any]]]], list[dict[str, Any]],
                          list[dict[str, Any]], dict[str, list[int]]]:
    """Changes held here with other content, both versions signed by their author: the
    author signed two versions of one change. From the author itself the bundle is refused;
    from a relay (who cannot forge a signature and is not to blame), the runs carrying the
    other version are left out and the rest is imported, so one equivocating workstation
    cannot stop the honest ones syncing with each other (each keeps the version it holds)."""
    origin, seq = min(differing)
    if any(o == sender.replica_id for o, _s in differing):
        raise BundleError("held_differently", f"change {seq} of workstation "
                          f"{known[origin][0].name} is already held here with different "
                          "content: forgery or a bug (nothing was imported)")
    kept = [(run, part) for run, part in runs
            if not any((run.origin, c["seq"]) in differing for c in part)]
    keep = {(c["origin"], c["seq"]) for _run, part in kept for c in part if "withheld" not in c}
    out: dict[str, list[int]] = defaultdict(list)
    for o, s in sorted(differing):
        out[o].append(s)
    for o, seqs in out.items():
        log.warning("workstation %s signed two versions of changes %s; the versions held "
                    "here are kept", o, seqs[:20])
    return (kept, [c for c in fresh if (c["origin"], c["seq"]) in keep],
            [c for c in changes if (c["origin"], c["seq"]) in keep], dict(out))


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
    checks: list[Signed] = []
    for (run, _part), root in zip(runs, roots, strict=True):
        public = keys.get(run.origin)
        if public is None:
            public = keys[run.origin] = Ed25519PublicKey.from_public_bytes(
                _raw_key(known[run.origin][1]))
        checks.append((public, run.signature,
                       RUN_PREFIX + f"{run.origin}\n{run.lo}\n{run.hi}\n".encode() + root))
    bad = first_forged(checks)
    if bad is not None:
        run = runs[bad][0]
        name = known[run.origin][0].name
        raise BundleError("forged", f"changes {run.lo}–{run.hi} of {name} are not signed by "
                          f"{name}'s key: altered or forged on the way (nothing was "
                          "imported)")


Signed = tuple[Ed25519PublicKey, str, bytes]  # key, base64 signature, message
PARALLEL_RUNS = 32  # fewer signatures are checked by the caller's thread alone


def _first_bad(checks: list[Signed], lo: int, hi: int, stop: list[bool]) -> int | None:
    for i in range(lo, hi):
        if stop[0]:
            return None
        key, signature, message = checks[i]
        try:
            key.verify(base64.b64decode(signature, validate=True), message)
        except (InvalidSignature, ValueError):
            return i
    return None


def first_forged(checks: list[Signed]) -> int | None:
    """The index of the first signature that does not verify, or None.

    Ed25519 verification releases the GIL (cryptography releases it around OpenSSL's
    sign and verify), so with many runs (a server's ingest: thousands) a second thread
    checks the second half while this one checks the first: on two cores the signatures
    take about half the time. The answer is the one checking in order gives: a forgery
    in the first half is the first whatever the second holds; an error in the worker is
    raised here, after it has stopped."""
    n = len(checks)
    if n < PARALLEL_RUNS:
        return _first_bad(checks, 0, n, [False])
    half = n // 2
    stop = [False]
    outcome: list[Any] = [None, None]  # the worker's answer, or its exception

    def second_half() -> None:
        try:
            outcome[0] = _first_bad(checks, half, n, stop)
        except BaseException as exc:  # handed to the caller's thread
            outcome[1] = exc

    worker = threading.Thread(target=second_half, name="clinicapp-verify-runs",
                              daemon=True)
    worker.start()
    try:
        found = _first_bad(checks, 0, half, stop)
        stop[0] = found is not None  # the first half decided: the rest is not needed
    except BaseException:
        stop[0] = True
        raise
    finally:
        worker.join()
    if found is not None:
        return found
    if outcome[1] is not None:
        raise outcome[1]
    return outcome[0]  # type: ignore[no-any-return]


def _new_or_same(session: OrmSession, changes: list[dict[str, Any]],
                 spans: dict[str, RangeSet]
                 ) -> tuple[list[dict[str, Any]], int, set[tuple[str, int]]]:
    """The changes not held here, how many are, and those held with other content
    (``spans``: the seqs of each origin the changes are)."""
    held = vector.load(session)
    if not any(held[o].meets(seqs) for o, seqs in spans.items() if o in held):
        return list(changes), 0, set()  # none held here: not looked at one by one
    fresh: list[dict[str, Any]] = []
    again: dict[str, dict[int, dict[str, Any]]] = defaultdict(dict)
    for c in changes:
        ranges = held.get(c["origin"])
        if ranges and c["seq"] in ranges:
            again[c["origin"]][c["seq"]] = c
        else:
            fresh.append(c)
    columns = [getattr(Change, k) for k in CHANGE_COLUMNS]
    as_row, seq_at = itemgetter(*CHANGE_COLUMNS), CHANGE_COLUMNS.index("seq")
    differing = set()
    for origin, carried in again.items():
        for among in lookups.among(session, Change.seq, list(carried)):
            for row in session.execute(select(*columns).where(Change.origin == origin,
                                                              among)):
                seq = row[seq_at]
                if tuple(row) == as_row(carried[seq]):
                    continue  # the same fields: the same digest, none computed
                stored = dict(zip(CHANGE_COLUMNS, row, strict=True))
                if digest(stored) != digest(carried[seq]):  # (a stub, or '' for None)
                    differing.add((origin, seq))
    return fresh, sum(len(s) for s in again.values()), differing


def _stored_ids(session: OrmSession, tbl: str, ids: set[str]) -> set[str]:
    model = MODEL_BY_TABLE[tbl]
    out = set[str]()
    for among in lookups.among(session, model.id, sorted(ids)):
        out.update(session.scalars(select(model.id).where(among)))
    return out


# Each required field's bit, per table: a row's required fields seen are one int (a set of
# names per row took 50 MiB for the rows of a 1,000,000-change import).
_BITS = {tbl: {name: 1 << i for i, name in enumerate(sorted(names))}
         for tbl, names in REQUIRED.items()}


# (table, field) -> its required bit (0: not required) and the table it links to.
_ROW_FIELDS = {(tbl, c.name): (_BITS[tbl].get(c.name, 0), LINKS.get((tbl, c.name)))
               for tbl, m in MODEL_BY_TABLE.items()
               for c in m.__table__.c}  # type: ignore[attr-defined]


def _check_rows(session: OrmSession, fresh: list[dict[str, Any]]) -> None:
    """Every row new here carries its required fields, and every link names a record held
    here or carried by the bundle: "damaged", before the database would refuse it."""
    seen: dict[str, dict[str, int]] = defaultdict(dict)  # the required fields carried
    linked: dict[str, set[str]] = defaultdict(set)
    info, none = _ROW_FIELDS, (0, None)
    row: tuple[Any, Any] = (None, None)  # a row's changes come together: its bits are
    got = 0                              # gathered, then added to its entry once
    for tbl, row_id, name, text in map(itemgetter("tbl", "row_id", "field", "value"), fresh):
        if row_id is not row[1] or tbl is not row[0]:  # (or an equal string: added again)
            if row[1] is not None:
                rows = seen[row[0]]
                rows[row[1]] = rows.get(row[1], 0) | got
            row, got = (tbl, row_id), 0
        bit, target = info.get((tbl, name), none)
        got |= bit
        if target is not None and not text.startswith(STUB):
            value = loads(text)
            if value is not None:
                linked[target].add(value)
    if row[1] is not None:
        rows = seen[row[0]]
        rows[row[1]] = rows.get(row[1], 0) | got
    for tbl, rows in seen.items():
        bits = _BITS[tbl]
        every = sum(bits.values())
        incomplete = {r for r, got in rows.items() if got != every}
        if not incomplete:
            continue
        stored = _stored_ids(session, tbl, incomplete)
        for row_id in sorted(incomplete - stored):
            missing = ", ".join(n for n, bit in bits.items() if not rows[row_id] & bit)
            raise BundleError("damaged", f"the bundle creates {tbl} {short_id(row_id)} without its "
                              f"{missing} (nothing was imported)")
    for tbl, ids in linked.items():
        unknown = ids - seen.get(tbl, {}).keys()
        if unknown:
            unknown -= _stored_ids(session, tbl, unknown)
        if unknown:
            raise BundleError("damaged", f"the bundle links to {tbl} {short_id(min(unknown))}, "
                              "which neither this workstation nor the bundle holds (nothing "
                              "was imported)")


_VALUE, _IS_STUB = itemgetter("value"), methodcaller("startswith", STUB)


def _orphan_stubs(session: OrmSession, fresh: list[dict[str, Any]],
                  changes: list[dict[str, Any]]) -> set[tuple[str, int]]:
    """Pruned changes (stubs) whose replacing value is neither in the bundle nor held here.

    A pruned change is stored only once a later change of its field is here: otherwise
    the field would be held without a value. Such a stub is not an attack to refuse (it
    keeps its author's signed digest, so it says nothing false) but a change that cannot
    be stored yet: a bounded export (a pull's part) can carry it while the change that
    replaced it waits for a later part. It is left out and not acknowledged, so it is sent
    again; the rest of the bundle imports."""
    stubs = [c for c in fresh if c["value"].startswith(STUB)] if any(
        map(_IS_STUB, map(_VALUE, fresh))) else []  # the usual: none, found by C alone
    if stubs:  # a change voided by its origin's clock repair is a stub with nothing later
        voided = repair.merged(repair.voided_held(session), repair.voided_in(changes))
        stubs = [c for c in stubs if c["seq"] not in voided.get(c["origin"], RangeSet())]
    if not stubs:
        return set()
    newest: dict[tuple[str, str, str], tuple[str, str]] = {}
    for c in changes:
        if not is_stub(c["value"]):
            k = (c["tbl"], c["row_id"], c["field"])
            newest[k] = max(newest.get(k, ("", "")), (c["hlc"], c["origin"]))
    waiting: set[tuple[str, int]] = set()
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
            waiting.add((c["origin"], c["seq"]))
    if waiting:
        log.info("%d pruned changes wait for the values that replaced them", len(waiting))
    return waiting
