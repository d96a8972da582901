"""Authorship: every change verifiably from its origin.

Each origin signs its own changes in *runs*: when a transaction records changes
``lo..hi``, the origin signs (Ed25519, its replica key) the message

    b"clinicapp-run:v1\\n" + origin + "\\n" + lo + "\\n" + hi + "\\n" + sha256(d_lo + … + d_hi)

where ``d`` is a change's digest: ``sha256(meta + sha256(value))``, ``meta`` being table,
row id, field, stamp, origin, seq, prev_origin and prev_seq joined by U+001F. The run is
stored beside the changes (``change_runs``) and a relay forwards it unchanged, so whoever
carries a change, the receiver checks it against its author's key: a relay can withhold
changes, never forge, alter or reorder them.

Compaction keeps the digest: a pruned change becomes a *stub* whose value is
``"#" + sha256(value)`` (the value's hash, never a JSON text), so the run still verifies;
a receiver stores a stub only when a change that supersedes it is present.
"""

from __future__ import annotations

import base64
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.models import Change, ChangeRun
from clinicapp.core.sync import bulk, lookups
from clinicapp.core.sync.ranges import RangeSet

RUN_PREFIX = b"clinicapp-run:v1\n"
STUB = "#"  # a pruned value: "#" + hex sha256 of the value (a JSON text never starts so)
CHANGE_COLUMNS = ("tbl", "row_id", "field", "value", "hlc", "origin", "seq",
                  "prev_origin", "prev_seq")


@dataclass(frozen=True)
class Run:
    origin: str
    lo: int
    hi: int
    signature: str  # base64, 64 bytes

    def to_json(self) -> dict[str, Any]:
        return {"origin": self.origin, "lo": self.lo, "hi": self.hi, "sig": self.signature}


def is_stub(value: str) -> bool:
    return value.startswith(STUB)


def stub_of(value: str) -> str:
    return value if is_stub(value) else STUB + hashlib.sha256(value.encode()).hexdigest()


def digest(c: dict[str, Any]) -> bytes:
    """What the origin's signature covers of one change (a stub digests the same)."""
    value: str = c["value"]
    value_hash = (bytes.fromhex(value[1:]) if value.startswith(STUB)
                  else hashlib.sha256(value.encode()).digest())
    prev_seq = c["prev_seq"]
    meta = "\x1f".join((c["tbl"], c["row_id"], c["field"], c["hlc"], c["origin"],
                        str(c["seq"]), c["prev_origin"] or "",
                        "" if prev_seq is None else str(prev_seq)))
    return hashlib.sha256(meta.encode() + value_hash).digest()


def run_message(origin: str, lo: int, hi: int, changes: Iterable[dict[str, Any]]) -> bytes:
    root = hashlib.sha256(b"".join(digest(c) for c in changes)).digest()
    return RUN_PREFIX + f"{origin}\n{lo}\n{hi}\n".encode() + root


def sign_run(signing_key: Ed25519PrivateKey, origin: str,
             changes: Sequence[dict[str, Any]]) -> Run:
    """Sign ``changes`` (one origin's, seq ascending and contiguous)."""
    lo, hi = changes[0]["seq"], changes[-1]["seq"]
    signature = signing_key.sign(run_message(origin, lo, hi, changes))
    return Run(origin, lo, hi, base64.b64encode(signature).decode())


def verify_run(public_key: bytes, run: Run, changes: Sequence[dict[str, Any]]) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(
            base64.b64decode(run.signature, validate=True),
            run_message(run.origin, run.lo, run.hi, changes))
        return True
    except (InvalidSignature, ValueError):
        return False


def record_own(session: OrmSession, signing_key_raw: bytes, origin: str,
               rows: Sequence[dict[str, Any]]) -> None:
    """Sign the changes one local transaction just recorded (called by the change log)."""
    run = sign_run(Ed25519PrivateKey.from_private_bytes(signing_key_raw), origin, rows)
    session.execute(insert(ChangeRun), [{"origin": run.origin, "lo": run.lo, "hi": run.hi,
                                         "signature": run.signature}])


def resign(session: OrmSession, signing_key_raw: bytes, origin: str,
           seqs: Iterable[int]) -> int:
    """Sign again this origin's runs that hold any of ``seqs`` (after their stamps were
    corrected); returns how many runs were signed."""
    key = Ed25519PrivateKey.from_private_bytes(signing_key_raw)
    wanted = sorted(set(seqs))
    runs = [r for r in session.scalars(select(ChangeRun).where(ChangeRun.origin == origin))
            if any(r.lo <= s <= r.hi for s in wanted)]
    for run in runs:
        changes = _stored(session, origin, run.lo, run.hi)
        if len(changes) == run.hi - run.lo + 1:
            run.signature = sign_run(key, origin, changes).signature
    return len(runs)


