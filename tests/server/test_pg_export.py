"""The PostgreSQL export (``core.sync.pg_export``: the database picks the runs to send,
answers the scope and computes the withheld digests) makes the same payload, byte for
byte, and the same manifest as the general export on the same database: runs whole,
runs partly outside the device's scope (digests), runs wholly outside (left out), a run
not held whole (left out), stubs, and values that need JSON escaping. A device imports
the part, every author's signature verifies, and it holds its group and nothing else."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session as OrmSession

from clinicapp.client.enroll import SERVER_PEER
from clinicapp.core.keys.identity import load_keys
from clinicapp.core.models import Change, Member, Membership, Peer
from clinicapp.core.services import groups
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import (
    api,
    authorship,
    bundle,
    outgoing,
    payload,
    pg_export,
    protocol,
    vector,
)
from clinicapp.core.sync.ranges import RangeSet
from clinicapp.paths import resolve
from clinicapp.server import enrollment, nonces, pulls, scope
from clinicapp.server.auth import Caller
from clinicapp.server.config import ServerConfig
from clinicapp.server.store import Store, initialise

ODD = ['Zoë "the quote" O\'Neil', "back\\slash", "line\nbreak\ttab\r", "bell\x07\x1f",
       "emoji 😀 and \u2028 separator", "</script>&amp;", "∑ 漢字"]


def enroll(store: Store, folder: Path, name: str, group: str) -> tuple[Database, Caller]:
    """A workstation enrolled in-process, the way the server enrolls one."""
    db = Database.create(resolve(folder / name), "test passphrase", name=name)[0]
    with db.read() as s:
        keys = load_keys(s)
    code = enrollment.issue_code(store, [group]).code
    nonce = nonces.issue(store)
    line = keys.public().line()
    enrollment.enroll(store, code, line, keys.name, nonce,
                      protocol.sign(keys, protocol.enroll_message(code, line, nonce)))
    api.add_trusted(db, enrollment.server_identity(store), SERVER_PEER, central=True)
    group_ids = tuple(g.id for g in groups.list_groups(store.db, limit=50).items
                      if g.name == group)
    return db, Caller(keys.replica_id, keys.name, group_ids, "", "")


def people(db: Database, group_id: str, names: list[str]) -> list[str]:
    """Members in ``group_id``, made in one transaction (one run)."""
    ids = []
    with db.write() as session:
        for name in names:
            person = Member(full_name=name, role="nurse")
            session.add(person)
            session.flush()
            session.add(Membership(group_id=group_id, member_id=person.id))
            ids.append(person.id)
    return ids


@pytest.fixture(scope="module")
def scene(pg_database: str, tmp_path_factory: pytest.TempPathFactory):
    """A server on PostgreSQL holding group A's and group B's records, pushed by their
    workstations and made on the server itself (runs that mix both groups)."""
    folder = tmp_path_factory.mktemp("pgx")
    store = initialise(ServerConfig(data_dir=folder / "server", database_url=pg_database))
    hub_a = groups.create(store.db, "Hub A", division="North").id
    hub_b = groups.create(store.db, "Hub B", division="South").id
    ws_a, _ = enroll(store, folder, "ws-a", "Hub A")
    ws_b, _ = enroll(store, folder, "ws-b", "Hub B")
    for db, caller_group in ((ws_a, hub_a), (ws_b, hub_b)):
        pull_all(store, db)
        people(db, caller_group, ODD)
        for n in range(3):
            people(db, caller_group, [f"{db.paths.data_dir.name} {n}.{i}" for i in range(4)])
        outcome = _push(store, db)
        assert not outcome.refused, outcome.reason
    # On the server, one transaction each: both groups (a run partly in A's scope),
    # B alone (wholly outside it), A alone.
    mixed = people(store.db, hub_a, ["server A one", "server A two"])
    mixed += people(store.db, hub_b, ["server B"])
    with store.db.write() as session:  # one run over both groups
        for person, group in (("mixed A", hub_a), ("mixed B", hub_b)):
            m = Member(full_name=person, role="physician")
            session.add(m)
            session.flush()
            session.add(Membership(group_id=group, member_id=m.id))
    with store.db.write() as session:  # a rename: the first name becomes a stub below
        session.get(Member, mixed[0]).full_name = "server A one, renamed"
    with store.engine.begin() as conn:
        # What compaction does to a superseded value: its hash stays (so do the digests).
        conn.execute(text(
            "UPDATE changes SET value = '#' || encode(sha256(convert_to(value, 'UTF8')), "
            "'hex') WHERE tbl = 'members' AND field = 'full_name' AND row_id = :id AND "
            "value = :old"), {"id": mixed[0], "old": json.dumps("server A one")})
    yield store, folder, hub_a
    for db in (ws_a, ws_b):
        db.close()
    store.close()


def pull_all(store: Store, db: Database) -> None:
    caller = _caller(store, db)
    while True:
        part = pulls.request(store, caller)
        result = api.import_bundle_bytes(db, pulls.read(store, caller, part.id))
        assert not result.two_versions
        pulls.acknowledge(store, caller, part.id)
        if not part.more:
            return


def _caller(store: Store, db: Database) -> Caller:
    from clinicapp.server.models import Device

    with store.tables(write=False) as s:
        d = s.get(Device, db.replica_id)
        return Caller(d.replica_id, d.name, tuple(json.loads(d.groups)), "", "")


def _push(store: Store, db: Database):
    from clinicapp.server import ingest

    return ingest.apply_bytes(store, api.export_bundle_bytes(db, SERVER_PEER), source="test")


def both(store: Store, only: object | None) -> tuple[tuple, tuple]:
    """(payload, size, lines, carried) by the database's path and the general one, for
    everything the server holds."""
    with store.db.read() as session:
        return both_in(session, only)


def both_in(session, only: object | None) -> tuple[tuple, tuple]:
    """``both`` in an open session."""
    wanted = vector.load(session)
    chosen = authorship.chosen_runs(session, wanted)
    assert not pg_export.overlapping(chosen)
    fast = pg_export.build(session, chosen, only if isinstance(
        only, pg_export.RowScope) else None)
    runs = authorship.runs_for(session, wanted)
    items = (outgoing._scoped(session, runs, only) if only is not None  # type: ignore
             else outgoing._items(runs))
    general = payload.write_payload([(i.run, i.changes) for i in items])
    carried = outgoing._carried(items)
    return ((fast.payload, fast.size, fast.lines, fast.ranges, fast.changes, fast.counts,
             fast.max_hlc),
            (*general, carried.ranges, carried.changes, carried.counts, carried.max_hlc))


def test_the_database_path_writes_the_same_payload_for_a_scope(scene):
    store, _folder, hub_a = scene
    fast, general = both(store, scope.change_filter([hub_a]))
    assert fast == general
    lines = payload.read_payload(fast[0], fast[1], fast[2])
    withheld = [c for _r, part in lines for c in part if "withheld" in c]
    shown = [c for _r, part in lines for c in part if "withheld" not in c]
    assert withheld and shown  # runs partly in scope travelled with digests
    names = {json.loads(c["value"]) for c in shown
             if c["field"] == "full_name" and not c["value"].startswith("#")}
    assert set(ODD) <= names and "mixed A" in names
    assert not {"server B", "mixed B"} & names
    assert any(c["value"].startswith("#") for c in shown)  # the stub travels as a stub


def test_the_database_path_writes_the_same_payload_for_everything(scene):
    store, _folder, _hub = scene
    fast, general = both(store, None)
    assert fast == general and fast[4] > 100


def test_the_same_payload_whatever_the_compressed_batches(scene, monkeypatch):
    """Lines go to the compressor in batches on a worker thread; zlib's output does not
    depend on how its input is cut, so batches of any size give the general path's
    bytes (here a batch every 3 lines, cutting runs anywhere)."""
    store, _folder, hub_a = scene
    monkeypatch.setattr(pg_export._Compressed, "BATCH", 3)
    for only in (scope.change_filter([hub_a]), None):
        fast, general = both(store, only)
        assert fast == general and fast[2] > 3 * 10


def test_a_run_whose_only_change_in_scope_comes_last_is_sent(scene):
    """Whether a run has anything for the device is looked up change by change until one
    is found: here the group-A change is the run's last, after group B's."""
    store, _folder, hub_a = scene
    hub_b = next(g.id for g in groups.list_groups(store.db, limit=50).items
                 if g.name == "Hub B")
    with store.db.write() as session:  # one run: B, B, then A
        for person, group in (("late B one", hub_b), ("late B two", hub_b),
                              ("late A", hub_a)):
            m = Member(full_name=person, role="physician")
            session.add(m)
            session.flush()
            session.add(Membership(group_id=group, member_id=m.id))
    fast, general = both(store, scope.change_filter([hub_a]))
    assert fast == general
    lines = payload.read_payload(fast[0], fast[1], fast[2])
    run, part = next((r, p) for r, p in lines if any(
        c.get("value") == json.dumps("late A") for c in p))
    names = {json.loads(c["value"]) for c in part
             if "withheld" not in c and c.get("field") == "full_name"}
    assert names == {"late A"}
    assert "withheld" in part[0]  # group B's changes come first in that run
    assert sum("withheld" in c for c in part) > 0 and len(part) == run.hi - run.lo + 1
    # A device of group B gets the same run with the group-A change withheld.
    fast_b, general_b = both(store, scope.change_filter([hub_b]))
    assert fast_b == general_b


@pytest.mark.parametrize("scoped", [True, False])
def test_a_run_not_held_whole_is_left_out_by_both(scene, scoped):
    store, _folder, hub_a = scene
    with store.engine.begin() as conn:  # take one change of a two-change run away
        run = conn.execute(text("SELECT origin, lo, hi FROM change_runs WHERE hi > lo "
                                "ORDER BY id DESC LIMIT 1")).one()
        kept = conn.execute(text("SELECT * FROM changes WHERE origin = :o AND seq = :s"),
                            {"o": run.origin, "s": run.hi}).mappings().one()
        conn.execute(text("DELETE FROM changes WHERE id = :i"), {"i": kept["id"]})
    try:
        fast, general = both(store, scope.change_filter([hub_a]) if scoped else None)
        assert fast == general
        assert run.lo not in fast[3].get(run.origin, RangeSet())
    finally:
        with store.engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO changes (id, tbl, row_id, field, value, hlc, origin, seq, "
                "prev_origin, prev_seq) VALUES (:id, :tbl, :row_id, :field, :value, :hlc, "
                ":origin, :seq, :prev_origin, :prev_seq)"), dict(kept))


def test_a_device_imports_the_part_and_holds_its_group_only(scene):
    store, folder, _hub = scene
    device, _ = enroll(store, folder, "newcomer-a", "Hub A")
    pull_all(store, device)
    with device.read() as s:
        names = set(s.scalars(select(Member.full_name)))
        held_tables = set(s.scalars(select(Change.tbl).distinct()))
    assert set(ODD) <= names and "server A one, renamed" in names and "mixed A" in names
    assert not {"server B", "mixed B"} & names
    assert not any(n.startswith("ws-b") for n in names)
    assert "audit_entries" not in held_tables
    device.close()


def test_the_manifest_is_the_same_either_way(scene):
    """The whole export, through ``outgoing.export``: the database's path for a
    ``RowScope``, the general one for the same scope as a plain filter."""
    store, folder, _hub = scene
    device, _ = enroll(store, folder, "manifest-a", "Hub A")
    caller = _caller(store, device)
    with store.db.read() as s:
        name = s.get(Peer, caller.replica_id).name
    scoped = scope.change_filter(caller.groups)
    made = []
    for only in (scoped, scoped.keeps):
        data, _result = api.export_bundle_data(store.db, name, only=only)
        with store.db.read() as s:
            opened = bundle.open_bytes(data, load_keys(s))
        made.append((dataclasses.replace(opened.manifest, created_at=""), opened.payload))
    assert made[0] == made[1]
    device.close()


def test_both_paths_compress_at_level_5_and_a_level_6_payload_still_reads(scene):
    """Level 5 on both paths (the same bytes); a payload of an older ClinicApp, level 6,
    reads the same (gzip readers do not depend on the level)."""
    import gzip

    store, _folder, hub_a = scene
    fast, general = both(store, scope.change_filter([hub_a]))
    assert fast == general and pg_export.LEVEL == 5
    raw = gzip.decompress(fast[0])
    assert fast[0] == gzip.compress(raw, compresslevel=5, mtime=0)
    old = gzip.compress(raw, compresslevel=6, mtime=0)
    assert old != fast[0]
    assert payload.read_payload(old, fast[1], fast[2]) == payload.read_payload(
        fast[0], fast[1], fast[2])


def shown_names(built: tuple) -> set[str]:
    lines = payload.read_payload(built[0], built[1], built[2])
    return {json.loads(c["value"]) for _r, part in lines for c in part
            if "withheld" not in c and c["field"] == "full_name"
            and not c["value"].startswith("#")}


def test_the_kept_scope_serves_later_parts_and_follows_a_membership_change(scene):
    """The device's visible ids are computed once into a temporary table and used by the
    next parts on that connection while nothing changed; a membership made between two
    parts is honoured by the next part (as when every part computed them), another
    device's groups get their own, and a read-only transaction computes them in the
    statement: the general path's bytes every time."""
    store, _folder, hub_a = scene
    hub_b = next(g.id for g in groups.list_groups(store.db, limit=50).items
                 if g.name == "Hub B")
    moving = people(store.db, hub_b, ["moving B"])[0]
    with store.engine.connect() as conn:

        def part(only: object) -> tuple[set[str], int]:
            with OrmSession(bind=conn) as session:
                fast, general = both_in(session, only)
                made = session.scalar(text(
                    "SELECT min(xmin::text::bigint) FROM pg_temp.pgx_scope"))
                session.commit()
            assert fast == general
            return shown_names(fast), made

        shown, made = part(scope.change_filter([hub_a]))
        assert "moving B" not in shown and "mixed A" in shown
        assert part(scope.change_filter([hub_a])) == (shown, made)  # kept, not made again
        with store.db.write() as session:  # another connection: a membership, committed
            session.add(Membership(group_id=hub_a, member_id=moving))
        again, remade = part(scope.change_filter([hub_a]))
        assert again == shown | {"moving B"} and remade != made
        shown_b, _made_b = part(scope.change_filter([hub_b]))
        assert "moving B" in shown_b and not {"mixed A", "server A one, renamed"} & shown_b
        assert part(scope.change_filter([hub_a]))[0] == again
        with OrmSession(bind=conn) as session:
            session.execute(text("SET TRANSACTION READ ONLY"))
            fast, general = both_in(session, scope.change_filter([hub_a]))
            assert fast == general and shown_names(fast) == again
