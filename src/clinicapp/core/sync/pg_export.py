"""The export on PostgreSQL: the same runs, lines and bundle as ``outgoing``'s general
path (``tests/server/test_pg_export.py`` checks the payloads are byte-identical), with the
database doing what Python did per change.

One statement gives, for each run ``authorship.chosen_runs`` picks of which the peer may
receive any change, its changes in seq order, each with whether the peer may receive it
(its scope, ``RowScope``, joined in SQL) or else its digest (``authorship.digest`` in SQL:
``sha256``); Python leaves out a run not held whole, as ``runs_for`` does. Python writes
the lines from the rows as ``payload`` writes them (no dict per change, no id sets, no
scope call per change) and compresses them in one call, as ``payload.write_payload`` does.

Building the JSON lines in SQL (``to_json``/``row_to_json``, ``string_agg``) was measured
too: on this PostgreSQL it costs 2.5-3 µs a line against about 1 µs in Python.

Overlapping runs (a change in two runs) are left to the general path, which counts each
change once."""

from __future__ import annotations

import gzip
import hashlib
import json
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.sync.ranges import RangeSet

LEVEL = 5  # as payload.write_payload: the same bytes (6 -> 5: +0.5% bytes, -7% CPU)


@dataclass(frozen=True)
class RowScope:
    """A relay's scope for one peer, answerable in SQL and in Python alike: the peer may
    receive every row ``visible`` selects (``tbl``, ``id``) and every row of the tables in
    ``everyone``; ``keeps`` is the same scope as an ``outgoing.ChangeFilter``."""

    keeps: Callable[[OrmSession, list[dict[str, Any]]], Callable[[dict[str, Any]], bool]]
    visible: Callable[[Any], tuple[str, dict[str, Any]]]  # dialect -> SQL, parameters
    everyone: frozenset[str]

    def __call__(self, session: OrmSession, changes: list[dict[str, Any]]
                 ) -> Callable[[dict[str, Any]], bool]:
        return self.keeps(session, changes)


@dataclass(frozen=True)
class Built:
    """A payload and what it carries (``outgoing._Carried`` and ``write_payload``'s)."""

    payload: bytes
    size: int
    lines: int
    ranges: dict[str, RangeSet]
    changes: int
    counts: dict[str, int]
    max_hlc: str | None


def usable(session: OrmSession, only: object) -> bool:
    return session.get_bind().dialect.name == "postgresql" and (
        only is None or isinstance(only, RowScope))


Chosen = list[tuple[str, list[tuple[int, int, str]], list[tuple[int, int]]]]


def overlapping(chosen: Chosen) -> bool:
    """Whether a change lies in two of the chosen runs (runs come by ``lo`` per origin)."""
    for _origin, runs, _covered in chosen:
        reach = 0
        for lo, hi, _sig in runs:
            if lo <= reach:
                return True
            reach = max(reach, hi)
    return False


_KEPT = ("(c.tbl = ANY(%(pgx_everyone)s::text[]) OR (c.tbl::text, c.row_id::text) IN "
         "(SELECT v.tbl, v.id FROM pgx_visible v))")
_RUNS = ("pgx_runs AS (SELECT * FROM unnest(%(pgx_ord)s::int[], %(pgx_origin)s::text[], "
         "%(pgx_lo)s::bigint[], %(pgx_hi)s::bigint[]) AS r(ord, origin, lo, hi))")
_IN_RUN = "c.origin = r.origin AND c.seq BETWEEN r.lo AND r.hi"


def _digest(c: str) -> str:
    """``authorship.digest`` of the row ``c``, in hex: sha256 of the meta joined by
    U+001F, then of the value's sha256 (a stub's is in its text)."""
    meta = ", ".join(f"{c}.{k}" for k in ("tbl", "row_id", "field", "hlc", "origin"))
    return (f"encode(sha256(convert_to(concat_ws(chr(31), {meta}, {c}.seq::text, "
            f"coalesce({c}.prev_origin, ''), coalesce({c}.prev_seq::text, '')), 'UTF8') || "
            f"CASE WHEN left({c}.value, 1) = '#' THEN decode(substr({c}.value, 2), 'hex') "
            f"ELSE sha256(convert_to({c}.value, 'UTF8')) END), 'hex')")


