"""A revoked workstation is refused over HTTP, its USB bundle is refused, and its changes
stamped after the revocation are refused even when another workstation relays them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from clinicapp.client.sync import SyncRefused, sync
from clinicapp.core.errors import ClinicAppError
from clinicapp.core.models import Member
from clinicapp.core.services import members
from clinicapp.core.sync import api
from clinicapp.server.models import RefusedBundle
from tests.server.helpers import enrolled, group_id


def test_changes_after_revocation_are_refused_directly_relayed_and_on_a_usb_stick(
        server, tmp_path):
    thief = enrolled(server, tmp_path, "stolen", "Hub A")
    friend = enrolled(server, tmp_path, "friend", "Hub A")
    for db in (thief, friend):
        sync(db)
    before = members.create(thief, "Made Before")
    members.add_to_group(thief, group_id(thief, "Hub A"), before.id)
    sync(thief)
    # The two clinics of Hub A also trust each other directly (bundles by USB stick),
    # each with rights over Hub A's records.
    api.add_trusted(friend, api.public_identity(thief), "stolen direct", groups=["Hub A"])
    api.add_trusted(thief, api.public_identity(friend), "friend direct", groups=["Hub A"])

    server.cli("revoke", thief.replica_id)
    after = members.create(thief, "Made After")
    members.add_to_group(thief, group_id(thief, "Hub A"), after.id)

    with pytest.raises(ClinicAppError, match="revoked"):
        sync(thief)
    stick = tmp_path / "stolen-for-office.clinicbundle"
    api.export_bundle(thief, stick)
    refused = server.cli("import-bundle", str(stick), check=False)
    assert refused.returncode == 1 and "revoked" in refused.stderr

    relay = tmp_path / "stolen-for-friend.clinicbundle"
    api.export_bundle(thief, relay, peer="friend direct")
    api.import_bundle(friend, relay)
    with pytest.raises(SyncRefused, match="after that workstation's enrollment was revoked"):
        sync(friend)

    with server.store.db.read() as session:
        names = set(session.scalars(select(Member.full_name)))
    assert "Made Before" in names and "Made After" not in names
    with server.store.tables(write=False) as session:
        kinds = {(r.device_id, r.kind) for r in session.scalars(select(RefusedBundle))}
    assert (friend.replica_id, "revoked") in kinds and ("", "revoked") in kinds
