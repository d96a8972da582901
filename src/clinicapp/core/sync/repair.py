"""Repairing a clock that ran ahead, so that whatever peers already hold, all replicas
end identical.

A change is never altered once made: its ``(origin, seq)`` names one signed content for
good (``authorship``), and peers may already hold and relay it. So the workstation whose
clock ran ahead *voids* its own changes stamped in the future and *re-issues* their values
as new changes, with new sequence numbers and stamps from the corrected clock, signed as
one run of its own together with a ``ClockRepair`` record naming both:

- a voided change stays in every log as a *stub* (its value replaced by the value's hash,
  as compaction does): its digest is unchanged, so its run still verifies, relays pass it
  on, the manifest's ``ranges`` still equal its payload, and a peer that already holds or
  acknowledged it is never sent anything that contradicts what it holds. A stub never
  wins a field;
- the re-issued stamps keep the changes' real order: each moves back by at least the
  clock's error (as if the first came right after this workstation's last good change), so
  none is stamped later than it was really made, nor later than "now", and each still
  follows what it knowingly overwrote. A later real edit elsewhere therefore wins; where
  the two were made without seeing each other, the loser is a conflict a person sees;
- every replica applies a repair alike, whatever it held before: it stubs the voided
  changes it holds or parked, recomputes the fields they touched from the log that remains
  (last writer wins), forgets the conflicts they took part in, and then merges the
  re-issued changes like any others. Same log, same values, same conflicts;
- only its own changes: a repair voids nothing of another workstation, and nothing after
  the change that records it;
- nothing waits on a person: an export repairs by itself when this workstation holds
  changes of its own stamped in the future (``clinicapp restamp`` and the Sync page do it
  at once).

Receiving (``sort_out``): changes stamped beyond the drift bound are *parked* (not applied,
not held, so they are sent again) while the rest of the bundle imports; they apply when
real time reaches them, or become stubs when their origin's repair arrives. Damage and
authority failures still refuse a whole bundle (``authority``, before this).
"""

from __future__ import annotations

from collections import defaultdict
from operator import itemgetter
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.models import MODEL_BY_TABLE, Change, ClockRepair, Conflict, ParkedChange
from clinicapp.core.models.ids import new_id
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import authorship, decisions, repair_check, vector
from clinicapp.core.sync.authorship import CHANGE_COLUMNS, is_stub, stub_of
from clinicapp.core.sync.clock import Hlc, now_ms, utcnow
from clinicapp.core.sync.payload import Seen
from clinicapp.core.sync.ranges import RangeSet
from clinicapp.core.sync.repair_check import APPEND_ONLY, REPAIRS, seqs_named
from clinicapp.core.sync.values import decode, encode

GRACE_MS = 60_000  # just-made changes are not "in the future"
AUTO_MS = 10 * 60_000  # an export repairs by itself beyond this
Field = tuple[str, str, str]
Voided = dict[str, RangeSet]


def _add(into: Voided, origin: str, seq: int, value: str) -> None:
    if not is_stub(value):
        into.setdefault(origin, RangeSet()).update(seqs_named(value, seq))


def _voided(rows: list[tuple[str, str, str, int, str]]) -> Voided:
    """From a repair's changes (origin, row id, field, seq, value): what it voids, below
    the first change of the repair itself (so never a field of its own record)."""
    first: dict[tuple[str, str], int] = {}
    for origin, row_id, _f, seq, _v in rows:
        first[(origin, row_id)] = min(seq, first.get((origin, row_id), seq))
    out: Voided = {}
    for origin, row_id, f, _seq, value in rows:
        if f == "voided":
            _add(out, origin, first[(origin, row_id)], value)
    return out


_TBL, _HLC = itemgetter("tbl"), itemgetter("hlc")


def voided_held(session: OrmSession) -> Voided:
    """Per origin, its changes voided by the repairs it wrote (held here). Read from the
    signed log: a repair counts only for the changes of the workstation that wrote it."""
    return _voided([tuple(r) for r in session.execute(  # type: ignore[misc]
        select(Change.origin, Change.row_id, Change.field, Change.seq, Change.value)
        .where(Change.tbl == REPAIRS))])


