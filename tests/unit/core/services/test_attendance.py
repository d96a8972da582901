"""Taking attendance at a session and the credits it earns.

Credits follow time attended (DOMAIN.md): arrival to departure clipped to the session,
minus breaks, times credits per hour, capped at the session's maximum, rounded down to
the step setting (0.25 by default).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from clinicapp.core.errors import NotFoundError, ValidationError
from clinicapp.core.models import AttendanceStatus, Change, Role
from clinicapp.core.services import attendance, groups, members, sessions
from clinicapp.core.services import settings as app_settings

T0 = datetime(2025, 3, 4, 18, 0, tzinfo=UTC)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


@pytest.fixture
def group(db):
    return groups.create(db, "Trail learning circle")


@pytest.fixture
def people(db, group):
    made = {}
    for name, role in (("Amrit Gill", Role.PHYSICIAN), ("Bea Lund", Role.NURSE),
                       ("Carl Ng", Role.MOA), ("Dana Ortiz", Role.PHYSICIAN)):
        made[name.split()[0].lower()] = person = members.create(db, name, role)
        members.add_to_group(db, group.id, person.id)
    return made


def plan(db, group, **values):
    return sessions.plan(db, group.id, "EMR messaging and tasks", T0, **values)


def record(db, session_id):
    """Each attendee's record by first name."""
    return {m.full_name.split()[0].lower(): a
            for a, m in attendance.list_for_session(db, session_id)}


def test_check_in_before_the_start_counts_from_the_start(db, group, people):
    row = plan(db, group)
    attendance.check_in(db, row.id, people["amrit"].id, at=at(-15))
    sessions.start(db, row.id, at=at(0))
    att = record(db, row.id)["amrit"]
    assert att.status is AttendanceStatus.PRESENT
    assert att.arrived_at == at(0)


def test_arriving_more_than_ten_minutes_after_the_start_is_late(db, group, people):
    row = plan(db, group)
    sessions.start(db, row.id, at=at(0))
    attendance.check_in(db, row.id, people["amrit"].id, at=at(10))
    attendance.check_in(db, row.id, people["bea"].id, at=at(11))
    seen = record(db, row.id)
    assert seen["amrit"].status is AttendanceStatus.PRESENT
    assert seen["bea"].status is AttendanceStatus.LATE
    assert seen["bea"].arrived_at == at(11)


def test_checking_in_twice_is_refused_by_name(db, group, people):
    row = plan(db, group)
    sessions.start(db, row.id, at=at(0))
    attendance.check_in(db, row.id, people["amrit"].id, at=at(1))
    with pytest.raises(ValidationError) as err:
        attendance.check_in(db, row.id, people["amrit"].id, at=at(2))
    assert err.value.field == "member_id"
    assert "Amrit Gill is already checked in" in str(err.value)
    with pytest.raises(NotFoundError):
        attendance.check_in(db, row.id, "no-such-member", at=at(2))


def test_the_whole_evening_minutes_and_credits_exactly_per_the_rules(db, group, people):
    """Amrit stays 59 minutes: 0.75 credits, never 1. Bea comes 20 minutes late and
    leaves at the end. Carl leaves after the break. Dana is absent."""
    row = plan(db, group, planned_minutes=60)
    attendance.check_in(db, row.id, people["amrit"].id, at=at(-5))
    attendance.check_in(db, row.id, people["carl"].id, at=at(0))
    sessions.start(db, row.id, at=at(0))
    attendance.check_in(db, row.id, people["bea"].id, at=at(20))
    attendance.mark_absent(db, row.id, people["dana"].id)
    sessions.add_break(db, row.id, at(30), at(40))
    attendance.check_out(db, row.id, people["carl"].id, at=at(45))
    sessions.complete(db, row.id, at=at(69))

    seen = record(db, row.id)
    figures = {name: (a.status, a.minutes_attended, a.credits) for name, a in seen.items()}
    assert figures == {
        "amrit": (AttendanceStatus.PRESENT, 59, 0.75),  # 69 minutes minus a 10-minute break
        "bea": (AttendanceStatus.LATE, 39, 0.5),  # 20 → 69 less the break
        "carl": (AttendanceStatus.LEFT_EARLY, 35, 0.5),  # 0 → 45 less the break
        "dana": (AttendanceStatus.ABSENT, 0, 0.0),
    }
    assert seen["amrit"].left_at == at(69)  # still in the room at the end
    assert seen["dana"].certificate_number == ""


