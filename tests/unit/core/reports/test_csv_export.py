"""A coordinator exports a table to CSV for a spreadsheet: complete or not at all, never
private text, always in the audit trail."""

from __future__ import annotations

import csv
from datetime import UTC, datetime

import pytest

from clinicapp.core.errors import ValidationError
from clinicapp.core.models import Attendance, Member, Session, Visibility
from clinicapp.core.reports import csv_export
from clinicapp.core.services import audit, groups
from clinicapp.core.sync.clock import utcnow
from tests.unit.core.services import builders


def read(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def exports(tmp_path):
    """A folder of its own (the data folder also lives under tmp_path)."""
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


@pytest.fixture
def group(db):
    return groups.create(db, "Terrace small group")


def test_a_table_is_exported_live_rows_only_and_the_export_is_audited(db, group, exports):
    kept = builders.learning_session(db, group.id, "Huddles",
                                     objectives=("Run a huddle", "Track actions"))
    gone = builders.learning_session(db, group.id, "Deleted one")
    with db.write() as session:
        session.get(Session, gone.id).deleted_at = utcnow()
    out = exports / "sessions.csv"

    assert csv_export.export_csv(db, "sessions", out, actor="coordinator") == 1
    rows = read(out)
    assert next(iter(rows[0])) == "id"
    assert [r["id"] for r in rows] == [kept.id]
    assert rows[0]["status"] == "completed"
    assert rows[0]["objectives"] == '["Run a huddle", "Track actions"]'
    assert rows[0]["scheduled_start"] == "2025-03-04T18:00:00+00:00"
    assert rows[0]["deleted_at"] == ""
    entry = audit.list_entries(db, action="export_csv").items[0]
    assert (entry.detail, entry.actor) == ("sessions: 1 rows to sessions.csv", "coordinator")
    assert list(exports.iterdir()) == [out]  # no temporary file left beside it


def test_journal_keys_and_private_reflections_never_leave(db, group, exports):
    author = builders.member(db, "Dr. Noor Ahmadi", group.id)
    with db.write() as session:
        member = session.get(Member, author.id)
        member.journal_recipient = "age1secretrecipient"
        member.journal_identity_sealed = "SEALED-IDENTITY"
    session_row = builders.learning_session(db, group.id, "End-of-life care")
    shared = builders.reflection(db, session_row.id, author.id, "Families value timing")
    # A private row with text wrongly left in its plain columns: blanked all the same.
    private = builders.reflection(db, session_row.id, author.id, "my private worry",
                                  visibility=Visibility.PRIVATE, sealed="AGE-CIPHERTEXT")

    csv_export.export_csv(db, "members", exports / "members.csv")
    members_text = (exports / "members.csv").read_text("utf-8-sig")
    assert "journal" not in members_text.splitlines()[0]
    assert "SEALED-IDENTITY" not in members_text and "age1secret" not in members_text

    csv_export.export_csv(db, "reflections", exports / "reflections.csv")
    rows = {r["id"]: r for r in read(exports / "reflections.csv")}
    assert "sealed" not in rows[shared.id]
    assert rows[shared.id]["what"] == "Families value timing"
    assert rows[private.id]["what"] == ""
    assert "private worry" not in (exports / "reflections.csv").read_text("utf-8-sig")
    assert "AGE-CIPHERTEXT" not in (exports / "reflections.csv").read_text("utf-8-sig")


def test_cells_that_look_like_formulas_are_defused(db, group, exports):
    builders.member(db, "=HYPERLINK(\"http://evil\")", group.id)
    csv_export.export_csv(db, "members", exports / "m.csv")
    assert read(exports / "m.csv")[0]["full_name"] == "'=HYPERLINK(\"http://evil\")"


def test_credits_list_one_line_per_credited_attendance_with_its_credit_year(db, group,
                                                                            exports):
    person = builders.member(db, "Dr. Zoé Côté", group.id)
    june = builders.learning_session(db, group.id, "June module",
                                     datetime(2025, 6, 30, 18, tzinfo=UTC))
    july = builders.learning_session(db, group.id, "July module",
                                     datetime(2025, 7, 2, 18, tzinfo=UTC))
    absent = builders.learning_session(db, group.id, "Missed module")
    with db.write() as session:
        session.add_all([
            Attendance(session_id=june.id, member_id=person.id, minutes_attended=90,
                       credits=1.5, certificate_number="CA-2025-A"),
            Attendance(session_id=july.id, member_id=person.id, minutes_attended=60,
                       credits=1.0, certificate_number="CA-2025-B"),
            Attendance(session_id=absent.id, member_id=person.id, minutes_attended=0,
                       credits=0.0),
        ])
    assert csv_export.export_csv(db, "credits", exports / "credits.csv") == 2
    rows = read(exports / "credits.csv")
    assert [(r["certificate_number"], r["credits"]) for r in rows] == [
        ("CA-2025-A", "1.5"), ("CA-2025-B", "1.0")]
    assert rows[0]["member"] == "Dr. Zoé Côté"
    years = {r["session"]: r["credit_year"] for r in rows}
    # 30 June closes a credit year and 1 July opens the next (local dates may shift by
    # the time zone, which is why the sessions sit a day away from the edge).
    assert years == {"June module": "2024–2025", "July module": "2025–2026"}


def test_an_unknown_table_names_the_valid_ones_and_writes_nothing(db, exports):
    with pytest.raises(ValidationError) as err:
        csv_export.export_csv(db, "passwords", exports / "x.csv")
    assert err.value.field == "table"
    assert "sessions" in str(err.value) and "credits" in str(err.value)
    assert "\n" not in str(err.value)
    assert list(exports.iterdir()) == []
    assert audit.list_entries(db).total == 0


def test_a_folder_or_missing_folder_is_refused(db, exports):
    with pytest.raises(ValidationError, match="is a folder"):
        csv_export.export_csv(db, "groups", exports)
    with pytest.raises(ValidationError, match="does not exist"):
        csv_export.export_csv(db, "groups", exports / "no" / "groups.csv")


def test_a_failure_part_way_leaves_the_previous_file_untouched(db, group, exports,
                                                               monkeypatch):
    for n in range(3):
        builders.member(db, f"Member {n}", group.id)
    out = exports / "members.csv"
    out.write_text("the previous export\n")
    monkeypatch.setattr(csv_export, "BATCH", 1)

    def interrupted(count: int) -> None:
        if count == 2:
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        csv_export.export_csv(db, "members", out, progress=interrupted)
    assert out.read_text() == "the previous export\n"
    assert list(exports.iterdir()) == [out]
    assert audit.list_entries(db).total == 0
