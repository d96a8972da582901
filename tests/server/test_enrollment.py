"""Enrollment against a real server: a code works once, before it expires, and only for a
workstation that checked the server's fingerprint; a revoked device is refused."""

from __future__ import annotations

import time

import pytest

from clinicapp.client import enroll
from clinicapp.client.transport import ServerRefused, SignedSession, Transport
from clinicapp.core.errors import ClinicAppError
from clinicapp.core.keys.identity import load_keys
from clinicapp.core.sync import api, protocol, remote
from tests.server.harness import workstation


def keys_of(db):
    with db.read() as session:
        return load_keys(session)


def test_a_workstation_enrolls_with_a_code_and_the_printed_fingerprint(server, ws_dir):
    code, fingerprint = server.code_by_command("Hub A")
    db = workstation(ws_dir, "riverside")
    link = enroll.connect(db, server.url, code, fingerprint=fingerprint.lower())
    assert link.fingerprint == fingerprint
    assert [p.name for p in api.peers_status(db) if p.central] == ["central server"]
    me = SignedSession(Transport(server.url), keys_of(db)).json("GET", "/me")
    assert me["device_id"] == db.replica_id
    listed = server.cli("devices").stdout
    assert db.replica_id in listed and "[Hub A]" in listed


def test_a_code_works_once(server, ws_dir):
    code, fingerprint = server.code("Hub B")
    first, second = workstation(ws_dir, "first"), workstation(ws_dir, "second")
    enroll.connect(first, server.url, code, fingerprint=fingerprint)
    with pytest.raises(ClinicAppError, match="already used"):
        enroll.connect(second, server.url, code, fingerprint=fingerprint)
    assert api.peers_status(second) == [] and remote.load(second) is None


def test_two_workstations_of_one_name_enroll_in_the_same_minute(server, tmp_path):
    """Clinics name their PCs alike ("front desk"): a second one enrolled straight after
    the first (replica ids begin with the time) is enrolled too, and both are listed."""
    first = workstation(tmp_path / "one", "front desk")
    second = workstation(tmp_path / "two", "front desk")
    for db in (first, second):
        code, fingerprint = server.code("Hub A")
        enroll.connect(db, server.url, code, fingerprint=fingerprint)
    listed = server.cli("devices").stdout
    assert first.replica_id in listed and second.replica_id in listed
    for db in (first, second):
        me = SignedSession(Transport(server.url), keys_of(db)).json("GET", "/me")
        assert (me["device_id"], me["name"]) == (db.replica_id, "front desk")


def test_an_expired_code_is_refused(server, ws_dir):
    code, fingerprint = server.code("Hub A", expires="1s")
    time.sleep(1.5)
    db = workstation(ws_dir, "late")
    with pytest.raises(ClinicAppError, match="expired"):
        enroll.connect(db, server.url, code, fingerprint=fingerprint)
    assert api.peers_status(db) == [] and remote.load(db) is None


def test_a_wrong_fingerprint_trusts_nothing_and_spends_no_code(server, ws_dir):
    code, fingerprint = server.code("Hub A")
    db = workstation(ws_dir, "careful")
    wrong = protocol.fingerprint("clinicapp-identity:v1:someone-else")
    with pytest.raises(enroll.FingerprintMismatch, match="do not connect"):
        enroll.connect(db, server.url, code, fingerprint=wrong)
    with pytest.raises(enroll.FingerprintMismatch, match="not confirmed"):
        enroll.connect(db, server.url, code, confirm=lambda info: False)
    assert api.peers_status(db) == [] and remote.load(db) is None
    enroll.connect(db, server.url, code, confirm=lambda info: info.fingerprint == fingerprint)
    assert remote.load(db) is not None


def test_a_made_up_code_and_a_forged_proof_are_refused(server, ws_dir):
    db = workstation(ws_dir, "guess")
    _code, fingerprint = server.code("Hub A")
    with pytest.raises(ClinicAppError, match="not known"):
        enroll.connect(db, server.url, "AAAA-BBBB-CCCC-DDDD", fingerprint=fingerprint)
    # A proof signed by another key than the identity it presents.
    code, _ = server.code("Hub A")
    other = keys_of(workstation(ws_dir, "other"))
    transport = Transport(server.url)
    nonce = transport.json("POST", "/api/v1/nonce")["nonce"]
    line = api.public_identity(db).line()
    forged = protocol.sign(other, protocol.enroll_message(code, line, nonce))
    with pytest.raises(ServerRefused, match="did not prove"):
        transport.json("POST", "/api/v1/enroll", {"code": code, "identity": line,
                                                  "nonce": nonce, "signature": forged})
    assert db.replica_id not in server.cli("devices").stdout


def test_a_revoked_device_is_refused(server, ws_dir):
    code, fingerprint = server.code("Hub A")
    db = workstation(ws_dir, "stolen")
    enroll.connect(db, server.url, code, fingerprint=fingerprint)
    session = SignedSession(Transport(server.url), keys_of(db))
    session.json("GET", "/me")
    server.cli("revoke", db.replica_id)
    with pytest.raises(ServerRefused, match="revoked") as refused:
        session.json("GET", "/me")
    assert refused.value.status == 403
    assert "revoked" in server.cli("devices").stdout
