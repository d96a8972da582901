"""TLS served by uvicorn itself (``tls_cert``/``tls_key``): a throwaway self-signed
certificate for 127.0.0.1, a real ``clinicapp-server serve`` with it, and a workstation
that enrolls and syncs over https trusting only that certificate (``--ca-file``). Without
it the certificate is refused in words; plain http to the TLS port fails clearly."""

from __future__ import annotations

import datetime as dt
import ipaddress
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from clinicapp.client import enroll
from clinicapp.client.sync import sync
from clinicapp.client.transport import ServerUnreachable
from clinicapp.core.models import Member
from clinicapp.core.services import members
from clinicapp.core.sync import remote
from tests.conftest import PASSPHRASE
from tests.server.harness import ServerProcess, workstation
from tests.server.helpers import group_id


def self_signed(folder: Path, host: str = "127.0.0.1") -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "clinicapp test server")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address(host))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "server.crt", folder / "server.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    key_path.chmod(0o600)
    return cert_path, key_path


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = self_signed(folder)
    proc = ServerProcess(folder / "server", settings={"TLS_CERT": str(cert),
                                                      "TLS_KEY": str(key)}).init()
    proc.add_group("Hub A")
    proc.start()
    yield proc
    proc.stop()


def test_a_workstation_syncs_over_https_trusting_the_pinned_certificate(tls_server, tmp_path):
    assert tls_server.url.startswith("https://127.0.0.1:")
    ca = tls_server.settings["TLS_CERT"]
    one, two = workstation(tmp_path, "one"), workstation(tmp_path, "two")
    for db in (one, two):
        code, fingerprint = tls_server.code("Hub A")
        link = enroll.connect(db, tls_server.url, code, fingerprint=fingerprint, ca_file=ca)
        assert link.ca_file == str(Path(ca).resolve())
        assert sync(db).in_step
    nurse = members.create(one, "Ana Nurse", role="nurse")
    members.add_to_group(one, group_id(one, "Hub A"), nurse.id)
    assert sync(one).pushed > 0
    assert sync(two).pulled > 0
    with two.read() as s:
        assert s.get(Member, nurse.id).full_name == "Ana Nurse"
    assert remote.load(two).last_success is not None


def test_the_command_line_connects_with_a_ca_file(tls_server, tmp_path):
    code, fingerprint = tls_server.code("Hub A")
    db = workstation(tmp_path, "desk")
    folder = db.paths.data_dir
    db.close()
    env = {**tls_server.env, "CLINICAPP_PASSPHRASE": PASSPHRASE}

    def clinicapp(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "clinicapp", "--data-dir", str(folder),
                               *args], env=env, capture_output=True, text=True, timeout=120,
                              stdin=subprocess.DEVNULL)

    done = clinicapp("connect", tls_server.url, "--code", code, "--fingerprint", fingerprint,
                     "--ca-file", tls_server.settings["TLS_CERT"])
    assert done.returncode == 0, done.stderr
    synced = clinicapp("sync")
    assert synced.returncode == 0, synced.stderr
    assert "in step with the server" in synced.stdout


def test_an_untrusted_certificate_is_refused_in_words_and_nothing_is_saved(tls_server, tmp_path):
    db = workstation(tmp_path, "trusting")
    code, fingerprint = tls_server.code("Hub A")
    with pytest.raises(ServerUnreachable, match=r"certificate .* is not trusted .*--ca-file"):
        enroll.connect(db, tls_server.url, code, fingerprint=fingerprint)
    assert remote.load(db) is None
    # The code was never sent: it still enrolls once the certificate is trusted.
    enroll.connect(db, tls_server.url, code, fingerprint=fingerprint,
                   ca_file=tls_server.settings["TLS_CERT"])


def test_plain_http_to_the_tls_port_fails_clearly(tls_server, tmp_path):
    plain = tls_server.url.replace("https://", "http://")
    with pytest.raises(ServerUnreachable, match="starts with https://"):
        enroll.server_info(plain)
    db = workstation(tmp_path, "plain")
    code, fingerprint = tls_server.code("Hub A")
    with pytest.raises(ServerUnreachable, match="starts with https://"):
        enroll.connect(db, plain, code, fingerprint=fingerprint)
    assert remote.load(db) is None