def _stored(session: OrmSession, origin: str, lo: int, hi: int) -> list[dict[str, Any]]:
    columns = [getattr(Change, k) for k in CHANGE_COLUMNS]
    rows = session.connection().execute(select(*columns).where(
        Change.origin == origin, Change.seq.between(lo, hi)).order_by(Change.seq)).all()
    return [dict(zip(CHANGE_COLUMNS, r, strict=True)) for r in rows]


def runs_for(session: OrmSession, wanted: dict[str, RangeSet]
             ) -> list[tuple[Run, list[dict[str, Any]]]]:
    """The stored runs holding any wanted change, each whole with its changes (a run is
    sent whole so its signature verifies). Changes held without a complete run (received
    before runs were signed) cannot be verified by anyone and are not sent."""
    out: list[tuple[Run, list[dict[str, Any]]]] = []
    for origin, chosen, covered in chosen_runs(session, wanted):
        changes = _changes_in(session, origin, covered)
        # Seqs are unique per origin and sorted: lo..hi are all held iff the positions of
        # lo and hi are hi - lo apart, and the run's changes are then one slice.
        at = {c["seq"]: i for i, c in enumerate(changes)}
        for lo, hi, signature in chosen:
            first, last = at.get(lo), at.get(hi)
            if first is not None and last is not None and last - first == hi - lo:
                out.append((Run(origin, lo, hi, signature), changes[first:last + 1]))
    return out


def chosen_runs(session: OrmSession, wanted: dict[str, RangeSet]
                ) -> list[tuple[str, list[tuple[int, int, str]], list[tuple[int, int]]]]:
    """Per origin (sorted), the stored runs ``runs_for`` sends (``lo``, ``hi``, signature,
    in order) and the ranges they cover; whether each run's changes are all held is for
    the caller to check (``runs_for`` here, ``pg_export`` in the database). The stored
    runs of every origin come from one query (``_stored_runs``), not one per origin."""
    spans = {origin: (ranges[0][0], ranges[-1][1])
             for origin, ranges in ((o, list(r)) for o, r in wanted.items()) if ranges}
    stored = _stored_runs(session, spans)
    out = []
    for origin, ranges in sorted(wanted.items()):
        chosen, covered = _chosen(stored.get(origin, []), list(ranges))
        if chosen:
            out.append((origin, chosen, covered))
    return out


ORIGINS_A_QUERY = 300  # SQLite's VALUES list: 3 parameters an origin, under its limit


def _stored_runs(session: OrmSession, spans: dict[str, tuple[int, int]]
                 ) -> dict[str, list[tuple[int, int, str]]]:
    """Each origin's stored runs reaching into its span (``lo``..``hi``: only those can
    meet what is wanted of it; a pull's part wants a window), by ``lo`` then ``hi``. On
    PostgreSQL one query with the spans as three arrays; on SQLite a ``VALUES`` list of
    them, ``ORIGINS_A_QUERY`` origins a query."""
    found: dict[str, list[tuple[int, int, str]]] = {}
    if not spans:
        return found
    join = ("SELECT r.origin, r.lo, r.hi, r.signature FROM change_runs r JOIN {spans} "
            "ON r.origin = w.origin AND r.hi >= w.lo AND r.lo <= w.hi "
            "ORDER BY r.origin, r.lo, r.hi")
    items = sorted(spans.items())
    batches: list[tuple[str, tuple[Any, ...]]] = []
    if session.connection().dialect.name == "postgresql":
        arrays = "unnest(?::text[], ?::bigint[], ?::bigint[]) AS w(origin, lo, hi)"
        batches.append((join.format(spans=arrays), ([o for o, _s in items],
                                                     [s[0] for _o, s in items],
                                                     [s[1] for _o, s in items])))
    else:
        for at in range(0, len(items), ORIGINS_A_QUERY):
            chunk = items[at:at + ORIGINS_A_QUERY]
            values = ", ".join(["(?, ?, ?)"] * len(chunk))
            batches.append((f"WITH w(origin, lo, hi) AS (VALUES {values}) "
                            + join.format(spans="w"),
                            tuple(v for o, (lo, hi) in chunk for v in (o, lo, hi))))
    for query, params in batches:
        for origin, lo, hi, signature in _fetch(session, query, params):
            found.setdefault(origin, []).append((lo, hi, signature))
    return found