def voided_in(changes: list[dict[str, Any]], seen: Seen | None = None) -> Voided:
    if (seen is not None and seen.lacks_table(REPAIRS)) or REPAIRS not in map(_TBL, changes):
        return {}  # the usual bundle: no repair, found by C alone
    return _voided([(c["origin"], c["row_id"], c["field"], c["seq"], c["value"])
                    for c in changes if c["tbl"] == REPAIRS])


def merged(a: Voided, b: Voided) -> Voided:
    out = {o: RangeSet(r.to_list()) for o, r in a.items()}
    for o, r in b.items():
        out.setdefault(o, RangeSet()).update(r)
    return out


def max_drift_ms(session: OrmSession) -> int:
    from clinicapp.core.sync.clocks import max_drift_ms as drift

    return drift(session)


# --- receiving ---------------------------------------------------------------------------


def sort_out(session: OrmSession, fresh: list[dict[str, Any]], seen: Seen | None = None
             ) -> tuple[list[dict[str, Any]], int]:
    """Before merging a bundle's new changes: apply the clock repairs held or carried
    (stub what they void), park what is stamped beyond the drift bound, and release parked
    changes real time has reached. Returns (changes to merge, how many were parked).
    ``seen``: what the bundle's changes hold at most (``payload.Seen``)."""
    if seen is None:
        seen = Seen()  # nothing known: every change looked at
    repair_check.check(session, fresh, seen)  # a repair moves changes, never drops one
    # Any change that arrives may end or start a loss (a new head): its row is settled.
    decisions.touch(session, set(map(itemgetter("tbl", "row_id"), fresh)))
    voided = merged(voided_held(session), voided_in(fresh, seen))
    fields, moved = _void_held(session, voided)
    bound = str(Hlc(now_ms() + max_drift_ms(session), 999_999))
    stubs, keep, park = [], [], []
    # The usual bundle: nothing voided, nothing stamped ahead, so everything is kept (as
    # the loop below would find, change by change).
    usual = not voided and (not fresh or (seen.newest is not None and seen.newest <= bound)
                            or max(map(_HLC, fresh)) <= bound)
    if usual:
        keep = list(fresh)
    for c in () if usual else fresh:
        if voided and c["seq"] in voided.get(c["origin"], RangeSet()):
            if (c["origin"], c["seq"]) not in moved:  # (held parked until now)
                stubs.append({**c, "value": stub_of(c["value"])})
        elif c["hlc"] > bound:
            park.append(c)
        else:
            keep.append(c)
    # An edit of a row whose creation is parked waits with it (the row does not exist).
    parked_rows = {(c["tbl"], c["row_id"]) for c in park} | {
        (t, r) for t, r in session.execute(select(ParkedChange.tbl, ParkedChange.row_id)
                                           .where(ParkedChange.hlc > bound))}
    ready: list[dict[str, Any]] = [] if parked_rows else keep  # nothing waits: no copy
    if parked_rows:
        for c in keep:
            (park if _waits(session, c, parked_rows) else ready).append(c)
    del keep
    _park(session, park)
    ready.extend(_ripe(session, bound, ready, parked_rows))
    _store_stubs(session, stubs)
    _recompute(session, fields)
    return ready, len(park)


def _park(session: OrmSession, park: list[dict[str, Any]]) -> None:
    held = {(o, s) for o, s in session.execute(select(ParkedChange.origin, ParkedChange.seq))}
    new = {(c["origin"], c["seq"]): c for c in park if (c["origin"], c["seq"]) not in held}
    if new:
        now = utcnow()
        session.execute(insert(ParkedChange), [
            {**{k: c[k] for k in CHANGE_COLUMNS}, "parked_at": now} for c in new.values()])


def _waits(session: OrmSession, c: dict[str, Any], parked_rows: set[tuple[str, str]]
           ) -> bool:
    """An edit of a row whose creation is parked waits with it."""
    return (c["tbl"], c["row_id"]) in parked_rows and c["prev_origin"] is not None \
        and session.get(MODEL_BY_TABLE[c["tbl"]], c["row_id"]) is None


