"""What is not yet sent is counted in records (sessions, members), not field changes."""

from __future__ import annotations

from datetime import UTC, datetime

from clinicapp.core.models import Role
from clinicapp.core.services import groups, members, sessions
from clinicapp.core.sync import api
from clinicapp.core.sync.unsent import unsent_by_kind
from tests.unit.core.sync.helpers import name_of, trust_all


def test_unsent_records_are_counted_by_kind_until_they_are_sent(make_db, tmp_path):
    clinic, office = make_db("clinic"), make_db("office")
    trust_all(clinic, office)
    group = groups.create(clinic, "Riverside small group")
    for name in ("Maria Lopez", "Martin Okafor"):
        members.add_to_group(clinic, group.id, members.create(clinic, name, Role.NURSE).id)
    session = sessions.plan(clinic, group.id, "Wound care", datetime(2025, 3, 12, 15, tzinfo=UTC))
    sessions.update(clinic, session.id, location="Room 2")  # more changes, one record
    counts = unsent_by_kind(clinic)
    assert counts["sessions"] == 1
    assert counts["members"] == 2
    assert counts["groups"] == 1
    assert next(iter(counts)) in ("members", "memberships")  # the most first
    api.export_bundle(clinic, tmp_path / "b.clinicbundle", peer=name_of(office))
    assert unsent_by_kind(clinic) == {}
    sessions.update(clinic, session.id, location="Room 3")
    assert unsent_by_kind(clinic) == {"sessions": 1}


def _recounted(db):
    """The same figures counted from scratch, in plain SQL: what the kept count must equal."""
    from sqlalchemy import select, text

    from clinicapp.core.models import Peer
    from clinicapp.core.sync import vector
    from clinicapp.core.sync.peers import lacking, union, vec

    with db.read() as s:
        own = {db.replica_id: vector.load(s).get(db.replica_id)}
        peers = list(s.scalars(select(Peer)))
        reached = union([vec(p.sent) for p in peers] + [vec(p.acked) for p in peers])
        missing = lacking(own, reached).get(db.replica_id)
        if not missing:
            return {}
        counts = {}
        for lo, hi in missing:
            for tbl, row_id in s.execute(text(
                    "SELECT DISTINCT tbl, row_id FROM changes WHERE origin = :o "
                    "AND seq BETWEEN :lo AND :hi"), {"o": db.replica_id, "lo": lo, "hi": hi}):
                counts.setdefault(tbl, set()).add(row_id)
    return {t: len(r) for t, r in counts.items()}


def test_the_kept_count_equals_a_fresh_count_through_writes_sends_and_a_restore(make_db, tmp_path):
    """The status line asks after every commit and only the new changes are counted; the
    figure must stay what a count from scratch says, whatever happened in between."""
    from clinicapp.core.services import backups

    clinic, office = make_db("clinic"), make_db("office")
    trust_all(clinic, office)
    group = groups.create(clinic, "Riverside small group")
    assert unsent_by_kind(clinic) == _recounted(clinic) == {"groups": 1}
    maria = members.create(clinic, "Maria Lopez", Role.NURSE)
    members.add_to_group(clinic, group.id, maria.id)
    # a new record and more changes to records already counted: the latter not twice
    groups.update(clinic, group.id, name="Riverside group")
    session = sessions.plan(clinic, group.id, "Wound care", datetime(2025, 3, 12, 15, tzinfo=UTC))
    sessions.update(clinic, session.id, location="Room 2")
    assert unsent_by_kind(clinic) == _recounted(clinic)
    assert unsent_by_kind(clinic)["sessions"] == 1

    api.export_bundle(clinic, tmp_path / "b.clinicbundle", peer=name_of(office))
    assert unsent_by_kind(clinic) == _recounted(clinic) == {}
    sessions.update(clinic, session.id, location="Room 3")
    members.create(clinic, "Martin Okafor", Role.PHYSICIAN)
    assert unsent_by_kind(clinic) == _recounted(clinic) == {"members": 1, "sessions": 1}

    # A restore replaces the file: the sequence numbers after the backup are used again,
    # by other records, so what was counted for them before must not be kept.
    saved = backups.back_up(clinic, tmp_path / "saved.clinicbackup")
    for name in ("Ana Silva", "Bo Chen"):
        members.create(clinic, name, Role.NURSE)
    assert unsent_by_kind(clinic)["members"] == 3
    backups.restore(clinic, saved)
    second = sessions.plan(clinic, group.id, "Falls", datetime(2025, 4, 2, 15, tzinfo=UTC))
    for room in ("Room 4", "Room 5", "Room 6"):
        sessions.update(clinic, second.id, location=room)
    counts = unsent_by_kind(clinic)
    assert counts == _recounted(clinic)
    assert counts["members"] == 1 and counts["sessions"] == 2


def test_many_records_changed_at_once_are_counted_whole_and_still_exactly(make_db, monkeypatch):
    from clinicapp.core.sync import unsent

    clinic = make_db("clinic")
    group = groups.create(clinic, "Riverside small group")
    assert unsent_by_kind(clinic) == {"groups": 1}
    monkeypatch.setattr(unsent, "FEW", 1)  # two new records are "many" here
    for name in ("Maria Lopez", "Martin Okafor"):
        members.add_to_group(clinic, group.id, members.create(clinic, name, Role.NURSE).id)
    assert unsent_by_kind(clinic) == _recounted(clinic)
    assert unsent_by_kind(clinic)["members"] == 2
