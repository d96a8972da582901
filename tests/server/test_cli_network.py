"""``clinicapp connect`` and ``clinicapp sync`` headless, against a real server: connect
refuses without the right fingerprint and trusts nothing; sync exits 0 when in step."""

from __future__ import annotations

import os
import subprocess
import sys

from clinicapp.core.sync import api, remote
from tests.conftest import PASSPHRASE
from tests.server.harness import workstation


def clinicapp(folder, *args):
    env = {**os.environ, "CLINICAPP_PASSPHRASE": PASSPHRASE}
    return subprocess.run([sys.executable, "-m", "clinicapp", "--data-dir", str(folder), *args],
                          env=env, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)


def test_connect_and_sync_from_the_command_line(server, tmp_path):
    db = workstation(tmp_path, "headless")
    folder = db.paths.data_dir
    db.close()
    code, fingerprint = server.code("Hub B")
    refused = clinicapp(folder, "connect", server.url, "--code", code)
    assert refused.returncode == 1 and "--fingerprint" in refused.stderr
    wrong = clinicapp(folder, "connect", server.url, "--code", code,
                      "--fingerprint", "0000-0000-0000-0000-0000-0000-0000-0000")
    assert wrong.returncode == 1 and "do not connect" in wrong.stderr
    assert "Traceback" not in wrong.stderr
    done = clinicapp(folder, "connect", server.url, "--code", code, "--fingerprint", fingerprint)
    assert done.returncode == 0, done.stderr
    synced = clinicapp(folder, "sync")
    assert synced.returncode == 0, synced.stderr
    assert "in step" in synced.stdout

    from clinicapp.core.storage.db import Database
    from clinicapp.paths import resolve

    reopened = Database.open(resolve(folder), passphrase=PASSPHRASE)
    try:
        assert [p.name for p in api.peers_status(reopened)] == ["central server"]
        assert remote.load(reopened).last_success is not None
    finally:
        reopened.close()


def test_sync_without_a_server_says_so_in_one_line(tmp_path):
    db = workstation(tmp_path, "alone")
    folder = db.paths.data_dir
    db.close()
    done = clinicapp(folder, "sync")
    assert done.returncode == 1
    assert "not connected to a central server" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
