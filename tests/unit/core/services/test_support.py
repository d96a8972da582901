"""After a session a member or a clinic asks for in-office support; the coordinator
schedules it, marks it done, or cancels it."""

from __future__ import annotations

from datetime import date

import pytest

from clinicapp.core.errors import NotFoundError, ValidationError
from clinicapp.core.models import SupportKind, SupportStatus
from clinicapp.core.services import groups, support
from clinicapp.core.sync import clock
from tests.unit.core.services import builders


@pytest.fixture
def group(db):
    return groups.create(db, "Trail learning circle")


def test_a_member_asks_for_an_moa_peer_mentor_after_a_session(db, group):
    moa = builders.member(db, "Jasmine Roy", group.id)
    session = builders.learning_session(db, group.id, "EMR messaging and tasks")
    req = support.request(db, "moa_peer_mentor", member_id=moa.id, session_id=session.id,
                          topic="Task queues", requested_on=date(2025, 3, 5))
    stored = support.get(db, req.id)
    assert stored.kind is SupportKind.MOA_PEER_MENTOR
    assert stored.status is SupportStatus.REQUESTED
    assert (stored.member_id, stored.session_id) == (moa.id, session.id)


def test_a_clinic_may_ask_without_naming_a_member_and_the_date_defaults_to_today(db):
    req = support.request(db, SupportKind.RST_COORDINATOR, clinic="Trail Medical Clinic")
    assert req.requested_on == clock.today()
    assert req.member_id is None


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"kind": "rst_coordinator"}, "member_id"),  # neither member nor clinic
    ({"kind": "therapist", "clinic": "X"}, "kind"),
    ({"kind": "physician_peer", "member_id": "nobody"}, "member_id"),
    ({"kind": "physician_peer", "clinic": "X", "session_id": "none"}, "session_id"),
    ({"kind": "physician_peer", "clinic": "X" * 201}, "clinic"),
])
def test_a_request_breaking_a_rule_is_refused(db, kwargs, field):
    kind = kwargs.pop("kind")
    with pytest.raises(ValidationError) as err:
        support.request(db, kind, **kwargs)
    assert err.value.field == field
    assert support.list_requests(db).total == 0


def test_requested_then_scheduled_then_done(db):
    req = support.request(db, "physician_peer", clinic="Duncan clinic",
                          requested_on=date(2025, 3, 1))
    with pytest.raises(ValidationError, match="scheduled_on: must not be before"):
        support.schedule(db, req.id, date(2025, 2, 1))
    assert support.get(db, req.id).status is SupportStatus.REQUESTED

    support.schedule(db, req.id, date(2025, 3, 20))
    assert support.get(db, req.id).status is SupportStatus.SCHEDULED
    done = support.mark_done(db, req.id, date(2025, 3, 20))
    assert (done.status, done.done_on) == (SupportStatus.DONE, date(2025, 3, 20))

    with pytest.raises(ValidationError, match="already done"):
        support.cancel(db, req.id)
    with pytest.raises(ValidationError, match="already done"):
        support.schedule(db, req.id, date(2025, 4, 1))


def test_a_cancelled_request_cannot_be_done(db):
    req = support.request(db, "rst_coordinator", clinic="Terrace clinic")
    support.cancel(db, req.id)
    with pytest.raises(ValidationError, match="already cancelled"):
        support.mark_done(db, req.id)


def test_open_requests_list_first_oldest_waiting_at_the_top(db):
    newer = support.request(db, "rst_coordinator", clinic="A", requested_on=date(2025, 5, 1))
    older = support.request(db, "rst_coordinator", clinic="B", requested_on=date(2025, 1, 1))
    closed = support.request(db, "rst_coordinator", clinic="C", requested_on=date(2025, 6, 1))
    support.mark_done(db, closed.id, date(2025, 6, 2))
    support.schedule(db, newer.id, date(2025, 5, 9))

    everything = support.list_requests(db)
    assert [r.id for r in everything.items] == [older.id, newer.id, closed.id]
    assert [r.id for r in support.list_requests(db, open_only=True).items] == [older.id,
                                                                               newer.id]
    assert [r.id for r in support.list_requests(db, status="done").items] == [closed.id]
    page = support.list_requests(db, offset=1, limit=1)
    assert (page.total, [r.id for r in page.items], page.has_more) == (3, [newer.id], True)


def test_update_and_delete(db, group):
    member = builders.member(db, "Dr. Kiran Gill", group.id)
    req = support.request(db, "rst_coordinator", clinic="Selkirk clinic")
    support.update(db, req.id, member_id=member.id, clinic="", topic="Huddle coaching")
    assert support.get(db, req.id).member_id == member.id
    with pytest.raises(ValidationError, match="member_id"):
        support.update(db, req.id, member_id=None)  # nobody left to support
    with pytest.raises(ValidationError, match="not a field"):
        support.update(db, req.id, status="done")  # status moves only through the use cases
    support.delete(db, req.id)
    with pytest.raises(NotFoundError):
        support.get(db, req.id)
    assert support.list_requests(db).total == 0