def _ripe(session: OrmSession, bound: str, ready: list[dict[str, Any]],
          parked_rows: set[tuple[str, str]]) -> list[dict[str, Any]]:
    """Parked changes real time has reached (unless their row's creation still waits)."""
    keys: set[tuple[str, int]] | None = None  # made only once a parked change is ripe:
    out = []                                   # 100 MiB for a 1,000,000-change bundle
    for p in session.scalars(select(ParkedChange).where(ParkedChange.hlc <= bound)
                             .order_by(ParkedChange.hlc)):
        change = {k: getattr(p, k) for k in CHANGE_COLUMNS}
        if _waits(session, change, parked_rows):
            continue
        session.delete(p)
        if keys is None:
            keys = {(c["origin"], c["seq"]) for c in ready}
        if (p.origin, p.seq) not in keys:
            out.append(change)
    return out


def _store_stubs(session: OrmSession, stubs: list[dict[str, Any]]) -> None:
    if not stubs:
        return
    session.execute(insert(Change), [{k: c[k] for k in CHANGE_COLUMNS} for c in stubs])
    by_origin: dict[str, RangeSet] = defaultdict(RangeSet)
    for c in stubs:
        by_origin[c["origin"]].add(c["seq"])
    for origin, seqs in by_origin.items():
        vector.add(session, origin, seqs)


def _void_held(session: OrmSession, voided: Voided
               ) -> tuple[set[Field], set[tuple[str, int]]]:
    """Stub the voided changes held or parked here; the fields they touched, and the
    parked ones now in the log."""
    fields: set[Field] = set()
    moved: set[tuple[str, int]] = set()
    for origin, seqs in voided.items():
        for lo, hi in seqs:
            live = session.execute(select(Change.id, Change.tbl, Change.row_id, Change.field,
                                          Change.value).where(
                Change.origin == origin, Change.seq.between(lo, hi),
                Change.value.not_like("#%"))).all()
            for cid, tbl, row_id, f, value in live:
                session.execute(update(Change).where(Change.id == cid)
                                .values(value=stub_of(value)))
                fields.add((tbl, row_id, f))
            parked = list(session.scalars(select(ParkedChange).where(
                ParkedChange.origin == origin, ParkedChange.seq.between(lo, hi))))
            _store_stubs(session, [{**{k: getattr(p, k) for k in CHANGE_COLUMNS},
                                    "value": stub_of(p.value)} for p in parked])
            moved.update((p.origin, p.seq) for p in parked)
            session.execute(delete(ParkedChange).where(
                ParkedChange.origin == origin, ParkedChange.seq.between(lo, hi)))
            if live:
                _forget_conflicts(session, origin, lo, hi)
    return fields, moved


def _forget_conflicts(session: OrmSession, origin: str, lo: int, hi: int) -> None:
    """A voided change's conflicts go with it: its re-issue is merged afresh."""
    session.execute(delete(Conflict).where(
        ((Conflict.kept_origin == origin) & Conflict.kept_seq.between(lo, hi))
        | ((Conflict.lost_origin == origin) & Conflict.lost_seq.between(lo, hi))))


def _recompute(session: OrmSession, fields: set[Field]) -> None:
    """Each field back to its last-writer-wins value over the stubs-free log."""
    by_row: dict[tuple[str, str], list[str]] = defaultdict(list)
    for tbl, row_id, f in fields:
        by_row[(tbl, row_id)].append(f)
    for (tbl, row_id), names in sorted(by_row.items()):
        table = MODEL_BY_TABLE[tbl].__table__  # type: ignore[attr-defined]
        values = {}
        for f in names:
            best = session.execute(select(Change.value).where(
                Change.tbl == tbl, Change.row_id == row_id, Change.field == f,
                Change.value.not_like("#%"))
                .order_by(Change.hlc.desc(), Change.origin.desc()).limit(1)).scalar()
            if best is not None:
                values[f] = decode(table.c[f], best)
        if values:
            session.execute(update(table).where(table.c.id == row_id).values(values))
        elif tbl in APPEND_ONLY and session.scalar(select(Change.id).where(
                Change.tbl == tbl, Change.row_id == row_id,
                Change.value.not_like("#%")).limit(1)) is None:
            session.execute(delete(table).where(table.c.id == row_id))
        decisions.touch(session, [(tbl, row_id)])
    if by_row:  # rows read before hold the old values (pending writes go in first)
        session.flush()
        session.expire_all()


