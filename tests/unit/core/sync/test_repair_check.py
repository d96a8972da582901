"""A clock repair moves its author's changes, never drops or alters one: a trusted
workstation turned hostile cannot erase its own audit entries or records by "repairing"
them, through the real bundle path (the victim's database is unchanged)."""

from __future__ import annotations

from sqlalchemy import select

from clinicapp.core.models import Change, ClockRepair, Group
from clinicapp.core.services import audit, groups
from clinicapp.core.sync import api
from clinicapp.core.sync.clock import utcnow
from clinicapp.core.sync.ranges import RangeSet
from tests.unit.core.sync.helpers import send
from tests.unit.core.sync.test_authority_attacks import clinics, hostile_export, refused

__all__ = ["clinics"]  # the fixture


def seqs_of(db, tbl: str, row_id: str) -> RangeSet:
    out = RangeSet()
    with db.read() as session:
        for seq in session.scalars(select(Change.seq).where(
                Change.tbl == tbl, Change.row_id == row_id, Change.origin == db.replica_id)):
            out.add(seq)
    return out


def write_repair(db, voided: RangeSet, reissued: RangeSet) -> None:
    with db.write() as session:
        session.add(ClockRepair(origin=db.replica_id, voided=voided.to_json(),
                                reissued=reissued.to_json(), offset_ms=3_600_000,
                                repaired_at=utcnow()))


def test_a_repair_that_voids_its_audit_entry_without_reissuing_it_is_refused(
        clinics, tmp_path):
    _victim, hostile, office = clinics
    own = audit.log(hostile, "print_statement", "Lakes statements")
    send(hostile, office, tmp_path)
    entry = seqs_of(hostile, "audit_entries", own.id)
    write_repair(hostile, entry, RangeSet())
    message = refused(office, hostile_export(hostile, office, tmp_path), "out_of_scope")
    assert f"lakes's clock repair voids {entry.count} of its changes but re-issues 0" \
        in message
    assert "must re-issue every change it voids" in message
    assert any(e.id == own.id for e in audit.list_entries(office).items)


def test_a_repair_that_reissues_something_else_is_refused(clinics, tmp_path):
    _victim, hostile, office = clinics
    [lakes] = [g for g in groups.list_groups(hostile).items if g.name == "Lakes"]
    other = groups.create(hostile, "Somewhere else")  # as many changes as Lakes had
    voided, reissued = seqs_of(hostile, "groups", lakes.id), seqs_of(hostile, "groups",
                                                                     other.id)
    assert voided.count == reissued.count
    write_repair(hostile, voided, reissued)
    message = refused(office, hostile_export(hostile, office, tmp_path), "out_of_scope")
    assert "lakes's clock repair re-issues its change" in message
    assert "never alter it" in message
    with office.read() as session:
        assert session.get(Group, lakes.id).name == "Lakes"


def test_a_repair_that_voids_its_own_reissue_is_refused(clinics, tmp_path):
    _victim, hostile, office = clinics
    [lakes] = [g for g in groups.list_groups(hostile).items if g.name == "Lakes"]
    seqs = seqs_of(hostile, "groups", lakes.id)
    write_repair(hostile, seqs, seqs)
    message = refused(office, hostile_export(hostile, office, tmp_path), "out_of_scope")
    assert "re-issues some of those same ones" in message
    assert api.list_conflicts(office) == []