def test_credits_per_hour_and_the_certified_maximum(db, group, people):
    row = plan(db, group, planned_minutes=180, credits_per_hour=3.0, max_credits=4.0)
    sessions.start(db, row.id, at=at(0))
    attendance.check_in(db, row.id, people["amrit"].id, at=at(0))
    attendance.check_in(db, row.id, people["bea"].id, at=at(0))
    attendance.check_out(db, row.id, people["bea"].id, at=at(50))
    sessions.complete(db, row.id, at=at(180))
    seen = record(db, row.id)
    assert (seen["amrit"].minutes_attended, seen["amrit"].credits) == (180, 4.0)  # capped
    assert (seen["bea"].minutes_attended, seen["bea"].credits) == (50, 2.5)


def test_fifty_nine_minutes_earn_three_quarters_of_a_credit_never_one(db, group, people):
    row = plan(db, group)
    sessions.start(db, row.id, at=at(0))
    attendance.check_in(db, row.id, people["amrit"].id, at=at(0))
    sessions.complete(db, row.id, at=at(59))
    att = record(db, row.id)["amrit"]
    assert (att.minutes_attended, att.credits) == (59, 0.75)


def test_the_rounding_step_is_a_setting(db, group, people):
    with db.write() as session:
        app_settings.set_value(session, "credit_rounding_step", 0.5)
    row = plan(db, group)
    sessions.start(db, row.id, at=at(0))
    attendance.check_in(db, row.id, people["amrit"].id, at=at(0))
    sessions.complete(db, row.id, at=at(59))
    assert record(db, row.id)["amrit"].credits == 0.5


def test_certificate_numbers_are_unique_and_stay_the_same(db, group, people):
    row = plan(db, group)
    sessions.start(db, row.id, at=at(0))
    for name in ("amrit", "bea", "carl"):
        attendance.check_in(db, row.id, people[name].id, at=at(1))
    sessions.complete(db, row.id, at=at(61))
    numbers = {name: a.certificate_number for name, a in record(db, row.id).items()}
    assert len(set(numbers.values())) == 3
    assert all(re.fullmatch(r"CA-2025-[0-9A-F]{10}", n) for n in numbers.values())
    sessions.update(db, row.id, credits_per_hour=2.0)
    attendance.set_minutes(db, row.id, people["bea"].id, 30)
    again = {name: a.certificate_number for name, a in record(db, row.id).items()}
    assert again == numbers


def test_a_hand_correction_of_minutes_sets_the_credits_and_survives_a_rate_change(
        db, group, people):
    row = plan(db, group)
    sessions.start(db, row.id, at=at(0))
    attendance.check_in(db, row.id, people["amrit"].id, at=at(0))
    with pytest.raises(ValidationError) as err:
        attendance.set_minutes(db, row.id, people["amrit"].id, 45)  # not completed yet
    assert err.value.field == "minutes_attended"
    sessions.complete(db, row.id, at=at(60))
    attendance.set_minutes(db, row.id, people["amrit"].id, 45)
    att = record(db, row.id)["amrit"]
    assert (att.minutes_attended, att.credits) == (45, 0.75)
    sessions.update(db, row.id, credits_per_hour=2.0)
    att = record(db, row.id)["amrit"]
    assert (att.minutes_attended, att.credits) == (45, 1.5)
    with pytest.raises(ValidationError) as err:
        attendance.set_minutes(db, row.id, people["amrit"].id, -1)
    assert err.value.field == "minutes_attended"
    with pytest.raises(ValidationError) as err:
        attendance.set_minutes(db, row.id, people["dana"].id, 30)  # never came
    assert err.value.field == "member_id"
    with db.read() as session:
        logged = session.scalars(select(Change.field).where(
            Change.tbl == "attendance", Change.row_id == att.id)).all()
    assert "minutes_attended" in logged and "credits" in logged


