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
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.errors import ClinicAppError
from clinicapp.core.models import (
    MODEL_BY_TABLE,
    SYNCED_MODELS,
    Change,
    ReplicaState,
    Synced,
)
from clinicapp.core.sync import decisions, vector
from clinicapp.core.sync.authorship import is_stub
from clinicapp.core.sync.changelog import APPLYING_REMOTE, NOT_SYNCED_FIELDS
from clinicapp.core.sync.clock import Hlc, receive
from clinicapp.core.sync.ranges import RangeSet
from clinicapp.core.sync.values import decode

# Every edit touches these; two edits of different fields are not a conflict.
NO_CONFLICT_FIELDS = frozenset({"created_at", "updated_at"})
TABLE_ORDER = {m.__tablename__: i for i, m in enumerate(SYNCED_MODELS)}  # type: ignore[attr-defined]

Progress = Callable[[int, int], None]
Key = tuple[str, int]  # (origin, seq)


@dataclass
class MergeResult:
    """What applying a set of changes did."""

    received: int = 0  # changes new to this replica
    duplicates: int = 0  # changes it already held
    rows_added: dict[str, int] = field(default_factory=dict)
    rows_changed: dict[str, int] = field(default_factory=dict)
    conflicts: int = 0


@dataclass(frozen=True)
class _Stamp:
    hlc: str
    origin: str
    seq: int
    value: str
    prev: Key | None

    @property
    def order(self) -> tuple[str, str]:
        return (self.hlc, self.origin)


def _prev(origin: str | None, seq: int | None) -> Key | None:
    return (origin, seq) if origin is not None and seq is not None else None


def check_shape(changes: Iterable[dict[str, Any]]) -> None:
    """Refuse changes that name a table or field this version does not know."""
    for c in changes:
        model = MODEL_BY_TABLE.get(c["tbl"])
        if model is None:
            raise ClinicAppError(f"a change names an unknown table '{c['tbl']}': "
                                 "the bundle is from a newer ClinicApp; update ClinicApp")
        if c["field"] in NOT_SYNCED_FIELDS or c["field"] not in model.__table__.c:  # type: ignore[attr-defined]
            raise ClinicAppError(f"a change names an unknown field '{c['tbl']}.{c['field']}': "
                                 "the bundle is from a newer ClinicApp; update ClinicApp")


def new_changes(session: OrmSession, changes: Iterable[dict[str, Any]]
                ) -> tuple[list[dict[str, Any]], int]:
    """The changes not yet held here (each once), and how many were duplicates."""
    held = vector.load(session)
    fresh: dict[Key, dict[str, Any]] = {}
    duplicates = 0
    for c in changes:
        key = (c["origin"], c["seq"])
        if key in fresh or c["seq"] in held.get(c["origin"], RangeSet()):
            duplicates += 1
            continue
        fresh[key] = c
    return list(fresh.values()), duplicates


