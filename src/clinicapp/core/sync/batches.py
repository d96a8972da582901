"""A large import's changes merged in batches, inside the caller's one transaction.

``merge.apply`` builds its own structures for every change it is given (stamps, winners,
rows to write): given 1,000,000 changes at once, they take hundreds of MiB on top of the
changes themselves. Here the changes are cut into batches that ``merge.apply`` takes one
after the other, and each batch's changes are let go once it is merged, so the merge's
memory is bounded by the batch and the changes' own shrinks as the import goes.

Merging batch after batch gives what one merge of them all gives, because a batch holds
every change of its rows: last-writer-wins and conflicts are decided per field over the
row's stored changes (the batches before are stored by then) and the row's incoming ones.
Tables come in ``merge.TABLE_ORDER`` (parents before the rows that link to them), so a
row's parent is written in its batch or an earlier one. Nothing is committed between
batches: a refusal anywhere still leaves nothing applied.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.sync import merge
from clinicapp.core.sync.merge import MergeResult, Progress

BATCH = 50_000  # changes per merge: ~15 MiB of merge structures, few extra queries


def partition(changes: list[dict[str, Any]], size: int) -> list[list[dict[str, Any]]]:
    """``changes`` cut into batches of about ``size``: whole tables in the merge's table
    order, a table larger than ``size`` in windows of rows by their first change (every
    change of a row in its row's batch; rows come in bundle order, so a batch's changes
    are nearly one span of seqs). Empties ``changes``: each change is then held by its
    batch alone."""
    if len(changes) <= size:
        whole = list(changes)
        changes.clear()
        return [whole]  # the usual bundle: one merge, exactly as before
    by_table: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in changes:
        by_table[c["tbl"]].append(c)
    changes.clear()
    order = merge.TABLE_ORDER
    batches: list[list[dict[str, Any]]] = [[]]
    for tbl in sorted(by_table, key=lambda t: (order.get(t, len(order)), t)):
        part = by_table.pop(tbl)
        if len(batches[-1]) + len(part) <= size:
            batches[-1].extend(part)  # small tables share a batch
            continue
        batches.append([])
        where: dict[str, int] = {}  # row id: its batch
        for c in part:
            at = where.get(c["row_id"])
            if at is None:
                if len(batches[-1]) >= size:
                    batches.append([])
                at = where[c["row_id"]] = len(batches) - 1
            batches[at].append(c)
        del part, where
    return [b for b in batches if b]


def apply(session: OrmSession, changes: list[dict[str, Any]],
          progress: Progress | None = None, size: int | None = None) -> MergeResult:
    """``merge.apply(session, changes, progress, checked=True)``, batch by batch (see the
    module's docstring); empties ``changes``."""
    total = len(changes)
    batches = partition(changes, size or BATCH)
    batches.reverse()  # popped from the end: a merged batch is let go at once
    result = MergeResult()
    done = 0

    def overall(offset: int) -> Progress | None:
        # merge.apply reports (n, 2 * its batch): it merges, then writes the rows.
        if progress is None:
            return None
        return lambda n, _whole: progress(2 * offset + n, 2 * total)

    while batches:
        batch = batches.pop()
        count = len(batch)
        part = merge.apply(session, batch, overall(done), checked=True)
        del batch
        done += count
        result.received += part.received
        result.conflicts += part.conflicts
        for into, got in ((result.rows_added, part.rows_added),
                          (result.rows_changed, part.rows_changed)):
            for tbl, n in got.items():
                into[tbl] = into.get(tbl, 0) + n
    return result