def test_a_break_added_after_completion_recomputes_credits(db, group, people):
    row = plan(db, group, planned_minutes=120)
    sessions.start(db, row.id, at=at(0))
    attendance.check_in(db, row.id, people["amrit"].id, at=at(0))
    sessions.complete(db, row.id, at=at(120))
    assert record(db, row.id)["amrit"].credits == 2.0
    sessions.add_break(db, row.id, at(60), at(75))
    att = record(db, row.id)["amrit"]
    assert (att.minutes_attended, att.credits) == (105, 1.75)


def test_attendance_stops_once_the_session_is_completed_or_cancelled(db, group, people):
    row = plan(db, group)
    sessions.start(db, row.id, at=at(0))
    sessions.complete(db, row.id, at=at(60))
    with pytest.raises(ValidationError) as err:
        attendance.check_in(db, row.id, people["amrit"].id, at=at(61))
    assert err.value.field == "status"
    cancelled = plan(db, group)
    sessions.cancel(db, cancelled.id)
    with pytest.raises(ValidationError):
        attendance.mark_absent(db, cancelled.id, people["amrit"].id)


def test_check_out_needs_someone_in_the_room(db, group, people):
    row = plan(db, group)
    sessions.start(db, row.id, at=at(0))
    with pytest.raises(ValidationError) as err:
        attendance.check_out(db, row.id, people["amrit"].id, at=at(5))
    assert "not checked in" in str(err.value)


def test_someone_marked_absent_who_turns_up_is_checked_in(db, group, people):
    row = plan(db, group)
    attendance.mark_absent(db, row.id, people["amrit"].id)
    sessions.start(db, row.id, at=at(0))
    attendance.check_in(db, row.id, people["amrit"].id, at=at(5))
    sessions.complete(db, row.id, at=at(60))
    att = record(db, row.id)["amrit"]
    assert (att.status, att.minutes_attended, att.credits) == (AttendanceStatus.PRESENT, 55, 0.75)
    assert attendance.has_attended(db, people["amrit"].id)
    assert not attendance.has_attended(db, people["dana"].id)


def test_a_walk_in_becomes_a_member_of_the_group_and_is_checked_in(db, group, people):
    row = plan(db, group)
    sessions.start(db, row.id, at=at(0))
    newcomer = attendance.walk_in(db, row.id, " Eve Park ", "nurse", at=at(3))
    assert members.get(db, newcomer.id).role is Role.NURSE
    assert "Eve Park" in [m.full_name for m, _link in members.roster(db, group.id)]
    assert record(db, row.id)["eve"].status is AttendanceStatus.PRESENT
    with pytest.raises(ValidationError) as err:
        attendance.walk_in(db, row.id, "Fay Quinn", "surgeon")
    assert err.value.field == "role"
    with pytest.raises(ValidationError) as err:
        attendance.walk_in(db, row.id, "  ")
    assert err.value.field == "full_name"
    assert members.list_members(db, search="Fay").total == 0


def test_someone_from_another_group_who_comes_joins_the_group(db, group, people):
    elsewhere = groups.create(db, "Castlegar hub")
    visitor = members.create(db, "Gil Stone")
    members.add_to_group(db, elsewhere.id, visitor.id)
    row = plan(db, group)
    sessions.start(db, row.id, at=at(0))
    attendance.check_in(db, row.id, visitor.id, at=at(2))
    assert "Gil Stone" in [m.full_name for m, _link in members.roster(db, group.id)]


def test_check_in_search_by_part_of_a_name_group_first_and_not_those_in_the_room(
        db, group, people):
    outsider = members.create(db, "Ann Gillespie")  # in no group
    members.create(db, "Gillian Old", active=False)
    row = plan(db, group)
    sessions.start(db, row.id, at=at(0))
    assert [m.full_name for m in attendance.candidates(db, row.id, "gil")] == [
        "Amrit Gill", "Ann Gillespie"]
    assert [m.id for m in attendance.candidates(db, row.id, "ann gil")] == [outsider.id]
    assert attendance.candidates(db, row.id, "   ") == []
    attendance.check_in(db, row.id, people["amrit"].id, at=at(1))
    assert [m.full_name for m in attendance.candidates(db, row.id, "gil")] == ["Ann Gillespie"]
    attendance.check_out(db, row.id, people["amrit"].id, at=at(30))
    assert attendance.candidates(db, row.id, "gil")[0].full_name == "Amrit Gill"


