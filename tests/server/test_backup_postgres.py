"""The README's backup: ``pg_dump`` of a served PostgreSQL database, ``pg_restore`` into a
new one, ``clinicapp-server check`` and ``serve`` on it — same identity and fingerprint,
enrollments kept, and the same workstations sync on, in both directions."""

from __future__ import annotations

import subprocess
from dataclasses import replace

import psycopg

from clinicapp.client.sync import sync
from clinicapp.core.models import Member
from clinicapp.core.services import members
from clinicapp.core.sync import remote
from tests.postgres import _bindir
from tests.server.harness import ServerProcess
from tests.server.helpers import enrolled, group_id


def _plain(url: str) -> str:
    return url.replace("postgresql+psycopg", "postgresql")


def test_a_dumped_and_restored_server_carries_on(pg_database, tmp_path):
    first = ServerProcess(tmp_path / "server", pg_database).init()
    first.add_group("Hub A")
    first.start()
    try:
        a, b = (enrolled(first, tmp_path, n, "Hub A") for n in ("dump-a", "dump-b"))
        sync(a)
        sync(b)
        ana = members.create(a, "Ana Before")
        members.add_to_group(a, group_id(a, "Hub A"), ana.id)
        sync(a)
        identity = first.cli("identity").stdout
    finally:
        first.stop()

    dump = tmp_path / "clinicapp.dump"
    subprocess.run([str(_bindir() / "pg_dump"), "-Fc", "-f", str(dump), _plain(pg_database)],
                   check=True, capture_output=True, timeout=120)
    restored_url = pg_database + "_restored"
    with psycopg.connect(_plain(pg_database).rsplit("/", 1)[0] + "/clinicapp",
                         autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {restored_url.rsplit('/', 1)[1]}")
    subprocess.run([str(_bindir() / "pg_restore"), "--no-owner", "-d", _plain(restored_url),
                    str(dump)], check=True, capture_output=True, timeout=120)

    second = ServerProcess(tmp_path / "server", restored_url)
    assert "ok:" in second.cli("check").stdout
    assert second.cli("identity").stdout == identity
    second.start()
    try:
        for db in (a, b):  # the links point at the old port: same server, new address
            remote.save(db, replace(remote.load(db), url=second.url))
        sync(b)
        with b.read() as s:
            assert s.get(Member, ana.id).full_name == "Ana Before"
        bo = members.create(b, "Bo After")
        members.add_to_group(b, group_id(b, "Hub A"), bo.id)
        sync(b)
        sync(a)
        with a.read() as s:
            assert s.get(Member, bo.id).full_name == "Bo After"
    finally:
        second.stop()
