"""Compaction on the server counts only the devices whose scope includes a record: a
superseded group-A value is pruned once every group-A workstation acknowledged it, even
though the group-B workstation never did (and never will: it is never sent group A's
records) — and not before."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import event, select

from clinicapp.client.sync import sync
from clinicapp.core.models import Change, Peer
from clinicapp.core.services import members
from clinicapp.core.sync.authorship import is_stub
from clinicapp.core.sync.clock import utcnow
from clinicapp.core.sync.peers import vec
from clinicapp.core.sync.ranges import RangeSet
from clinicapp.server import history
from clinicapp.server.models import Job
from clinicapp.server.store import open_store
from tests.server.harness import ServerProcess
from tests.server.helpers import enrolled, group_id


@pytest.fixture(scope="module")
def eager(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A server that compacts after every bundle and acknowledgement (no batching)."""
    proc = ServerProcess(tmp_path_factory.mktemp("srv") / "server",
                         settings={"COMPACT_SECONDS": "0"}).init()
    proc.add_group("Hub A")
    proc.add_group("Hub B")
    proc.start()
    yield proc
    proc.stop()


def name_changes(server: ServerProcess, member_id: str) -> list[tuple[int, str]]:
    """(seq, value) of the member's name changes on the server, oldest first."""
    with server.store.db.read() as s:
        return list(s.execute(select(Change.seq, Change.value).where(
            Change.tbl == "members", Change.row_id == member_id, Change.field == "full_name")
            .order_by(Change.seq)).all())


def test_a_group_a_value_waits_for_group_a_only(eager, tmp_path):
    a1 = enrolled(eager, tmp_path, "a-one", "Hub A")
    a2 = enrolled(eager, tmp_path, "a-two", "Hub A")
    b1 = enrolled(eager, tmp_path, "b-one", "Hub B")
    for db in (a1, a2, b1):
        assert sync(db).in_step
    hub_a = group_id(a1, "Hub A")
    nurse = members.create(a1, "Ana Nurse", role="nurse")
    members.add_to_group(a1, hub_a, nurse.id)
    members.update(a1, nurse.id, full_name="Ana B. Nurse")
    members.update(a1, nurse.id, full_name="Ana C. Nurse")
    sync(a1)  # the server holds three names; a-two has none of them yet

    history = name_changes(eager, nurse.id)
    assert len(history) == 3
    assert not any(is_stub(v) for _seq, v in history)  # a-two has not acknowledged them

    sync(a2)  # pulls, stores and acknowledges them: now every group-A device holds them
    history = name_changes(eager, nurse.id)
    assert [is_stub(v) for _seq, v in history] == [True, True, False]
    assert '"Ana C. Nurse"' in history[-1][1]
    # b-one never acknowledged them: counting every device would have kept them.
    with eager.store.db.read() as s:
        b_acked = vec(s.get(Peer, b1.replica_id).acked)
    assert not any(seq in b_acked.get(a1.replica_id, RangeSet()) for seq, _v in history)
    # The workstations still agree on the name, and b-one still holds nothing of it.
    sync(a1)
    with a2.read() as s:
        assert s.scalar(select(Change.value).where(
            Change.row_id == nurse.id, Change.field == "full_name",
            Change.seq == history[-1][0])) == history[-1][1]
    with b1.read() as s:
        assert s.scalar(select(Change).where(Change.row_id == nurse.id)) is None


def test_compaction_is_batched_once_per_period(server, monkeypatch):
    """The default server compacts at most once a minute, whichever worker asks, and a
    worker that saw it run asks the database again only once the minute is over."""
    store = server.store
    other = open_store(store.config)  # a second worker on the same database
    try:
        assert store.config.compact_seconds == 60
        start = utcnow()
        clock = [start]
        monkeypatch.setattr(history, "utcnow", lambda: clock[0])
        assert history.compact_if_due(store) is not None  # nobody ran it yet: this one does
        statements: list[str] = []
        listen = functools.partial(event.listen, store.engine, "before_cursor_execute")
        listen(lambda _c, _cur, sql, *_a: statements.append(sql))
        assert history.compact_if_due(store) is None  # within the minute: skipped,
        assert statements == []  # without asking the database
        assert history.compact_if_due(other) is None  # the row says it ran
        clock[0] = start + timedelta(seconds=61)
        assert history.compact_if_due(other) is not None  # the minute is over: one runs it
        assert history.compact_if_due(store) is None  # ... and the other sees it ran
        assert history.compact_if_due(other) is None
        with store.tables() as s:
            assert s.get(Job, history.JOB).last_run_at == clock[0]
        clock[0] = start + timedelta(seconds=119)
        assert history.compact_if_due(store) is None  # 58 s after the second run
        clock[0] = start + timedelta(seconds=122)
        assert history.compact_if_due(store) is not None
    finally:
        other.close()