class _Merger:
    def __init__(self, session: OrmSession, incoming: list[dict[str, Any]]) -> None:
        self.session = session
        self.incoming: dict[Key, dict[str, Any]] = {(c["origin"], c["seq"]): c
                                                     for c in incoming}
        self.winners: dict[tuple[str, str], dict[str, _Stamp]] = {}
        self.result = MergeResult()

    def preload(self, keys: Iterable[tuple[str, str]], chunk: int = 500) -> None:
        """The stored winners of many rows in a few queries (instead of one per row)."""
        by_table: dict[str, list[str]] = defaultdict(list)
        for tbl, row_id in keys:
            if (tbl, row_id) not in self.winners:
                by_table[tbl].append(row_id)
        for tbl, ids in by_table.items():
            for start in range(0, len(ids), chunk):
                part = ids[start:start + chunk]
                found: dict[str, dict[str, _Stamp]] = {row_id: {} for row_id in part}
                rows = self.session.execute(
                    select(Change.row_id, Change.field, Change.hlc, Change.origin, Change.seq,
                           Change.value, Change.prev_origin, Change.prev_seq)
                    .where(Change.tbl == tbl, Change.row_id.in_(part))).all()
                for row_id, f, hlc, origin, seq, value, p_origin, p_seq in rows:
                    if (origin, seq) in self.incoming or is_stub(value):
                        continue  # stored by this merge (applied below), or pruned
                    stamp = _Stamp(hlc, origin, seq, value, _prev(p_origin, p_seq))
                    best = found[row_id]
                    if f not in best or stamp.order > best[f].order:
                        best[f] = stamp
                for row_id, best in found.items():
                    self.winners[(tbl, row_id)] = best

    def row_winners(self, tbl: str, row_id: str) -> dict[str, _Stamp]:
        if (tbl, row_id) not in self.winners:
            self.preload([(tbl, row_id)])
        return self.winners[(tbl, row_id)]

    def _lookup(self, key: Key) -> _Stamp | None:
        c = self.incoming.get(key)
        if c is None:
            row = self.session.execute(
                select(Change.hlc, Change.value, Change.prev_origin, Change.prev_seq)
                .where(Change.origin == key[0], Change.seq == key[1])).first()
            if row is None:
                return None
            hlc, value, p_origin, p_seq = row
            return _Stamp(hlc, key[0], key[1], value, _prev(p_origin, p_seq))
        return _Stamp(c["hlc"], c["origin"], c["seq"], c["value"],
                      _prev(c["prev_origin"], c["prev_seq"]))

    def is_ancestor(self, older: _Stamp, newer: _Stamp) -> bool:
        """Had the writer of ``newer`` seen ``older`` (directly or through others)?"""
        target = (older.origin, older.seq)
        current: _Stamp | None = newer
        while current is not None and current.prev is not None:
            if current.prev == target:
                return True
            current = self._lookup(current.prev)
            if current is not None and current.hlc < older.hlc:
                return False  # the chain went past older's time without meeting it
        return False

    def conflict(self, c: dict[str, Any], kept: _Stamp, lost: _Stamp) -> None:
        if c["field"] in NO_CONFLICT_FIELDS or kept.value == lost.value:
            return
        if decisions.note_conflict(  # once per losing change, named alike everywhere
                self.session, c["tbl"], c["row_id"], c["field"],
                (kept.hlc, kept.origin, kept.seq, kept.value),
                (lost.hlc, lost.origin, lost.seq, lost.value)):
            self.result.conflicts += 1

    def merge(self, c: dict[str, Any]) -> bool:
        """Decide one change; True if it becomes the field's value."""
        winners = self.row_winners(c["tbl"], c["row_id"])
        stamp = _Stamp(c["hlc"], c["origin"], c["seq"], c["value"],
                       _prev(c["prev_origin"], c["prev_seq"]))
        current = winners.get(c["field"])
        if current is None:
            winners[c["field"]] = stamp
            return True
        if stamp.order > current.order:
            if not self.is_ancestor(current, stamp):
                self.conflict(c, stamp, current)
            winners[c["field"]] = stamp
            return True
        if not self.is_ancestor(stamp, current):
            self.conflict(c, current, stamp)
        return False


def apply(session: OrmSession, changes: Iterable[dict[str, Any]],
          progress: Progress | None = None) -> MergeResult:
    """Apply changes from other replicas inside the caller's transaction."""
    session.info[APPLYING_REMOTE] = True
    changes = list(changes)
    check_shape(changes)
    fresh, duplicates = new_changes(session, changes)
    merger = _Merger(session, fresh)
    merger.result.duplicates = duplicates
    merger.result.received = len(fresh)
    if not fresh:
        return merger.result
    fresh.sort(key=lambda c: (c["hlc"], c["origin"], c["seq"]))
    # Core inserts through the session's connection: the ORM's bulk path costs more per
    # row than SQLite itself for rows that are only stored.
    connection = session.connection()
    for start in range(0, len(fresh), 5000):
        connection.execute(insert(Change), [
            {k: c[k] for k in ("tbl", "row_id", "field", "value", "hlc", "origin", "seq",
                               "prev_origin", "prev_seq")}
            for c in fresh[start:start + 5000]])

    merger.preload({(c["tbl"], c["row_id"]) for c in fresh})
    touched: dict[tuple[str, str], set[str]] = defaultdict(set)
    for done, c in enumerate(fresh, 1):
        # A stub (a pruned, superseded value) is only stored: it never wins.
        if not is_stub(c["value"]) and merger.merge(c):
            touched[(c["tbl"], c["row_id"])].add(c["field"])
        if progress and done % 1000 == 0:
            progress(done, len(fresh) * 2)
    _write_rows(session, merger, touched, progress, len(fresh))
    decisions.touch(session, touched)  # their conflicts are settled before commit
    _record_held(session, fresh)
    _advance_clock(session, max(c["hlc"] for c in fresh))
    return merger.result


