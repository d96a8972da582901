"""Every attack of issue 16, through the real bundle path: each is refused with its own
message, and the victim's records (the whole database) are unchanged.

Three workstations: the victim clinic 'riverside' and the clinic 'lakes' (which turns
hostile) both trust the central 'office'; the office trusts each for the groups it creates.
The office relays riverside's records to lakes, so lakes holds them, signed by riverside.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pyrage
import pytest
from sqlalchemy import select

from clinicapp.core.models import AuditEntry, Member, Reflection
from clinicapp.core.models import Session as SessionRow
from clinicapp.core.models.ids import short_id
from clinicapp.core.services import attendance, audit, groups, members, reflections, sessions
from clinicapp.core.sync import api, vector
from clinicapp.core.sync.bundle import BundleError
from clinicapp.core.sync.clock import utcnow
from tests.unit.core.sync.forge import forge, keys_of, runs_held, signed
from tests.unit.core.sync.helpers import data, full_dump, send

TEXTS = {"what": "We reviewed deprescribing", "so_what": "Tapering worked slowly"}


@pytest.fixture
def clinics(make_db, tmp_path):
    victim, hostile, office = make_db("riverside"), make_db("lakes"), make_db("office")
    for clinic in (victim, hostile):
        api.add_trusted(clinic, api.public_identity(office), "office", central=True)
        api.add_trusted(office, api.public_identity(clinic), clinic.paths.data_dir.name)
    group = groups.create(victim, "Riverside")
    person = members.create(victim, "Dr. Maria Lopez")
    members.add_to_group(victim, group.id, person.id)
    with victim.write() as session:
        session.get(Member, person.id).journal_recipient = str(
            pyrage.x25519.Identity.generate().to_public())
    meeting = sessions.plan(victim, group.id, "Deprescribing",
                            datetime(2025, 3, 4, 18, tzinfo=UTC))
    sessions.start(victim, meeting.id)
    attendance.check_in(victim, meeting.id, person.id)
    reflections.save(victim, meeting.id, person.id, visibility="private",
                     keep_despite_warning=True, **TEXTS)
    audit.log(victim, "export_csv", "roster of Riverside")
    send(victim, office, tmp_path)
    send(office, hostile, tmp_path)  # the office relays riverside's records to lakes
    groups.create(hostile, "Lakes")
    send(hostile, office, tmp_path)
    return victim, hostile, office


def refused(db, path, kind: str) -> str:
    """Importing ``path`` fails with ``kind`` and leaves the database exactly as it was."""
    before = full_dump(db)
    with pytest.raises(BundleError) as err:
        api.import_bundle(db, path)
    assert err.value.kind == kind, str(err.value)
    assert full_dump(db) == before
    return str(err.value)


def hostile_export(hostile, office, tmp_path):
    path = tmp_path / "hostile.clinicbundle"
    api.export_bundle(hostile, path, peer="office")
    return path


def test_deleting_another_clinics_records_is_refused_and_never_relayed(clinics, tmp_path):
    victim, hostile, office = clinics
    victim_before = data(victim)
    with hostile.write() as session:  # lakes tombstones every record of riverside
        for row in session.scalars(select(SessionRow)):
            row.deleted_at = utcnow()
        for row in session.scalars(select(Reflection)):
            row.sealed = ""
    message = refused(office, hostile_export(hostile, office, tmp_path), "out_of_scope")
    assert re.search(r"lakes may not change (sessions|reflections) of group 'Riverside'",
                     message)
    assert "outside the groups it was trusted for" in message
    send(office, victim, tmp_path)  # nothing of it comes back to the victim
    after = data(victim)
    assert all(row in after[table] for table, rows in victim_before.items() for row in rows)


def test_blanking_another_clinics_private_reflections_is_refused(clinics, tmp_path):
    _victim, hostile, office = clinics
    with hostile.write() as session:
        for row in session.scalars(select(Reflection)):
            row.sealed = ""
    message = refused(office, hostile_export(hostile, office, tmp_path), "out_of_scope")
    assert "lakes may not change reflections of group 'Riverside'" in message


def test_deleting_another_clinics_group_is_refused(clinics, tmp_path):
    _victim, hostile, office = clinics
    [riverside] = [g for g in groups.list_groups(hostile).items if g.name == "Riverside"]
    groups.delete(hostile, riverside.id)
    message = refused(office, hostile_export(hostile, office, tmp_path), "out_of_scope")
    assert "lakes may not change groups of group 'Riverside'" in message
    assert groups.get(office, riverside.id).deleted_at is None


def test_rewriting_another_clinics_audit_entry_is_refused(clinics, tmp_path):
    _victim, hostile, office = clinics
    with hostile.write() as session:
        for row in session.scalars(select(AuditEntry)):
            row.detail = "nothing happened"
    message = refused(office, hostile_export(hostile, office, tmp_path), "out_of_scope")
    assert "audit entries are append-only" in message


def test_rewriting_its_own_audit_entry_is_refused(clinics, tmp_path):
    _victim, hostile, office = clinics
    own = audit.log(hostile, "print_statement", "Lakes statements")
    send(hostile, office, tmp_path)
    with hostile.write() as session:
        session.get(AuditEntry, own.id).detail = "rewritten"
    message = refused(office, hostile_export(hostile, office, tmp_path), "out_of_scope")
    assert f"lakes changes audit entry {short_id(own.id)}: audit entries are append-only" in message


def test_replacing_a_members_journal_key_is_refused(clinics, tmp_path):
    _victim, hostile, office = clinics
    lakes = next(g for g in groups.list_groups(hostile).items if g.name == "Lakes")
    person = members.create(hostile, "Dr. Sam Okafor")  # a member lakes may change
    members.add_to_group(hostile, lakes.id, person.id)
    with hostile.write() as session:
        session.get(Member, person.id).journal_recipient = str(
            pyrage.x25519.Identity.generate().to_public())
    send(hostile, office, tmp_path)
    held_key = members.get(office, person.id).journal_recipient
    attacker = pyrage.x25519.Identity.generate()
    with hostile.write() as session:
        session.get(Member, person.id).journal_recipient = str(attacker.to_public())
    message = refused(office, hostile_export(hostile, office, tmp_path), "out_of_scope")
    assert "replaces the journal key of member" in message
    assert "signed with the member's current journal key" in message
    assert members.get(office, person.id).journal_recipient == held_key


def test_replacing_another_clinics_members_journal_key_is_refused(clinics, tmp_path):
    _victim, hostile, office = clinics
    [person] = [m for m in members.list_members(hostile).items if m.full_name.endswith("Lopez")]
    with hostile.write() as session:
        session.get(Member, person.id).journal_recipient = str(
            pyrage.x25519.Identity.generate().to_public())
    message = refused(office, hostile_export(hostile, office, tmp_path), "out_of_scope")
    assert "journal key" in message


def test_claiming_another_workstations_changes_is_refused(clinics, tmp_path):
    victim, hostile, office = clinics
    huge = {victim.replica_id: [[1, 10**12]]}
    path = forge(hostile, office, runs_held(hostile, hostile.replica_id),
                 tmp_path / "claims.clinicbundle",
                 ranges={**huge, hostile.replica_id: [[1, 10**6]]})
    assert "claims other changes than its payload carries" in refused(
        office, path, "false_claims")
    # A claim of what lakes holds only spares lakes a resend: riverside's next change
    # still arrives at the office.
    boast = forge(hostile, office, [], tmp_path / "boast.clinicbundle", vector=huge)
    api.import_bundle(office, boast)
    groups.create(victim, "Riverside evening group")
    send(victim, office, tmp_path)
    assert "Riverside evening group" in [g.name for g in groups.list_groups(office).items]


def test_changes_stamped_with_the_receivers_own_id_are_refused(clinics, tmp_path):
    _victim, hostile, office = clinics
    [(_run, changes)] = runs_held(hostile, hostile.replica_id)[-1:]
    forged = [signed(keys_of(hostile), changes, origin=office.replica_id)]
    path = forge(hostile, office, forged, tmp_path / "own.clinicbundle")
    assert "stamped with this workstation's own id" in refused(office, path, "own_origin")
    groups.create(office, "Office group")  # the office's own writes still work


def test_a_stamp_in_non_ascii_digits_is_refused_as_damaged(clinics, tmp_path):
    _victim, hostile, office = clinics
    [(_run, changes)] = runs_held(hostile, hostile.replica_id)[-1:]
    arabic = "".join(chr(0x0660 + int(d)) if d.isdigit() else d for d in "9" * 15) + ".000000"
    assert arabic[:15].isdigit()  # what str.isdigit() would have let through
    bad = [{**c, "hlc": arabic, "seq": c["seq"] + 1000} for c in changes]
    path = forge(hostile, office, [signed(keys_of(hostile), bad)],
                 tmp_path / "digits.clinicbundle", max_hlc=changes[0]["hlc"])
    message = refused(office, path, "damaged")
    assert "malformed stamp" in message and "\n" not in message


def test_a_relay_that_alters_a_change_is_refused_as_forged(clinics, tmp_path):
    victim, hostile, office = clinics
    groups.create(victim, "Riverside evening group")
    send(victim, office, tmp_path)
    third = forge(office, hostile, runs_held(office, victim.replica_id),
                  tmp_path / "relay.clinicbundle")  # relayed honestly: accepted
    api.import_bundle(hostile, third)
    run, changes = runs_held(hostile, victim.replica_id)[-1]
    altered = [{**c, "value": json.dumps("Lakes")} if c["field"] == "name" else c
               for c in changes]
    path = forge(hostile, office, [(run, altered)], tmp_path / "altered.clinicbundle")
    message = refused(office, path, "forged")
    assert "are not signed by riverside's key" in message


def test_a_held_change_sent_again_with_other_content_is_refused(clinics, tmp_path):
    _victim, hostile, office = clinics
    _run, changes = runs_held(hostile, hostile.replica_id)[-1]
    other = [{**c, "value": json.dumps("Other")} if c["field"] == "name" else c
             for c in changes]  # re-signed by lakes itself: a valid signature
    path = forge(hostile, office, [signed(keys_of(hostile), other)],
                 tmp_path / "equivocate.clinicbundle")
    message = refused(office, path, "held_differently")
    assert "already held here with different content: forgery or a bug" in message


def test_a_pruned_stub_without_its_replacement_is_not_stored(clinics, tmp_path):
    """A stub alone would leave its field held without a value: it is not stored and not
    acknowledged (it may be a part of a bounded export whose replacing value comes in a
    later part; test_compaction shows that case converging)."""
    _victim, hostile, office = clinics
    [(_run, changes)] = runs_held(hostile, hostile.replica_id)[-1:]
    stubbed = [{**c, "seq": c["seq"] + 2000, "value": "#" + "0" * 64} for c in changes]
    path = forge(hostile, office, [signed(keys_of(hostile), stubbed)],
                 tmp_path / "stub.clinicbundle")
    before = data(office)
    result = api.import_bundle(office, path)
    assert result.received == 0
    assert data(office) == before
    with office.read() as session:
        held = vector.load(session).get(hostile.replica_id)
    assert held is None or all(c["seq"] not in held for c in stubbed)


@pytest.mark.parametrize("field", ["created_at", "group_id"])
def test_a_record_the_database_would_refuse_is_refused_as_damaged(clinics, tmp_path, field):
    """A new record without its required fields, or linked to a record nobody holds, is
    refused by the checks, not half-way through writing by the database."""
    _victim, hostile, office = clinics
    [(_run, changes)] = runs_held(hostile, hostile.replica_id)[-1:]
    row = {**changes[0], "seq": changes[-1]["seq"] + 3000, "prev_origin": None,
           "prev_seq": None, "row_id": "01a23100-0000-7000-8000-000000000001"}
    if field == "created_at":
        new = [{**row, "tbl": "groups", "field": "created_at",
                "value": json.dumps(utcnow().isoformat())}]
        expected = "creates groups 00000001 without its name"
    else:
        new = [{**row, "tbl": "sessions", "field": name, "seq": row["seq"] + i, "value": v}
               for i, (name, v) in enumerate([
                   ("group_id", json.dumps("01a23100-0000-7000-8000-00000000000f")),
                   ("title", json.dumps("Ghost")), ("scheduled_start", json.dumps(
                       utcnow().isoformat()))])]
        expected = "links to groups 0000000f, which neither this workstation nor the bundle"
    path = forge(hostile, office, [signed(keys_of(hostile), new)], tmp_path / "r.clinicbundle")
    assert expected in refused(office, path, "damaged")


def test_a_change_by_an_unknown_workstation_is_refused(clinics, make_db, tmp_path):
    _victim, hostile, office = clinics
    stranger = make_db("stranger")
    groups.create(stranger, "Elsewhere")
    [(run, changes)] = runs_held(stranger, stranger.replica_id)[:1]
    path = forge(hostile, office, [(run, changes)], tmp_path / "unknown.clinicbundle")
    message = refused(office, path, "unknown_author")
    assert stranger.replica_id in message and "does not know" in message


def test_a_bundle_of_the_older_format_asks_for_a_newer_clinicapp(clinics, tmp_path):
    _victim, hostile, office = clinics
    path = forge(hostile, office, [], tmp_path / "old.clinicbundle", format_version=1)
    assert "made by an older ClinicApp" in refused(office, path, "older_format")


def test_peers_scoped_to_a_group_exchange_edits_and_decisions(make_db, tmp_path):
    a, b = make_db("clinic"), make_db("hub")
    group = groups.create(a, "Riverside")
    api.add_trusted(a, api.public_identity(b), "hub", groups=["Riverside"])
    api.add_trusted(b, api.public_identity(a), "clinic")  # a created the group
    send(a, b, tmp_path)
    groups.update(a, group.id, name="Riverside small group")
    groups.update(b, group.id, name="Riverside hub")
    send(a, b, tmp_path)
    send(b, a, tmp_path)
    [conflict] = api.list_conflicts(a)
    api.resolve_conflict(a, conflict.id)
    send(a, b, tmp_path)  # the decision travels too
    assert data(a) == data(b)
    assert [p.scope for p in api.peers_status(a)] == ["Riverside hub"]  # by its name now
