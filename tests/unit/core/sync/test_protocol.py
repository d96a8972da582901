"""The network protocol's pieces both sides share: fingerprints compare as people type
them, and a request signature covers every part of the request."""

from __future__ import annotations

from clinicapp.core.keys.identity import load_keys
from clinicapp.core.sync import api, protocol


def test_a_fingerprint_compares_whatever_the_case_spaces_and_dashes(db):
    fp = protocol.fingerprint(api.public_identity(db))
    assert len(fp.split("-")) == 8
    assert protocol.same_fingerprint(fp.lower().replace("-", " "), fp)
    assert not protocol.same_fingerprint(fp[:-1] + ("0" if fp[-1] != "0" else "1"), fp)
    assert not protocol.same_fingerprint("", fp)


def test_a_request_signature_covers_method_path_body_device_and_nonce(db):
    with db.read() as session:
        keys = load_keys(session)
    key = keys.public().minisign_key
    parts = ("PUT", "/api/v1/uploads/x/chunks/0", b"data", keys.replica_id, "n1")
    sig = protocol.sign(keys, protocol.request_message(*parts))
    assert protocol.verify(key, protocol.request_message(*parts), sig)
    for i, other in enumerate(("POST", "/api/v1/uploads/x/chunks/1", b"datb", "someone", "n2")):
        changed = list(parts)
        changed[i] = other
        assert not protocol.verify(key, protocol.request_message(*changed), sig)
    assert not protocol.verify(key, protocol.request_message(*parts), "not base64!")


def test_an_enrollment_code_is_one_code_however_it_is_typed():
    assert protocol.code_hash("ab12-cd34") == protocol.code_hash("AB12 CD34")
    assert protocol.code_hash("AB12-CD34") != protocol.code_hash("AB12-CD35")
