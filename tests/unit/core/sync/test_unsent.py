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
