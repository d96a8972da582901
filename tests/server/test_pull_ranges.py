"""HTTP Range reads of a pull part, against a real server: each range is the same bytes as
that slice of the whole part (cut out by the database, not by slicing the part in
memory), a range outside the part is 416 with the part's size, and another
workstation's part is not found."""

from __future__ import annotations

import base64
import os

import pytest
from sqlalchemy import text

from clinicapp.client.transport import SignedSession, Transport
from clinicapp.core.keys.identity import load_keys
from clinicapp.core.services import groups
from clinicapp.server import pulls
from clinicapp.server.auth import Caller, Refusal
from tests.server.harness import ServerProcess
from tests.server.helpers import enrolled, group_id


def _signed(db, url: str) -> SignedSession:
    with db.read() as s:
        return SignedSession(Transport(url), load_keys(s))


@pytest.fixture(scope="module")
def pg_server(tmp_path_factory, pg_database):
    proc = ServerProcess(tmp_path_factory.mktemp("pgsrv") / "server", pg_database).init()
    proc.add_group("Hub A", "North")
    proc.start()
    yield proc
    proc.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_server(request):
    """The trial server (encrypted SQLite) and one on PostgreSQL, which reads a part's
    bytes in binary and keeps them uncompressed."""
    return request.getfixturevalue("server" if request.param == "sqlite" else "pg_server")


@pytest.mark.parametrize("column", ["server_pulls.data", "server_upload_chunks.data"])
def test_encrypted_bytes_are_stored_without_a_compression_attempt(pg_server, column):
    """Bundles are age-encrypted: PostgreSQL must not try to compress them (pglz ran over
    each whole part, ~9 ms for 0.5 MB), yet still keeps them out of line."""
    table, name = column.split(".")
    with pg_server.store.engine.connect() as conn:
        storage = conn.execute(text(
            "SELECT attstorage FROM pg_attribute WHERE attrelid = CAST(:t AS regclass) "
            "AND attname = :c"), {"t": table, "c": name}).scalar_one()
    assert storage == "e"  # EXTERNAL


def test_ranges_of_a_part_are_its_slices_and_others_are_refused(any_server, tmp_path):
    server = any_server
    desk = enrolled(server, tmp_path, "desk", "Hub A")
    # Bytes that do not compress, so the part is large enough to cut in several ways.
    groups.update(server.store.db, group_id(server.store.db, "Hub A"),
                  description=base64.b64encode(os.urandom(300_000)).decode())
    session = _signed(desk, server.url)
    part = session.json("POST", "/pulls")
    whole = session.call("GET", f"/pulls/{part['id']}").body
    size = part["size"]
    assert len(whole) == size > 300_000

    def ranged(spec: str, ok: tuple[int, ...] = (206,)):
        return session.call("GET", f"/pulls/{part['id']}", b"", {"Range": spec}, ok=ok)

    for spec, start, end in [("bytes=0-0", 0, 0), ("bytes=1000-", 1000, size - 1),
                             ("bytes=5-70000", 5, 70000), ("bytes=-100", size - 100, size - 1),
                             (f"bytes={size - 10}-{size * 2}", size - 10, size - 1)]:
        reply = ranged(spec)
        assert reply.body == whole[start:end + 1], spec
        assert reply.headers["content-range"] == f"bytes {start}-{end}/{size}"
    for spec in (f"bytes={size}-", "bytes=10-5", "bytes=-0"):
        refused = ranged(spec, ok=(416,))
        assert refused.headers["content-range"] == f"bytes */{size}"
    assert b"only one byte range" in ranged("bytes=0-1,5-6", ok=(416,)).body

    other = enrolled(server, tmp_path, "other", "Hub A")
    stranger = _signed(other, server.url)
    for headers in ({"Range": "bytes=0-10"}, {}):
        reply = stranger.call("GET", f"/pulls/{part['id']}", b"", headers, ok=(404,))
        assert b"no such pull part" in reply.body
    # The server's own calls: the size without the bytes, a range without the rest.
    caller = Caller(desk.replica_id, "desk", (), "", "")
    assert pulls.size(server.store, caller, part["id"]) == size
    assert pulls.read_range(server.store, caller, part["id"], 7, 9) == whole[7:10]
    assert pulls.read_range(server.store, caller, part["id"], 0, size + 5) == whole
    assert pulls.read(server.store, caller, part["id"]) == whole
    # Over HTTP an id is a SHA-256's hex or refused before any statement; ...
    for hostile in ("%00", "%27%20OR%20%271%27%3D%271", "A" * 64, part["id"] + "0"):
        for method, path in (("GET", f"/pulls/{hostile}"), ("POST", f"/pulls/{hostile}/ack")):
            assert session.call(method, path, b"", ok=(404, 422)).status in (404, 422), path
    # ... and the server's own calls find nothing for any other text.
    for hostile in ("0" * 64, "' OR '1'='1", "%s%s%s", "x" * 100_000):
        with pytest.raises(Refusal, match="no such pull part"):
            pulls.read(server.store, caller, hostile)
        with pytest.raises(Refusal, match="no such pull part"):
            pulls.read_range(server.store, caller, hostile, 0, 10)
    assert pulls.read(server.store, caller, part["id"]) == whole  # still there, unchanged


