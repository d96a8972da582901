"""Demo data: a believable clinic, written like real records (change rows, credits by the
rules, group-visible reflections only), reproducible by seed, committed in chunks."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from clinicapp.core.errors import ValidationError
from clinicapp.core.models import (
    SYNCED_MODELS,
    AccreditationBody,
    ActionItem,
    Attendance,
    Change,
    ItemStatus,
    Membership,
    PracticeCommitment,
    Reflection,
    Session,
    SessionStatus,
    Visibility,
)
from clinicapp.core.rules.credits import attended_minutes, credits_for
from clinicapp.core.services import audit, today
from clinicapp.core.storage.db import Database
from clinicapp.demo import generate as demo
from clinicapp.paths import resolve
from tests.conftest import PASSPHRASE

AS_OF = date(2025, 5, 15)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """A year of two groups, made once for the tests that read it (about 3 s a time): the
    two that try to write to it again check that a refused run writes nothing."""
    db, _code = Database.create(resolve(tmp_path_factory.mktemp("demo") / "data"),
                                PASSPHRASE, name="test workstation")
    summary = demo.generate(db, groups=2, years=1, seed=7, as_of=AS_OF)
    yield db, summary
    db.close()


def rows(db, model):
    with db.read() as session:
        return list(session.scalars(select(model)).all())


def test_a_year_of_two_groups_looks_like_a_clinic(small):
    db, summary = small
    counts = summary.counts
    assert counts["groups"] == 2
    assert 16 <= counts["members"] <= 30
    assert 40 <= counts["sessions"] <= 110  # 2-4 sessions a month per group
    assert counts["attendance"] > 6 * counts["sessions"] * 0.8
    assert counts["reflections"] > counts["attendance"] * 0.35
    assert counts["commitments"] > 0 and counts["evaluations"] > 0
    assert counts["support_requests"] == 2 * 4
    sessions = rows(db, Session)
    assert {s.status for s in sessions} >= {SessionStatus.COMPLETED, SessionStatus.PLANNED}
    assert all(s.scheduled_start.date() > AS_OF for s in sessions
               if s.status is SessionStatus.PLANNED)
    assert {s.accreditation_body for s in sessions} >= {AccreditationBody.MAINPRO_PLUS}


def test_credits_follow_the_credit_rules_and_certificates_are_unique(small):
    db, _ = small
    sessions = {s.id: s for s in rows(db, Session)}
    attendance = rows(db, Attendance)
    for row in attendance:
        s = sessions[row.session_id]
        breaks = [(datetime.fromisoformat(a), datetime.fromisoformat(b)) for a, b in s.breaks]
        minutes = (attended_minutes(row.arrived_at, row.left_at, s.actual_start,
                                    s.actual_end, breaks) if row.arrived_at else 0)
        expected = (0.0 if s.accreditation_body is AccreditationBody.NONE
                    else credits_for(minutes, s.credits_per_hour, s.max_credits, 0.25))
        assert (row.minutes_attended, row.credits) == (minutes, expected)
        assert bool(row.certificate_number) == (expected > 0)
    numbers = [a.certificate_number for a in attendance if a.certificate_number]
    assert len(numbers) == len(set(numbers)) > 0
    assert any(s.max_credits for s in sessions.values())  # some FMPE sessions with a cap


def test_attendance_only_for_members_of_the_sessions_group(small):
    db, _ = small
    sessions = {s.id: s for s in rows(db, Session)}
    members_of = {(m.group_id, m.member_id) for m in rows(db, Membership)}
    for row in rows(db, Attendance):
        assert (sessions[row.session_id].group_id, row.member_id) in members_of
        assert sessions[row.session_id].status is SessionStatus.COMPLETED


def test_reflections_are_group_visible_and_commitments_are_followed_up_when_due(small):
    db, _ = small
    assert {r.visibility for r in rows(db, Reflection)} == {Visibility.GROUP}
    assert all(r.sealed == "" and r.what for r in rows(db, Reflection))
    commitments = rows(db, PracticeCommitment)
    assert all(c.followed_up_on is None for c in commitments if c.followup_due > AS_OF)
    followed = [c for c in commitments if c.followed_up_on is not None]
    assert followed and all(c.followup_outcome is not None for c in followed)
    assert all(c.followed_up_on <= AS_OF for c in followed)
    # the Today page has something to show
    board = today.dashboard(db, AS_OF)
    assert board.upcoming_sessions and board.followups_due


def test_action_items_come_in_every_status(small):
    db, _ = small
    assert {i.status for i in rows(db, ActionItem)} == set(ItemStatus)


def test_every_row_is_recorded_for_sync(small):
    db, summary = small
    with db.read() as session:
        recorded = dict(session.execute(
            select(Change.tbl, func.count(func.distinct(Change.row_id))).group_by(Change.tbl)
        ).all())
    for table, count in summary.counts.items():
        assert recorded[table] == count, table


def test_demo_data_is_audited_with_its_last_rows_whoever_asked(small):
    db, _summary = small
    entries = audit.list_entries(db, action="demo_data").items
    assert [(e.action, e.detail) for e in entries] == [("demo_data", "seed 7: 2 groups, 1 years")]
    with db.read() as session:  # written like any entry: with its change rows
        logged = session.scalar(select(func.count()).select_from(Change).where(
            Change.tbl == "audit_entries", Change.row_id == entries[0].id))
    assert logged


def test_a_refused_demo_run_writes_no_audit_entry(small):
    db, _summary = small
    with pytest.raises(ValidationError):
        demo.generate(db, groups=2, years=1, seed=7, as_of=AS_OF)
    assert len(audit.list_entries(db, action="demo_data").items) == 1


def test_the_same_seed_gives_the_same_records(small, make_db):
    db, _ = small
    other = make_db("second")
    demo.generate(other, groups=2, years=1, seed=7, as_of=AS_OF)

    def content(database):
        out = {}
        for model in SYNCED_MODELS:
            if model.__tablename__ == "audit_entries":  # when this run was, not the data
                continue
            columns = [c for c in model.__table__.columns if c.name != "updated_at"]
            with database.read() as session:
                out[model.__tablename__] = sorted(
                    tuple(map(repr, r)) for r in session.execute(select(*columns)).all())
        return out

    assert content(db) == content(other)
    third = make_db("third")
    demo.generate(third, groups=2, years=1, seed=8, as_of=AS_OF)
    assert content(third)["members"] != content(db)["members"]


def test_the_same_seed_twice_in_one_database_is_refused(small):
    db, summary = small
    with pytest.raises(ValidationError, match="seed 7 is already in this database"):
        demo.generate(db, groups=2, years=1, seed=7, as_of=AS_OF)
    assert rows(db, Session).__len__() == summary.counts["sessions"]


def test_rows_are_committed_in_chunks(db, monkeypatch):
    monkeypatch.setattr(demo, "CHUNK", 300)
    commits: list[frozenset[str]] = []
    db.on_commit(commits.append)
    progress: list[float] = []
    summary = demo.generate(db, groups=1, years=1, seed=3, as_of=AS_OF,
                            progress=lambda fraction, _message: progress.append(fraction))
    total = sum(summary.counts.values())
    assert summary.chunks == len(commits) == -(-total // 300)
    assert progress == sorted(progress) and progress[-1] == 1.0


@pytest.mark.parametrize(("groups", "years"), [(0, 1), (51, 1), (2, 0), (2, 11)])
def test_sizes_outside_the_limits_are_refused(db, groups, years):
    with pytest.raises(ValidationError):
        demo.generate(db, groups=groups, years=years)


@pytest.mark.slow
def test_five_years_of_a_busy_clinic_look_like_one(db):
    # How fast it is made (the issue asks for under 30 s) is measured by the benchmark
    # suite, which times `clinicapp demo-data --years 5`; a loaded CI machine says nothing.
    summary = demo.generate(db, as_of=AS_OF)
    counts = summary.counts
    assert 900 <= counts["sessions"] <= 1500
    assert 10_000 <= counts["attendance"] <= 15_000
    assert counts["reflections"] >= 5_000
    board = today.dashboard(db, AS_OF)
    assert board.followups_due
