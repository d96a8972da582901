"""A large bundle is merged in batches inside its one transaction: what lands is what one
merge of the whole bundle gives (rows, change log, conflicts, held ranges), and a failure
in its last batch, after the others were written, leaves nothing of it applied."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text

from clinicapp.core.models import Change, Conflict, HeldRanges, Session
from clinicapp.core.services import groups, members
from clinicapp.core.sync import api, batches, merge
from clinicapp.core.sync.bundle import BundleError
from tests.unit.core.sync.forge import forge, runs_held
from tests.unit.core.sync.helpers import data, full_dump, name_of, send, trust_all


@pytest.fixture
def replicas(make_db):
    a, b, whole, batched = (make_db(n) for n in ("riverside", "office", "whole", "batched"))
    trust_all(a, b, whole, batched)
    return a, b, whole, batched


def _history(a, b, folder) -> None:
    """Rows of four tables made on ``a``, and edits of the same fields made on ``a`` and
    ``b`` without seeing each other (conflicts), all held by ``b``."""
    group = groups.create(a, "Riverside small group", division="North")
    people = [members.create(a, f"Member {i}") for i in range(6)]
    for person in people:
        members.add_to_group(a, group.id, person.id)
    start = dt.datetime(2024, 3, 4, 15, 30, tzinfo=dt.UTC)
    with a.write() as session:
        for i in range(9):
            session.add(Session(group_id=group.id, title=f"Case review {i}",
                                objectives=[f"Goal {i}"], location="Boardroom",
                                scheduled_start=start + dt.timedelta(days=i)))
    send(a, b, folder)
    for db, who in ((a, "a"), (b, "b")):
        for person in people[:4]:
            members.update(db, person.id, full_name=f"{person.full_name} ({who})")
        with db.write() as session:
            for s in session.scalars(select(Session)):
                s.title = f"{s.title} ({who})"
    send(a, b, folder)


def _log(db) -> list[tuple]:
    with db.read() as session:
        return sorted(tuple(r) for r in session.execute(select(
            Change.origin, Change.seq, Change.tbl, Change.row_id, Change.field, Change.value,
            Change.hlc, Change.prev_origin, Change.prev_seq)))


def _conflicts(db) -> list[tuple]:
    with db.read() as session:
        return sorted(tuple(r) for r in session.execute(select(
            Conflict.tbl, Conflict.row_id, Conflict.field, Conflict.kept_origin,
            Conflict.kept_seq, Conflict.lost_origin, Conflict.lost_seq, Conflict.resolved_at)))


def _held(db) -> dict[str, str]:
    with db.read() as session:
        return {h.origin: h.ranges for h in session.scalars(select(HeldRanges))}


def test_a_bundle_merged_in_batches_lands_as_one_merge_of_it_would(replicas, tmp_path,
                                                                    monkeypatch):
    a, b, whole, batched = replicas
    _history(a, b, tmp_path)
    one = send(b, whole, tmp_path)
    monkeypatch.setattr(batches, "BATCH", 5)  # about thirty batches
    many = send(b, batched, tmp_path)
    assert one.conflicts > 0 and one.received > 100
    assert (many.received, many.rows_added, many.rows_changed, many.conflicts) == (
        one.received, one.rows_added, one.rows_changed, one.conflicts)
    assert data(batched) == data(whole) == data(b)
    assert _log(batched) == _log(whole)
    assert _conflicts(batched) == _conflicts(whole)
    assert _held(batched) == _held(whole)


def test_batches_keep_each_row_whole_parents_first_and_let_go_of_the_list():
    rows = {"groups": 3, "members": 40, "sessions": 70}
    changes = []
    for tbl, n in rows.items():  # fields of one row apart in the list, tables mixed
        changes += [{"tbl": tbl, "row_id": f"{tbl}-{i % n}", "field": f"f{i // n}", "seq": i}
                    for i in range(3 * n)]
    changes.sort(key=lambda c: (c["seq"] * 7919) % 1000)
    given = list(changes)
    cut = batches.partition(changes, 50)
    assert changes == []
    assert sorted(map(id, given)) == sorted(id(c) for batch in cut for c in batch)
    where: dict[tuple[str, str], int] = {}
    for i, batch in enumerate(cut):
        for c in batch:  # a row's later changes join its batch, even a full one
            assert where.setdefault((c["tbl"], c["row_id"]), i) == i
        assert len({(c["tbl"], c["row_id"]) for c in batch}) <= 50
    assert len(cut) >= 4
    order = [merge.TABLE_ORDER[c["tbl"]] for batch in cut for c in batch]
    assert order == sorted(order)
    assert batches.partition(small := given[:40], 50) == [given[:40]] and small == []


def test_a_database_failure_in_the_last_batch_leaves_nothing_of_the_bundle(
        replicas, tmp_path, monkeypatch):
    a, b, _whole, batched = replicas
    _history(a, b, tmp_path)
    monkeypatch.setattr(batches, "BATCH", 5)
    path = tmp_path / "large.clinicbundle"
    api.export_bundle(b, path, peer=name_of(batched))
    before = full_dump(batched)
    with batched.read() as session:
        held = session.scalar(text("SELECT count(*) FROM changes"))
    carried = api.inspect_bundle(batched, path).new_changes
    # The disk (here: a trigger) refuses the bundle's very last change row: every batch
    # before it has written its rows, change rows and held ranges by then.
    with batched.write() as session:
        session.execute(text(
            "CREATE TRIGGER refuse_last BEFORE INSERT ON changes "
            f"WHEN (SELECT count(*) FROM changes) >= {held + carried - 1} "
            "BEGIN SELECT RAISE(ABORT, 'no space left for the last row'); END"))
    with pytest.raises(BundleError) as refused:
        api.import_bundle(batched, path)
    assert refused.value.kind == "failed"
    assert "nothing was imported" in str(refused.value)
    assert full_dump(batched) == before  # no rows, no change log, no held ranges, no peer
    with batched.write() as session:
        session.execute(text("DROP TRIGGER refuse_last"))
    assert api.import_bundle(batched, path).received == carried  # then it imports whole
    assert data(batched) == data(b)


def test_a_forgery_in_the_last_run_refuses_the_whole_batched_bundle_as_before(
        replicas, tmp_path, monkeypatch):
    a, b, whole, batched = replicas
    _history(a, b, tmp_path)
    runs = runs_held(b)
    last_run, last = runs[-1]
    tampered = [dict(c) for c in last]
    at = max(i for i, c in enumerate(tampered) if c["field"] == "title")
    tampered[at]["value"] = '"altered on the way"'
    runs[-1] = (last_run, tampered)  # the signature no longer covers it
    messages = {}
    for db, size in ((whole, batches.BATCH), (batched, 5)):
        monkeypatch.setattr(batches, "BATCH", size)
        path = forge(b, db, runs, tmp_path / f"{name_of(db)}.clinicbundle")
        before = full_dump(db)
        with pytest.raises(BundleError) as refused:
            api.import_bundle(db, path)
        assert refused.value.kind == "forged"
        assert full_dump(db) == before
        messages[size] = str(refused.value)
    assert len(set(messages.values())) == 1, messages
