"""identity, trust, peers, export-bundle, bundle-info, import-bundle and conflicts through
the real ``clinicapp`` entry point, between two data folders, including a killed import."""

from __future__ import annotations

import os
import signal
import subprocess

import pytest

from clinicapp.core.services import groups
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import api
from clinicapp.paths import resolve
from tests.conftest import PASSPHRASE
from tests.unit.cli.runner import command, environment, one_line_error, run
from tests.unit.core.sync.helpers import full_dump


def identity_line(out: str) -> str:
    """The identity in the ``trust add`` line that ``clinicapp identity`` printed."""
    [line] = [ln for ln in out.splitlines() if "clinicapp trust add" in ln]
    return line.split("trust add ", 1)[1].split(" --name")[0]


@pytest.fixture
def folders(tmp_path, make_db):
    """Two data folders that trust each other, the office as the clinic's central server
    (through core's api.add_trusted, which is all ``trust add`` calls: each command costs a
    second or two of start-up; the commands are test_identity_and_trust_add's); the
    clinic has a group."""
    clinic_db, office_db = make_db("clinic"), make_db("office")
    groups.create(clinic_db, "Riverside small group")
    api.add_trusted(clinic_db, api.public_identity(office_db), "office", central=True)
    api.add_trusted(office_db, api.public_identity(clinic_db), "clinic")
    return tmp_path / "clinic", tmp_path / "office", clinic_db, office_db


def test_identity_and_trust_add_through_the_cli(tmp_path, make_db):
    for name in ("clinic", "office"):
        make_db(name)
    clinic, office = tmp_path / "clinic", tmp_path / "office"
    mine = run(clinic, "identity")
    assert mine.code == 0, mine.err
    out = mine.out
    assert "age recipient:  age1" in out
    assert "minisign key:   RW" in out
    assert "clinicapp trust add clinicapp-identity:v1:" in out
    theirs = run(office, "identity")
    assert theirs.code == 0, theirs.err
    central = run(clinic, "trust", "add", identity_line(theirs.out), "--name", "office",
                  "--central")
    assert central.code == 0 and "Trusted central server 'office'" in central.out
    added = run(office, "trust", "add", identity_line(out), "--name", "clinic")
    assert added.code == 0 and "Trusted peer 'clinic'" in added.out
    assert "office (central): sent never" in run(clinic, "peers").out


def test_a_bundle_goes_from_clinic_to_office_and_back(folders, tmp_path):
    clinic, office, _clinic_db, office_db = folders
    bundle = tmp_path / "riverside.clinicbundle"
    exported = run(clinic, "export-bundle", "--out", str(bundle))
    assert exported.code == 0, exported.err
    assert "for office" in exported.out and "groups 8" in exported.out

    info = run(office, "bundle-info", str(bundle))
    assert info.code == 0, info.err
    assert "sender:           clinic" in info.out
    assert "signature:        valid" in info.out
    assert "already imported: no" in info.out
    assert "carries:          1–8 of clinic" in info.out

    imported = run(office, "import-bundle", str(bundle))
    assert imported.code == 0, imported.err
    assert "added:     groups 1" in imported.out
    assert "conflicts: 0" in imported.out
    assert [g.name for g in groups.list_groups(office_db).items] == ["Riverside small group"]

    assert "already imported: yes" in run(office, "bundle-info", str(bundle)).out
    again = run(office, "import-bundle", str(bundle))  # nothing new is not an error
    assert again.code == 0 and "already imported" in again.out and again.err == ""

    peers = run(clinic, "peers")
    assert "office (central): sent" in peers.out and "received never" in peers.out
    back = tmp_path / "back.clinicbundle"
    assert run(office, "export-bundle", "--out", str(back), "--peer", "clinic").code == 0
    assert run(clinic, "import-bundle", str(back)).code == 0
    assert "up to date" in run(clinic, "peers").out
    compacted = run(clinic, "compact")
    assert compacted.code == 0 and "Pruned 0 superseded changes" in compacted.out


