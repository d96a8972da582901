"""Conflicts every replica agrees on, and decisions about them that travel.

- A conflict is named by ``conflict_key``: its kind, table, row, field and the losing
  change's ``(origin, seq)``. Every replica that detects the same losing edit names it
  the same way, whatever order its changes arrived in.
- A person's decision is a ``ConflictDecision`` row: synced like any record, so resolving
  on one workstation closes the conflict on every replica, also on one that detects the
  conflict only later. "Use the other value" is also an ordinary edit of the field.
- Of several decisions about one conflict, the one that stands is the one whose value is
  in place (the field's last-writer-wins value, the same everywhere); if none or several
  match, the latest (``decided_at``, then id). The others stay listed as overruled.
- After every write (local or imported) the conflicts of the rows it touched are settled
  again: ``kept_*`` are set to the value in place, so no conflict ever shows a "kept"
  value that is not the record's; a conflict whose losing value is in place again, or
  that someone built on (a change whose ``prev`` is the losing change), closes as
  superseded.
- Edit against delete: a record deleted while another workstation, not having seen the
  delete, changed one of its fields becomes a "delete" conflict ("deleted on Riverside
  at 10:02 while Hillside changed the title"), open until someone restores the record
  or confirms the delete. Restoring is an edit (``deleted_at`` back to empty).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.models import (
    MODEL_BY_TABLE,
    Change,
    Conflict,
    ConflictDecision,
    Peer,
    ReplicaState,
    Synced,
)
from clinicapp.core.models.ids import short_id
from clinicapp.core.sync import heads, lookups
from clinicapp.core.sync.clock import Hlc, utcnow

TOUCHED = "clinicapp.touched_rows"  # Session.info: (table, row_id) written this transaction
NOT_EDITS = frozenset({"created_at", "updated_at", "deleted_at"})
CHOICES = ("kept", "lost", "restore", "keep_deleted")
CHOICE_WORDS = {"kept": "kept the value in place", "lost": "used the other value",
                "restore": "restored the record", "keep_deleted": "kept it deleted"}
Key = tuple[str, int]


def conflict_key(kind: str, tbl: str, row_id: str, field: str, lost_origin: str,
                 lost_seq: int) -> str:
    """The same text on every replica for the same losing edit."""
    raw = "\x1f".join((kind, tbl, row_id, field, lost_origin, str(lost_seq)))
    return hashlib.sha256(raw.encode()).hexdigest()


def fingerprint(value: str) -> str:
    """What a decision stores of the value it chose: enough to tell whether that value is
    in place, never the text itself (decisions reach every replica)."""
    return "sha256:" + hashlib.sha256(value.encode()).hexdigest()


def touch(session: OrmSession, rows: Iterable[tuple[str, str]]) -> None:
    """Mark rows whose conflicts must be settled again before this transaction commits."""
    session.info.setdefault(TOUCHED, set()).update(rows)


# --- recording (called by merge) ------------------------------------------------------


def note_conflict(session: OrmSession, tbl: str, row_id: str, field: str,
                  kept: tuple[str, str, int, str], lost: tuple[str, str, int, str]) -> bool:
    """Record that the change ``lost`` (hlc, origin, seq, value) lost to ``kept``, once
    per losing change. True if it is new here."""
    hlc_l, origin_l, seq_l, value_l = lost
    key = conflict_key("edit", tbl, row_id, field, origin_l, seq_l)
    seen: set[str] = session.info.setdefault("clinicapp.conflict_keys", set())
    if key in seen or session.scalar(select(Conflict.id).where(
            Conflict.conflict_key == key)) is not None:
        return False
    seen.add(key)
    hlc_k, origin_k, seq_k, value_k = kept
    session.add(Conflict(
        tbl=tbl, row_id=row_id, field=field, kind="edit", conflict_key=key,
        kept_value=value_k, kept_hlc=hlc_k, kept_origin=origin_k, kept_seq=seq_k,
        lost_value=value_l, lost_hlc=hlc_l, lost_origin=origin_l, lost_seq=seq_l))
    touch(session, [(tbl, row_id)])
    return True


# --- the log, as settling needs it ------------------------------------------------------


def _key(origin: str | None, seq: int | None) -> Key | None:
    return (origin, seq) if origin is not None and seq is not None else None


@dataclass(frozen=True)
class _Logged:
    hlc: str
    origin: str
    seq: int
    value: str
    prev: Key | None


def _winners(session: OrmSession, tbl: str, row_id: str) -> dict[str, _Logged]:
    """Each field's current last-writer-wins change for one row."""
    best: dict[str, _Logged] = {}
    for f, hlc, origin, seq, value, p_o, p_s in session.execute(
            select(Change.field, Change.hlc, Change.origin, Change.seq, Change.value,
                   Change.prev_origin, Change.prev_seq)
            .where(Change.tbl == tbl, Change.row_id == row_id,
                   Change.value.not_like("#%"))):  # a stub (pruned, voided) never wins
        stamp = _Logged(hlc, origin, seq, value, _key(p_o, p_s))
        if f not in best or (hlc, origin) > (best[f].hlc, best[f].origin):
            best[f] = stamp
    return best


