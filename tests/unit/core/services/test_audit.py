"""The audit trail: who exported, printed, synced or failed to unlock what, and when."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from clinicapp.core.errors import ValidationError
from clinicapp.core.models import Change, Group
from clinicapp.core.services import audit
from clinicapp.core.sync import clock


@pytest.fixture
def fixed_clock():
    moments = itertools.count(1_750_000_000, 60)  # a minute passes at every reading
    clock.set_wall_clock(lambda: float(next(moments)))
    yield
    clock.set_wall_clock(None)


def test_entries_list_newest_first_and_filter_by_action(db, fixed_clock):
    audit.log(db, "backup", "clinicapp-20250615.db", actor="frontdesk")
    audit.log(db, "export_csv", "sessions: 120 rows to sessions.csv", actor="frontdesk")
    audit.log(db, "print_report", "credit statement", actor="dr.roy")
    page = audit.list_entries(db)
    assert [e.action for e in page.items] == ["print_report", "export_csv", "backup"]
    assert page.items[0].at > page.items[1].at
    assert page.items[0].replica_id == db.replica_id
    assert [e.detail for e in audit.list_entries(db, action="backup").items] == [
        "clinicapp-20250615.db"]
    assert audit.list_entries(db, offset=2, limit=5).items[0].action == "backup"


def test_entries_sync_like_any_record(db):
    entry = audit.log(db, "export_bundle", "to central office")
    with db.read() as session:
        fields = set(session.scalars(select(Change.field).where(Change.row_id == entry.id)))
    assert {"action", "detail", "actor", "at"} <= fields


def test_record_joins_the_callers_transaction(db):
    with pytest.raises(RuntimeError), db.write() as session:
        audit.record(session, "restore", "from backup")
        session.add(Group(name="will roll back"))
        raise RuntimeError("the surrounding use case failed")
    assert audit.list_entries(db).total == 0


def test_the_actor_defaults_to_the_workstation_login(db):
    entry = audit.log(db, "journal_opened")
    assert entry.actor == audit.default_actor()
    assert entry.at <= datetime.now(UTC)


def test_detail_is_one_bounded_line_and_action_a_short_word(db):
    entry = audit.log(db, "export_csv", "members:\n 12 rows")
    assert entry.detail == "members: 12 rows"
    with pytest.raises(ValidationError, match="detail"):
        audit.log(db, "export_csv", "x" * 501)
    with pytest.raises(ValidationError, match="action"):
        audit.log(db, "Export CSV!")
