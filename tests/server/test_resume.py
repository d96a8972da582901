"""A rural link that drops: a TCP proxy cuts the connection in the middle of a chunk, on
the way up (push) and on the way down (pull). The sync completes on retry, resends at most
one chunk, and ends in the same state as a clean sync. And an apply sent twice — one after
the other or at the same time — imports once."""

from __future__ import annotations

import base64
import hashlib
import os
import threading

import pytest
from sqlalchemy import func, select

from clinicapp.client import enroll
from clinicapp.client.sync import sync
from clinicapp.client.transport import SignedSession, Transport
from clinicapp.core.errors import ClinicAppError
from clinicapp.core.keys.identity import load_keys
from clinicapp.core.models import BundleRecord
from clinicapp.core.services import groups
from clinicapp.core.sync import api, protocol
from clinicapp.server.models import RefusedBundle, Upload
from tests.server.harness import workstation
from tests.server.helpers import enrolled, group_id
from tests.server.proxy import DOWN, UP, CuttingProxy
from tests.unit.core.sync.helpers import data

OVERHEAD = 256 * 1024  # headers, nonces, the small bundles around the big one


@pytest.fixture
def proxy(server):
    p = CuttingProxy(server.port)
    yield p
    p.close()


def through(proxy, server, folder, name, group):
    db = workstation(folder, name)
    code, fingerprint = server.code(group)
    enroll.connect(db, proxy.url, code, fingerprint=fingerprint)
    return db


def test_a_sync_cut_mid_chunk_both_ways_resumes_and_resends_at_most_one_chunk(
        server, proxy, tmp_path):
    sender = through(proxy, server, tmp_path, "sender", "Hub A")
    receiver = through(proxy, server, tmp_path, "receiver", "Hub A")
    for db in (sender, receiver):
        sync(db)
    # About 1.7 MiB that does not compress: a push of two chunks, a pull of two ranges.
    big = base64.b64encode(os.urandom(1_700_000)).decode()
    groups.update(sender, group_id(sender, "Hub A"), description=big)

    up_before = proxy.bytes[UP]
    proxy.cut_after(UP, protocol.CHUNK_SIZE + protocol.CHUNK_SIZE // 2)
    with pytest.raises(ClinicAppError, match="did not answer"):
        sync(sender)
    assert proxy.cuts == 1
    sync(sender)
    with server.store.tables(write=False) as session:
        pushed = max(session.scalars(select(Upload.size).where(
            Upload.device_id == sender.replica_id)))
    assert pushed > protocol.CHUNK_SIZE  # the bundle really took two chunks
    assert proxy.bytes[UP] - up_before <= pushed + protocol.CHUNK_SIZE + OVERHEAD

    down_before = proxy.bytes[DOWN]
    proxy.cut_after(DOWN, protocol.CHUNK_SIZE + protocol.CHUNK_SIZE // 2)
    with pytest.raises(ClinicAppError, match="did not answer"):
        sync(receiver)
    assert proxy.cuts == 2
    assert list((receiver.paths.data_dir / "inbox").glob("*.part"))  # kept for the resume
    sync(receiver)
    assert proxy.bytes[DOWN] - down_before <= pushed + protocol.CHUNK_SIZE + OVERHEAD
    assert not list((receiver.paths.data_dir / "inbox").glob("*.part"))

    # The same state as a workstation that synced over a clean link.
    clean = enrolled(server, tmp_path, "clean", "Hub A")
    sync(clean)
    sync(sender)
    assert data(receiver) == data(sender) == data(clean)
    assert groups.get(receiver, group_id(receiver, "Hub A")).description == big


def _upload(session, body):
    sha = hashlib.sha256(body).hexdigest()
    status = session.json("POST", "/uploads", {"sha256": sha, "size": len(body)})
    for idx in status["missing"]:
        size = status["chunk_size"]
        session.call("PUT", f"/uploads/{sha}/chunks/{idx}", body[idx * size:(idx + 1) * size],
                     {"Content-Type": "application/octet-stream"})
    return sha


def _signed(db, url):
    with db.read() as s:
        return SignedSession(Transport(url), load_keys(s))


def _imports(server):
    with server.store.db.read() as session:
        return session.scalar(select(func.count()).select_from(BundleRecord).where(
            BundleRecord.direction == "in"))


def test_the_same_apply_twice_in_sequence_or_at_once_imports_once(server, tmp_path):
    db = enrolled(server, tmp_path, "twice", "Hub A")
    sync(db)
    for attempt in ("in sequence", "at once"):
        groups.update(db, group_id(db, "Hub A"), region=attempt)
        body = api.export_bundle_bytes(db, "central server")
        sha = _upload(_signed(db, server.url), body)
        before = _imports(server)
        answers = []
        if attempt == "in sequence":
            for _ in range(2):
                answers.append(_signed(db, server.url).json("POST", f"/uploads/{sha}/apply"))
        else:
            def apply(path=f"/uploads/{sha}/apply", out=answers):
                out.append(_signed(db, server.url).json("POST", path))
            threads = [threading.Thread(target=apply) for _ in range(3)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        assert _imports(server) == before + 1
        assert len(answers) >= 2 and all(a == answers[0] for a in answers)
        assert answers[0]["received"] >= 1
        # A chunk sent again after the apply is still a no-op, not an error.
        again = _signed(db, server.url).call(
            "PUT", f"/uploads/{sha}/chunks/0", body[:protocol.CHUNK_SIZE],
            {"Content-Type": "application/octet-stream"})
        assert again.json()["state"] == "applied"
    with server.store.tables(write=False) as session:
        assert session.scalar(select(func.count()).select_from(RefusedBundle).where(
            RefusedBundle.device_id == db.replica_id)) == 0


def test_other_bytes_for_a_stored_chunk_are_refused(server, tmp_path):
    db = enrolled(server, tmp_path, "tamper", "Hub A")
    session = _signed(db, server.url)
    body = os.urandom(protocol.CHUNK_SIZE + 10)
    sha = hashlib.sha256(body).hexdigest()
    session.json("POST", "/uploads", {"sha256": sha, "size": len(body)})
    first = body[:protocol.CHUNK_SIZE]
    session.call("PUT", f"/uploads/{sha}/chunks/0", first)
    same = session.call("PUT", f"/uploads/{sha}/chunks/0", first)
    assert same.json()["received"] == [0]
    other = session.call("PUT", f"/uploads/{sha}/chunks/0", bytes(reversed(first)),
                         ok=(409,))
    assert b"other bytes" in other.body
    short = session.call("PUT", f"/uploads/{sha}/chunks/1", b"x", ok=(400,))
    assert b"must be 10 bytes" in short.body
    session.call("PUT", f"/uploads/{sha}/chunks/1", body[protocol.CHUNK_SIZE:])
    refused = session.call("POST", f"/uploads/{sha}/apply", ok=(422,))
    assert b"not a ClinicApp bundle" in refused.body