def _with(scope: RowScope | None, dialect: Any) -> tuple[str, dict[str, Any]]:
    """The WITH clause's scope part and its parameters (the visible ids computed in the
    statement: where the pull's kept scope cannot be used)."""
    if scope is None:
        return "", {}
    sql, params = scope.visible(dialect)
    params = dict(params)
    assert not any(k.startswith("pgx_") for k in params)
    params["pgx_everyone"] = sorted(scope.everyone)
    return f"pgx_visible AS MATERIALIZED (SELECT tbl::text AS tbl, id::text AS id FROM " \
           f"({sql}) AS s(tbl, id))", params


# The device's visible ids, kept for the pull: computed once into a temporary table of the
# connection (not once per part: 5 ms a part, and a hashed look-up into a plain table is
# cheaper than into the statement's materialized CTE), and used by a later part only while
# nothing changed that could change them. Its stamp is the scope's own query (the
# device's groups are in it) and the newest change's id: every write to a record logs a
# change, under the merge lock, so an unchanged newest id means unchanged records, and a
# membership or a record moved between parts is honoured by the next part, as before.
# The stamp lives in a session setting set in the same transaction as the table, so a
# rollback takes both back. A read-only transaction, or a role without TEMP, uses the
# statement's own CTE (``_with``).
_KEPT_SETTING = "clinicapp.pgx_scope"
_KEPT_CHECK = (f"SELECT current_setting('{_KEPT_SETTING}', true), (SELECT max(id) FROM "
               "changes), to_regclass('pg_temp.pgx_scope') IS NOT NULL, "
               "current_setting('transaction_read_only') = 'off' AND "
               "has_database_privilege(current_database(), 'TEMP')")
_KEPT_WITH = "pgx_visible AS (SELECT v.tbl, v.id FROM pg_temp.pgx_scope v)"


def _kept_scope(cursor: Any, scope: RowScope, dialect: Any) -> tuple[str, dict[str, Any]] | None:
    """The WITH clause's scope part over the kept visible ids, made now if missing or
    stale; None where a temporary table cannot be written."""
    sql, params = scope.visible(dialect)
    key = hashlib.sha256(repr((sql, sorted(params.items()))).encode()).hexdigest()
    cursor.execute(_KEPT_CHECK)
    stamp, newest, exists, writable = cursor.fetchone()
    want = f"{key}:{newest}"
    if stamp != want or not exists:
        if not writable:
            return None
        cursor.execute("CREATE TEMP TABLE IF NOT EXISTS pgx_scope (tbl text, id text)")
        cursor.execute("TRUNCATE pg_temp.pgx_scope")  # no dead rows: never vacuumed
        cursor.execute("INSERT INTO pg_temp.pgx_scope SELECT tbl::text, id::text FROM "
                       f"({sql}) AS s(tbl, id)", params)
        cursor.execute("SELECT set_config(%s, %s, false)", (_KEPT_SETTING, want))
    return _KEPT_WITH, {"pgx_everyone": sorted(scope.everyone)}


def _run_params(runs: list[tuple[int, str, int, int]]) -> dict[str, Any]:
    return {"pgx_ord": [r[0] for r in runs], "pgx_origin": [r[1] for r in runs],
            "pgx_lo": [r[2] for r in runs], "pgx_hi": [r[3] for r in runs]}


_ROWS = ("r.ord, k.digest, k.tbl, k.row_id, k.field, k.value, k.hlc, k.seq, k.prev_origin, "
         "k.prev_seq")
CHUNK = 2000  # rows the driver hands over at a time (the database goes on meanwhile)


