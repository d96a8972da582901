"""Applying changes from other replicas: per-field last-writer-wins on ``(hlc, origin)``.

- A change already held (by ``(origin, seq)``) is skipped, so bundles may come twice.
- Every new change is stored in the change log and added to the version vector, in the
  same transaction as the rows it changes.
- A field takes the value of its greatest ``(hlc, origin)`` change, whatever order the
  changes arrive in, so every replica ends with the same values.
- Two edits of one field are *concurrent* when neither writer had seen the other's value
  (the loser is not an ancestor of the winner through ``prev_origin/prev_seq``). The
  loser is kept in ``conflicts`` for a person to review.
- Rows are created when their first change arrives; a delete is the ``deleted_at`` field.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.errors import ClinicAppError
from clinicapp.core.models import (
    MODEL_BY_TABLE,
    SYNCED_MODELS,
    Change,
    ReplicaState,
)
from clinicapp.core.storage.db import WRITTEN
from clinicapp.core.sync import bulk, decisions, heads, lookups, vector
from clinicapp.core.sync.authorship import STUB, is_stub
from clinicapp.core.sync.changelog import APPLYING_REMOTE, NOT_SYNCED_FIELDS, track_tables
from clinicapp.core.sync.clock import Hlc, receive
from clinicapp.core.sync.ranges import RangeSet
from clinicapp.core.sync.values import decoder

# Every edit touches these; two edits of different fields are not a conflict.
NO_CONFLICT_FIELDS = frozenset({"created_at", "updated_at"})
TABLE_ORDER = {m.__tablename__: i for i, m in enumerate(SYNCED_MODELS)}  # type: ignore[attr-defined]

Progress = Callable[[int, int], None]
CHUNK = 20_000  # change rows per driver call
CHANGE_COLUMNS = ("tbl", "row_id", "field", "value", "hlc", "origin", "seq", "prev_origin",
                  "prev_seq")
Key = tuple[str, int]  # (origin, seq)


@dataclass
class MergeResult:
    """What applying a set of changes did."""

    received: int = 0  # changes new to this replica
    duplicates: int = 0  # changes it already held
    rows_added: dict[str, int] = field(default_factory=dict)
    rows_changed: dict[str, int] = field(default_factory=dict)
    conflicts: int = 0


C = dict[str, Any]  # a change as the merge handles it: CHANGE_COLUMNS and their values


def _order(c: C) -> tuple[str, str]:
    return (c["hlc"], c["origin"])


def _prev(c: C) -> Key | None:
    p_origin, p_seq = c["prev_origin"], c["prev_seq"]
    return None if p_origin is None or p_seq is None else (p_origin, p_seq)


def check_shape(changes: Iterable[dict[str, Any]]) -> None:
    """Refuse changes that name a table or field this version does not know."""
    # Each (table, field) once, in the order they first appear: the same first refusal.
    for tbl, name in dict.fromkeys((c["tbl"], c["field"]) for c in changes):
        model = MODEL_BY_TABLE.get(tbl)
        if model is None:
            raise ClinicAppError(f"a change names an unknown table '{tbl}': "
                                 "the bundle is from a newer ClinicApp; update ClinicApp")
        if name in NOT_SYNCED_FIELDS or name not in model.__table__.c:  # type: ignore[attr-defined]
            raise ClinicAppError(f"a change names an unknown field '{tbl}.{name}': "
                                 "the bundle is from a newer ClinicApp; update ClinicApp")


def new_changes(session: OrmSession, changes: Iterable[dict[str, Any]]
                ) -> tuple[list[dict[str, Any]], int]:
    """The changes not yet held here (each once), and how many were duplicates."""
    held = vector.load(session)
    fresh: dict[Key, dict[str, Any]] = {}
    duplicates = 0
    for c in changes:
        key = (c["origin"], c["seq"])
        ranges = held.get(key[0])
        if key in fresh or (ranges is not None and key[1] in ranges):
            duplicates += 1
            continue
        fresh[key] = c
    return list(fresh.values()), duplicates


MIXED = ""  # Merger.origins: a row written by more than one origin


def _nothing() -> None:
    pass


class _Merger:
    """Decides each field's winner. Stored and incoming changes alike are dicts of
    ``CHANGE_COLUMNS``: a field that only ever had one change (the usual case) costs a
    dict lookup and no object is made for it."""

    def __init__(self, session: OrmSession, incoming: list[C]) -> None:
        self.session = session
        self._changes = incoming
        self._incoming: dict[Key, C] | None = None
        self.winners: dict[tuple[str, str], dict[str, C]] = {}
        # Every stored change of the preloaded rows, stubs too: a change's ``prev`` is a
        # change of its own field, so ancestry is walked without a query per step.
        self.logged: dict[Key, C] = {}
        self.looked_up: dict[Key, C | None] = {}  # the rare prev found elsewhere
        # (table, row): the one origin of its contestable changes (stored and incoming),
        # or MIXED; what settling needs to know (``heads.note_uncontested``).
        self.origins: dict[tuple[str, str], str] = {}
        self.result = MergeResult()
        # Called before any query while deciding (the log's rows may still be going in).
        self.before_query: Callable[[], None] = _nothing

    @property
    def incoming(self) -> dict[Key, C]:
        """The changes being merged by (origin, seq), made when first asked for (a merge
        into rows this replica never had asks for none)."""
        if self._incoming is None:
            self._incoming = {(c["origin"], c["seq"]): c for c in self._changes}
        return self._incoming

    def preload(self, keys: Iterable[tuple[str, str]]) -> None:
        """The stored changes of many rows in a few queries (instead of one per row)."""
        by_table: dict[str, list[str]] = defaultdict(list)
        for tbl, row_id in keys:
            if (tbl, row_id) not in self.winners:
                by_table[tbl].append(row_id)
        columns = [getattr(Change, name) for name in CHANGE_COLUMNS]
        for tbl, ids in by_table.items():
            for row_id in ids:
                self.winners[(tbl, row_id)] = {}
            for among in lookups.among(self.session, Change.row_id, ids):
                rows = self.session.execute(
                    select(*columns).where(Change.tbl == tbl, among)).all()
                incoming = self.incoming if rows else {}
                for row in rows:
                    c = dict(zip(CHANGE_COLUMNS, row, strict=True))
                    key = (tbl, c["row_id"])
                    if c["field"] not in heads.NOT_CONTESTED and self.origins.setdefault(
                            key, c["origin"]) != c["origin"]:
                        self.origins[key] = MIXED
                    if (c["origin"], c["seq"]) in incoming:
                        continue  # stored by this merge (applied below)
                    self.logged[(c["origin"], c["seq"])] = c
                    if is_stub(c["value"]):
                        continue  # pruned: it never wins
                    best = self.winners[key]
                    f = c["field"]
                    if f not in best or _order(c) > _order(best[f]):
                        best[f] = c

    def _lookup(self, key: Key) -> C | None:
        c = self.incoming.get(key)
        if c is not None:
            return c
        found = self.logged.get(key)
        if found is not None:
            return found
        if key not in self.looked_up:  # a prev outside the preloaded rows (or gone)
            self.before_query()
            row = self.session.execute(
                select(*(getattr(Change, name) for name in CHANGE_COLUMNS))
                .where(Change.origin == key[0], Change.seq == key[1])).first()
            self.looked_up[key] = None if row is None else dict(
                zip(CHANGE_COLUMNS, row, strict=True))
        return self.looked_up[key]

    def is_ancestor(self, older: C, newer: C) -> bool:
        """Had the writer of ``newer`` seen ``older`` (directly or through others)?"""
        target = (older["origin"], older["seq"])
        current: C | None = newer
        while current is not None:
            prev = _prev(current)
            if prev is None:
                return False
            if prev == target:
                return True
            current = self._lookup(prev)
            if current is not None and current["hlc"] < older["hlc"]:
                return False  # the chain went past older's time without meeting it
        return False

    def conflict(self, c: C, kept: C, lost: C) -> None:
        if c["field"] in NO_CONFLICT_FIELDS or kept["value"] == lost["value"]:
            return
        self.before_query()
        if decisions.note_conflict(  # once per losing change, named alike everywhere
                self.session, c["tbl"], c["row_id"], c["field"],
                (kept["hlc"], kept["origin"], kept["seq"], kept["value"]),
                (lost["hlc"], lost["origin"], lost["seq"], lost["value"])):
            self.result.conflicts += 1

    def contest(self, c: C, current: C, winners: dict[str, C]) -> bool:
        """Decide a change against its field's present winner ``current``; True if it
        becomes the field's value."""
        if _order(c) > _order(current):
            if not self.is_ancestor(current, c):
                self.conflict(c, c, current)
            winners[c["field"]] = c
            return True
        if not self.is_ancestor(c, current):
            self.conflict(c, current, c)
        return False

    def merge_all(self, fresh: list[C], progress: Progress | None
                  ) -> dict[tuple[str, str], set[str]]:
        """Decide every change (in (hlc, origin, seq) order, every row preloaded); the
        fields each row takes a new value for."""
        touched: dict[tuple[str, str], set[str]] = defaultdict(set)
        all_winners, origins = self.winners, self.origins
        for done, c in enumerate(fresh, 1):
            key = (c["tbl"], c["row_id"])
            f = c["field"]
            if f not in heads.NOT_CONTESTED and origins.setdefault(key, c["origin"]) != c["origin"]:
                origins[key] = MIXED
            # A stub (a pruned, superseded value) is only stored: it never wins.
            if not c["value"].startswith(STUB):
                winners = all_winners[key]
                current = winners.get(f)
                if current is None:  # the common case: a field this replica never had
                    winners[f] = c
                    touched[key].add(f)
                elif self.contest(c, current, winners):
                    touched[key].add(f)
            if progress and done % 1000 == 0:
                progress(done, len(fresh) * 2)
        return touched


