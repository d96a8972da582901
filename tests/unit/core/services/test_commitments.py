"""A commitment to change practice at the end of a session, and its follow-up about
three months later (DOMAIN.md)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime

import pytest

from clinicapp.core.errors import NotFoundError, ValidationError
from clinicapp.core.models import Outcome, Stance
from clinicapp.core.services import commitments, groups, members, sessions
from clinicapp.core.services import settings as app_settings
from clinicapp.core.services.commitments import add_months
from clinicapp.core.sync import clock


@pytest.fixture
def today_is() -> Iterator[Callable[[date], None]]:
    """Set the workstation's "today" (noon local time)."""
    def fix(day: date) -> None:
        noon = datetime(day.year, day.month, day.day, 12).timestamp()
        clock.set_wall_clock(lambda: noon)

    yield fix
    clock.set_wall_clock(None)


@pytest.fixture
def people(db):
    group = groups.create(db, "Selkirk primary care group")
    maria = members.create(db, "Maria Lopez")
    dana = members.create(db, "Dana Whitefeather", "moa")
    for person in (maria, dana):
        members.add_to_group(db, group.id, person.id)
    return group, maria, dana


def evening(db, group, day: date):
    return sessions.plan(db, group.id, "Opioid tapering",
                         datetime(day.year, day.month, day.day, 18).astimezone())


def test_the_follow_up_falls_due_three_months_after_the_session(db, people, today_is):
    group, maria, _dana = people
    today_is(date(2025, 1, 20))
    row = evening(db, group, date(2024, 11, 6))
    made = commitments.create(db, maria.id, row.id, "  Offer a taper plan to every patient ",
                              "will_change", confidence=4, barriers=" Time ",
                              target_date=date(2025, 1, 31))
    stored = commitments.get(db, made.id)
    assert stored.followup_due == date(2025, 2, 6)
    assert (stored.change, stored.barriers, stored.stance, stored.confidence) == (
        "Offer a taper plan to every patient", "Time", Stance.WILL_CHANGE, 4)
    assert stored.followup_outcome is None
    assert [c.id for c in commitments.list_for_session(db, row.id)] == [made.id]
    assert [c.id for c in commitments.list_for_member(db, maria.id)] == [made.id]


def test_without_a_session_the_follow_up_counts_from_today(db, people, today_is):
    _group, maria, _dana = people
    today_is(date(2025, 3, 12))
    made = commitments.create(db, maria.id, None, "Use the EMR panel search monthly")
    assert made.followup_due == date(2025, 6, 12)


def test_the_follow_up_interval_is_a_setting_and_months_end_safely(db, people, today_is):
    group, maria, _dana = people
    today_is(date(2025, 3, 1))
    with db.write() as session:
        app_settings.set_value(session, "followup_months", 2)
    made = commitments.create(db, maria.id, evening(db, group, date(2024, 12, 31)).id,
                              "Book a huddle every Monday")
    assert made.followup_due == date(2025, 2, 28)
    assert add_months(date(2024, 11, 30), 3) == date(2025, 2, 28)
    assert add_months(date(2023, 11, 29), 3) == date(2024, 2, 29)
    assert add_months(date(2025, 10, 15), 3) == date(2026, 1, 15)


def test_due_for_follow_up_lists_open_commitments_longest_waiting_first(db, people, today_is):
    group, maria, dana = people
    today_is(date(2025, 3, 12))
    november = evening(db, group, date(2024, 11, 6))
    december = evening(db, group, date(2024, 12, 4))
    later = commitments.create(db, maria.id, december.id, "Screen for depression")
    earlier = commitments.create(db, dana.id, november.id, "Pre-book follow-ups")
    commitments.create(db, dana.id, november.id, "Longer visits", Stance.WILL_NOT)
    commitments.create(db, maria.id, None, "Not due yet")  # due in June
    due = commitments.due_for_followup(db)
    assert [c.id for c in due.items] == [earlier.id, later.id]
    assert [c.id for c in commitments.due_for_followup(db, as_of=date(2025, 2, 10)).items] == [
        earlier.id]
    commitments.record_followup(db, earlier.id, "partly", "  Half the visits were booked ")
    assert [c.id for c in commitments.due_for_followup(db).items] == [later.id]
    done = commitments.get(db, earlier.id)
    assert (done.followup_outcome, done.followup_note, done.followed_up_on) == (
        Outcome.PARTLY, "Half the visits were booked", date(2025, 3, 12))


