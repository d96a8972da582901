"""Through the real ``clinicapp`` entry point: nothing new is not an error, a folder of
bundles (a USB stick) imports in order, the office opens a bundle with the standard age,
tar, minisign and sha256sum tools, and possible duplicates are listed, merged, undone."""

from __future__ import annotations

import hashlib
import json
import shutil
import stat
import subprocess

import pytest
from sqlalchemy import select

from clinicapp.core.models import AuditEntry
from clinicapp.core.services import groups, members
from clinicapp.core.sync import api
from tests.unit.cli.runner import one_line_error, run
from tests.unit.core.sync.helpers import name_of, trust_all


@pytest.fixture
def three(make_db, tmp_path):
    dbs = make_db("office"), make_db("riverside"), make_db("hillside")
    trust_all(*dbs)
    return dbs


def test_nothing_new_exits_0_and_a_refusal_exits_1(three, tmp_path):
    _office, riverside, _ = three
    groups.create(riverside, "Riverside group")
    path = tmp_path / "one.clinicbundle"
    api.export_bundle(riverside, path, peer="office")
    first = run(tmp_path / "office", "import-bundle", str(path))
    assert first.code == 0 and "Imported one.clinicbundle from riverside" in first.out
    again = run(tmp_path / "office", "import-bundle", str(path))
    assert again.code == 0 and "was already imported" in again.out
    damaged = tmp_path / "damaged.clinicbundle"
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF
    damaged.write_bytes(bytes(data))
    assert "damaged" in one_line_error(run(tmp_path / "office", "import-bundle",
                                           str(damaged)), "import-bundle")


def test_a_usb_stick_folder_imports_each_bundle_once_in_order(three, tmp_path):
    office, riverside, hillside = three
    stick = tmp_path / "stick"
    stick.mkdir()
    group = groups.create(riverside, "Shared group")
    api.export_bundle(riverside, stick / "b-riverside-1.clinicbundle", peer="office")
    groups.update(riverside, group.id, name="Shared group, renamed")
    api.export_bundle(riverside, stick / "a-riverside-2.clinicbundle", peer="office")
    groups.create(hillside, "Hillside group")
    api.export_bundle(hillside, stick / "hillside.clinicbundle", peer="office")
    api.export_bundle(office, stick / "from-office.clinicbundle", peer=name_of(riverside))
    (stick / "notes.txt").write_text("not a bundle, not looked at")
    done = run(tmp_path / "office", "import-bundle", str(stick))
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    imported = [ln for ln in lines if ln.startswith("imported:")]
    # Riverside's two bundles in the order it made them, whatever their file names.
    assert [ln.split()[1] for ln in imported] == [
        "hillside.clinicbundle", "b-riverside-1.clinicbundle", "a-riverside-2.clinicbundle"]
    assert any(ln.startswith("skipped: ") and "from-office" in ln for ln in lines)
    assert "4 bundles: 3 imported, 1 with nothing new here, 0 refused" in done.out
    assert {g.name for g in groups.list_groups(office).items} == {
        "Shared group, renamed", "Hillside group"}
    again = run(tmp_path / "office", "import-bundle", str(stick))
    assert again.code == 0 and "0 imported, 4 with nothing new here, 0 refused" in again.out
    (stick / "cut.clinicbundle").write_bytes((stick / "hillside.clinicbundle").read_bytes()[:200])
    cut = run(tmp_path / "office", "import-bundle", str(stick))
    assert cut.code == 1 and "refused: " in cut.err and "1 refused" in cut.out


@pytest.mark.skipif(not all(shutil.which(t) for t in ("age", "minisign", "tar", "sha256sum")),
                    reason="scripts/system-deps test installs age and minisign")
def test_the_office_opens_a_bundle_with_the_standard_tools(three, tmp_path):
    office, riverside, _ = three
    groups.create(riverside, "Riverside group")
    bundle = tmp_path / "riverside.clinicbundle"
    api.export_bundle(riverside, bundle, peer="office")
    key = tmp_path / "office.key"
    wrong = run(tmp_path / "office", "identity", "--export-age-identity", str(key),
                passphrase="not the passphrase")
    assert wrong.code == 1 and not key.exists()
    done = run(tmp_path / "office", "identity", "--export-age-identity", str(key))
    assert done.code == 0, done.err
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert "already exists" in one_line_error(run(
        tmp_path / "office", "identity", "--export-age-identity", str(key)), "identity")
    with office.read() as s:
        assert s.scalar(select(AuditEntry).where(
            AuditEntry.action == "age_identity_exported")) is not None

    # The README's sequence, word for word.
    out = tmp_path / "opened"
    out.mkdir()
    subprocess.run(f"age -d -i {key} {bundle} | tar x -C {out}", shell=True, check=True)
    manifest = json.loads((out / "manifest.json").read_text())
    sender_key = api.public_identity(riverside).minisign_key
    checked = subprocess.run(["minisign", "-V", "-m", str(out / "manifest.json"),
                              "-P", sender_key], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    digests = subprocess.run(["sha256sum", *sorted(
        str(p) for p in out.iterdir() if p.name.endswith(".gz"))],
        capture_output=True, text=True, check=True).stdout
    for line in digests.splitlines():
        digest, name = line.split()
        assert digest == hashlib.sha256((out / name.rsplit("/", 1)[-1]).read_bytes()
                                        ).hexdigest()
    assert manifest["content_hash"] in digests
    assert manifest["sender_name"] == "riverside"


def test_duplicates_are_listed_merged_and_undone(three, tmp_path):
    office, *_ = three
    a = members.create(office, "Dr. Ana Silva", email="ana@clinic.ca")
    b = members.create(office, "Ana Silva", email="ANA@clinic.ca")
    listed = run(tmp_path / "office", "duplicates")
    assert listed.code == 0 and f"member {a.id} “Dr. Ana Silva” and {b.id}" in listed.out
    assert "same e-mail" in listed.out
    merged = run(tmp_path / "office", "duplicates", "merge", a.id, b.id)
    assert merged.code == 0 and "Every workstation applies it" in merged.out
    listed = run(tmp_path / "office", "duplicates")
    assert "No possible duplicates." in listed.out and "(standing)" in listed.out
    merge_id = listed.out.split("merge ", 1)[1].split(":", 1)[0]
    undone = run(tmp_path / "office", "duplicates", "undo", merge_id)
    assert undone.code == 0 and "separate again" in undone.out
    assert "undone by" in run(tmp_path / "office", "duplicates").out
    assert "no-such-id" in one_line_error(run(tmp_path / "office", "duplicates", "merge",
                                              a.id, "no-such-id"), "duplicates")