# --- repairing this workstation's own clock -----------------------------------------------


def needs_repair(db: Database, slack_ms: int = AUTO_MS) -> bool:
    """This workstation holds changes of its own stamped beyond ``slack_ms`` from now."""
    with db.read() as session:
        # The newest stamp first, one probe of the stamp index on either engine: nearly
        # always nothing at all is stamped ahead (the full query may walk every own
        # change; every export asks this).
        newest = session.scalar(select(func.max(Change.hlc)))
        if newest is None or newest <= str(Hlc(now_ms() + slack_ms, 999_999)):
            return False
        return bool(_future_own(session, db.replica_id, slack_ms))


def _future_own(session: OrmSession, me: str, slack_ms: int) -> list[Change]:
    limit = str(Hlc(now_ms() + slack_ms, 999_999))
    return list(session.scalars(select(Change).where(
        Change.origin == me, Change.hlc > limit, Change.value.not_like("#%"))
        .order_by(Change.seq)))


def repair_clock(db: Database, slack_ms: int = GRACE_MS) -> int:
    """Void and re-issue this workstation's changes stamped more than ``slack_ms`` ahead
    of its (corrected) clock. Returns how many were re-issued."""
    from clinicapp.core.models import ReplicaState
    from clinicapp.core.services import audit
    from clinicapp.core.sync import merge
    from clinicapp.core.sync.clocks import ahead_text

    with db.write() as session:
        me, now = db.replica_id, now_ms()
        future = _future_own(session, me, slack_ms)
        if not future:
            return 0
        state = session.get(ReplicaState, me, with_for_update=True)
        assert state is not None
        # Only what moves back is re-issued: a change that must follow another's change
        # stamped ahead stays as it is (re-issuing it would stamp it the same, for ever).
        while True:
            moving = {c.seq for c in future}
            stamps = _new_stamps(session, future, moving, me, state.created_at.timestamp())
            earlier = [c for c in future if stamps[c.hlc] < Hlc.parse(c.hlc)]
            if len(earlier) == len(future):
                break
            future = earlier
            if not future:
                return 0
        made = [(c.seq, c.tbl, c.row_id, c.field, c.value, stamps[c.hlc], c.prev_origin,
                 c.prev_seq) for c in future]  # read before they become stubs
        offset = Hlc.parse(future[0].hlc).wall_ms - stamps[future[0].hlc].wall_ms
        voided = RangeSet()
        for s in sorted(moving):
            voided.add(s)
        _void_held(session, {me: voided})
        _recompute(session, {(m[1], m[2], m[3]) for m in made})
        newest = session.scalar(select(func.max(Change.hlc)).where(
            Change.value.not_like("#%")))
        state = session.get(ReplicaState, me, with_for_update=True)
        assert state is not None
        follows = max(Hlc(now, 0), Hlc.parse(newest) if newest else Hlc(0, 0))
        # The repair's own new rows (its audit entry, its record) overwrite nothing: they
        # are stamped from the corrected clock, not after another's change stamped ahead
        # (else they would be "in the future" and repaired again at every export).
        state.last_hlc = str(max(Hlc(now, 0), *stamps.values()))
        session.flush()  # the change log re-reads the replica's state from the database
        audit.record(session, "clock_repaired", f"{len(made)} changes stamped up to "
                     f"{ahead_text(max(offset, 0))} ahead re-issued from the corrected clock")
        session.flush()  # the audit entry is logged (and signed) as an ordinary write
        seq = state.last_seq
        first = seq + 1
        renumbered: dict[int, int] = {}
        rows: list[dict[str, Any]] = []
        fresh_ids: dict[str, str] = {}
        for old_seq, tbl, row_id, f, value, hlc, p_origin, p_seq in made:  # made order
            seq += 1
            if tbl in APPEND_ONLY:  # written once: re-issued as a new entry
                row_id = fresh_ids.setdefault(row_id, new_id())
            renumbered[old_seq] = seq
            if p_origin == me and p_seq in moving:
                p_seq = renumbered.get(p_seq, p_seq)
            rows.append({"tbl": tbl, "row_id": row_id, "field": f, "value": value,
                         "hlc": str(hlc), "origin": me, "seq": seq, "prev_origin": p_origin,
                         "prev_seq": p_seq})
        at = max(Hlc.parse(state.last_hlc), *stamps.values())
        stamp = str(Hlc(at.wall_ms, at.counter + 1))
        when = utcnow()
        record = {"origin": me, "voided": voided.to_json(),
                  "reissued": RangeSet([[first, seq]]).to_json(), "offset_ms": offset,
                  "repaired_at": when, "created_at": when, "updated_at": when,
                  "deleted_at": None}
        repair_id = new_id()
        for f, v in record.items():
            seq += 1
            rows.append({"tbl": REPAIRS, "row_id": repair_id, "field": f, "value": encode(v),
                         "hlc": stamp, "origin": me, "seq": seq, "prev_origin": None,
                         "prev_seq": None})
        # One run, signed by this workstation: the re-issued changes and the repair
        # always travel together. Merged like a received bundle, so every replica
        # (this one included) settles them the same way.
        authorship.record_own(session, state.signing_key, me, rows)
        state.last_seq = seq
        # Later edits follow the newest stamp that stays (another's may be ahead, within
        # the drift bound: a knowing overwrite must still come after it).
        state.last_hlc = str(max(follows, Hlc.parse(stamp)))
        merge.apply(session, rows)
        return len(made)


