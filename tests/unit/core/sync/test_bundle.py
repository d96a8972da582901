"""The bundle file: opened with the standard age and minisign tools, and every kind of
bad file refused with its own message, leaving the database exactly as it was."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import subprocess
import tarfile
import time
from datetime import UTC, datetime

import pyrage
import pytest
from sqlalchemy import select

from clinicapp.core.keys.identity import load_keys
from clinicapp.core.models import BundleRecord, Member, ReplicaState
from clinicapp.core.services import attendance, groups, members, reflections, sessions
from clinicapp.core.sync import api, bundle, clock, payload
from clinicapp.core.sync.bundle import BundleError
from tests.unit.core.sync.helpers import full_dump

TEXTS = {"what": "We reviewed deprescribing for Mrs Quigley-Farnsworth",
         "so_what": "Benzodiazepine tapering worked slowly"}


@pytest.fixture
def clinic_office(make_db):
    clinic, office = make_db("clinic"), make_db("office")
    api.add_trusted(clinic, api.public_identity(office), "office", central=True)
    api.add_trusted(office, api.public_identity(clinic), "clinic")
    return clinic, office


def age_key_file(db, folder):
    with db.read() as session:
        secret = session.scalar(select(ReplicaState.age_identity))
    key = folder / "identity.txt"
    key.write_text(secret + "\n")
    return key


def open_with_age(db, path, folder) -> dict[str, bytes]:
    """Decrypt with the real ``age`` binary and unpack the tar with ``tar``."""
    out = folder / "opened"
    out.mkdir()
    plain = subprocess.run(["age", "-d", "-i", str(age_key_file(db, folder)), str(path)],
                           check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(out)], input=plain, check=True)
    return {p.name: p.read_bytes() for p in out.iterdir()}


def test_the_central_office_opens_a_bundle_with_age_and_minisign_alone(clinic_office,
                                                                        tmp_path):
    clinic, office = clinic_office
    groups.create(clinic, "Riverside small group")
    path = tmp_path / "riverside.clinicbundle"
    api.export_bundle(clinic, path)  # for the central server by default
    files = open_with_age(office, path, tmp_path)
    assert set(files) == set(bundle.MEMBERS)

    key = api.public_identity(clinic).minisign_key
    verified = subprocess.run(["minisign", "-V", "-m", str(tmp_path / "opened/manifest.json"),
                               "-P", key], capture_output=True, text=True)
    assert verified.returncode == 0, verified.stderr
    assert "verified" in verified.stdout

    manifest = json.loads(files["manifest.json"])
    assert manifest["sender"] == clinic.replica_id
    assert manifest["content_hash"] == hashlib.sha256(files["changes.jsonl.gz"]).hexdigest()
    lines = [json.loads(line) for line in
             gzip.decompress(files["changes.jsonl.gz"]).decode().splitlines()]
    assert len(lines) == manifest["lines"]
    runs = [line["run"] for line in lines if "run" in line]
    changes = [line for line in lines if "run" not in line]
    assert len(changes) == manifest["changes"] == manifest["counts"]["groups"]
    assert [(r["origin"], r["lo"], r["hi"]) for r in runs] == [
        (clinic.replica_id, 1, len(changes))]  # one transaction: one run, signed
    values = [json.loads(c["value"]) for c in changes]
    assert "Riverside small group" in values

    (tmp_path / "sender").mkdir()  # the sender can re-read its own bundle too
    assert open_with_age(clinic, path, tmp_path / "sender") == files


def test_minisign_rejects_an_altered_manifest(clinic_office, tmp_path):
    clinic, office = clinic_office
    groups.create(clinic, "Riverside")
    path = tmp_path / "b.clinicbundle"
    api.export_bundle(clinic, path)
    open_with_age(office, path, tmp_path)
    manifest = tmp_path / "opened/manifest.json"
    manifest.write_bytes(manifest.read_bytes().replace(b'"changes": ', b'"changes": 1'))
    verified = subprocess.run(["minisign", "-V", "-m", str(manifest),
                               "-P", api.public_identity(clinic).minisign_key],
                              capture_output=True, text=True)
    assert verified.returncode != 0


def test_private_reflections_travel_only_sealed(clinic_office, tmp_path):
    clinic, office = clinic_office
    group = groups.create(clinic, "Riverside")
    person = members.create(clinic, "Dr. Maria Lopez")
    journal_key = pyrage.x25519.Identity.generate()
    with clinic.write() as session:
        session.get(Member, person.id).journal_recipient = str(journal_key.to_public())
    meeting = sessions.plan(clinic, group.id, "Deprescribing",
                            datetime(2025, 3, 4, 18, tzinfo=UTC))
    members.add_to_group(clinic, group.id, person.id)
    sessions.start(clinic, meeting.id)
    attendance.check_in(clinic, meeting.id, person.id)
    saved = reflections.save(clinic, meeting.id, person.id, visibility="private",
                             keep_despite_warning=True, **TEXTS)
    path = tmp_path / "b.clinicbundle"
    api.export_bundle(clinic, path)

    files = open_with_age(office, path, tmp_path)
    plain = gzip.decompress(files["changes.jsonl.gz"]).decode()
    for text in TEXTS.values():
        assert text not in plain
    assert "Quigley" not in plain and "Benzodiazepine" not in plain

    api.import_bundle(office, path)
    arrived = reflections.get(office, saved.id)
    assert arrived.what == "" and arrived.sealed
    from clinicapp.core.keys import journal

    assert journal.unseal(journal_key, arrived.sealed)["what"] == TEXTS["what"]


# --- bad bundles -----------------------------------------------------------------------


def refused(db, path, kind: str) -> str:
    """Importing ``path`` fails with ``kind`` and leaves the database exactly as it was."""
    before = full_dump(db)
    with pytest.raises(BundleError) as err:
        api.import_bundle(db, path)
    assert err.value.kind == kind, str(err.value)
    assert full_dump(db) == before
    return str(err.value)


@pytest.fixture
def exported(clinic_office, tmp_path):
    clinic, office = clinic_office
    group = groups.create(clinic, "Riverside")
    for n in range(30):
        members.add_to_group(clinic, group.id, members.create(clinic, f"Member {n}").id)
    path = tmp_path / "good.clinicbundle"
    api.export_bundle(clinic, path)
    return clinic, office, path


def test_a_truncated_bundle_is_refused(exported, tmp_path):
    _clinic, office, path = exported
    cut = tmp_path / "cut.clinicbundle"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size * 2 // 3])
    assert "damaged or incomplete" in refused(office, cut, "damaged")
    header_only = tmp_path / "header.clinicbundle"
    header_only.write_bytes(path.read_bytes()[:60])
    assert "cut short" in refused(office, header_only, "damaged")


def test_a_bundle_with_one_flipped_bit_is_refused(exported, tmp_path):
    _clinic, office, path = exported
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x10
    flipped = tmp_path / "flipped.clinicbundle"
    flipped.write_bytes(bytes(data))
    assert "altered" in refused(office, flipped, "damaged")


def test_a_file_that_is_not_a_bundle_is_refused(exported, tmp_path):
    _clinic, office, _path = exported
    notes = tmp_path / "notes.clinicbundle"
    notes.write_text("minutes of the March meeting\n")
    assert "not a ClinicApp bundle" in refused(office, notes, "not_bundle")


def test_a_bundle_for_another_workstation_is_refused(exported, make_db):
    clinic, _office, path = exported
    other = make_db("other")
    api.add_trusted(other, api.public_identity(clinic), "clinic")
    assert "not encrypted for this workstation" in refused(other, path, "not_for_us")


def test_a_bundle_from_an_unknown_signer_is_refused_naming_its_key(make_db, tmp_path):
    stranger, office = make_db("stranger"), make_db("office")
    api.add_trusted(stranger, api.public_identity(office), "office", central=True)
    groups.create(stranger, "Who knows")
    path = tmp_path / "stranger.clinicbundle"
    api.export_bundle(stranger, path)
    message = refused(office, path, "unknown_signer")
    assert api.public_identity(stranger).minisign_key in message
    info = api.inspect_bundle(office, path)
    assert not info.signature_valid and not info.trusted and "unknown key" in info.problem


def test_a_bundle_signed_by_another_key_than_the_trusted_one_is_refused(exported, make_db,
                                                                       tmp_path):
    clinic, office, path = exported
    impostor = make_db("impostor")
    with clinic.read() as s:
        real = load_keys(s)
    with impostor.read() as s:
        fake = load_keys(s)
    opened = bundle.read(path, real)
    forged = tmp_path / "forged.clinicbundle"
    # the impostor claims to be the clinic but signs with its own key
    manifest = bundle.Manifest(**{**json.loads(opened.manifest.to_bytes()),
                                  "sender_key": fake.public().minisign_key})
    bundle.write(forged, fake, manifest, opened.payload)
    assert "unknown key" in refused(office, forged, "unknown_signer")


def test_a_replayed_bundle_is_refused_and_inspect_says_already_imported(exported):
    _clinic, office, path = exported
    api.import_bundle(office, path)
    assert api.inspect_bundle(office, path).already_imported
    assert "already imported" in refused(office, path, "replayed")
    with office.read() as session:  # nothing new is no refusal: none is recorded
        assert not session.scalars(select(BundleRecord).where(
            BundleRecord.status == "refused")).first()


def test_a_bundle_of_a_newer_schema_asks_to_update_clinicapp(exported, tmp_path):
    clinic, office, path = exported
    with clinic.read() as s:
        keys = load_keys(s)
    opened = bundle.read(path, keys)
    newer = bundle.Manifest(**{**json.loads(opened.manifest.to_bytes()),
                               "schema_version": bundle.SCHEMA_VERSION + 1,
                               "app_version": "9.0.0"})
    future = tmp_path / "future.clinicbundle"
    bundle.write(future, keys, newer, opened.payload)
    message = refused(office, future, "newer_schema")
    assert "update ClinicApp to version 9.0.0" in message


def test_a_payload_that_does_not_match_its_manifest_is_refused(exported, tmp_path):
    clinic, office, path = exported
    with clinic.read() as s:
        keys = load_keys(s)
    opened = bundle.read(path, keys)
    other_payload = bundle.write_payload(opened.runs()[:1])[0]
    swapped = tmp_path / "swapped.clinicbundle"
    bundle.write(swapped, keys, opened.manifest, other_payload)
    assert "does not match the hash" in refused(office, swapped, "damaged")


def test_a_bundle_from_a_clock_years_ahead_waits_naming_the_sender(clinic_office, tmp_path):
    clinic, office = clinic_office
    three_years = 3 * 365.25 * 86400
    clock.set_wall_clock(lambda: time.time() + three_years)
    try:
        groups.create(clinic, "From the future")
        path = tmp_path / "future.clinicbundle"
        api.export_bundle(clinic, path)
    finally:
        clock.set_wall_clock(None)
    info = api.inspect_bundle(office, path)
    assert "from workstation clinic, whose clock was 3 years ahead" in info.problem
    result = api.import_bundle(office, path)  # nothing applied: it waits (parked)
    assert result.parked == 8 and result.rows_added == {}
    assert api.clock_warnings(clinic) and "ahead of its clock" in api.clock_warnings(clinic)[0]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(exported, monkeypatch):
    _clinic, office, path = exported
    monkeypatch.setattr(bundle, "MAX_FILE_BYTES", 1000)
    assert "over the" in refused(office, path, "too_large")


def test_a_bundle_whose_payload_expands_too_far_is_refused(exported, tmp_path, monkeypatch):
    _clinic, office, path = exported
    monkeypatch.setattr(payload, "MAX_PAYLOAD_BYTES", 1000)
    assert "claims to expand" in refused(office, path, "too_large")


def test_the_archive_inside_is_checked_for_unexpected_entries(exported, tmp_path):
    _clinic, office, _path = exported
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        info = tarfile.TarInfo("../../etc/passwd")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"x"))
    recipient = pyrage.x25519.Recipient.from_str(api.public_identity(office).age_recipient)
    evil = tmp_path / "evil.clinicbundle"
    evil.write_bytes(pyrage.encrypt(buf.getvalue(), [recipient]))
    assert "unexpected entry" in refused(office, evil, "damaged")


def test_a_manifest_altered_after_signing_is_refused(exported, tmp_path):
    _clinic, office, path = exported
    with office.read() as s:
        files = bundle._untar(pyrage.decrypt(path.read_bytes(), [load_keys(s).age_identity]),
                              path.name)
    files["manifest.json"] = files["manifest.json"].replace(b'"sender_name": "clinic"',
                                                            b'"sender_name": "clinic!"')
    recipient = pyrage.x25519.Recipient.from_str(api.public_identity(office).age_recipient)
    altered = tmp_path / "altered.clinicbundle"
    altered.write_bytes(pyrage.encrypt(bundle._tar(files), [recipient]))
    message = refused(office, altered, "bad_signature")
    assert "signature does not match the key of 'clinic'" in message
    assert not api.inspect_bundle(office, altered).signature_valid


def test_each_change_line_is_the_json_encoders_own_text():
    """The export writes lines in one format call each; they must be exactly what the
    JSON encoder writes, for every kind of text a field can hold."""
    from clinicapp.core.sync import payload as p

    tricky = ['plain', 'Séance “café” naïve', 'quote " and \\ backslash', 'tab\tnew\nline',
              '\x00\x1f control', '\u2028\u2029 separators', '😀 astral', '']
    for n, text in enumerate(tricky):
        for prev in ((None, None), ("b" * 32, 7)):
            change = {"tbl": "sessions", "row_id": f"id-{n}", "field": "title",
                      "value": json.dumps(text, ensure_ascii=False), "hlc": text or "h",
                      "origin": "a" * 32, "seq": 2**40 + n, "prev_origin": prev[0],
                      "prev_seq": prev[1]}
            expected = p._LINE.encode({k: change[k] for k in bundle.CHANGE_KEYS})
            assert p._line(change) == expected