def _chosen(stored: list[tuple[int, int, str]], wanted: list[tuple[int, int]]
            ) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
    """Of one origin's ``stored`` runs (by ``lo``, then ``hi``), those meeting ``wanted``
    (sorted, disjoint) and not inside the runs chosen before them, and the ranges those
    runs cover. One sweep: the first wanted range ending at or after a run's ``lo`` is the
    only one to try, and a run inside the chosen ones lies inside the last covered range."""
    if not wanted:
        return [], []
    chosen: list[tuple[int, int, str]] = []
    covered: list[list[int]] = []
    w, n = 0, len(wanted)
    for lo, hi, signature in stored:
        while w < n and wanted[w][1] < lo:
            w += 1
        if w == n:
            break  # every later run starts after the last wanted change
        if wanted[w][0] > hi:
            continue
        if covered and covered[-1][0] <= lo and hi <= covered[-1][1]:
            continue  # already sent whole inside the runs chosen before
        chosen.append((lo, hi, signature))
        if covered and lo <= covered[-1][1] + 1:
            covered[-1][1] = max(covered[-1][1], hi)
        else:
            covered.append([lo, hi])
    return chosen, [(lo, hi) for lo, hi in covered]


GAP = 256  # covered ranges this close are read by one query (the few extra rows are cheap)


def _changes_in(session: OrmSession, origin: str, ranges: list[tuple[int, int]]
                ) -> list[dict[str, Any]]:
    """This origin's changes in ``ranges`` (and perhaps in short gaps between them), by seq:
    one query per stretch of near ranges, not one per range."""
    stretches: list[list[int]] = []
    for lo, hi in ranges:
        if stretches and lo - stretches[-1][1] <= GAP:
            stretches[-1][1] = hi
        else:
            stretches.append([lo, hi])
    query = (f"SELECT {', '.join(CHANGE_COLUMNS)} FROM changes WHERE origin = ? "
             "AND seq BETWEEN ? AND ? ORDER BY seq")
    rows: list[dict[str, Any]] = []
    for lo, hi in stretches:  # dicts built by C-level maps
        rows.extend(map(dict, map(zip, repeat(CHANGE_COLUMNS),
                                  _fetch(session, query, (origin, lo, hi)))))
    return rows


def _fetch(session: OrmSession, query: str, params: tuple[Any, ...]) -> list[Any]:
    """Rows of ``query`` (``?`` for parameters) through the driver's own cursor, inside the
    session's transaction: the columns read here are plain text and integers, so they need
    none of SQLAlchemy's per-row processing (a pull reads 100,000 of them)."""
    connection = session.connection()
    if connection.dialect.paramstyle != "qmark":
        query = query.replace("?", "%s")
    cursor = connection.connection.cursor()
    try:
        cursor.execute(query, params)
        return list(cursor.fetchall())
    finally:
        cursor.close()


RUN_COLUMNS = ("origin", "lo", "hi", "signature")  # store_runs' bulk write


def store_runs(session: OrmSession, runs: Iterable[Run]) -> None:
    """Keep the runs of a verified bundle that are not held yet (same origin, lo, hi).

    A server's ingest stores thousands of runs a bundle: the held ones are read in one
    query per chunk of origins (``lookups.among``) and the new ones written in one bulk
    write (``bulk.insert``: ``COPY`` on PostgreSQL, multi-row ``INSERT``s on SQLite), not
    row by row."""
    by_origin: dict[str, list[Run]] = defaultdict(list)
    for run in runs:
        by_origin[run.origin].append(run)
    if not by_origin:
        return
    connection = session.connection()
    table: Table = ChangeRun.__table__  # type: ignore[assignment]
    held: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for among in lookups.among(connection, table.c.origin, list(by_origin)):
        for origin, lo, hi in connection.execute(
                select(table.c.origin, table.c.lo, table.c.hi).where(among)):
            held[origin].add((lo, hi))
    new: list[tuple[str, int, int, str]] = []
    for origin, items in by_origin.items():
        seen = held[origin]
        for run in items:
            if (run.lo, run.hi) not in seen:
                seen.add((run.lo, run.hi))
                new.append((origin, run.lo, run.hi, run.signature))
    bulk.insert(connection, table, RUN_COLUMNS,
                bulk.convert(new, bulk.converters(connection, table, RUN_COLUMNS)))
