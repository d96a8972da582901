"""Two workstations of group A and one of group B sync through a real server: each edit
reaches the workstations of its group, and the group-B workstation holds no group-A
record and no group-A change (what must not arrive is checked, not only what must)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from clinicapp.client.sync import sync
from clinicapp.core.models import Change, Member, Session
from clinicapp.core.services import members, sessions
from clinicapp.core.sync import remote
from tests.server.helpers import enrolled, group_id, origins_of, rows_of
from tests.unit.core.sync.helpers import data


def test_edits_reach_their_group_and_never_the_other(server, tmp_path):
    a1 = enrolled(server, tmp_path, "a-one", "Hub A")
    a2 = enrolled(server, tmp_path, "a-two", "Hub A")
    b1 = enrolled(server, tmp_path, "b-one", "Hub B")
    for db in (a1, a2, b1):
        assert sync(db).in_step  # each receives its group from the server
    hub_a, hub_b = group_id(a1, "Hub A"), group_id(b1, "Hub B")
    assert rows_of(a1, "groups") == {hub_a} and rows_of(b1, "groups") == {hub_b}

    nurse = members.create(a1, "Ana Nurse", role="nurse")
    members.add_to_group(a1, hub_a, nurse.id)
    talk = sessions.plan(a1, hub_a, "Opioid agonist therapy",
                         datetime(2026, 11, 3, 18, tzinfo=UTC))
    doctor = members.create(b1, "Bo Doctor")
    members.add_to_group(b1, hub_b, doctor.id)
    for db in (a1, b1, a2, a1, b1):
        sync(db)

    with a2.read() as s:
        assert s.get(Member, nurse.id).full_name == "Ana Nurse"
        assert s.get(Session, talk.id).title == "Opioid agonist therapy"
        assert s.get(Member, doctor.id) is None
    with b1.read() as s:
        assert s.get(Member, nurse.id) is None and s.get(Session, talk.id) is None
        assert s.scalar(select(Change).where(Change.origin.in_([a1.replica_id,
                                                                a2.replica_id]))) is None
    assert a1.replica_id not in origins_of(b1) and a2.replica_id not in origins_of(b1)
    assert not ({nurse.id, talk.id, hub_a} & (rows_of(b1, "members") | rows_of(b1, "sessions")
                                              | rows_of(b1, "groups")))
    # An edit on the second A workstation comes back to the first.
    members.update(a2, nurse.id, full_name="Ana N. Nurse")
    sync(a2)
    sync(a1)
    with a1.read() as s:
        assert s.get(Member, nurse.id).full_name == "Ana N. Nurse"
    # The A workstations agree on every synced row of their scope.
    sync(a2)
    assert data(a1) == data(a2)
    link = remote.load(a1)
    assert link is not None and link.last_success is not None and not link.failing
