"""Strangers cost nothing, and no payload inflates without bounds: decompression bombs
(from a stranger, and signed by a trusted workstation) are refused in well under a second
within 100 MB, measured in a child process whose address space is capped."""

from __future__ import annotations

import functools
import hashlib
import json
import random
import subprocess
import sys
import tarfile
import textwrap
import zlib
from pathlib import Path

import pyrage
import pytest

from clinicapp.core.keys.identity import load_keys
from clinicapp.core.services import groups
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import api, bundle
from clinicapp.core.sync.payload import MAX_LINE_BYTES, OUT_CHUNK
from tests.conftest import PASSPHRASE
from tests.unit.core.sync.forge import forge, keys_of, runs_held
from tests.unit.core.sync.helpers import full_dump

ROOT = Path(__file__).resolve().parents[4]


@functools.cache
def bomb(gigabytes: float = 1.0, line: bytes = b"0") -> bytes:
    """A gzip stream of ``gigabytes`` of ``line`` repeated, made in bounded memory (once:
    compressing the gigabyte takes seconds, and three tests send the same bomb)."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = line * ((1 << 20) // len(line))  # about a MiB
    parts = [deflate.compress(chunk) for _ in range(int(gigabytes * 1024))]
    return b"".join(parts) + deflate.flush()


CHILD = textwrap.dedent("""
    import json, os, resource, sys
    from pathlib import Path
    from clinicapp.core.storage.db import Database
    from clinicapp.paths import resolve
    from clinicapp.core.sync import api, bundle
    from tests.conftest import PASSPHRASE

    db = Database.open(resolve(Path(sys.argv[1])), passphrase=PASSPHRASE)
    by_path = sys.argv[3] == "path"
    data = b"" if by_path else Path(sys.argv[2]).read_bytes()
    api.public_identity(db)  # everything loaded before the cap is set
    with open("/proc/self/status") as status:
        vm = next(int(l.split()[1]) * 1024 for l in status if l.startswith("VmSize:"))
    cap = vm + 100 * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    # What the refusal cost, counted instead of timed: bytes inflated from the payload's
    # gzip stream, and bytes read from files (/proc/self/io) while importing.
    import zlib
    inflated = [0]
    real_decompressobj = zlib.decompressobj

    class Counting:
        def __init__(self, *args, **kwargs):
            self._inner = real_decompressobj(*args, **kwargs)

        def __getattr__(self, name):
            return getattr(self._inner, name)

        def decompress(self, *args, **kwargs):
            out = self._inner.decompress(*args, **kwargs)
            inflated[0] += len(out)
            return out

        def flush(self, *args):
            out = self._inner.flush(*args)
            inflated[0] += len(out)
            return out

    zlib.decompressobj = Counting

    def read_so_far():
        with open("/proc/self/io") as io:
            return next(int(l.split()[1]) for l in io if l.startswith("rchar:"))

    read_before = read_so_far()
    try:
        if by_path:
            api.import_bundle(db, Path(sys.argv[2]))
        else:
            api.import_bundle_bytes(db, data, name="bomb")
        outcome = "imported"
    except api.BundleError as exc:
        outcome = exc.kind + ": " + str(exc)
    except MemoryError:
        outcome = "MemoryError"
    print(json.dumps({"outcome": outcome, "inflated": inflated[0],
                      "read": read_so_far() - read_before}))