def _built_on(session: OrmSession, tbl: str, row_id: str, field: str, key: Key) -> bool:
    return session.scalar(select(Change.id).where(
        Change.tbl == tbl, Change.row_id == row_id, Change.field == field,
        Change.prev_origin == key[0], Change.prev_seq == key[1]).limit(1)) is not None


def _change(session: OrmSession, key: Key) -> _Logged | None:
    row = session.execute(select(Change.hlc, Change.value, Change.prev_origin,
                                 Change.prev_seq)
                          .where(Change.origin == key[0], Change.seq == key[1])).first()
    if row is None:
        return None
    return _Logged(row[0], key[0], key[1], row[1], _key(row[2], row[3]))


def _seen_by(session: OrmSession, older: _Logged, newer: _Logged) -> bool:
    """Had the writer of ``newer`` seen ``older`` (through ``prev`` links)?"""
    if older.origin == newer.origin:
        return older.seq < newer.seq  # a replica sees its own changes in order
    current: _Logged | None = newer
    while current is not None and current.prev is not None:
        if current.prev == (older.origin, older.seq):
            return True
        current = _change(session, current.prev)
        if current is not None and current.hlc < older.hlc:
            return False
    return False


def _sibling(session: OrmSession, tbl: str, row_id: str, c: _Logged) -> _Logged | None:
    """The ``updated_at`` change written in the same flush as ``c``."""
    row = session.execute(select(Change.seq, Change.value, Change.prev_origin,
                                 Change.prev_seq)
                          .where(Change.tbl == tbl, Change.row_id == row_id,
                                 Change.field == "updated_at", Change.origin == c.origin,
                                 Change.hlc == c.hlc)).first()
    if row is None:
        return None
    return _Logged(c.hlc, c.origin, row[0], row[1], _key(row[2], row[3]))


# --- settling ---------------------------------------------------------------------------


def _name_of(session: OrmSession, origin: str) -> str:
    names: dict[str, str] = session.info.setdefault("clinicapp.origin_names", {})
    if origin not in names:
        peer = session.get(Peer, origin)
        state = session.get(ReplicaState, origin)
        names[origin] = (peer.name if peer is not None else
                         state.name if state is not None and state.name else short_id(origin))
    return names[origin]


def _detect_deletes(session: OrmSession, tbl: str, row_id: str,
                    winners: dict[str, _Logged]) -> set[str]:
    """A delete that did not see an edit of another field: one conflict per such field.
    Returns the keys of the delete conflicts the row has now."""
    wanted: set[str] = set()
    deleted = winners.get("deleted_at")
    if deleted is None or deleted.value == "null":
        return wanted
    d_sibling = _sibling(session, tbl, row_id, deleted)
    for field, edit in winners.items():
        if field in NOT_EDITS or edit.prev is None:
            continue  # a first write: the row's creation, which the delete saw
        if edit.origin == deleted.origin:
            if edit.seq < deleted.seq:
                continue  # a replica sees its own changes in order
        elif edit.hlc < deleted.hlc:
            e_sibling = _sibling(session, tbl, row_id, edit)
            if e_sibling is None or d_sibling is None or _seen_by(session, e_sibling,
                                                                  d_sibling):
                continue
        key = conflict_key("delete", tbl, row_id, field, edit.origin, edit.seq)
        wanted.add(key)
        if session.scalar(select(Conflict.id).where(Conflict.conflict_key == key)):
            continue
        session.add(Conflict(
            tbl=tbl, row_id=row_id, field=field, kind="delete", conflict_key=key,
            kept_value=deleted.value, kept_hlc=deleted.hlc, kept_origin=deleted.origin,
            kept_seq=deleted.seq, lost_value=edit.value, lost_hlc=edit.hlc,
            lost_origin=edit.origin, lost_seq=edit.seq))
    session.flush()
    return wanted


def _standing(decisions: list[ConflictDecision], in_place: str, deleted: bool
              ) -> ConflictDecision | None:
    if not decisions:
        return None

    def matches(d: ConflictDecision) -> bool:
        if d.choice in ("restore", "keep_deleted"):
            return (d.choice == "keep_deleted") == deleted
        return d.value == fingerprint(in_place)

    def when(d: ConflictDecision) -> tuple[str, str]:
        return (d.decided_at.isoformat() if d.decided_at else "", d.id)

    fitting = [d for d in decisions if matches(d)] or decisions
    return max(fitting, key=when)


