"""Which edits of a row lost, as a function of the log alone (never of the order changes
arrived in), so every replica holding the same changes shows the same open conflicts.

Per field (but ``created_at``/``updated_at``): the winner is the greatest ``(hlc,
origin)`` of the live changes (a stub, pruned or voided by a clock repair, never wins). An
edit *lost* when nobody built on it (no change names it as ``prev``: it is a head), it is
not the winner, and its value is neither the winner's nor one the winner's line of
knowing overwrites already held (its writer's value was seen and moved past). Two
deletes of one record lose nothing: both wanted it gone, and the later one stands.

Merge notes conflicts pairwise as changes arrive; ``decisions.settle`` then makes the open
ones of every touched row exactly these.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.models import Change
from clinicapp.core.sync import lookups
from clinicapp.core.sync.authorship import is_stub, stub_of

Key = tuple[str, int]
NOT_CONTESTED = frozenset({"created_at", "updated_at"})
DELETED = "deleted_at"
NOT_DELETED = "null"
UNCONTESTED = "clinicapp.uncontested_rows"  # Session.info: (newest change id, rows)


@dataclass(frozen=True)
class Logged:
    field: str
    hlc: str
    origin: str
    seq: int
    value: str
    prev: Key | None

    @property
    def key(self) -> Key:
        return (self.origin, self.seq)


def row_log(session: OrmSession, tbl: str, row_id: str) -> list[Logged]:
    """Every change of one row, stubs included (they carry the ``prev`` links)."""
    return [Logged(f, hlc, origin, seq, value,
                   (p_o, p_s) if p_o is not None and p_s is not None else None)
            for f, hlc, origin, seq, value, p_o, p_s in session.execute(
                select(Change.field, Change.hlc, Change.origin, Change.seq, Change.value,
                       Change.prev_origin, Change.prev_seq)
                .where(Change.tbl == tbl, Change.row_id == row_id))]


def winners(log: Iterable[Logged]) -> dict[str, Logged]:
    best: dict[str, Logged] = {}
    for c in log:
        if not is_stub(c.value) and (c.field not in best or (c.hlc, c.origin) > (
                best[c.field].hlc, best[c.field].origin)):
            best[c.field] = c
    return best


def losers(log: list[Logged]) -> list[tuple[Logged, Logged]]:
    """(winner, loser) for every losing edit of the row."""
    by_key = {c.key: c for c in log}
    built_on = {c.prev for c in log if c.prev is not None}
    best = winners(log)
    out = []
    for f, w in best.items():
        if f in NOT_CONTESTED:
            continue
        seen = {stub_of(w.value)}
        current: Logged | None = w
        steps = 0
        while current is not None and current.prev is not None and steps < 10_000:
            current = by_key.get(current.prev)
            steps += 1
            if current is not None:
                seen.add(stub_of(current.value))
        both_deletes = f == DELETED and w.value != NOT_DELETED
        for c in log:
            if (c.field == f and c is not w and not is_stub(c.value)
                    and c.key not in built_on and stub_of(c.value) not in seen
                    and not (both_deletes and c.value != NOT_DELETED)):
                out.append((w, c))
    return out


def contested_rows(session: OrmSession, tbl: str, ids: list[str]) -> set[str]:
    """Of these rows, those with a field written by more than one workstation: only they
    can hold a losing edit (one workstation's edits of a field form one line)."""
    seen = _still_uncontested(session)
    ids = [row_id for row_id in ids if (tbl, row_id) not in seen]
    if not ids:
        return set()
    out: set[str] = set()
    for among in lookups.among(session, Change.row_id, ids):
        out.update(session.scalars(
            select(Change.row_id).where(Change.tbl == tbl, among,
                                        Change.field.not_in(NOT_CONTESTED))
            .group_by(Change.row_id, Change.field)  # two writers: cheaper than a count
            .having(func.min(Change.origin) != func.max(Change.origin))))
    return out


def log_end(session: OrmSession) -> int:
    """The newest change's id (0 for none)."""
    return session.scalar(select(func.max(Change.id))) or 0


def note_uncontested(session: OrmSession, seen: Iterable[tuple[str, str]],
                     uncontested: Iterable[tuple[str, str]], before: int) -> None:
    """The caller (the merge) has just seen every change of the rows ``seen``, and found
    each field of the rows ``uncontested`` written by one origin at most:
    ``contested_rows`` need not ask the database about those again in this transaction,
    unless a change of them is added later. ``before``: ``log_end`` before the caller
    stored its own changes (all of them changes of ``seen``)."""
    known = _still_uncontested(session, before)
    known.difference_update(seen)
    known.update(uncontested)
    session.info[UNCONTESTED] = (log_end(session), known)


def _still_uncontested(session: OrmSession, upto: int | None = None
                       ) -> set[tuple[str, str]]:
    """The rows noted by ``note_uncontested`` that no change was added to since (up to
    the change ``upto``)."""
    mark: int
    known: set[tuple[str, str]]
    mark, known = session.info.get(UNCONTESTED, (0, set()))
    if not known:
        return known
    if upto is None:
        # Usually nothing was added: the newest id says so from the primary key's end,
        # where ``id > mark`` could be planned as a scan of the whole log (PostgreSQL's
        # generic plan of a prepared statement guesses a third of the table).
        upto = log_end(session)
    if upto > mark:
        added = select(Change.tbl, Change.row_id).where(Change.id > mark, Change.id <= upto)
        # (no DISTINCT: SQLite would scan a whole index for it instead of the id range)
        known.difference_update((tbl, row_id) for tbl, row_id in session.execute(added))
        session.info[UNCONTESTED] = (upto, known)  # checked up to there: not again
    return known


def forget_uncontested(session: OrmSession, *_transaction: object) -> None:
    """At commit, and at any rollback (what was seen may be gone, ids used again)."""
    session.info.pop(UNCONTESTED, None)


def by_table(rows: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for tbl, row_id in rows:
        out[tbl].add(row_id)
    return out
