"""Change recording: every write of a synced row becomes one change per field.

Installed as a ``before_flush`` hook on the ORM sessions ``Database`` hands out, so no
service can write a synced row without its changes: the hook runs inside the same
transaction as the write. Hard deletes of synced rows are refused; a delete is a
tombstone (``deleted_at``) that syncs like any other field.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import UOWTransaction

from clinicapp.core.models import Change, ReplicaState, Synced
from clinicapp.core.models.ids import new_id
from clinicapp.core.sync import authorship, vector
from clinicapp.core.sync.clock import Hlc, tick, utcnow
from clinicapp.core.sync.values import encode

# Session.info keys
APPLYING_REMOTE = "clinicapp.applying_remote"  # merge writes: record nothing
CHANGED_TABLES = "clinicapp.changed_tables"  # what a commit changed, for the UI
REPLICA_ID = "clinicapp.replica_id"

NOT_SYNCED_FIELDS = frozenset({"id"})


class HardDeleteError(RuntimeError):
    """A synced row was deleted with ``session.delete``; use a tombstone."""


def synced_fields(obj: Synced) -> list[str]:
    mapper = inspect(type(obj))
    return [attr.key for attr in mapper.column_attrs if attr.key not in NOT_SYNCED_FIELDS]


def _changed_fields(obj: Synced) -> list[str]:
    state = inspect(obj)
    changed = []
    for key in synced_fields(obj):
        history = state.attrs[key].history
        # A value set again to what it was is not a change.
        if history.added and list(history.added) != list(history.deleted):
            changed.append(key)
    return changed


def _current_winners(session: OrmSession, tbl: str, row_id: str,
                     fields: Iterable[str]) -> dict[str, tuple[str, int]]:
    """(origin, seq) of the change each of these fields' present value came from: the
    newest by (hlc, origin), one index lookup per field (``ix_changes_field`` ends in hlc),
    so an edit costs the same after ten thousand edits of the same row as after one."""
    winners: dict[str, tuple[str, int]] = {}
    for field in fields:
        found = session.execute(
            select(Change.origin, Change.seq)
            .where(Change.tbl == tbl, Change.row_id == row_id, Change.field == field,
                   Change.value.not_like("#%"))  # a voided stub is not the value in place
            .order_by(Change.hlc.desc(), Change.origin.desc()).limit(1)
        ).first()
        if found is not None:
            winners[field] = (found[0], found[1])
    return winners


def _apply_defaults(obj: Synced) -> None:
    """Fill unset fields with their column defaults now, so the change log records the
    values the row will really hold (defaults would otherwise apply only at INSERT)."""
    for attr in inspect(type(obj)).column_attrs:
        column = attr.columns[0]
        default = column.default
        if default is None or getattr(obj, attr.key) is not None:
            continue
        if default.is_scalar:
            setattr(obj, attr.key, default.arg)
        elif default.is_callable:
            setattr(obj, attr.key, default.arg(None))


def track_tables(session: OrmSession, tables: Iterable[str]) -> None:
    session.info.setdefault(CHANGED_TABLES, set()).update(tables)


def record(session: OrmSession, flush_context: UOWTransaction, instances: Any) -> None:
    """The ``before_flush`` hook."""
    for obj in session.deleted:
        if isinstance(obj, Synced):
            raise HardDeleteError(
                f"{type(obj).__name__} rows are never hard-deleted; set deleted_at instead"
            )
    new = [o for o in session.new if isinstance(o, Synced)]
    dirty = [o for o in session.dirty if isinstance(o, Synced) and session.is_modified(o)]
    if not new and not dirty:
        return
    track_tables(session, (o.__tablename__ for o in (*new, *dirty)))  # type: ignore[attr-defined]
    if session.info.get(APPLYING_REMOTE):
        return

    now = utcnow()
    pending: list[tuple[Synced, list[str], dict[str, tuple[str, int]]]] = []
    for obj in new:
        if obj.id is None:  # column defaults apply at flush; the log needs the id now
            obj.id = new_id()
        _apply_defaults(obj)
        obj.created_at = obj.created_at or now
        obj.updated_at = now
        pending.append((obj, synced_fields(obj), {}))
    for obj in dirty:
        fields = _changed_fields(obj)
        if not fields:
            continue
        obj.updated_at = now
        if "updated_at" not in fields:
            fields.append("updated_at")
        pending.append((obj, fields, _current_winners(
            session, obj.__tablename__, obj.id, fields)))  # type: ignore[attr-defined]
    if not pending:
        return

    # FOR UPDATE: on PostgreSQL (the server) concurrent writers must take sequence
    # numbers one at a time; SQLite's BEGIN IMMEDIATE already serialises writers.
    state = session.get(ReplicaState, session.info[REPLICA_ID], with_for_update=True,
                        populate_existing=True)
    if state is None:
        raise RuntimeError("this database has no replica identity; run 'clinicapp init'")
    hlc = tick(Hlc.parse(state.last_hlc))
    stamp = str(hlc)
    seq = state.last_seq
    rows: list[dict[str, Any]] = []
    for obj, fields, winners in pending:
        table = obj.__tablename__  # type: ignore[attr-defined]
        for field in fields:
            seq += 1
            value = getattr(obj, field)
            if value is None and field in ("created_at", "updated_at"):
                value = now
            prev = winners.get(field)
            rows.append({
                "tbl": table, "row_id": obj.id, "field": field, "value": encode(value),
                "hlc": stamp, "origin": state.replica_id, "seq": seq,
                "prev_origin": prev[0] if prev else None, "prev_seq": prev[1] if prev else None,
            })
    state.last_seq = seq
    state.last_hlc = stamp
    session.execute(insert(Change), rows)
    # Signed as one run by this replica's key: whoever relays them, they stay its own.
    authorship.record_own(session, state.signing_key, state.replica_id, rows)
    vector.add_own(session, state.replica_id, rows[0]["seq"], seq)


def install(session_class: type[OrmSession]) -> None:
    event.listen(session_class, "before_flush", record)
