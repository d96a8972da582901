"""``clinicapp-server`` commands as an administrator types them: one line on stdout per
fact scripts need, one plain line on stderr when something is wrong, never a traceback."""

from __future__ import annotations

import pytest

from clinicapp.server.dashboard import signin
from tests.server.harness import ServerProcess


def test_init_identity_codes_devices_check_and_config(tmp_path):
    proc = ServerProcess(tmp_path / "server")
    missing = proc.cli("identity", check=False)
    assert missing.returncode == 1 and "init" in missing.stderr
    assert "Traceback" not in missing.stderr
    first = proc.cli("init").stdout  # the command itself (elsewhere: harness.init)
    assert "server ready in SQLite (encrypted)" in first and "fingerprint: " in first
    assert (proc.folder / "server.key").stat().st_mode & 0o777 == 0o600
    assert proc.cli("init").returncode == 0  # again: the identity is kept
    identity, fingerprint = proc.cli("identity").stdout.splitlines()
    assert identity.startswith("clinicapp-identity:v1:") and fingerprint.startswith(
        "fingerprint: ")
    assert f"identity: {identity}\n{fingerprint}\n" in first  # what init printed
    proc.cli("group", "add", "Hub Q", "--division", "East")
    qr = tmp_path / "code.svg"
    code, printed = proc.cli("enroll-code", "--group", "Hub Q", "--qr", str(qr)).stdout \
        .splitlines()
    assert len(code.replace("-", "")) == 16 and printed == fingerprint
    assert qr.read_text().lstrip().startswith(("<?xml", "<svg")) and "<svg" in qr.read_text()
    unknown = proc.cli("enroll-code", "--group", "Nowhere", check=False)
    assert unknown.returncode == 1 and "Nowhere" in unknown.stderr
    bad = proc.cli("enroll-code", "--group", "Hub Q", "--expires", "soon", check=False)
    assert bad.returncode == 1 and "30m, 12h, 7d" in bad.stderr
    assert "no devices enrolled yet" in proc.cli("devices").stdout
    assert proc.cli("check").stdout.startswith("ok:")
    nobody = proc.cli("revoke", "0123456789abcdef", check=False)
    assert nobody.returncode == 1 and "not found" in nobody.stderr
    (proc.folder / "server.toml").write_text('port = 9\nbind = "0.0.0.0"\n')
    wrong = proc.cli("check", check=False)
    assert wrong.returncode == 1 and "unknown setting" in wrong.stderr and "bind" in wrong.stderr
    assert len(wrong.stderr.strip().splitlines()) == 1


def test_create_admin_then_set_password_and_their_refusals_in_one_line(tmp_path):
    proc = ServerProcess(tmp_path / "server").init()
    given = {"CLINICAPP_SERVER_ADMIN_PASSWORD": "the first long password"}
    made = proc.cli("create-admin", "office", env=given)
    assert made.stdout.strip() == "staff account 'office' created"
    again = proc.cli("create-admin", "office", check=False, env=given)
    assert again.returncode == 1 and len(again.stderr.strip().splitlines()) == 1
    assert "office" in again.stderr and "Traceback" not in again.stderr
    no_password = proc.cli("create-admin", "other", check=False)  # no terminal, no env
    assert no_password.returncode == 1
    assert "CLINICAPP_SERVER_ADMIN_PASSWORD" in no_password.stderr
    changed = proc.cli("set-password", "office",
                       env={"CLINICAPP_SERVER_ADMIN_PASSWORD": "the second long password"})
    assert changed.returncode == 0 and "'office'" in changed.stdout
    secret = b"k" * 32
    assert signin.authenticate(proc.store, secret, "office", "the second long password")
    with pytest.raises(signin.Refused):
        signin.authenticate(proc.store, secret, "office", "the first long password")
    proc.stop()  # closes the store this test opened