def _query(scoped: bool, scope_sql: str) -> str:
    """Each run's changes in seq order, each with its digest when the peer may not
    receive it, for the runs of which the peer may receive any.

    One pass over a run's changes: whether the peer may receive any of them is found by
    a look that stops at the first it may (``LIMIT 1``: one change for a run in scope,
    every change only for a run wholly outside it, which is not read again), and whether
    the run is held whole is counted by the caller from the rows (seqs are unique per
    origin: ``hi - lo + 1`` rows in ``lo..hi`` are all of them). A digest is computed only
    for a change withheld from a run that is sent."""
    if not scoped:
        return (f"WITH {_RUNS} SELECT {_ROWS} FROM pgx_runs r CROSS JOIN LATERAL (SELECT c.*, "
                f"NULL::text AS digest FROM changes c WHERE {_IN_RUN} ORDER BY c.seq "
                f"OFFSET 0) k")
    return (f"WITH {_RUNS}, {scope_sql} SELECT {_ROWS} FROM pgx_runs r CROSS JOIN LATERAL "
            f"(SELECT 1 FROM changes c WHERE {_IN_RUN} AND {_KEPT} LIMIT 1) s CROSS JOIN "
            f"LATERAL (SELECT c.*, CASE WHEN NOT c.kept THEN {_digest('c')} END AS digest "
            f"FROM (SELECT c.*, {_KEPT} AS kept FROM changes c WHERE {_IN_RUN} ORDER BY "
            f"c.seq OFFSET 0) c) k")


def build(session: OrmSession, chosen: Chosen, scope: RowScope | None) -> Built:
    """The payload of the chosen runs (none overlapping) for a peer of ``scope`` (None:
    every change): one statement (``_query``) gives, for each run of which the peer may
    receive any change, its changes in order with whether each is received (else its
    digest); a run not held whole is left out here; the lines are written as ``payload``
    writes them."""
    runs = [(origin, lo, hi, sig) for origin, items, _c in chosen for lo, hi, sig in items]
    connection = session.connection()
    cursor = connection.connection.cursor()
    try:
        kept = _kept_scope(cursor, scope, connection.dialect) if scope is not None else None
    except BaseException:
        cursor.close()
        raise
    scope_sql, params = kept or _with(scope, connection.dialect)
    params.update(_run_params([(i, o, lo, hi) for i, (o, lo, hi, _s) in enumerate(runs)]))
    query = _query(scope is not None, scope_sql)
    out = _Compressed()
    spans: dict[str, list[tuple[int, int]]] = {}  # carried whole, or one seq at a time
    tables: list[str] = []
    newest = ""
    last = -1
    rows = cursor.stream(query, params, size=CHUNK)
    try:
        for ord_, group in groupby(rows, itemgetter(0)):
            part = list(group)
            origin, lo, hi, sig = runs[ord_]
            if ord_ <= last:
                raise RuntimeError("the database gave the runs out of order")
            last = ord_
            if len(part) != hi - lo + 1:
                continue  # not held whole: no one could verify it (as ``runs_for``)
            quoted = _text(origin)
            out.line(f'{{"run":{{"origin":{quoted},"lo":{lo},"hi":{hi},"sig":{_text(sig)}}}}}')
            if not any(map(_DIGEST, part)):  # every change received (C: no call a row)
                shown = part
                out.lines(_lines(quoted, part))
                spans.setdefault(origin, []).append((lo, hi))
            else:
                shown = [row for row in part if row[1] is None]
                written = iter(_lines(quoted, shown))
                out.lines(next(written) if row[1] is None else
                          f'{{"withheld":{{"seq":{row[7]},"withheld":{_text(row[1])}}}}}'
                          for row in part)
                spans.setdefault(origin, []).extend((row[7], row[7]) for row in shown)
            tables.extend(map(itemgetter(2), shown))
            newest = max(newest, max(map(itemgetter(6), shown)))
        payload, size, lines = out.close()
    finally:
        rows.close()  # an interrupted stream is cancelled and its results consumed
        cursor.close()
        out.shutdown()
    return Built(payload, size, lines, {o: RangeSet(s) for o, s in spans.items()},
                 len(tables), dict(Counter(tables)), newest or None)


