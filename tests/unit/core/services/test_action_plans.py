"""A hub keeps an action plan: items with owners and timeframes, a board by status,
dated progress notes and PDSA cycles."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from clinicapp.core.errors import NotFoundError, ValidationError
from clinicapp.core.models import Change, GroupKind, Horizon, ItemStatus, PdsaAct
from clinicapp.core.services import action_plans as plans
from clinicapp.core.services import groups
from tests.unit.core.services import builders


@pytest.fixture
def hub(db):
    return groups.create(db, "Cariboo hub", kind=GroupKind.COMMUNITY_OF_PRACTICE)


@pytest.fixture
def plan(db, hub):
    return plans.create_plan(db, hub.id, "Access 2025–2026", goal="Shorter waits",
                             period_start=date(2025, 1, 1), period_end=date(2026, 12, 31))


def test_a_plan_is_created_listed_edited_and_deleted_with_its_items(db, hub, plan):
    other = groups.create(db, "Other group")
    plans.create_plan(db, other.id, "Other plan")
    assert [p.title for p in plans.list_plans(db, hub.id)] == ["Access 2025–2026"]
    assert len(plans.list_plans(db)) == 2

    plans.update_plan(db, plan.id, title="Access 2025–2027", period_end=date(2027, 6, 30))
    assert plans.get_plan(db, plan.id).period_end == date(2027, 6, 30)

    item = plans.add_item(db, plan.id, "Measure third-next-available weekly")
    plans.delete_plan(db, plan.id)
    assert [p.title for p in plans.list_plans(db, hub.id)] == []
    with pytest.raises(NotFoundError):
        plans.get_item(db, item.id)  # the items went with their plan


@pytest.mark.parametrize(("values", "field"), [
    ({"title": "  "}, "title"),
    ({"title": "x" * 301}, "title"),
    ({"period_start": date(2026, 1, 1), "period_end": date(2025, 1, 1)}, "period_end"),
])
def test_a_plan_breaking_a_rule_names_the_field_and_changes_nothing(db, plan, values, field):
    with pytest.raises(ValidationError) as err:
        plans.update_plan(db, plan.id, **values)
    assert err.value.field == field
    assert plans.get_plan(db, plan.id).title == "Access 2025–2026"


def test_a_plan_needs_a_live_group(db, hub):
    groups.delete(db, hub.id)
    with pytest.raises(NotFoundError, match="group"):
        plans.create_plan(db, hub.id, "Orphan plan")


def test_an_item_records_owner_supporters_horizon_indicator_and_dates(db, hub, plan):
    owner = builders.member(db, "Dr. Amara Okafor", hub.id)
    helper = builders.member(db, "Jasmine Roy", hub.id)
    item = plans.add_item(
        db, plan.id, "Redesign the booking template", goal="Same-day access",
        owner_id=owner.id, supporters=[helper.id, helper.id], horizon="within_a_year",
        start_date=date(2025, 2, 1), due_date=date(2025, 9, 30), resources="RST time",
        indicator="Third-next-available (days)", baseline="21", target="5")
    stored = plans.get_item(db, item.id)
    assert stored.owner_id == owner.id
    assert stored.supporters == [helper.id]  # the repeat is dropped
    assert stored.horizon is Horizon.WITHIN_A_YEAR
    assert (stored.baseline, stored.target) == ("21", "5")
    assert stored.status is ItemStatus.NOT_STARTED


@pytest.mark.parametrize(("values", "field", "rule"), [
    ({"action": ""}, "action", "must not be empty"),
    ({"horizon": "someday"}, "horizon", "must be one of"),
    ({"status": "finished"}, "status", "must be one of"),
    ({"start_date": date(2025, 5, 1), "due_date": date(2025, 4, 1)}, "due_date", "before"),
    ({"owner_id": "no-such-member"}, "owner_id", "no such member"),
    ({"supporters": ["nobody"]}, "supporters", "no such member"),
    ({"baseline": "9" * 101}, "baseline", "at most 100"),
])
def test_an_item_breaking_a_rule_is_refused(db, plan, values, field, rule):
    values = {"action": "Start a daily huddle", **values}
    with pytest.raises(ValidationError, match=rule) as err:
        plans.add_item(db, plan.id, **values)
    assert err.value.field == field
    assert plans.list_items(db, plan_id=plan.id) == []


def test_the_owner_must_belong_to_the_plans_group(db, hub, plan):
    outsider = builders.member(db, "Dr. Louis Fortin")  # in no group
    with pytest.raises(ValidationError, match="member of the plan's group"):
        plans.add_item(db, plan.id, "Start a daily huddle", owner_id=outsider.id)
    insider = builders.member(db, "Dr. Louis Bélanger", hub.id)
    item = plans.add_item(db, plan.id, "Start a daily huddle", owner_id=insider.id)
    with pytest.raises(ValidationError, match="already responsible"):
        plans.update_item(db, item.id, supporters=[insider.id])


def test_the_board_groups_items_by_status_and_moving_one_writes_its_note(db, plan):
    first = plans.add_item(db, plan.id, "Print a resource sheet")
    second = plans.add_item(db, plan.id, "Set up recall", status=ItemStatus.IN_PROGRESS)
    board = plans.items_by_status(db, plan.id)
    assert list(board) == list(ItemStatus)
    assert [i.id for i in board[ItemStatus.NOT_STARTED]] == [first.id]
    assert [i.id for i in board[ItemStatus.IN_PROGRESS]] == [second.id]

    plans.move_item(db, second.id, "blocked", note="Waiting for the EMR vendor")
    board = plans.items_by_status(db, plan.id)
    assert [i.id for i in board[ItemStatus.BLOCKED]] == [second.id]
    assert [n.text for n in plans.list_notes(db, second.id)] == ["Waiting for the EMR vendor"]

    with pytest.raises(ValidationError, match="status"):
        plans.move_item(db, first.id, "archived")
    assert plans.get_item(db, first.id).status is ItemStatus.NOT_STARTED


def test_overdue_items_are_open_items_due_before_the_day(db, hub, plan):
    late = plans.add_item(db, plan.id, "Late", due_date=date(2025, 3, 1))
    plans.add_item(db, plan.id, "Done late", due_date=date(2025, 3, 1), status="done")
    plans.add_item(db, plan.id, "Dropped", due_date=date(2025, 3, 1), status="dropped")
    plans.add_item(db, plan.id, "Due on the day", due_date=date(2025, 3, 10))
    plans.add_item(db, plan.id, "No date")
    overdue = plans.list_items(db, group_id=hub.id, overdue_only=True, as_of=date(2025, 3, 10))
    assert [i.id for i in overdue] == [late.id]
    assert plans.is_overdue(late, as_of=date(2025, 3, 10))
    # undated items sort last
    assert plans.list_items(db, plan_id=plan.id)[-1].action == "No date"
    assert [i.action for i in plans.list_items(db, plan_id=plan.id, status="dropped")] == [
        "Dropped"]


def test_deleted_items_leave_the_lists_and_their_status_counts(db, plan):
    item = plans.add_item(db, plan.id, "Temporary")
    plans.delete_item(db, item.id)
    assert plans.list_items(db, plan_id=plan.id) == []
    assert all(not column for column in plans.items_by_status(db, plan.id).values())
    with pytest.raises(NotFoundError):
        plans.update_item(db, item.id, action="Back again")


def test_progress_notes_are_dated_and_listed_newest_first(db, hub, plan):
    author = builders.member(db, "Dr. Priya Sandhu", hub.id)
    item = plans.add_item(db, plan.id, "Recall patients with no A1c")
    plans.add_progress_note(db, item.id, "Letters sent", noted_on=date(2025, 4, 1),
                            author_id=author.id)
    plans.add_progress_note(db, item.id, "Registry cleaned", noted_on=date(2025, 3, 1))
    latest = plans.add_progress_note(db, item.id, "40% came in", noted_on=date(2025, 6, 1))
    assert [n.text for n in plans.list_notes(db, item.id)] == [
        "40% came in", "Letters sent", "Registry cleaned"]
    with pytest.raises(ValidationError, match="text: must not be empty"):
        plans.add_progress_note(db, item.id, "   ")
    with pytest.raises(ValidationError, match="author_id"):
        plans.add_progress_note(db, item.id, "By a ghost", author_id="ghost")
    plans.delete_note(db, latest.id)
    assert len(plans.list_notes(db, item.id)) == 2


def test_pdsa_cycles_are_numbered_and_record_plan_do_study_act(db, plan):
    item = plans.add_item(db, plan.id, "Same-day slots")
    first = plans.add_pdsa(db, item.id, aim="Two same-day slots a day",
                           prediction="Fewer walk-ins", measure="Walk-ins per week",
                           started_on=date(2025, 3, 1))
    second = plans.add_pdsa(db, item.id, change_idea="Four slots a day")
    assert (first.number, second.number) == (1, 2)

    plans.update_pdsa(db, first.id, do_notes="Tried for a month", study_notes="Walk-ins halved",
                      act="adapt", ended_on=date(2025, 3, 31))
    cycles = plans.list_pdsa(db, item.id)
    assert [c.number for c in cycles] == [1, 2]
    assert cycles[0].act is PdsaAct.ADAPT

    with pytest.raises(ValidationError, match="act: must be one of"):
        plans.update_pdsa(db, first.id, act="ignore")
    with pytest.raises(ValidationError, match="ended_on"):
        plans.update_pdsa(db, first.id, ended_on=date(2025, 2, 1))
    with pytest.raises(ValidationError, match="aim or a change idea"):
        plans.add_pdsa(db, item.id, measure="Only a measure")
    with pytest.raises(ValidationError, match="not a field"):
        plans.add_pdsa(db, item.id, aim="x", owner="someone")
    plans.delete_pdsa(db, second.id)
    assert plans.add_pdsa(db, item.id, aim="Again").number == 2


def test_every_write_is_recorded_for_sync(db, plan):
    def changes() -> int:
        with db.read() as session:
            return session.scalar(select(func.count()).select_from(Change)
                                  .where(Change.tbl == "action_items"))

    item = plans.add_item(db, plan.id, "Huddle board")
    after_add = changes()
    plans.move_item(db, item.id, ItemStatus.DONE)
    assert changes() == after_add + 2  # status and updated_at
