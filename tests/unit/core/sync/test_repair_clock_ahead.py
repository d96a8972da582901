"""Clocks never split replicas: a workstation whose clock ran ahead (within or beyond
the drift bound) is repaired without anyone editing data; whatever its peers already
held or acknowledged, all replicas end identical; a later real edit is never overruled by
the skewed workstation's earlier one; one old future-stamped change never blocks later
ones; damage still refuses a whole bundle. Three replicas, real bundles."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from clinicapp.core.models import Change, Group, ParkedChange
from clinicapp.core.services import groups, settings
from clinicapp.core.sync import api, clock, vector
from clinicapp.core.sync.authorship import is_stub
from clinicapp.core.sync.bundle import BundleError
from clinicapp.core.sync.ranges import RangeSet
from tests.unit.core.sync.helpers import data, exchange_all, full_dump, name_of, send, trust_all

HOUR = 3600.0
DAY = 24 * HOUR
YEAR = 365.25 * 24 * HOUR


@pytest.fixture
def three(make_db):
    dbs = make_db("clinic"), make_db("relay"), make_db("office")
    trust_all(*dbs)
    return dbs


def parked(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(ParkedChange)) or 0


def open_keys(db) -> set[str]:
    return {c.key for c in api.list_conflicts(db)}


def lenient(db) -> None:
    with db.write() as s:  # accepts a month of drift: it holds future-stamped changes
        settings.set_value(s, "max_clock_drift_hours", 720)


def test_days_ahead_acknowledged_by_a_lenient_peer_still_ends_identical(three, tmp_path,
                                                                        wall):
    clinic, relay, office = three
    lenient(relay)
    early = groups.create(clinic, "Made with a good clock")
    exchange_all(three, tmp_path)
    wall(10 * DAY)
    groups.update(clinic, early.id, name="Renamed while 10 days ahead")
    ahead = groups.create(clinic, "Made while 10 days ahead")
    send(clinic, relay, tmp_path)
    send(relay, clinic, tmp_path)  # the relay holds them and has acknowledged them
    wall(0)  # the clock is corrected
    [to_relay] = [p for p in api.peers_status(clinic) if p.name == name_of(relay)]
    assert to_relay.lacking == 0
    mine = groups.create(relay, "Made at the relay")
    # The office is strict: the relay's bundle imports, the future changes wait.
    result = send(relay, office, tmp_path)
    assert result.parked > 0 and parked(office) == result.parked
    assert groups.get(office, mine.id).name == "Made at the relay"  # not blocked
    assert groups.get(office, early.id).name == "Made with a good clock"
    with office.read() as s:  # never claimed: they will be sent again
        held = vector.load(s).get(clinic.replica_id, RangeSet())
        assert all(p.seq not in held for p in s.scalars(select(ParkedChange)))
    time.sleep(0.01)
    groups.update(office, early.id, name="Renamed at the office, later")  # a real edit
    # The clinic repairs its clock at its next export, with no one editing data.
    assert any("ahead of its clock" in w for w in api.clock_warnings(clinic))
    send(clinic, office, tmp_path)
    assert api.clock_warnings(clinic) == []
    exchange_all(three, tmp_path)
    assert data(clinic) == data(relay) == data(office)
    assert parked(office) == parked(relay) == 0
    for db in three:
        assert groups.get(db, early.id).name == "Renamed at the office, later"
        assert groups.get(db, ahead.id).name == "Made while 10 days ahead"
    # Later changes from the clinic flow as ever, in every direction.
    groups.update(clinic, ahead.id, name="After the repair")
    exchange_all(three, tmp_path)
    assert {groups.get(db, ahead.id).name for db in three} == {"After the repair"}
    assert open_keys(clinic) == open_keys(relay) == open_keys(office)
    # Nothing voided was altered: the same signed changes, held as stubs everywhere.
    logs, future = [], []
    soon = str(clock.Hlc(clock.now_ms() + int(DAY * 1000), 0))
    for db in three:
        with db.read() as s:
            changes = list(s.scalars(select(Change)))
        logs.append({(c.origin, c.seq, c.hlc) for c in changes})
        future.append({(c.origin, c.seq, is_stub(c.value)) for c in changes if c.hlc > soon})
    assert logs[0] == logs[1] == logs[2]
    assert future[0] == future[1] == future[2] and future[0]
    assert all(stub for *_key, stub in future[0])  # voided: a stub everywhere


def test_within_the_bound_the_later_real_edit_wins_after_the_repair(three, tmp_path, wall,
                                                                   make_db):
    clinic, relay, office = three
    group = groups.create(office, "Diabetes group")
    exchange_all(three, tmp_path)
    wall(2 * HOUR)  # within the drift bound: bundles import
    groups.update(clinic, group.id, name="Clinic's earlier rename")
    send(clinic, relay, tmp_path)  # the relay holds it and acknowledges it
    send(relay, clinic, tmp_path)
    wall(0)
    time.sleep(0.01)
    groups.update(office, group.id, name="Office's later rename")  # really later
    # Before the repair the skewed stamp wins; the later edit is kept as a conflict.
    send(relay, office, tmp_path)
    assert groups.get(office, group.id).name == "Clinic's earlier rename"
    assert len(api.list_conflicts(office)) == 1
    exchange_all(three, tmp_path)  # the clinic's first export repairs its clock by itself
    assert api.restamp_unacknowledged(clinic) == 0  # once
    assert data(clinic) == data(relay) == data(office)
    for db in three:
        assert groups.get(db, group.id).name == "Office's later rename"
        [c] = api.list_conflicts(db)
        assert c.lost_value == '"Clinic\'s earlier rename"'
        assert c.kept_value == '"Office\'s later rename"'
    assert open_keys(clinic) == open_keys(relay) == open_keys(office)
    # Compaction never takes a voided stub for the value in place, and a workstation
    # that joins later receives the same records.
    api.resolve_conflict(office, api.list_conflicts(office)[0].id, keep="kept")
    exchange_all(three, tmp_path)
    for db in three:
        api.compact(db)
    late = make_db("late")
    trust_all(late, *three)
    send(office, late, tmp_path)
    assert groups.get(late, group.id).name == "Office's later rename"
    assert data(late) == data(office) == data(clinic)


def test_a_repair_keeps_its_own_order_and_later_edits_follow_it(three, tmp_path, wall):
    clinic, relay, office = three
    wall(3 * YEAR)
    late = groups.create(clinic, "Made with the clock 3 years ahead")
    groups.update(clinic, late.id, name="Renamed 3 years ahead")
    wall(0)
    assert api.restamp_unacknowledged(clinic) > 0
    assert api.clock_warnings(clinic) == []
    with clinic.read() as s:  # re-issued stamps are never later than real time
        newest = s.scalar(select(func.max(Change.hlc)).where(Change.value.not_like("#%")))
    assert clock.Hlc.parse(newest).wall_ms <= clock.now_ms()
    groups.update(clinic, late.id, name="Edited after the fix")
    exchange_all(three, tmp_path)
    assert {groups.get(db, late.id).name for db in three} == {"Edited after the fix"}
    assert data(clinic) == data(relay) == data(office)
    assert api.list_conflicts(office) == []


def test_a_change_parked_until_real_time_reaches_it_then_applies(three, tmp_path, wall):
    clinic, relay, office = three
    wall(2 * DAY)  # beyond the office's bound of a day
    made = groups.create(clinic, "Two days early")
    path = tmp_path / "early.clinicbundle"
    api.export_bundle(clinic, path, peer="office")
    wall(0)  # the office's clock is right
    result = api.import_bundle(office, path)
    assert result.parked > 0 and parked(office) == result.parked
    with office.read() as s:
        assert s.get(Group, made.id) is None
    wall(2 * DAY + HOUR)  # the office's clock, too, now reads that day: real time caught up
    groups.create(relay, "Anything new")
    send(relay, office, tmp_path)
    assert parked(office) == 0
    assert groups.get(office, made.id).name == "Two days early"


def test_damage_still_refuses_the_whole_bundle(three, tmp_path, wall):
    clinic, _relay, office = three
    wall(3 * YEAR)
    groups.create(clinic, "Ahead")
    path = tmp_path / "ahead.clinicbundle"
    api.export_bundle(clinic, path, peer="office")
    wall(0)
    cut = tmp_path / "cut.clinicbundle"
    cut.write_bytes(path.read_bytes()[:-40])
    before = full_dump(office)
    with pytest.raises(BundleError) as err:
        api.import_bundle(office, cut)
    assert err.value.kind == "damaged" and full_dump(office) == before
    info = api.inspect_bundle(office, path)
    assert "whose clock was 3 years ahead" in info.problem


def test_a_repair_voids_only_its_own_authors_changes(three, tmp_path):
    """A workstation that writes a clock repair naming another's changes (or nonsense)
    voids none of them: a repair counts only for the changes of whoever signed it."""
    from clinicapp.core.models import ClockRepair

    clinic, relay, office = three
    theirs = groups.create(relay, "The relay's group")
    exchange_all(three, tmp_path)
    with clinic.write() as s:
        s.add(ClockRepair(origin=relay.replica_id, voided="[[1,100000]]", reissued="[]"))
        s.add(ClockRepair(origin=relay.replica_id, voided="not json", reissued="[]"))
    exchange_all(three, tmp_path)
    assert {groups.get(db, theirs.id).name for db in three} == {"The relay's group"}
    with office.read() as s:
        stubs = [c for c in s.scalars(select(Change).where(Change.origin == relay.replica_id))
                 if is_stub(c.value)]
    assert stubs == []
    assert data(clinic) == data(relay) == data(office)