def decision_text(d: ConflictDecision) -> str:
    at = d.decided_at.astimezone().strftime("%Y-%m-%d %H:%M") if d.decided_at else "?"
    who = d.decided_by or "someone"
    return f"{who} on {d.decided_on or '?'} at {at}: {CHOICE_WORDS.get(d.choice, d.choice)}"


def _settle_one(session: OrmSession, c: Conflict, winners: dict[str, _Logged],
                decisions: list[ConflictDecision]) -> None:
    deleted = winners.get("deleted_at")
    is_deleted = deleted is not None and deleted.value != "null"
    in_place = winners.get(c.field)
    shown = in_place if c.kind == "edit" else deleted if is_deleted else None
    if shown is not None:  # the value in place: for a delete, the delete that stands
        c.kept_value, c.kept_hlc = shown.value, shown.hlc
        c.kept_origin, c.kept_seq = shown.origin, shown.seq
    standing = _standing(decisions, in_place.value if in_place else "", is_deleted)
    resolution, note = "", ""
    if standing is not None:
        resolution = {"kept": "kept", "lost": "replaced", "restore": "restored",
                      "keep_deleted": "kept deleted"}.get(standing.choice, standing.choice)
        others = [decision_text(d) for d in decisions if d is not standing]
        note = decision_text(standing) + "".join(f"; overruled: {o}" for o in others)
    elif c.kind == "delete":
        if not is_deleted:
            resolution, note = "restored", "the record was restored"
    elif in_place is not None and in_place.value == c.lost_value:
        resolution, note = "superseded", "the other value is in place now"
    elif c.lost_seq is not None and _built_on(session, c.tbl, c.row_id, c.field,
                                              (c.lost_origin, c.lost_seq)):
        resolution = "superseded"
        note = f"changed again on {_name_of(session, c.lost_origin)} after this edit"
    if resolution:
        if c.resolved_at is None or c.resolution != resolution:
            c.resolved_at = utcnow()
        c.resolution, c.note = resolution, note
    else:
        c.resolved_at, c.resolution, c.note = None, "", ""


def settle(session: OrmSession, rows: Iterable[tuple[str, str]]) -> None:
    """Detect delete conflicts and bring every conflict of these rows up to date."""
    by_table: dict[str, set[str]] = defaultdict(set)
    for tbl, row_id in rows:
        if tbl in MODEL_BY_TABLE and tbl != "conflict_decisions":
            by_table[tbl].add(row_id)
    decided = [row_id for tbl, row_id in rows if tbl == "conflict_decisions"]
    for among in lookups.among(session, ConflictDecision.id, decided):
        for d_tbl, d_row in session.execute(select(  # decisions that arrived: their conflicts
                ConflictDecision.tbl, ConflictDecision.row_id).where(among)):
            by_table[d_tbl].add(d_row)
    session.flush()
    for tbl, ids in by_table.items():
        model = MODEL_BY_TABLE[tbl]
        id_list = sorted(ids)
        size = lookups.chunk_size(session)
        for start in range(0, len(id_list), size):
            part = id_list[start:start + size]
            deleted: set[str] = set()
            conflicted: set[str] = set()
            for among in lookups.among(session, model.id, part):
                deleted.update(session.scalars(select(model.id).where(
                    among, model.deleted_at.is_not(None))))
            for among in lookups.among(session, Conflict.row_id, part):
                conflicted.update(session.scalars(select(Conflict.row_id).where(
                    Conflict.tbl == tbl, among)))
            contested = heads.contested_rows(session, tbl, part)
            for row_id in sorted(deleted | conflicted | contested):
                log = heads.row_log(session, tbl, row_id)
                winners = {f: _Logged(c.hlc, c.origin, c.seq, c.value, c.prev)
                           for f, c in heads.winners(log).items()}
                # What is open follows from the log alone, whatever the arrival order.
                wanted = _detect_deletes(session, tbl, row_id, winners) \
                    if row_id in deleted else set()
                for w, lost in heads.losers(log):
                    wanted.add(conflict_key("edit", tbl, row_id, lost.field, lost.origin,
                                            lost.seq))
                    note_conflict(session, tbl, row_id, lost.field,
                                  (w.hlc, w.origin, w.seq, w.value),
                                  (lost.hlc, lost.origin, lost.seq, lost.value))
                session.flush()
                conflicts = list(session.scalars(select(Conflict).where(
                    Conflict.tbl == tbl, Conflict.row_id == row_id)))
                keys = [c.conflict_key for c in conflicts]
                decisions: dict[str, list[ConflictDecision]] = defaultdict(list)
                for d in session.scalars(select(ConflictDecision).where(
                        ConflictDecision.conflict_key.in_(keys),
                        ConflictDecision.deleted_at.is_(None))):
                    decisions[d.conflict_key].append(d)
                for c in conflicts:
                    _settle_one(session, c, winners, decisions[c.conflict_key])
                    if c.resolved_at is None and c.conflict_key not in wanted \
                            and not decisions[c.conflict_key]:
                        session.delete(c)  # noted as changes arrived; not a loss after all


