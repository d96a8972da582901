"""The server's ingest on PostgreSQL as the benchmark runs it (``ingest.apply_bytes``, in
process): every change and record of two workstations' backlogs lands, the held ranges
are exactly theirs, and the merge's lookups are planned by the index, because the merge
refreshed the log's statistics and the server's connections price pages as in memory."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import func, select, text

from clinicapp.client.enroll import SERVER_PEER
from clinicapp.core.keys.identity import load_keys
from clinicapp.core.models import Change, ChangeRun, Member, Membership
from clinicapp.core.services import groups
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import api, lookups, protocol, vector
from clinicapp.core.sync.merge import CHANGE_COLUMNS
from clinicapp.paths import resolve
from clinicapp.server import enrollment, ingest, nonces, pulls
from clinicapp.server.auth import Caller
from clinicapp.server.config import ServerConfig
from clinicapp.server.store import Store, initialise
from tests.unit.core.sync.helpers import data

PEOPLE = 300  # per workstation: a member and a membership each, 6,300 changes


@pytest.fixture
def store(pg_database: str, tmp_path: Path) -> Any:
    os.environ.setdefault("CLINICAPP_SCRYPT_LOG_N", "10")  # throwaway replicas
    server = initialise(ServerConfig(data_dir=tmp_path / "server", database_url=pg_database))
    with psycopg.connect(pg_database.replace("postgresql+psycopg", "postgresql"),
                         autocommit=True) as conn:  # only the merge may analyze here
        conn.execute("ALTER TABLE changes SET (autovacuum_enabled = false)")
    yield server
    server.close()


def _workstation(store: Store, folder: Path, name: str, hub: str,
                 group: str = "Ingest hub") -> Database:
    """A replica enrolled the way the server enrolls one, holding the server's groups."""
    db = Database.create(resolve(folder / name), "workstation passphrase", name=name)[0]
    with db.read() as session:
        keys = load_keys(session)
    code = enrollment.issue_code(store, [group]).code
    nonce = nonces.issue(store)
    line = keys.public().line()
    enrollment.enroll(store, code, line, keys.name, nonce,
                      protocol.sign(keys, protocol.enroll_message(code, line, nonce)))
    api.add_trusted(db, enrollment.server_identity(store), SERVER_PEER, central=True)
    caller = Caller(keys.replica_id, keys.name, (hub,), "", "")
    part = pulls.request(store, caller)
    api.import_bundle_bytes(db, pulls.read(store, caller, part.id))
    pulls.acknowledge(store, caller, part.id)
    with db.write() as session:
        for n in range(PEOPLE):
            person = Member(full_name=f"{name} member {n}", role="physician")
            session.add(person)
            session.flush()
            session.add(Membership(group_id=hub, member_id=person.id))
    return db


def test_two_backlogs_land_whole_and_are_looked_up_by_the_index(store: Store,
                                                                tmp_path: Path) -> None:
    with store.engine.connect() as conn:
        assert conn.scalar(text("SHOW jit")) == "off"
        assert conn.scalar(text("SHOW random_page_cost")) == "1.1"
    hub = groups.create(store.db, "Ingest hub", division="North").id
    fleet = [_workstation(store, tmp_path, f"ws{i}", hub) for i in range(2)]
    for db in fleet:
        outcome = ingest.apply_bytes(store, api.export_bundle_bytes(db, SERVER_PEER),
                                     source="test")
        assert not outcome.refused, outcome.reason
        assert outcome.rows_added == {"members": PEOPLE, "memberships": PEOPLE}

    with store.db.read() as session:
        held = vector.load(session)
        stored = session.execute(select(*(getattr(Change, c) for c in CHANGE_COLUMNS))
                                 .order_by(Change.origin, Change.seq)).all()
    server_rows = data(store.db)
    for db in fleet:
        with db.read() as session:
            own = [tuple(r) for r in session.execute(
                select(*(getattr(Change, c) for c in CHANGE_COLUMNS))
                .where(Change.origin == db.replica_id).order_by(Change.seq))]
        # Every change, as the workstation logged it; held exactly as its ranges.
        assert [tuple(r) for r in stored if r[5] == db.replica_id] == own
        assert list(held[db.replica_id]) == [(1, len(own))]
        mine = data(db)
        for table in ("members", "memberships"):
            assert set(mine[table]) <= set(server_rows[table])
    assert len(server_rows["members"]) == 2 * PEOPLE

    # The log grew past ANALYZE_FROM in these merges: it has statistics (no autovacuum
    # here), and a lookup of a few rows among many probes the index (with none, every
    # change of the table was read and filtered).
    assert len(stored) > lookups.ANALYZE_FROM
    ids = sorted({r[1] for r in stored if r[0] == "members"})[::30]
    with store.engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM pg_stats WHERE tablename = 'changes'"))
        (among,) = lookups.among(conn, Change.row_id, ids)
        query = select(*(getattr(Change, c) for c in CHANGE_COLUMNS)).where(
            Change.tbl == "members", among)
        compiled = query.compile(dialect=conn.dialect)
        plan = "\n".join(r[0] for r in conn.exec_driver_sql(
            "EXPLAIN " + str(compiled), compiled.params))
        assert "ix_changes_field" in plan and "Seq Scan" not in plan, plan
        wanted = set(ids)
        assert len(conn.execute(query).all()) == sum(
            1 for r in stored if r[0] == "members" and r[1] in wanted)
    for db in fleet:
        db.close()


def _runs(db: Database, origin: str) -> list[tuple[int, int, str]]:
    with db.read() as session:
        return sorted((r.lo, r.hi, r.signature) for r in session.scalars(
            select(ChangeRun).where(ChangeRun.origin == origin)))


def test_a_bundle_failing_at_its_end_leaves_nothing_then_lands_whole(
        store: Store, tmp_path: Path) -> None:
    hub = groups.create(store.db, "Late hub", division="North").id
    ws = _workstation(store, tmp_path, "late", hub, "Late hub")
    body = api.export_bundle_bytes(ws, SERVER_PEER)
    plain = store.config.database_url.replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(plain, autocommit=True) as conn:  # the database itself refuses
        conn.execute("CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN "
                     "RAISE EXCEPTION 'disk gone'; END $$ LANGUAGE plpgsql")
        conn.execute("CREATE TRIGGER refuse BEFORE INSERT ON bundle_records "
                     "FOR EACH ROW WHEN (NEW.status = 'imported') EXECUTE FUNCTION refuse()")
    # The bundle record is written last, after the changes, rows, runs and ranges.
    outcome = ingest.apply_bytes(store, body, source="test")
    assert outcome.refused and "\n" not in outcome.reason
    assert "nothing was imported" in outcome.reason
    with store.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Change).where(
            Change.origin == ws.replica_id)) == 0
        assert ws.replica_id not in vector.load(session)
        assert not session.scalars(select(Member.id).where(
            Member.full_name.like("late member %"))).all()
    assert _runs(store.db, ws.replica_id) == []

    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute("DROP TRIGGER refuse ON bundle_records")
    outcome = ingest.apply_bytes(store, body, source="test")
    assert not outcome.refused, outcome.reason
    assert outcome.rows_added == {"members": PEOPLE, "memberships": PEOPLE}
    # Every run of the workstation's, once, with its own signature (one bulk write).
    own = _runs(ws, ws.replica_id)
    assert len(own) > PEOPLE and _runs(store.db, ws.replica_id) == own
    with store.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Member).where(
            Member.full_name.like("late member %"))) == PEOPLE
    ws.close()