def _write_rows(session: OrmSession, merger: _Merger,
                touched: dict[tuple[str, str], set[str]], progress: Progress | None,
                total: int) -> None:
    """Set each touched field to its winning value, creating rows in foreign-key order."""
    by_table: dict[str, list[tuple[str, set[str]]]] = defaultdict(list)
    for (tbl, row_id), fields in touched.items():
        by_table[tbl].append((row_id, fields))
    done, rows_total = 0, len(touched)
    for tbl in sorted(by_table, key=TABLE_ORDER.__getitem__):
        model = MODEL_BY_TABLE[tbl]
        columns = model.__table__.c  # type: ignore[attr-defined]
        rows = by_table[tbl]
        existing: dict[str, Synced] = {}
        ids = [row_id for row_id, _ in rows]
        for start in range(0, len(ids), 500):
            for obj in session.scalars(select(model).where(
                    model.id.in_(ids[start:start + 500]))):
                existing[obj.id] = obj
        # New rows go in with Core inserts, grouped by the fields they carry (a row made
        # whole on another replica carries them all): far cheaper than ORM objects.
        new_rows: dict[frozenset[str], list[dict[str, Any]]] = defaultdict(list)
        for row_id, fields in rows:
            winners = merger.winners[(tbl, row_id)]
            row = existing.get(row_id)
            if row is None:
                values = {f: decode(columns[f], s.value) for f, s in winners.items()}
                # A NULL for a required field that has a default (bundles from before
                # defaults were logged) means "the default", as the ORM would insert.
                values = {f: v for f, v in values.items() if v is not None
                          or columns[f].nullable or columns[f].default is None}
                values["id"] = row_id
                new_rows[frozenset(values)].append(values)
                merger.result.rows_added[tbl] = merger.result.rows_added.get(tbl, 0) + 1
            else:
                for f in fields:
                    setattr(row, f, decode(columns[f], winners[f].value))
                merger.result.rows_changed[tbl] = merger.result.rows_changed.get(tbl, 0) + 1
            done += 1
            if progress and done % 1000 == 0:  # second half: writing rows
                progress(total + done * total // rows_total, total * 2)
        session.flush()  # updates of this table's existing rows
        connection = session.connection()
        for batch in new_rows.values():
            for start in range(0, len(batch), 5000):
                connection.execute(insert(model), batch[start:start + 5000])
        # Parents are in before the next table's children.


def _record_held(session: OrmSession, fresh: list[dict[str, Any]]) -> None:
    by_origin: dict[str, RangeSet] = defaultdict(RangeSet)
    for c in sorted(fresh, key=lambda c: (c["origin"], c["seq"])):
        by_origin[c["origin"]].add(c["seq"])
    for origin, held in by_origin.items():
        vector.add(session, origin, held)


def _advance_clock(session: OrmSession, newest: str) -> None:
    """After receiving, local stamps come after everything seen (the caller has already
    refused stamps too far ahead)."""
    state = session.scalars(select(ReplicaState).with_for_update()).one()
    state.last_hlc = str(receive(Hlc.parse(state.last_hlc), Hlc.parse(newest)))