class _Compressed:
    """Lines compressed as ``write_payload`` compresses them (the same bytes: zlib's
    output does not depend on how its input is cut), a batch at a time on a worker
    thread: zlib lets go of the GIL, so compressing overlaps writing the next lines."""

    # Lines a batch: small, so the worker starts early and the last batch, which the
    # caller waits for, is short (4096 -> 512: about 10% less wall time for a pull of
    # 105,000 changes at load 4, the same CPU).
    BATCH = 512

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1)  # one worker: batches in order
        self._deflate = zlib.compressobj(LEVEL, zlib.DEFLATED, 31)
        self._done: list[Future[bytes]] = []
        self._batch: list[str] = []
        self.size = self.count = 0

    def line(self, text: str) -> None:
        self._batch.append(text)
        if len(self._batch) >= self.BATCH:
            self._send()

    def lines(self, texts: Iterable[str]) -> None:
        self._batch.extend(texts)
        if len(self._batch) >= self.BATCH:
            self._send()

    def _send(self) -> None:
        data = ("\n".join(self._batch) + "\n").encode()
        self.count += len(self._batch)
        self.size += len(data)
        self._batch = []
        # The worker's batch ends by taking the GIL back, which this thread holds while it
        # writes lines: without a pause here the worker waits out the switch interval (5
        # ms) per batch and falls behind, and the part waits for its backlog at the end.
        time.sleep(0)  # lets go of the GIL for the worker (a pull: 388 -> 364 ms)
        self._done.append(self._pool.submit(self._deflate.compress, data))

    def close(self) -> tuple[bytes, int, int]:
        """The payload, its size and its line count (an empty payload as
        ``write_payload`` makes one)."""
        if self._batch:
            self._send()
        if not self.count:
            return gzip.compress(b"", compresslevel=LEVEL, mtime=0), 0, 0
        self._done.append(self._pool.submit(self._deflate.flush))
        return b"".join(f.result() for f in self._done), self.size, self.count

    def shutdown(self) -> None:
        self._pool.shutdown(cancel_futures=True)


_DIGEST = itemgetter(1)  # a row's digest: None when the peer receives the change itself


_text = json.encoder.encode_basestring  # C: a JSON string literal, as payload writes it


def _lines(origin: str, rows: list[tuple[Any, ...]]) -> list[str]:
    """``payload._line`` of each row of ``_ROWS`` (``origin``: the run's, as JSON), the
    JSON of a row's table and id and of a stamp written once for the rows that share them
    (a new record's fields come together, with one stamp): 105,000 lines 67 -> 40 ms."""
    out: list[str] = []
    append = out.append
    last_tbl = last_row = last_hlc = None
    head = stamp = ""
    for _o, _d, tbl, row_id, field, value, hlc, seq, prev_origin, prev_seq in rows:
        if row_id != last_row or tbl != last_tbl:
            head = f'{{"tbl":{_text(tbl)},"row_id":{_text(row_id)},"field":'
            last_tbl, last_row = tbl, row_id
        if hlc != last_hlc:
            stamp = f',"hlc":{_text(hlc)},"origin":{origin},"seq":'
            last_hlc = hlc
        if prev_origin is None and prev_seq is None:
            append(f'{head}{_text(field)},"value":{_text(value)}{stamp}{seq},'
                   '"prev_origin":null,"prev_seq":null}')
        else:
            append(f'{head}{_text(field)},"value":{_text(value)}{stamp}{seq},'
                   f'"prev_origin":{"null" if prev_origin is None else _text(prev_origin)},'
                   f'"prev_seq":{"null" if prev_seq is None else prev_seq}}}')
    return out