""")


def import_capped(db, data: bytes | Path, folder) -> dict:
    """Import ``data`` (bytes, or a file imported by its path) in a child process capped at
    its size + 100 MB of address space."""
    how = "path" if isinstance(data, Path) else "bytes"
    if isinstance(data, Path):
        path = data
    else:
        path = folder / "bomb.clinicbundle"
        path.write_bytes(data)
    db_path = db.paths.data_dir
    db.close()  # the child opens it; the fixture's close again is harmless
    done = subprocess.run([sys.executable, "-c", CHILD, str(db_path), str(path), how],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.splitlines()[-1])


@pytest.fixture
def office_and_clinic(make_db):
    office, clinic = make_db("office"), make_db("clinic")
    api.add_trusted(office, api.public_identity(clinic), "clinic")
    api.add_trusted(clinic, api.public_identity(office), "office", central=True)
    groups.create(clinic, "Riverside")
    return office, clinic


def test_a_strangers_bomb_is_refused_before_it_is_inflated(make_db, office_and_clinic,
                                                           tmp_path):
    office, _clinic = office_and_clinic
    stranger = make_db("stranger")
    api.add_trusted(stranger, api.public_identity(office), "office", central=True)
    payload = bomb(1.0)
    assert len(payload) < 2 * 2**20  # a 1 GiB expansion in about a megabyte
    path = forge(stranger, office, [], tmp_path / "s.clinicbundle", payload=payload,
                 payload_bytes=2**30, lines=1, sender_name="evil\x1b[2J\u202e")
    result = import_capped(office, path.read_bytes(), tmp_path)
    assert result["outcome"].startswith("unknown_signer: "), result
    assert "\\x1b[2J" in result["outcome"] and "\x1b" not in result["outcome"]
    assert result["inflated"] == 0  # a stranger's payload is never inflated at all


class _Zeros:
    """A file object of a tar archive holding ``files`` and then ``size`` zero bytes of
    payload, made as it is read (a 300 MB bundle without 300 MB in memory)."""

    def __init__(self, files: dict[str, bytes], size: int) -> None:
        head = b""
        for name, data in files.items():
            head += _entry(name, len(data)) + data + bytes(-len(data) % 512)
        self.parts = [head + _entry("changes.jsonl.gz", size)]
        self.left = size
        self.tail = bytes(-size % 512) + bytes(1024)

    def read(self, n: int = -1) -> bytes:
        if self.parts:
            return self.parts.pop()
        if self.left:
            k = min(self.left, 1 << 20, n if n > 0 else 1 << 20)
            self.left -= k
            return bytes(k)
        out, self.tail = self.tail, b""
        return out


def _entry(name: str, size: int) -> bytes:
    info = tarfile.TarInfo(name)
    info.size, info.mode = size, 0o600
    return info.tobuf(format=tarfile.PAX_FORMAT)


def test_a_strangers_large_bundle_is_refused_before_it_is_decrypted(make_db, office_and_clinic,
                                                                    tmp_path):
    """A 300 MB bundle from a stranger costs a few 64 KiB chunks: its manifest is at the
    front, the sender is checked there, and the rest is never decrypted."""
    office, _clinic = office_and_clinic
    stranger = make_db("stranger")
    size = 300 * 2**20
    small = forge(stranger, office, [], tmp_path / "small.clinicbundle",
                  content_hash=hashlib.sha256(bytes(size)).hexdigest(), payload_bytes=size,
                  lines=1, sender_name="evil\x1b]0;owned\x07\u202e")
    keys = keys_of(stranger)
    with stranger.read() as session:
        files = bundle._untar(pyrage.decrypt(small.read_bytes(), [load_keys(session)
                                                                  .age_identity]), "small")
    recipients = [pyrage.x25519.Recipient.from_str(api.public_identity(office).age_recipient),
                  pyrage.x25519.Recipient.from_str(keys.age_recipient)]
    path = tmp_path / "large.clinicbundle"
    with path.open("wb") as out:
        pyrage.encrypt_io(_Zeros({k: v for k, v in files.items() if k != "changes.jsonl.gz"},
                                 size), out, recipients)
    assert path.stat().st_size > size
    result = import_capped(office, path, tmp_path)
    assert result["outcome"].startswith("unknown_signer: large.clinicbundle: signed by an "
                                        "unknown key"), result
    assert "'evil\\x1b]0;owned\\x07\\u202e'" in result["outcome"], result
    assert "\x1b" not in result["outcome"] and "\u202e" not in result["outcome"]
    assert result["inflated"] == 0
    assert result["read"] < 4 * 2**20  # the front of a file of over 300 MB, not the file


@pytest.mark.parametrize("declared", [2**30, 1000])
def test_a_trusted_workstations_bomb_is_refused_within_its_limits(office_and_clinic, tmp_path,
                                                                  declared):
    office, clinic = office_and_clinic
    before = full_dump(office)
    path = forge(clinic, office, runs_held(clinic), tmp_path / "t.clinicbundle",
                 payload=bomb(1.0), payload_bytes=declared, lines=10)
    result = import_capped(office, path.read_bytes(), tmp_path)
    assert result["outcome"].split(":")[0] in ("too_large", "damaged"), result
    assert "expand" in result["outcome"] or "line over" in result["outcome"], result
    # stopped within a line's limit (16 MiB), not after inflating the gigabyte
    assert result["inflated"] <= MAX_LINE_BYTES + 2 * OUT_CHUNK, result
    reopened = Database.open(office.paths, passphrase=PASSPHRASE)
    try:
        assert full_dump(reopened) == before
    finally:
        reopened.close()


def test_one_endless_line_is_refused_at_the_line_limit(office_and_clinic, tmp_path):
    office, clinic = office_and_clinic
    before = full_dump(office)
    text = random.Random(7).randbytes(10 * 2**20).hex().encode()  # 20 MiB, no newline
    deflate = zlib.compressobj(6, zlib.DEFLATED, 31)
    endless = deflate.compress(text) + deflate.flush()
    path = forge(clinic, office, runs_held(clinic), tmp_path / "l.clinicbundle",
                 payload=endless, payload_bytes=len(text), lines=1)
    with pytest.raises(api.BundleError, match="line over 16 MiB") as err:
        api.import_bundle(office, path)
    assert err.value.kind == "damaged" and full_dump(office) == before