def _new_stamps(session: OrmSession, future: list[Change], moving: set[int], me: str,
                created_s: float) -> dict[str, Hlc]:
    """Each future stamp's replacement: moved back by at least the clock's error (as if
    the first came right after this workstation's last good change), never before what it
    overwrote, never after now unless what it overwrote is."""
    now = Hlc(now_ms(), 0)
    last_good = session.scalar(select(func.max(Change.hlc)).where(
        Change.origin == me, Change.seq.not_in(moving), Change.value.not_like("#%")))
    floor = Hlc.parse(last_good) if last_good else Hlc(0, 0)
    reference = max(floor, _stamp_of(session, future[0], moving, me, {}))
    if reference == Hlc(0, 0):
        reference = Hlc(int(created_s * 1000), 0)
    offset = max(Hlc.parse(future[0].hlc).wall_ms - reference.wall_ms, 0)
    stamps: dict[str, Hlc] = {}
    by_seq: dict[int, Hlc] = {}
    for c in future:
        if c.hlc not in stamps:  # one flush keeps one stamp
            old = Hlc.parse(c.hlc)
            wanted = min(Hlc(old.wall_ms - offset, old.counter), now)
            low = max(floor, _stamp_of(session, c, moving, me, by_seq))
            stamps[c.hlc] = wanted if wanted > low else Hlc(low.wall_ms, low.counter + 1)
            floor = stamps[c.hlc]
        by_seq[c.seq] = stamps[c.hlc]
    return stamps


def _stamp_of(session: OrmSession, c: Change, moving: set[int], me: str,
              new: dict[int, Hlc]) -> Hlc:
    """The stamp of what ``c`` overwrote (its new stamp if it moves too)."""
    if c.prev_origin is None or c.prev_seq is None:
        return Hlc(0, 0)
    if c.prev_origin == me and c.prev_seq in moving:
        return new.get(c.prev_seq, Hlc(0, 0))
    found = session.scalar(select(Change.hlc).where(Change.origin == c.prev_origin,
                                                    Change.seq == c.prev_seq))
    return Hlc.parse(found) if found else Hlc(0, 0)


def reissued_from(session: OrmSession) -> dict[tuple[str, int], tuple[str, int]]:
    """Each re-issued change and the voided one it replaces (from the repairs held)."""
    pairs: dict[tuple[str, int], tuple[str, int]] = {}
    for r in session.scalars(select(ClockRepair)):
        old = [s for lo, hi in RangeSet.from_json(r.voided) for s in range(lo, hi + 1)]
        new = [s for lo, hi in RangeSet.from_json(r.reissued) for s in range(lo, hi + 1)]
        pairs.update({(r.origin, n): (r.origin, o) for n, o in zip(new, old, strict=False)})
    return pairs