def apply(session: OrmSession, changes: Iterable[dict[str, Any]],
          progress: Progress | None = None, checked: bool = False) -> MergeResult:
    """Apply changes from other replicas inside the caller's transaction. ``checked``:
    the caller has already refused unknown tables and fields and left out what is held
    here or carried twice (``authority.check`` does, for an import): not done again."""
    session.info[APPLYING_REMOTE] = True
    if checked:
        fresh, duplicates = list(changes), 0
    else:
        changes = list(changes)
        check_shape(changes)
        fresh, duplicates = new_changes(session, changes)
    merger = _Merger(session, fresh)
    merger.result.duplicates = duplicates
    merger.result.received = len(fresh)
    if not fresh:
        return merger.result
    fresh.sort(key=itemgetter("hlc", "origin", "seq"))
    # The stored changes of the rows concerned, read before this merge adds its own (so
    # nothing just written is read back).
    merger.preload({(c["tbl"], c["row_id"]) for c in fresh})
    connection = session.connection()
    before = heads.log_end(session)
    as_row = itemgetter(*CHANGE_COLUMNS)
    # The log's rows go in on a worker (PostgreSQL) while the winners are decided here:
    # the backend writes them and their four indexes on the other core meanwhile.
    storing = bulk.insert_behind(
        connection, Change.__table__, CHANGE_COLUMNS,  # type: ignore[arg-type]
        [partial(_rows, as_row, fresh, start)  # bounded: a million changes stream through
         for start in range(0, len(fresh), CHUNK)])
    merger.before_query = storing.wait
    try:
        touched = merger.merge_all(fresh, progress)
    except BaseException:
        storing.join()  # the insert ends before the transaction is rolled back
        raise
    storing.wait()  # its error, if it failed, is the merge's
    # (PostgreSQL) the next batches' and bundles' lookups planned on what the log is now
    lookups.after_bulk_load(connection, Change.__table__,  # type: ignore[arg-type]
                            before + len(fresh))
    # Settling need not ask the database which of these rows two origins wrote: the
    # merge has seen every change of them.
    heads.note_uncontested(session, merger.winners, [
        key for key in merger.winners if merger.origins.get(key) != MIXED], before)
    _write_rows(session, merger, touched, progress, len(fresh))
    decisions.touch(session, touched)  # their conflicts are settled before commit
    _record_held(session, fresh)
    _advance_clock(session, fresh[-1]["hlc"])  # the newest: sorted by hlc first
    return merger.result