def test_a_follow_up_cannot_be_dated_in_the_future_or_before_the_commitment(
        db, people, today_is):
    group, maria, _dana = people
    today_is(date(2025, 3, 12))
    made = commitments.create(db, maria.id, evening(db, group, date(2024, 11, 6)).id,
                              "Offer a taper plan")
    with pytest.raises(ValidationError) as err:
        commitments.record_followup(db, made.id, Outcome.IMPLEMENTED, on=date(2025, 3, 13))
    assert (err.value.field, "future" in err.value.rule) == ("on", True)
    with pytest.raises(ValidationError) as err:
        commitments.record_followup(db, made.id, Outcome.IMPLEMENTED, on=date(2024, 11, 5))
    assert err.value.field == "on"
    with pytest.raises(ValidationError) as err:
        commitments.record_followup(db, made.id, "finished")
    assert err.value.field == "outcome"
    assert commitments.get(db, made.id).followup_outcome is None
    commitments.record_followup(db, made.id, "implemented", on=date(2024, 11, 6))
    assert commitments.get(db, made.id).followed_up_on == date(2024, 11, 6)


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"change": "  "}, "change"),
    ({"change": "c" * 2001}, "change"),
    ({"stance": "maybe"}, "stance"),
    ({"confidence": 0}, "confidence"),
    ({"confidence": 6}, "confidence"),
])
def test_a_commitment_breaking_a_rule_is_refused(db, people, kwargs, field):
    _group, maria, _dana = people
    kwargs.setdefault("change", "Offer a taper plan")
    with pytest.raises(ValidationError) as err:
        commitments.create(db, maria.id, None, **kwargs)
    assert err.value.field == field
    assert commitments.list_for_member(db, maria.id) == []


def test_a_commitment_needs_a_known_member_and_session(db, people):
    _group, maria, _dana = people
    with pytest.raises(NotFoundError):
        commitments.create(db, "nobody", None, "Anything")
    with pytest.raises(NotFoundError):
        commitments.create(db, maria.id, "no-such-session", "Anything")


def test_a_commitment_is_edited_and_validated(db, people):
    _group, maria, _dana = people
    made = commitments.create(db, maria.id, None, "Offer a taper plan", confidence=3)
    commitments.update(db, made.id, confidence=5, supports="An MOA peer mentor")
    stored = commitments.get(db, made.id)
    assert (stored.confidence, stored.supports) == (5, "An MOA peer mentor")
    with pytest.raises(ValidationError) as err:
        commitments.update(db, made.id, stance="perhaps")
    assert err.value.field == "stance"
    with pytest.raises(ValidationError) as err:
        commitments.update(db, made.id, followup_outcome="implemented")
    assert err.value.field == "followup_outcome"  # only record_followup sets the outcome
    assert commitments.get(db, made.id).stance is Stance.WILL_CHANGE


def test_changing_the_stance_to_or_from_will_not_sets_the_follow_up(db, people, today_is):
    group, _maria, dana = people
    today_is(date(2025, 1, 20))
    row = evening(db, group, date(2024, 11, 6))
    made = commitments.create(db, dana.id, row.id, "Longer visits", Stance.WILL_NOT)
    assert made.followup_due is None
    commitments.update(db, made.id, stance="need_more_information")
    assert commitments.get(db, made.id).followup_due == date(2025, 2, 6)
    commitments.update(db, made.id, stance=Stance.WILL_NOT)
    assert commitments.get(db, made.id).followup_due is None


def test_a_withdrawn_commitment_is_no_longer_due(db, people, today_is):
    group, maria, _dana = people
    today_is(date(2025, 6, 1))
    row = evening(db, group, date(2024, 11, 6))
    made = commitments.create(db, maria.id, row.id, "Book longer visits")
    assert [c.id for c in commitments.due_for_followup(db).items] == [made.id]
    commitments.delete(db, made.id)
    assert commitments.due_for_followup(db).items == []
    assert commitments.list_for_member(db, maria.id) == []
