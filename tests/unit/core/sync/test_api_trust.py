"""Trusting peers: by the one line 'clinicapp identity' prints, with clear refusals."""

from __future__ import annotations

import pytest

from clinicapp.core.errors import NotFoundError, ValidationError
from clinicapp.core.keys.identity import PublicIdentity
from clinicapp.core.sync import api


def test_a_peer_is_trusted_by_its_identity_line_listed_and_removed(make_db):
    clinic, office = make_db("clinic"), make_db("office")
    line = api.public_identity(office).line()
    assert PublicIdentity.parse(line).replica_id == office.replica_id
    added = api.add_trusted(clinic, line, "office", central=True)
    assert (added.name, added.central, added.replica_id) == ("office", True,
                                                             office.replica_id)
    assert [p.name for p in api.peers_status(clinic)] == ["office"]
    api.remove_trusted(clinic, "office")
    assert api.peers_status(clinic) == []
    with pytest.raises(NotFoundError, match="peer not found: office"):
        api.remove_trusted(clinic, "office")


def test_trusting_again_renames_rather_than_duplicates(make_db):
    clinic, office = make_db("clinic"), make_db("office")
    api.add_trusted(clinic, api.public_identity(office), "office")
    api.add_trusted(clinic, api.public_identity(office), "program office", central=True)
    [peer] = api.peers_status(clinic)
    assert (peer.name, peer.central) == ("program office", True)


def test_refusals_name_the_problem(make_db):
    clinic, office, other = make_db("clinic"), make_db("office"), make_db("other")
    with pytest.raises(ValidationError, match="this workstation's own identity"):
        api.add_trusted(clinic, api.public_identity(clinic), "me")
    api.add_trusted(clinic, api.public_identity(office), "office")
    with pytest.raises(ValidationError, match="another peer is already called 'office'"):
        api.add_trusted(clinic, api.public_identity(other), "office")
    with pytest.raises(ValidationError, match="give the peer a name"):
        api.add_trusted(clinic, api.public_identity(other), "  ")
    with pytest.raises(ValidationError, match="must be one line"):
        api.add_trusted(clinic, "age1xyz", "other")
    broken = api.public_identity(other).line()[:-6] + "AAAAAA"
    with pytest.raises(ValidationError, match="damaged"):
        api.add_trusted(clinic, broken, "other")


def test_export_needs_a_peer_or_a_central_server(make_db, tmp_path):
    clinic = make_db("clinic")
    with pytest.raises(ValidationError, match="no central server is trusted yet"):
        api.export_bundle(clinic, tmp_path / "b.clinicbundle")
    with pytest.raises(NotFoundError, match="peer not found: nobody"):
        api.export_bundle(clinic, tmp_path / "b.clinicbundle", peer="nobody")
    assert not (tmp_path / "b.clinicbundle").exists()