def _rows(as_row: Callable[[C], tuple[Any, ...]], fresh: list[C], start: int
          ) -> list[tuple[Any, ...]]:
    return list(map(as_row, fresh[start:start + CHUNK]))


def _write_rows(session: OrmSession, merger: _Merger,
                touched: dict[tuple[str, str], set[str]], progress: Progress | None,
                total: int) -> None:
    """Set each touched field to its winning value, creating rows in foreign-key order:
    new rows in one bulk insert per set of fields they carry, existing ones in one bulk
    update per set of fields changed."""
    by_table: dict[str, list[tuple[str, set[str]]]] = defaultdict(list)
    for (tbl, row_id), fields in touched.items():
        by_table[tbl].append((row_id, fields))
    connection = session.connection()
    done, rows_total = 0, len(touched)
    updated: set[tuple[str, str]] = set()
    written: dict[str, set[str]] = session.info.setdefault(WRITTEN, {})
    for tbl in sorted(by_table, key=TABLE_ORDER.__getitem__):
        table = MODEL_BY_TABLE[tbl].__table__  # type: ignore[attr-defined]
        columns = table.c
        decoders = {c.name: decoder(c) for c in columns}
        # A NULL for a required field that has a default (bundles from before defaults
        # were logged) means "the default", as the ORM would insert.
        defaulted = {c.name for c in columns if not c.nullable and c.default is not None}
        rows = by_table[tbl]
        ids = [row_id for row_id, _ in rows]
        existing: set[str] = set()
        for among in lookups.among(connection, columns.id, ids):
            existing.update(connection.execute(select(columns.id).where(among)).scalars())
        new_rows: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
        changed: dict[tuple[str, ...], list[tuple[Any, ...]]] = defaultdict(list)
        for row_id, fields in rows:
            winners = merger.winners[(tbl, row_id)]
            if row_id not in existing:
                values = {"id": row_id}
                for f, s in winners.items():
                    v = decoders[f](s["value"])
                    if v is not None or f not in defaulted:
                        values[f] = v
                new_rows[tuple(sorted(values))].append(values)
            else:
                names = tuple(sorted(fields))
                changed[names].append((row_id, *(decoders[f](winners[f]["value"])
                                                 for f in names)))
                updated.add((tbl, row_id))
            done += 1
            if progress and done % 1000 == 0:  # second half: writing rows
                progress(total + done * total // rows_total, total * 2)
        for names, values in changed.items():
            bulk.update(connection, table, names, values)
        for names, batch in new_rows.items():
            _insert_new(connection, table, names, batch)
        added = sum(len(b) for b in new_rows.values())
        if added:
            merger.result.rows_added[tbl] = added
        if changed:
            merger.result.rows_changed[tbl] = sum(len(p) for p in changed.values())
        written.setdefault(tbl, set()).update(ids)
        # Parents are in before the next table's children.
    track_tables(session, by_table)
    if updated:  # objects this session already holds must not keep the old values
        for obj in list(session.identity_map.values()):
            if (getattr(obj, "__tablename__", None), getattr(obj, "id", None)) in updated:
                session.expire(obj)


def _insert_new(connection: Connection, table: Table, names: tuple[str, ...],
                batch: list[dict[str, Any]]) -> None:
    """New rows carrying the fields ``names``; a column they do not carry gets its
    default, as a Core insert would give it."""
    defaults = [(c.name, value) for c in table.c if c.name not in names
                for has, value in [bulk.python_default(c)] if has]
    columns = names + tuple(name for name, _ in defaults)
    rows = [tuple(values[n] for n in names) + tuple(value() for _, value in defaults)
            for values in batch]
    bulk.insert(connection, table, columns,
                bulk.convert(rows, bulk.converters(connection, table, columns)))


def _record_held(session: OrmSession, fresh: list[dict[str, Any]]) -> None:
    by_origin: dict[str, list[int]] = defaultdict(list)
    for origin, seq in map(itemgetter("origin", "seq"), fresh):
        by_origin[origin].append(seq)
    for origin, seqs in by_origin.items():
        seqs.sort()
        if seqs[-1] - seqs[0] + 1 == len(seqs):  # unique: lo..hi, the usual case
            vector.add(session, origin, RangeSet([[seqs[0], seqs[-1]]]))
            continue
        runs: list[list[int]] = []
        for seq in seqs:  # consecutive numbers as one range: a few adds, not one each
            if runs and seq == runs[-1][1] + 1:
                runs[-1][1] = seq
            else:
                runs.append([seq, seq])
        vector.add(session, origin, RangeSet(runs))


def _advance_clock(session: OrmSession, newest: str) -> None:
    """After receiving, local stamps come after everything seen (the caller has already
    refused stamps too far ahead)."""
    state = session.scalars(select(ReplicaState).with_for_update()).one()
    state.last_hlc = str(receive(Hlc.parse(state.last_hlc), Hlc.parse(newest)))