def test_conflicts_are_listed_and_resolved(folders, tmp_path):
    clinic, office, clinic_db, office_db = folders
    first = tmp_path / "first.clinicbundle"
    run(clinic, "export-bundle", "--out", str(first))
    run(office, "import-bundle", str(first))
    [group] = groups.list_groups(office_db).items
    groups.update(clinic_db, group.id, name="Riverside CoP")
    groups.update(office_db, group.id, name="Riverside hub")
    second = tmp_path / "second.clinicbundle"
    run(office, "export-bundle", "--out", str(second), "--to", "clinic")
    imported = run(clinic, "import-bundle", str(second))
    assert "conflicts: 1 put aside for review" in imported.out
    listed = run(clinic, "conflicts")
    assert "clinic set the name to “Riverside CoP”" in listed.out
    assert "office's “Riverside hub”" in listed.out and "is in place" in listed.out
    conflict_id = listed.out.split(":", 1)[0]
    resolved = run(clinic, "conflicts", "resolve", conflict_id, "--keep", "lost")
    assert resolved.code == 0 and "replaced" in resolved.out and "on clinic at" in resolved.out
    assert groups.get(clinic_db, group.id).name == "Riverside CoP"
    assert "No conflicts to review." in run(clinic, "conflicts").out
    closed = run(clinic, "conflicts", "--all").out
    assert "closed: replaced" in closed and "used the other value" in closed


def test_bad_input_is_one_line_each(folders, tmp_path):
    clinic, office, *_ = folders
    notes = tmp_path / "notes.txt"
    notes.write_text("not a bundle")
    assert "not a ClinicApp bundle" in one_line_error(
        run(office, "import-bundle", str(notes)), "import-bundle")
    assert "peer not found: nobody" in one_line_error(
        run(clinic, "export-bundle", "--out", str(tmp_path / "x"), "--to", "nobody"),
        "export-bundle")
    assert "no central server is trusted yet" in one_line_error(
        run(office, "export-bundle", "--out", str(tmp_path / "y")), "export-bundle")
    assert "must be one line" in one_line_error(
        run(office, "trust", "add", "hello", "--name", "x"), "trust")


def test_a_clock_that_ran_ahead_waits_then_is_repaired(folders, tmp_path):
    import time

    from clinicapp.core.sync import api, clock

    clinic, office, clinic_db, _office_db = folders
    clock.set_wall_clock(lambda: time.time() + 2 * 365.25 * 86400)
    try:
        made = groups.create(clinic_db, "Made two years ahead")
        bundle = tmp_path / "ahead.clinicbundle"
        api.export_bundle(clinic_db, bundle)  # made while the clock is still ahead
    finally:
        clock.set_wall_clock(None)
    assert "ahead of its clock" in run(clinic, "peers").out
    waited = run(office, "import-bundle", str(bundle))
    assert waited.code == 0 and "waiting:   8 changes stamped too far ahead" in waited.out
    assert "whose clock was 2 years ahead" in run(office, "bundle-info", str(bundle)).out
    fixed = run(clinic, "restamp")
    assert fixed.code == 0 and "Re-issued 8 changes from the corrected clock" in fixed.out
    assert "(s)" not in fixed.out + waited.out
    again = tmp_path / "again.clinicbundle"
    run(clinic, "export-bundle", "--out", str(again))
    assert run(office, "import-bundle", str(again)).code == 0
    assert groups.get(_office_db, made.id).name == "Made two years ahead"
    assert "ahead of its clock" not in run(clinic, "peers").out


def test_a_killed_import_leaves_the_database_as_before_and_can_be_redone(tmp_path, make_db):
    from clinicapp.demo import generate as demo

    clinic_db, office_db = make_db("clinic"), make_db("office")
    api.add_trusted(clinic_db, api.public_identity(office_db), "office", central=True)
    api.add_trusted(office_db, api.public_identity(clinic_db), "clinic")
    demo.generate(clinic_db, groups=2, years=1, seed=3)
    bundle = tmp_path / "big.clinicbundle"
    api.export_bundle(clinic_db, bundle)
    before = full_dump(office_db)
    office_db.close()

    office = tmp_path / "office"
    process = subprocess.Popen(command(office, "import-bundle", str(bundle), "--progress"),
                               env=environment(), stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()  # printed inside the import's transaction
        assert "applying:" in line, line + process.stderr.read()
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL

    reopened = Database.open(resolve(office), passphrase=PASSPHRASE)
    try:
        assert reopened.integrity_check() == "ok"
        assert full_dump(reopened) == before
    finally:
        reopened.close()
    again = run(office, "import-bundle", str(bundle))
    assert again.code == 0, again.err
    assert "added:" in again.out and "groups 2" in again.out