def test_a_members_record_lists_their_sessions_newest_first(db, group, people):
    older = plan(db, group)
    newer = sessions.plan(db, group.id, "Huddles", T0 + timedelta(days=7))
    for row, start in ((older, T0), (newer, T0 + timedelta(days=7))):
        sessions.start(db, row.id, at=start)
        attendance.check_in(db, row.id, people["bea"].id, at=start)
        sessions.complete(db, row.id, at=start + timedelta(minutes=90))
    history = attendance.list_for_member(db, people["bea"].id)
    assert [(s.title, a.credits) for a, s in history] == [
        ("Huddles", 1.5), ("EMR messaging and tasks", 1.5)]


def test_stepping_out_and_back_is_one_stay_and_a_late_arrival_stays_late(db, group, people):
    row = plan(db, group)
    sessions.start(db, row.id, at=at(0))
    attendance.check_in(db, row.id, people["bea"].id, at=at(15))
    attendance.check_out(db, row.id, people["bea"].id, at=at(30))
    assert record(db, row.id)["bea"].status is AttendanceStatus.LEFT_EARLY
    attendance.check_in(db, row.id, people["bea"].id, at=at(35))
    sessions.complete(db, row.id, at=at(75))
    att = record(db, row.id)["bea"]
    assert (att.status, att.arrived_at, att.minutes_attended) == (
        AttendanceStatus.LATE, at(15), 60)


def test_times_without_a_zone_or_a_departure_before_arrival_are_refused(db, group, people):
    row = plan(db, group)
    with pytest.raises(ValidationError) as err:
        sessions.start(db, row.id, at=datetime(2025, 3, 4, 18, 0))
    assert err.value.field == "actual_start"
    sessions.start(db, row.id, at=at(0))
    with pytest.raises(ValidationError) as err:
        attendance.check_in(db, row.id, people["amrit"].id, at=datetime(2025, 3, 4, 18, 5))
    assert err.value.field == "arrived_at"
    attendance.check_in(db, row.id, people["amrit"].id, at=at(5))
    with pytest.raises(ValidationError) as err:
        attendance.check_out(db, row.id, people["amrit"].id, at=at(4))
    assert err.value.field == "left_at"
    assert record(db, row.id)["amrit"].left_at is None


def test_a_break_overlapping_another_is_refused_so_no_minute_counts_twice(db, group, people):
    row = plan(db, group, planned_minutes=120)
    sessions.start(db, row.id, at=at(0))
    attendance.check_in(db, row.id, people["amrit"].id, at=at(0))
    sessions.add_break(db, row.id, at(60), at(75))
    with pytest.raises(ValidationError) as err:
        sessions.add_break(db, row.id, at(70), at(80))
    assert err.value.field == "breaks" and "overlaps" in err.value.rule
    sessions.add_break(db, row.id, at(75), at(80))  # right after the first is fine
    sessions.complete(db, row.id, at=at(120))
    assert record(db, row.id)["amrit"].minutes_attended == 100


def test_a_mistaken_check_in_is_undone_only_while_the_session_is_open(db, group, people):
    row = plan(db, group)
    sessions.start(db, row.id, at=at(0))
    attendance.check_in(db, row.id, people["amrit"].id, at=at(1))
    attendance.check_in(db, row.id, people["bea"].id, at=at(1))
    attendance.remove(db, row.id, people["bea"].id)
    assert set(record(db, row.id)) == {"amrit"}
    with pytest.raises(ValidationError):
        attendance.remove(db, row.id, people["bea"].id)  # nothing left to remove
    sessions.complete(db, row.id, at=at(60))
    with pytest.raises(ValidationError) as refused:
        attendance.remove(db, row.id, people["amrit"].id)
    assert refused.value.field == "status"  # a credit record is corrected, never removed