# --- session hooks ------------------------------------------------------------------------


def _after_flush(session: OrmSession, flush_context: Any) -> None:
    written = [o for o in (*session.new, *session.dirty) if isinstance(o, Synced)]
    if written:
        touch(session, ((o.__tablename__, o.id) for o in written  # type: ignore[attr-defined]
                        if o.id is not None))


def settle_now(session: OrmSession) -> None:
    """Settle the conflicts of the rows written so far in this transaction (what commit
    would do), so that what is open can be read before it commits."""
    rows = session.info.pop(TOUCHED, None)
    if rows:
        session.flush()
        settle(session, rows)
        session.info.pop(TOUCHED, None)  # what settling itself wrote needs no settling


def open_keys(session: OrmSession) -> frozenset[str]:
    """The conflicts open for review now, by key: a mark for ``put_aside_since``."""
    return frozenset(session.scalars(select(Conflict.conflict_key).where(
        Conflict.resolved_at.is_(None))))


def put_aside_since(session: OrmSession, before: frozenset[str]) -> int:
    """How many conflicts are open for review now that were not at ``before``, once
    settled: the number the list of conflicts gains (a delete that raced an edit is found
    by settling; a loss the merge noted may turn out to be none, or be closed by a
    decision that came with it)."""
    settle_now(session)
    return len(open_keys(session) - before)


def _before_commit(session: OrmSession) -> None:
    settle_now(session)
    heads.forget_uncontested(session)


def install(session_class: type[OrmSession]) -> None:
    event.listen(session_class, "after_flush", _after_flush)
    event.listen(session_class, "before_commit", _before_commit)
    event.listen(session_class, "after_soft_rollback", heads.forget_uncontested)


# --- people's decisions ---------------------------------------------------------------------


def decide(session: OrmSession, conflict: Conflict, choice: str, actor: str,
           replica_name: str) -> ConflictDecision:
    """Record a person's decision about an open conflict, and make its edit."""
    from clinicapp.core.sync.values import decode

    model = MODEL_BY_TABLE[conflict.tbl]
    row = session.get(model, conflict.row_id)
    winners = _winners(session, conflict.tbl, conflict.row_id)
    value = winners[conflict.field].value if conflict.field in winners else ""
    if row is not None and choice == "lost":
        column = model.__table__.c[conflict.field]  # type: ignore[attr-defined]
        setattr(row, conflict.field, decode(column, conflict.lost_value))
        value = conflict.lost_value
    elif row is not None and choice == "restore":
        row.deleted_at = None
        value = "null"
    decision = ConflictDecision(
        conflict_key=conflict.conflict_key, tbl=conflict.tbl, row_id=conflict.row_id,
        field=conflict.field, choice=choice, value=fingerprint(value), decided_by=actor[:200],
        decided_on=replica_name[:200], decided_at=utcnow())
    session.add(decision)
    touch(session, [(conflict.tbl, conflict.row_id)])
    return decision


def decisions_for(session: OrmSession, key: str) -> list[ConflictDecision]:
    return list(session.scalars(select(ConflictDecision).where(
        ConflictDecision.conflict_key == key, ConflictDecision.deleted_at.is_(None))
        .order_by(ConflictDecision.decided_at, ConflictDecision.id)))


def describe(session: OrmSession, c: Conflict) -> str:
    """One sentence for a person: who changed what, where and when."""
    def at(hlc: str) -> str:
        return Hlc.parse(hlc).as_datetime().astimezone().strftime("%Y-%m-%d %H:%M")

    field = c.field.replace("_", " ")
    lost = _short(c.lost_value)
    if c.kind == "delete":
        return (f"deleted on {_name_of(session, c.kept_origin)} at {at(c.kept_hlc)} while "
                f"{_name_of(session, c.lost_origin)} changed the {field} to {lost} "
                f"({at(c.lost_hlc)})")
    return (f"{_name_of(session, c.lost_origin)} set the {field} to {lost} at "
            f"{at(c.lost_hlc)}; {_name_of(session, c.kept_origin)}'s "
            f"{_short(c.kept_value)} ({at(c.kept_hlc)}) is in place")


def _short(value: str, limit: int = 60) -> str:
    try:
        shown = json.loads(value)
    except ValueError:
        shown = value
    text = "empty" if shown in (None, "") else f"“{shown}”"
    return text if len(text) <= limit else text[:limit - 1] + "…”"
