"""Pinned keys: a workstation's key, once known here (trusted directly, or vouched for by the
central office's signed directory), is never replaced by a later directory. A central
server that names another key for a known workstation is refused as ``key_conflict``, the
pinned key stays, and changes signed with the other key are refused as forged.

Three workstations: 'riverside' and 'lakes' trust the central 'office'; lakes learned
riverside's key from the office's directory (it never trusted riverside itself), and
'hub' trusts riverside directly. An 'impostor' key stands for the key a compromised
server would slip in.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from clinicapp.core.models import Peer, VouchedOrigin
from clinicapp.core.services import groups
from clinicapp.core.sync import api
from clinicapp.core.sync.bundle import BundleError
from tests.unit.core.sync.forge import forge, keys_of, runs_held, signed
from tests.unit.core.sync.helpers import full_dump, send


@pytest.fixture
def office_relays(make_db, tmp_path):
    riverside, lakes, office, hub = (make_db(n) for n in ("riverside", "lakes", "office",
                                                            "hub"))
    for clinic in (riverside, lakes, hub):
        api.add_trusted(clinic, api.public_identity(office), "office", central=True)
        api.add_trusted(office, api.public_identity(clinic), clinic.paths.data_dir.name)
    api.add_trusted(hub, api.public_identity(riverside), "riverside")
    api.add_trusted(riverside, api.public_identity(hub), "hub")
    groups.create(riverside, "Riverside")
    send(riverside, office, tmp_path)
    send(office, lakes, tmp_path)  # lakes now knows riverside's key from the directory
    send(riverside, hub, tmp_path)
    impostor = make_db("impostor")
    return riverside, lakes, office, hub, impostor


def pinned_key(db, origin: str) -> str:
    with db.read() as session:
        peer = session.get(Peer, origin)
        if peer is not None:
            return peer.minisign_key
        return session.scalars(select(VouchedOrigin.minisign_key)
                               .where(VouchedOrigin.replica_id == origin)).one()


def entry(db, key: str) -> dict:
    return {"replica_id": db.replica_id, "name": db.paths.data_dir.name,
            "minisign_key": key, "groups": "*"}


def refused(db, path, kind: str) -> str:
    before = full_dump(db)
    with pytest.raises(BundleError) as err:
        api.import_bundle(db, path)
    assert err.value.kind == kind, str(err.value)
    assert "\n" not in str(err.value)
    assert full_dump(db) == before
    return str(err.value)


@pytest.mark.parametrize("victim", ["lakes", "hub"])  # pinned by directory / by trust
def test_a_directory_naming_another_key_for_a_known_workstation_is_key_conflict(
        office_relays, tmp_path, victim):
    riverside, lakes, office, hub, impostor = office_relays
    receiver = {"lakes": lakes, "hub": hub}[victim]
    held = pinned_key(receiver, riverside.replica_id)
    assert held == keys_of(riverside).public().minisign_key
    fake = keys_of(impostor).public().minisign_key
    # The directory alone, with nothing of riverside's carried.
    path = forge(office, receiver, [], tmp_path / "dir.clinicbundle",
                 directory=[entry(riverside, fake)])
    message = refused(receiver, path, "key_conflict")
    assert "office vouches for a different key for workstation riverside" in message
    assert "nothing was imported" in message
    # The directory with changes in riverside's name signed by the other key.
    run = signed(keys_of(impostor), [{**c, "seq": c["seq"] + 100, "value": json.dumps("Ours")}
                                     if c["field"] == "name" else {**c, "seq": c["seq"] + 100}
                                     for _r, part in runs_held(riverside, riverside.replica_id)
                                     for c in part], origin=riverside.replica_id)
    path = forge(office, receiver, [run], tmp_path / "dir2.clinicbundle",
                 directory=[entry(riverside, fake)])
    refused(receiver, path, "key_conflict")
    assert pinned_key(receiver, riverside.replica_id) == held


@pytest.mark.parametrize("victim", ["lakes", "hub"])
def test_changes_signed_with_an_unpinned_key_are_refused_as_forged(office_relays, tmp_path,
                                                                     victim):
    riverside, lakes, office, hub, impostor = office_relays
    receiver = {"lakes": lakes, "hub": hub}[victim]
    changes = [{**c, "seq": c["seq"] + 100} for _r, part in
               runs_held(riverside, riverside.replica_id) for c in part]
    run = signed(keys_of(impostor), changes, origin=riverside.replica_id)
    path = forge(office, receiver, [run], tmp_path / "forged.clinicbundle")
    message = refused(receiver, path, "forged")
    assert "are not signed by riverside's key" in message
    # riverside's real changes still arrive afterwards, checked against the pinned key.
    groups.create(riverside, "Riverside evening group")
    send(riverside, office, tmp_path)
    send(office, receiver, tmp_path)
    assert "Riverside evening group" in [g.name for g in groups.list_groups(receiver).items]


def test_a_directory_repeating_the_pinned_key_is_accepted(office_relays, tmp_path):
    riverside, lakes, office, _hub, _impostor = office_relays
    held = pinned_key(lakes, riverside.replica_id)
    path = forge(office, lakes, [], tmp_path / "same.clinicbundle",
                 directory=[entry(riverside, held)])
    api.import_bundle(lakes, path)
    assert pinned_key(lakes, riverside.replica_id) == held
