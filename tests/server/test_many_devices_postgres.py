"""Many devices at once on PostgreSQL: 20 workstations sync 3 rounds of edits, all at the
same time, against two server workers on one database. Afterwards every workstation
agrees field by field, the server holds exactly the union of all changes (the advisory
lock kept its held ranges exact), and no request got a 5xx."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from clinicapp.client.sync import sync
from clinicapp.core.services import groups, members
from clinicapp.core.sync import api, vector
from clinicapp.core.sync.ranges import RangeSet
from tests.server.harness import ServerProcess
from tests.server.helpers import enrolled, group_id
from tests.unit.core.sync.helpers import data

WORKSTATIONS = 20
ROUNDS = 3


@pytest.fixture(scope="module")
def pg_server(tmp_path_factory, pg_database):
    proc = ServerProcess(tmp_path_factory.mktemp("pgsrv") / "server", pg_database,
                         workers=2).init()
    proc.add_group("Hub A", "North")
    proc.start()
    yield proc
    proc.stop()


def held(db) -> vector.Vector:
    with db.read() as session:
        return vector.load(session)


def test_twenty_workstations_three_rounds_two_workers_one_postgresql(pg_server, tmp_path):
    fleet = [enrolled(pg_server, tmp_path, f"ws{i:02d}", "Hub A") for i in range(WORKSTATIONS)]
    pool = ThreadPoolExecutor(max_workers=WORKSTATIONS)

    def at_once(work) -> None:
        # Every exception (a 5xx included) is re-raised here and fails the test.
        list(pool.map(work, fleet))

    at_once(sync)
    hub = group_id(fleet[0], "Hub A")

    for round_no in range(ROUNDS):
        def edit_and_sync(db, round_no=round_no) -> None:
            person = members.create(db, f"{db.paths.data_dir.name} round {round_no}")
            members.add_to_group(db, hub, person.id)
            # Everyone edits the same field at once: last writer wins, the same everywhere.
            groups.update(db, hub, region=f"{db.paths.data_dir.name}/{round_no}")
            sync(db)
        at_once(edit_and_sync)
    # Every push of the last round is in: one more sync each collects what others sent.
    at_once(sync)

    first = data(fleet[0])
    assert len(first["members"]) == WORKSTATIONS * ROUNDS
    for db in fleet[1:]:
        assert data(db) == first
    server_held = held(pg_server.store.db)
    for db in fleet:
        own = held(db)[db.replica_id]
        assert server_held[db.replica_id] == own == RangeSet([[1, own.high]])
    me = pg_server.store.db.replica_id
    union = {o: r for db in fleet for o, r in held(db).items() if o != me}
    assert {o: r for o, r in server_held.items() if o in union} == union
    assert not [p for p in api.peers_status(fleet[0]) if p.lacking]
    log = pg_server.log.read_text()
    assert "Traceback" not in log and " 500 " not in log
    pool.shutdown()
