"""Every request after enrollment is signed over method, path, body digest and a server
nonce: a replay, an altered body, another path or a stranger's key is refused (401),
whatever the sender's clock says."""

from __future__ import annotations

import pytest

from clinicapp.client import enroll
from clinicapp.client.transport import Transport
from clinicapp.core.keys.identity import load_keys
from clinicapp.core.sync import protocol
from clinicapp.core.sync.clock import set_wall_clock
from tests.server.harness import workstation


@pytest.fixture(scope="module")
def enrolled(server, tmp_path_factory):
    db = workstation(tmp_path_factory.mktemp("ws"), "signer")
    code, fingerprint = server.code("Hub A")
    enroll.connect(db, server.url, code, fingerprint=fingerprint)
    with db.read() as session:
        return load_keys(session)


def signed_headers(transport, keys, method, path, body, nonce=None):
    nonce = nonce or transport.json("POST", "/api/v1/nonce")["nonce"]
    message = protocol.request_message(method, path, body, keys.replica_id, nonce)
    return {protocol.HEADER_DEVICE: keys.replica_id, protocol.HEADER_NONCE: nonce,
            protocol.HEADER_SIGNATURE: protocol.sign(keys, message),
            "Content-Type": "application/json"}


def test_a_signed_request_is_answered_once_and_its_replay_refused(server, enrolled):
    t = Transport(server.url)
    headers = signed_headers(t, enrolled, "GET", "/api/v1/me", b"")
    first = t.request("GET", "/api/v1/me", b"", headers)
    assert first.status == 200 and first.json()["device_id"] == enrolled.replica_id
    assert first.headers[protocol.HEADER_NEXT_NONCE.lower()]
    replay = t.request("GET", "/api/v1/me", b"", headers)
    assert replay.status == 401 and b"replayed" in replay.body


def test_an_altered_body_or_path_is_refused_and_the_nonce_still_works(server, enrolled):
    t = Transport(server.url)
    body = b'{"sha256": "' + b"a" * 64 + b'", "size": 10}'
    headers = signed_headers(t, enrolled, "POST", "/api/v1/uploads", body)
    altered = t.request("POST", "/api/v1/uploads", body.replace(b"10", b"99"), headers)
    assert altered.status == 401 and b"signature" in altered.body
    other_path = t.request("GET", "/api/v1/me", b"", headers)
    assert other_path.status == 401


def test_a_stranger_signing_for_an_enrolled_device_is_refused(server, enrolled, tmp_path):
    stranger_db = workstation(tmp_path, "stranger")
    with stranger_db.read() as session:
        stranger = load_keys(session)
    t = Transport(server.url)
    nonce = t.json("POST", "/api/v1/nonce")["nonce"]
    message = protocol.request_message("GET", "/api/v1/me", b"", enrolled.replica_id, nonce)
    headers = {protocol.HEADER_DEVICE: enrolled.replica_id, protocol.HEADER_NONCE: nonce,
               protocol.HEADER_SIGNATURE: protocol.sign(stranger, message)}
    assert t.request("GET", "/api/v1/me", b"", headers).status == 401
    unsigned = t.request("GET", "/api/v1/me")
    assert unsigned.status == 401


def test_a_clinic_clock_years_off_changes_nothing(server, enrolled):
    t = Transport(server.url)
    try:
        set_wall_clock(lambda: 4_000_000_000.0)  # the year 2096 on the workstation
        headers = signed_headers(t, enrolled, "GET", "/api/v1/me", b"")
        assert t.request("GET", "/api/v1/me", b"", headers).status == 200
    finally:
        set_wall_clock(None)
    invented = signed_headers(t, enrolled, "GET", "/api/v1/me", b"", nonce="made-up-nonce")
    assert t.request("GET", "/api/v1/me", b"", invented).status == 401
