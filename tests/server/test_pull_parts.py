"""A pull in many bounded parts: each part is built from a window of what the device lacks
(not from all of it), changes outside the device's scope are looked at once per pull, and
the pull ends with the device holding exactly its group's records. Parts are requested
in-process with a small window; the bundles are real, imported by a real workstation."""

from __future__ import annotations

import json

from sqlalchemy import select

from clinicapp.client.sync import sync
from clinicapp.core.models import BundleRecord, Member
from clinicapp.core.services import audit, members
from clinicapp.core.sync import api as sync_api
from clinicapp.core.sync.ranges import RangeSet
from clinicapp.server import pulls
from clinicapp.server.auth import Caller
from clinicapp.server.models import Device, PullPart
from tests.server.helpers import enrolled, group_id
from tests.unit.core.sync.helpers import data

WINDOW = 40  # changes per window: a few members' worth


def caller_of(server, db) -> Caller:
    with server.store.tables(write=False) as s:
        d = s.get(Device, db.replica_id)
        return Caller(d.replica_id, d.name, tuple(json.loads(d.groups)), d.minisign_key,
                      d.age_recipient)


def exports_to(server, db) -> list[tuple[str, int, int]]:
    """The server's audit lines of exports to ``db``: status, changes, parts; oldest first."""
    with server.store.db.read() as s:
        lines = s.scalars(select(BundleRecord).where(
            BundleRecord.direction == "out", BundleRecord.peer_id == db.replica_id)
            .order_by(BundleRecord.created_at))
        return [(r.status, json.loads(r.summary)["changes"], json.loads(r.summary)["parts"])
                for r in lines]


def test_window_takes_the_first_changes_in_order():
    first, rest = pulls.window({"b": RangeSet([[1, 5]]), "a": RangeSet([[3, 4], [8, 9]])}, 3)
    assert first == {"a": RangeSet([[3, 4], [8, 8]])}
    assert rest == {"a": RangeSet([[9, 9]]), "b": RangeSet([[1, 5]])}
    assert pulls.window({}, 3) == ({}, {})
    assert pulls.window({"a": RangeSet([[1, 2]])}, 5) == ({"a": RangeSet([[1, 2]])}, {})


def test_a_pull_in_small_parts_brings_its_group_and_nothing_else(server, tmp_path):
    a1 = enrolled(server, tmp_path, "parts-a1", "Hub A")
    b1 = enrolled(server, tmp_path, "parts-b1", "Hub B")
    for db in (a1, b1):
        sync(db)
    hub_a, hub_b = group_id(a1, "Hub A"), group_id(b1, "Hub B")
    for n in range(12):  # interleaved, so windows hold both groups' changes
        person = members.create(b1, f"Bea {n}")
        members.add_to_group(b1, hub_b, person.id)
        person = members.create(a1, f"Ada {n}")
        members.add_to_group(a1, hub_a, person.id)
    sync(b1)
    sync(a1)

    a2 = enrolled(server, tmp_path, "parts-a2", "Hub A")
    caller = caller_of(server, a2)
    parts, empty, carried = 0, 0, 0
    while True:
        part = pulls.request(server.store, caller, limit=WINDOW)
        assert pulls.request(server.store, caller, limit=WINDOW) == part  # same until acked
        body = pulls.read(server.store, caller, part.id)
        sync_api.import_bundle_bytes(a2, body, name="part")
        pulls.acknowledge(server.store, caller, part.id)
        parts += 1
        carried += part.changes
        empty += part.changes == 0
        assert part.changes <= 2 * WINDOW  # a window, plus the rest of a run it cuts
        if not part.more:
            break
        assert parts < 100
    assert parts >= 3  # it was really cut into parts
    with a2.read() as s:
        names = set(s.scalars(select(Member.full_name)))
    assert {f"Ada {n}" for n in range(12)} <= names
    assert not any(name.startswith("Bea") for name in names)
    with server.store.tables(write=False) as s:
        device = s.get(Device, a2.replica_id)
        assert device.pull_considered == "{}"  # the pull is over: the next one looks again
        assert s.scalar(select(PullPart).where(PullPart.device_id == a2.replica_id)) is None
    # The server's audit of exchanges: one line for the whole pull, counting every part.
    assert exports_to(server, a2) == [("exported", carried, parts)]
    # In step: a normal sync now brings nothing new, and a-two agrees with a-one.
    assert sync(a2).pulled == 0
    assert exports_to(server, a2) == [("exported", carried, parts)]  # nothing: no line
    members.add_to_group(a1, hub_a, members.create(a1, "Ada late").id)
    sync(a1)
    assert sync(a2).pulled > 0
    lines = exports_to(server, a2)
    assert len(lines) == 2 and lines[0] == ("exported", carried, parts)
    shown = [e for e in audit.list_entries(server.store.db, action="export_bundle").items
             if "parts-a2" in e.detail]
    assert len(shown) == 2 and f": {carried} changes (" in shown[-1].detail
    sync(a1)
    assert data(a1) == data(a2)
