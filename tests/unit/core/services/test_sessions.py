"""Planning a learning session, running it, cancelling it, and finding it again."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from clinicapp.core.errors import NotFoundError, ValidationError
from clinicapp.core.models import (
    AccreditationBody,
    CreditCategory,
    SessionStatus,
)
from clinicapp.core.services import attendance, groups, members, sessions
from clinicapp.core.storage.seed import topic_id

START = datetime(2025, 3, 4, 18, 0, tzinfo=UTC)


def local(*args: int) -> datetime:
    """A wall-clock time on this workstation (the list filters work in local days)."""
    return datetime(*args).astimezone()


@pytest.fixture
def group(db):
    return groups.create(db, "Kootenay learning circle")


def test_a_planned_session_keeps_what_the_facilitator_entered(db, group):
    lead = members.create(db, "Amrit Gill")
    row = sessions.plan(db, group.id, "  Opioid agonist therapy ", START,
                        topic_id=topic_id("Opioid agonist therapy"),
                        objectives=["Start OAT safely", "  ", "Know the supports "],
                        planned_minutes=120, location="Clinic boardroom",
                        facilitator_ids=[lead.id, lead.id], credits_per_hour=2.0,
                        max_credits=4.0, certification_id="MP-12345")
    stored = sessions.get(db, row.id)
    assert stored.title == "Opioid agonist therapy"
    assert stored.status is SessionStatus.PLANNED
    assert stored.objectives == ["Start OAT safely", "Know the supports"]
    assert stored.facilitator_ids == [lead.id]
    assert stored.scheduled_start == START
    assert (stored.planned_minutes, stored.credits_per_hour, stored.max_credits) == (
        120, 2.0, 4.0)
    assert stored.accreditation_body is AccreditationBody.MAINPRO_PLUS
    assert stored.credit_category is CreditCategory.CERTIFIED


def test_defaults_are_an_hour_at_one_certified_mainpro_credit_per_hour(db, group):
    stored = sessions.get(db, sessions.plan(db, group.id, "Huddles", START).id)
    assert (stored.planned_minutes, stored.credits_per_hour, stored.max_credits) == (
        60, 1.0, None)


@pytest.mark.parametrize(("values", "field"), [
    ({"title": ""}, "title"),
    ({"scheduled_start": datetime(2025, 3, 4, 18)}, "scheduled_start"),  # no time zone
    ({"planned_minutes": 10}, "planned_minutes"),
    ({"planned_minutes": 13 * 60}, "planned_minutes"),
    ({"credits_per_hour": 3.5}, "credits_per_hour"),
    ({"credits_per_hour": -1}, "credits_per_hour"),
    ({"max_credits": 101}, "max_credits"),
    ({"accreditation_body": "college of cooks"}, "accreditation_body"),
    ({"credit_category": "gold"}, "credit_category"),
    ({"objectives": ["o" * 501]}, "objectives"),
    ({"facilitator_ids": ["nobody"]}, "facilitator_ids"),
    ({"location": "l" * 301}, "location"),
    ({"status": "completed"}, "status"),  # not a field the planner sets
])
def test_a_session_breaking_a_rule_is_refused_with_the_field_named(db, group, values, field):
    title = values.pop("title", "Huddles")
    start = values.pop("scheduled_start", START)
    with pytest.raises(ValidationError) as err:
        sessions.plan(db, group.id, title, start, **values)
    assert err.value.field == field
    assert sessions.list_sessions(db).total == 0


def test_a_session_for_an_unknown_group_or_topic_is_refused(db, group):
    with pytest.raises(NotFoundError):
        sessions.plan(db, "no-such-group", "Huddles", START)
    with pytest.raises(NotFoundError):
        sessions.plan(db, group.id, "Huddles", START, topic_id="no-such-topic")


def test_update_changes_the_plan_and_validates_it(db, group):
    row = sessions.plan(db, group.id, "Huddles", START)
    sessions.update(db, row.id, planned_minutes=90, location="Library",
                    objectives=["Run a 5-minute huddle"])
    stored = sessions.get(db, row.id)
    assert (stored.planned_minutes, stored.location, stored.objectives) == (
        90, "Library", ["Run a 5-minute huddle"])
    with pytest.raises(ValidationError) as err:
        sessions.update(db, row.id, planned_minutes=0)
    assert err.value.field == "planned_minutes"
    assert sessions.get(db, row.id).planned_minutes == 90


def test_planned_then_started_then_completed(db, group):
    row = sessions.plan(db, group.id, "Huddles", START)
    sessions.start(db, row.id, at=START + timedelta(minutes=3))
    running = sessions.get(db, row.id)
    assert running.status is SessionStatus.IN_PROGRESS
    assert running.actual_start == START + timedelta(minutes=3)
    with pytest.raises(ValidationError) as err:
        sessions.start(db, row.id)
    assert err.value.field == "status"
    with pytest.raises(ValidationError) as err:
        sessions.complete(db, row.id, at=START)  # before it started
    assert err.value.field == "actual_end"
    sessions.complete(db, row.id, at=START + timedelta(minutes=63))
    done = sessions.get(db, row.id)
    assert done.status is SessionStatus.COMPLETED
    assert done.actual_end == START + timedelta(minutes=63)
    with pytest.raises(ValidationError):
        sessions.complete(db, row.id)


def test_only_a_planned_session_can_be_cancelled(db, group):
    planned = sessions.plan(db, group.id, "Huddles", START)
    sessions.cancel(db, planned.id)
    assert sessions.get(db, planned.id).status is SessionStatus.CANCELLED
    with pytest.raises(ValidationError) as err:
        sessions.start(db, planned.id)
    assert "cancelled" in str(err.value)
    running = sessions.plan(db, group.id, "Access", START)
    sessions.start(db, running.id, at=START)
    with pytest.raises(ValidationError) as err:
        sessions.cancel(db, running.id)
    assert err.value.field == "status"
    assert "in_progress" in err.value.rule
    assert sessions.get(db, running.id).status is SessionStatus.IN_PROGRESS


def test_a_break_needs_a_started_session_and_must_end_after_it_starts(db, group):
    row = sessions.plan(db, group.id, "Huddles", START)
    with pytest.raises(ValidationError) as err:
        sessions.add_break(db, row.id, START, START + timedelta(minutes=10))
    assert err.value.field == "breaks"
    sessions.start(db, row.id, at=START)
    with pytest.raises(ValidationError) as err:
        sessions.add_break(db, row.id, START + timedelta(minutes=10), START)
    assert err.value.field == "breaks"
    sessions.add_break(db, row.id, START + timedelta(minutes=30), START + timedelta(minutes=40))
    assert len(sessions.get(db, row.id).breaks) == 1


def test_a_completed_session_cannot_be_deleted_but_a_planned_one_can(db, group):
    planned = sessions.plan(db, group.id, "Huddles", START)
    sessions.delete(db, planned.id)
    with pytest.raises(NotFoundError):
        sessions.get(db, planned.id)
    done = sessions.plan(db, group.id, "Access", START)
    sessions.start(db, done.id, at=START)
    sessions.complete(db, done.id, at=START + timedelta(hours=1))
    with pytest.raises(ValidationError) as err:
        sessions.delete(db, done.id)
    assert err.value.field == "status"
    assert [s.title for s in sessions.list_sessions(db).items] == ["Access"]


def test_changing_the_rate_of_a_completed_session_recomputes_credits(db, group):
    person = members.create(db, "Amrit Gill")
    members.add_to_group(db, group.id, person.id)
    row = sessions.plan(db, group.id, "Huddles", START)
    attendance.check_in(db, row.id, person.id, at=START)
    sessions.start(db, row.id, at=START)
    sessions.complete(db, row.id, at=START + timedelta(minutes=90))
    assert attendance.list_for_session(db, row.id)[0][0].credits == 1.5
    sessions.update(db, row.id, credits_per_hour=2.0, max_credits=2.5)
    att = attendance.list_for_session(db, row.id)[0][0]
    assert (att.minutes_attended, att.credits) == (90, 2.5)


def test_a_started_session_cannot_move_to_another_group(db, group):
    other = groups.create(db, "Castlegar hub")
    row = sessions.plan(db, group.id, "Huddles", START)
    sessions.update(db, row.id, group_id=other.id)  # fine while planned
    sessions.start(db, row.id, at=START)
    with pytest.raises(ValidationError) as err:
        sessions.update(db, row.id, group_id=group.id)
    assert err.value.field == "group_id"


# --- finding sessions ---------------------------------------------------------------------

@pytest.fixture
def calendar(db, group):
    """Four sessions in two groups across early March (local times)."""
    other = groups.create(db, "Castlegar hub")
    made = {
        "first": sessions.plan(db, group.id, "EMR tasks", local(2025, 3, 1, 0, 0),
                               location="Nelson boardroom"),
        "late": sessions.plan(db, group.id, "Mental health", local(2025, 3, 3, 23, 59)),
        "other": sessions.plan(db, other.id, "EMR templates", local(2025, 3, 2, 12, 0)),
        "after": sessions.plan(db, group.id, "Wellness", local(2025, 3, 4, 0, 0)),
    }
    sessions.cancel(db, made["late"].id)
    return made, other


def titles(page):
    return [s.title for s in page.items]


def test_dates_are_local_days_with_both_ends_included(db, calendar):
    page = sessions.list_sessions(db, date_from=date(2025, 3, 1), date_to=date(2025, 3, 3),
                                  newest_first=False)
    assert titles(page) == ["EMR tasks", "EMR templates", "Mental health"]
    assert titles(sessions.list_sessions(db, date_from=date(2025, 3, 4))) == ["Wellness"]
    assert titles(sessions.list_sessions(db, date_to=date(2025, 2, 28))) == []


def test_filters_by_status_group_and_words_newest_first(db, group, calendar):
    _made, other = calendar
    assert titles(sessions.list_sessions(db)) == ["Wellness", "Mental health",
                                                  "EMR templates", "EMR tasks"]
    assert titles(sessions.list_sessions(db, status="cancelled")) == ["Mental health"]
    assert titles(sessions.list_sessions(db, status=SessionStatus.PLANNED,
                                         group_id=group.id)) == ["Wellness", "EMR tasks"]
    assert titles(sessions.list_sessions(db, group_id=other.id)) == ["EMR templates"]
    assert titles(sessions.list_sessions(db, search="emr")) == ["EMR templates", "EMR tasks"]
    assert titles(sessions.list_sessions(db, search="emr boardroom")) == ["EMR tasks"]
    with pytest.raises(ValidationError) as err:
        sessions.list_sessions(db, status="postponed")
    assert err.value.field == "status"


def test_sessions_come_in_pages(db, calendar):
    first = sessions.list_sessions(db, limit=3)
    rest = sessions.list_sessions(db, offset=3, limit=3)
    assert (first.total, first.has_more, rest.has_more) == (4, True, False)
    assert titles(first) + titles(rest) == titles(sessions.list_sessions(db))


def test_a_page_without_its_count_and_the_count_apart_agree(db, group, calendar):
    # The Sessions list shows its first rows before counting every match.
    first = sessions.list_sessions(db, limit=2, count=False)
    assert titles(first) == ["Wellness", "Mental health"]
    assert first.total == 3 and first.has_more  # a lower bound: "at least one more"
    last = sessions.list_sessions(db, offset=2, limit=2, count=False)
    assert titles(last) == ["EMR templates", "EMR tasks"]
    assert last.total == 5 and last.has_more  # a full page: maybe more
    assert sessions.list_sessions(db, offset=4, limit=2, count=False).total == 4
    assert sessions.count_sessions(db) == sessions.list_sessions(db).total == 4
    assert sessions.count_sessions(db, search="emr boardroom") == 1
    assert sessions.count_sessions(db, status=SessionStatus.PLANNED, group_id=group.id) == 2
