"""A clock repair ends: a workstation that holds another's changes stamped ahead (within
the drift bound) repairs its own once, and its repair leaves nothing of its own "in the
future" for the next export to repair again (which made every export write a new repair,
so replicas never settled). Real bundles, three replicas."""

from __future__ import annotations

from sqlalchemy import func, select

from clinicapp.core.models import ClockRepair
from clinicapp.core.services import groups
from clinicapp.core.sync import api, repair
from tests.unit.core.sync.helpers import data, exchange_all, name_of, trust_all

HOUR = 3600.0


def repairs(db) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(ClockRepair)) or 0


def test_repairs_end_while_another_clock_ahead_is_held(make_db, tmp_path, wall):
    a, b, office = make_db("a"), make_db("b"), make_db("office")
    trust_all(a, b, office)
    wall(2 * HOUR)  # both clocks run two hours ahead; b sends to a while its clock does
    groups.create(a, "Made ahead on a")
    made_on_b = groups.create(b, "Made ahead on b")
    path = tmp_path / "ahead.clinicbundle"
    api.export_bundle(b, path, peer=name_of(a))
    wall(0)
    api.import_bundle(a, path)  # a now holds b's change stamped ahead, and follows it
    assert api.repair_clock(a) > 0
    assert api.repair_clock(a) == 0  # its own repair is not "in the future"
    assert not repair.needs_repair(a)
    exchange_all((a, b, office), tmp_path, rounds=3)
    assert repairs(a) == repairs(b) == repairs(office) == 2  # one each, not one per export
    assert data(a) == data(b) == data(office)
    assert groups.get(office, made_on_b.id).name == "Made ahead on b"
    for db in (a, b, office):
        assert api.clock_warnings(db) == []