def test_another_workstations_acknowledgement_is_refused_and_changes_nothing(server, tmp_path):
    """The acknowledgement drops the part in the statement that reads it, only for the
    part's own device: a stranger's leaves the part, and the device's vectors, as they
    were, and the device can still download and acknowledge it."""
    from clinicapp.server.models import Device

    desk = enrolled(server, tmp_path, "acking desk", "Hub A")
    other = enrolled(server, tmp_path, "stranger desk", "Hub A")
    session, stranger = _signed(desk, server.url), _signed(other, server.url)
    part = session.json("POST", "/pulls")

    def held(replica_id: str) -> tuple[str, str]:
        with server.store.tables(write=False) as s:
            device = s.get(Device, replica_id)
            assert device is not None
            return device.acked, device.pull_considered

    before = held(desk.replica_id), held(other.replica_id)
    reply = stranger.call("POST", f"/pulls/{part['id']}/ack", b"", ok=(404,))
    assert b"no such pull part" in reply.body
    assert (held(desk.replica_id), held(other.replica_id)) == before
    assert session.json("POST", "/pulls")["id"] == part["id"]  # still the waiting part
    assert len(session.call("GET", f"/pulls/{part['id']}").body) == part["size"]
    assert session.json("POST", f"/pulls/{part['id']}/ack")["acknowledged"] == part["changes"]
    assert held(desk.replica_id) != before[0]
    session.call("POST", f"/pulls/{part['id']}/ack", b"", ok=(404,))  # once only


def test_a_part_built_before_the_peer_was_removed_is_not_given_out(server, tmp_path):
    """The peer, the device and the waiting part are read together: once the server no
    longer trusts the workstation, even its part built before is refused, and nothing
    changes."""
    from clinicapp.core.models import Peer
    from clinicapp.core.sync import peers
    from clinicapp.server.auth import Refusal
    from clinicapp.server.models import PullPart

    desk = enrolled(server, tmp_path, "removed desk", "Hub A")
    caller = Caller(desk.replica_id, "removed desk",
                    (group_id(server.store.db, "Hub A"),), "", "")
    part = pulls.request(server.store, caller)
    assert pulls.request(server.store, caller) == part  # the same part while it waits
    with server.store.db.read() as s:
        name = s.get(Peer, desk.replica_id).name
    peers.remove_trusted(server.store.db, name)
    try:
        pulls.request(server.store, caller)
    except Refusal as refused:
        assert refused.status == 403 and "no longer trusted" in str(refused)
    else:
        raise AssertionError("a part was given to a workstation no longer trusted")
    with server.store.tables(write=False) as s:
        assert s.get(PullPart, part.id) is not None  # left as it was
