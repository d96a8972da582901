"""Session evaluations: objectives met, bias perceived, ratings from 1 to 5, motivation and
barriers; anonymous unless the participant signs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from clinicapp.core.errors import NotFoundError, ValidationError
from clinicapp.core.models import Change, YesNoNa
from clinicapp.core.services import evaluations, groups, members, sessions

START = datetime(2025, 3, 4, 18, 0, tzinfo=UTC)


@pytest.fixture
def running(db):
    group = groups.create(db, "Nelson small group")
    maria = members.create(db, "Maria Lopez")
    members.add_to_group(db, group.id, maria.id)
    row = sessions.plan(db, group.id, "Advanced access", START)
    sessions.start(db, row.id, at=START)
    return row, maria


def test_an_anonymous_evaluation_keeps_every_answer(db, running):
    row, _maria = running
    made = evaluations.submit(db, row.id, objectives_met="yes", objectives_why=" Clear cases ",
                              bias_perceived=False, relevance=5, satisfaction=4,
                              facilitation=5, intent_to_change=3,
                              motivation="My patients wait too long", barriers="Staffing")
    stored = evaluations.list_for_session(db, row.id)
    assert [e.id for e in stored] == [made.id]
    got = stored[0]
    assert got.member_id is None
    assert got.objectives_met is YesNoNa.YES
    assert got.objectives_why == "Clear cases"
    assert (got.relevance, got.satisfaction, got.facilitation, got.intent_to_change) == (
        5, 4, 5, 3)
    assert (got.motivation, got.barriers, got.bias_perceived) == (
        "My patients wait too long", "Staffing", False)
    with db.read() as session:
        assert session.scalars(select(Change.field).where(
            Change.tbl == "evaluations", Change.row_id == made.id)).all()


def test_many_anonymous_evaluations_but_one_per_signed_member(db, running):
    row, maria = running
    evaluations.submit(db, row.id, relevance=4)
    evaluations.submit(db, row.id, relevance=2, member_id="")  # empty means anonymous
    evaluations.submit(db, row.id, relevance=5, member_id=maria.id)
    with pytest.raises(ValidationError) as err:
        evaluations.submit(db, row.id, relevance=1, member_id=maria.id)
    assert err.value.field == "member_id"
    assert "already evaluated" in err.value.rule
    assert evaluations.count_for_session(db, row.id) == 3
    signed = [e.member_id for e in evaluations.list_for_session(db, row.id) if e.member_id]
    assert signed == [maria.id]


@pytest.mark.parametrize(("values", "field"), [
    ({"relevance": 0}, "relevance"),
    ({"satisfaction": 6}, "satisfaction"),
    ({"facilitation": 2.5}, "facilitation"),
    ({"intent_to_change": True}, "intent_to_change"),
    ({"objectives_met": "mostly"}, "objectives_met"),
    ({"bias_perceived": True}, "bias_description"),
    ({"bias_perceived": True, "bias_description": "   "}, "bias_description"),
    ({"comments": "c" * 5001}, "comments"),
    ({"rating": 5}, "rating"),  # not a field of the form
])
def test_an_evaluation_breaking_a_rule_is_refused_with_the_field_named(db, running, values,
                                                                        field):
    row, _maria = running
    with pytest.raises(ValidationError) as err:
        evaluations.submit(db, row.id, **values)
    assert err.value.field == field
    assert evaluations.count_for_session(db, row.id) == 0


def test_bias_with_a_description_is_recorded(db, running):
    row, _maria = running
    evaluations.submit(db, row.id, bias_perceived=True,
                       bias_description="Speaker promoted one brand of inhaler",
                       objectives_met=YesNoNa.NOT_APPLICABLE, relevance=4.0)
    got = evaluations.list_for_session(db, row.id)[0]
    assert (got.bias_perceived, got.bias_description) == (
        True, "Speaker promoted one brand of inhaler")
    assert got.relevance == 4 and isinstance(got.relevance, int)


def test_evaluations_wait_until_the_session_has_started(db, running):
    row, _maria = running
    planned = sessions.plan(db, row.group_id, "Huddles", START + timedelta(days=7))
    with pytest.raises(ValidationError) as err:
        evaluations.submit(db, planned.id, relevance=4)
    assert err.value.field == "session_id"
    sessions.complete(db, row.id, at=START + timedelta(hours=1))
    evaluations.submit(db, row.id, relevance=4)  # after the end is fine
    with pytest.raises(NotFoundError):
        evaluations.submit(db, row.id, relevance=4, member_id="nobody")
    with pytest.raises(NotFoundError):
        evaluations.submit(db, "no-such-session", relevance=4)
    assert evaluations.count_for_session(db, row.id) == 1


def test_an_evaluation_entered_by_mistake_is_withdrawn(db, running):
    row, _maria = running
    made = evaluations.submit(db, row.id, relevance=2)
    assert evaluations.get(db, made.id).relevance == 2
    evaluations.delete(db, made.id)
    assert evaluations.count_for_session(db, row.id) == 0
    with pytest.raises(NotFoundError):
        evaluations.get(db, made.id)
