"""The Today page: what the facilitator should look at this morning."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import event

from clinicapp.core.models import (
    ItemStatus,
    Outcome,
    SessionStatus,
    Stance,
    SupportKind,
    SupportStatus,
)
from clinicapp.core.services import action_plans, groups, support, today
from tests.unit.core.services import builders

AS_OF = date(2025, 3, 10)


def local(*args: int) -> datetime:
    return datetime(*args).astimezone()


@pytest.fixture
def group(db):
    return groups.create(db, "Selkirk primary care group")


def test_an_empty_clinic_has_nothing_today(db):
    board = today.dashboard(db, AS_OF)
    assert board.is_empty
    assert board.as_of == AS_OF


def test_sessions_of_the_next_two_weeks_and_those_in_progress(db, group):
    soon = builders.learning_session(db, group.id, "Huddles", local(2025, 3, 12, 18),
                                     status=SessionStatus.PLANNED)
    this_morning = builders.learning_session(db, group.id, "Access", local(2025, 3, 10, 8),
                                             status=SessionStatus.PLANNED)
    last_day = builders.learning_session(db, group.id, "Wellness", local(2025, 3, 24, 23, 30),
                                         status=SessionStatus.PLANNED)
    builders.learning_session(db, group.id, "Too far", local(2025, 3, 25, 9),
                              status=SessionStatus.PLANNED)
    builders.learning_session(db, group.id, "Yesterday", local(2025, 3, 9, 18),
                              status=SessionStatus.PLANNED)
    builders.learning_session(db, group.id, "Cancelled", local(2025, 3, 13, 18),
                              status=SessionStatus.CANCELLED)
    running = builders.learning_session(db, group.id, "Running", local(2025, 3, 10, 7),
                                        status=SessionStatus.IN_PROGRESS)

    board = today.dashboard(db, AS_OF)
    assert [e.id for e in board.upcoming_sessions] == [this_morning.id, soon.id, last_day.id]
    first = board.upcoming_sessions[1]
    assert (first.kind, first.title, first.date, first.session_id) == (
        "session", "Huddles", date(2025, 3, 12), soon.id)
    assert first.extra == "Selkirk primary care group · 18:00 · 60 min"
    assert [e.id for e in board.sessions_in_progress] == [running.id]

    groups.delete(db, group.id)
    assert today.dashboard(db, AS_OF).is_empty


def test_commitment_followups_due_and_not_yet_recorded(db, group):
    person = builders.member(db, "Dr. Owen Fraser", group.id)
    due = builders.commitment(db, person.id, "Use the team task queue",
                              followup_due=date(2025, 3, 10))
    overdue = builders.commitment(db, person.id, "Code the problem list",
                                  followup_due=date(2025, 1, 2))
    builders.commitment(db, person.id, "Not yet due", followup_due=date(2025, 3, 11))
    builders.commitment(db, person.id, "Followed up", followup_due=date(2025, 2, 1),
                        followed_up_on=date(2025, 2, 3), followup_outcome=Outcome.PARTLY)
    builders.commitment(db, person.id, "Will not", followup_due=date(2025, 2, 1),
                        stance=Stance.WILL_NOT)
    board = today.dashboard(db, AS_OF)
    assert [e.id for e in board.followups_due] == [overdue.id, due.id]
    assert [e.overdue for e in board.followups_due] == [True, False]
    assert board.followups_due[0].extra == "Dr. Owen Fraser"


def test_action_items_due_soon_or_overdue_and_still_open(db, group):
    owner = builders.member(db, "Grace Lee", group.id)
    plan = action_plans.create_plan(db, group.id, "Access plan")
    add = action_plans.add_item
    overdue = add(db, plan.id, "Overdue", due_date=date(2025, 2, 1), owner_id=owner.id,
                  status="in_progress")
    soon = add(db, plan.id, "Due soon", due_date=date(2025, 3, 24))
    add(db, plan.id, "Later", due_date=date(2025, 3, 25))
    add(db, plan.id, "Done", due_date=date(2025, 3, 1), status="done")
    add(db, plan.id, "Dropped", due_date=date(2025, 3, 1), status="dropped")
    add(db, plan.id, "Undated")
    board = today.dashboard(db, AS_OF)
    assert [e.id for e in board.action_items_due] == [overdue.id, soon.id]
    assert board.action_items_due[0].overdue
    assert board.action_items_due[0].extra == "Access plan · Grace Lee"
    assert board.action_items_due[0].labels == (ItemStatus.IN_PROGRESS,)
    assert board.action_items_due[1].extra == "Access plan"  # no owner yet
    assert board.action_items_due[1].labels == (ItemStatus.NOT_STARTED,)
    assert board.action_items_due[0].group_id == group.id


def test_open_support_requests(db, group):
    waiting = support.request(db, "moa_peer_mentor", clinic="Selkirk clinic",
                              topic="Template clean-up", requested_on=date(2025, 3, 1))
    booked = support.request(db, "rst_coordinator", clinic="Gimli clinic",
                             requested_on=date(2025, 3, 2))
    support.schedule(db, booked.id, date(2025, 3, 14))
    done = support.request(db, "rst_coordinator", clinic="Done clinic",
                           requested_on=date(2025, 2, 1))
    support.mark_done(db, done.id, date(2025, 2, 5))
    entries = today.dashboard(db, AS_OF).open_support_requests
    assert [e.id for e in entries] == [waiting.id, booked.id]
    assert entries[0].title == "Template clean-up"
    assert entries[1].title == ""  # no topic: the page shows the kind of support
    assert entries[1].kind_title == SupportKind.RST_COORDINATOR
    assert (entries[1].date, entries[1].extra) == (date(2025, 3, 14), "Gimli clinic")
    assert entries[1].labels == (SupportKind.RST_COORDINATOR, SupportStatus.SCHEDULED)


def test_the_page_costs_a_handful_of_queries_whatever_the_data(db, group):
    person = builders.member(db, "Dr. Hugo Morin", group.id)
    for n in range(20):
        builders.commitment(db, person.id, f"Change {n}", followup_due=date(2025, 3, 1))
        builders.learning_session(db, group.id, f"S{n}", local(2025, 3, 11, 12),
                                  status=SessionStatus.PLANNED)
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        board = today.dashboard(db, AS_OF)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(board.followups_due) == 20 and len(board.upcoming_sessions) == 20
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 5
