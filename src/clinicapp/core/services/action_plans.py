"""Action plans of a group or hub: items with owners and timeframes, dated progress notes,
and PDSA cycles (Plan: aim, change idea, prediction, measure; Do; Study; Act)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.errors import ValidationError
from clinicapp.core.models import (
    ActionItem,
    ActionPlan,
    Group,
    Horizon,
    ItemStatus,
    Member,
    Membership,
    PdsaAct,
    PdsaCycle,
    ProgressNote,
)
from clinicapp.core.services._common import apply_fields, get_live, require_choice, require_text
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import clock

PLAN_FIELDS = ("title", "goal", "period_start", "period_end")
ITEM_FIELDS = ("action", "goal", "owner_id", "supporters", "horizon", "start_date", "due_date",
               "resources", "indicator", "baseline", "target", "status")
PDSA_FIELDS = ("aim", "change_idea", "prediction", "measure", "do_notes", "study_notes", "act",
               "started_on", "ended_on")
CLOSED = (ItemStatus.DONE, ItemStatus.DROPPED)
LONG_TEXT = 5000


# --- validation ------------------------------------------------------------------------

def _optional_text(field: str, value: str | None, max_len: int) -> str:
    text = (value or "").strip()
    if len(text) > max_len:
        raise ValidationError(field, "too_long", limit=max_len)
    return text


def _dates_in_order(first_field: str, first: date | None, second_field: str,
                    second: date | None) -> None:
    for name, value in ((first_field, first), (second_field, second)):
        if value is not None and not isinstance(value, date):
            raise ValidationError(name, "not_date")
    if first is not None and second is not None and first > second:
        first_name = first_field.replace("_", " ")
        raise ValidationError(second_field, "date_order", other=first_name)


def _validate_plan(plan: ActionPlan) -> None:
    plan.title = require_text("title", plan.title, 300)
    plan.goal = _optional_text("goal", plan.goal, LONG_TEXT)
    _dates_in_order("period_start", plan.period_start, "period_end", plan.period_end)


def _require_member(session: OrmSession, field: str, member_id: str) -> None:
    member = session.get(Member, member_id)
    if member is None or member.deleted_at is not None:
        raise ValidationError(field, "not_a_member")


def _validate_item(session: OrmSession, item: ActionItem) -> None:
    item.action = require_text("action", item.action, 2000)
    item.goal = _optional_text("goal", item.goal, LONG_TEXT)
    item.resources = _optional_text("resources", item.resources, LONG_TEXT)
    item.indicator = _optional_text("indicator", item.indicator, 300)
    item.baseline = _optional_text("baseline", item.baseline, 100)
    item.target = _optional_text("target", item.target, 100)
    item.horizon = require_choice("horizon", item.horizon, Horizon)
    item.status = require_choice("status", item.status, ItemStatus)
    _dates_in_order("start_date", item.start_date, "due_date", item.due_date)
    plan = get_live(session, ActionPlan, item.plan_id, "action plan")
    if item.owner_id:
        _require_member(session, "owner_id", item.owner_id)
        in_group = session.scalar(
            select(func.count()).select_from(Membership).where(
                Membership.group_id == plan.group_id, Membership.member_id == item.owner_id,
                Membership.deleted_at.is_(None)))
        if not in_group:
            raise ValidationError("owner_id", "owner_not_in_group")
    else:
        item.owner_id = None
    supporters = list(dict.fromkeys(item.supporters or ()))  # keep order, drop repeats
    for member_id in supporters:
        _require_member(session, "supporters", member_id)
    if item.owner_id in supporters:
        raise ValidationError("supporters", "owner_is_supporter")
    if supporters != list(item.supporters or ()):
        item.supporters = supporters


def _validate_pdsa(cycle: PdsaCycle) -> None:
    for field in ("aim", "change_idea", "prediction", "measure", "do_notes", "study_notes"):
        setattr(cycle, field, _optional_text(field, getattr(cycle, field), LONG_TEXT))
    if cycle.act is not None and cycle.act != "":
        cycle.act = require_choice("act", cycle.act, PdsaAct)
    else:
        cycle.act = None
    _dates_in_order("started_on", cycle.started_on, "ended_on", cycle.ended_on)
    if not (cycle.aim or cycle.change_idea):
        raise ValidationError("aim", "pdsa_needs_aim")


# --- plans -----------------------------------------------------------------------------

def create_plan(db: Database, group_id: str, title: str, goal: str = "",
                period_start: date | None = None, period_end: date | None = None) -> ActionPlan:
    plan = ActionPlan(group_id=group_id, title=title, goal=goal, period_start=period_start,
                      period_end=period_end)
    _validate_plan(plan)
    with db.write() as session:
        get_live(session, Group, group_id, "group")
        session.add(plan)
    return plan


def update_plan(db: Database, plan_id: str, **values: Any) -> ActionPlan:
    with db.write() as session:
        plan = get_live(session, ActionPlan, plan_id, "action plan")
        apply_fields(plan, values, PLAN_FIELDS)
        _validate_plan(plan)
    return plan


def delete_plan(db: Database, plan_id: str) -> None:
    """Tombstone the plan and its items, so neither shows anywhere (nor on other replicas)."""
    with db.write() as session:
        plan = get_live(session, ActionPlan, plan_id, "action plan")
        now = clock.utcnow()
        plan.deleted_at = now
        for item in session.scalars(select(ActionItem).where(
                ActionItem.plan_id == plan_id, ActionItem.deleted_at.is_(None))):
            item.deleted_at = now


def get_plan(db: Database, plan_id: str) -> ActionPlan:
    with db.read() as session:
        return get_live(session, ActionPlan, plan_id, "action plan")


def list_plans(db: Database, group_id: str | None = None) -> list[ActionPlan]:
    stmt = (select(ActionPlan).join(Group, Group.id == ActionPlan.group_id)
            .where(ActionPlan.deleted_at.is_(None), Group.deleted_at.is_(None))
            .order_by(ActionPlan.period_start.desc().nulls_last(), ActionPlan.title))
    if group_id is not None:
        stmt = stmt.where(ActionPlan.group_id == group_id)
    with db.read() as session:
        return list(session.scalars(stmt).all())


# --- items -----------------------------------------------------------------------------

def add_item(db: Database, plan_id: str, action: str, *, goal: str = "",
             owner_id: str | None = None, supporters: Iterable[str] = (),
             horizon: Horizon | str = Horizon.IMMEDIATE, start_date: date | None = None,
             due_date: date | None = None, resources: str = "", indicator: str = "",
             baseline: str = "", target: str = "",
             status: ItemStatus | str = ItemStatus.NOT_STARTED) -> ActionItem:
    item = ActionItem(plan_id=plan_id, action=action, goal=goal, owner_id=owner_id,
                      supporters=list(supporters), horizon=horizon, start_date=start_date,
                      due_date=due_date, resources=resources, indicator=indicator,
                      baseline=baseline, target=target, status=status)
    with db.write() as session:
        _validate_item(session, item)
        session.add(item)
    return item


def update_item(db: Database, item_id: str, **values: Any) -> ActionItem:
    with db.write() as session:
        item = get_live(session, ActionItem, item_id, "action item")
        apply_fields(item, values, ITEM_FIELDS)
        _validate_item(session, item)
    return item


def move_item(db: Database, item_id: str, status: ItemStatus | str, note: str = "",
              author_id: str | None = None) -> ActionItem:
    """Change an item's status (the board's drag and drop), with an optional progress
    note written in the same transaction."""
    new_status = require_choice("status", status, ItemStatus)
    with db.write() as session:
        item = get_live(session, ActionItem, item_id, "action item")
        item.status = new_status
        if note.strip():
            session.add(_note(session, item_id, note, None, author_id))
    return item


def delete_item(db: Database, item_id: str) -> None:
    with db.write() as session:
        get_live(session, ActionItem, item_id, "action item").deleted_at = clock.utcnow()


def get_item(db: Database, item_id: str) -> ActionItem:
    with db.read() as session:
        return get_live(session, ActionItem, item_id, "action item")


def list_items(db: Database, plan_id: str | None = None, group_id: str | None = None,
               status: ItemStatus | str | None = None, overdue_only: bool = False,
               as_of: date | None = None) -> list[ActionItem]:
    """Live items of live plans, soonest due first (undated last). Overdue means due
    before ``as_of`` (today by default) and neither done nor dropped."""
    stmt = (select(ActionItem).join(ActionPlan, ActionPlan.id == ActionItem.plan_id)
            .where(ActionItem.deleted_at.is_(None), ActionPlan.deleted_at.is_(None))
            .order_by(ActionItem.due_date.asc().nulls_last(), ActionItem.created_at,
                      ActionItem.id))
    if plan_id is not None:
        stmt = stmt.where(ActionItem.plan_id == plan_id)
    if group_id is not None:
        stmt = stmt.where(ActionPlan.group_id == group_id)
    if status is not None:
        stmt = stmt.where(ActionItem.status == require_choice("status", status, ItemStatus))
    if overdue_only:
        stmt = stmt.where(ActionItem.due_date < (as_of or clock.today()),
                          ActionItem.status.not_in(CLOSED))
    with db.read() as session:
        return list(session.scalars(stmt).all())


def is_overdue(item: ActionItem, as_of: date | None = None) -> bool:
    return (item.due_date is not None and item.due_date < (as_of or clock.today())
            and item.status not in CLOSED)


def items_by_status(db: Database, plan_id: str) -> dict[ItemStatus, list[ActionItem]]:
    """The board: one column per status, in the order of ``ItemStatus``."""
    get_plan(db, plan_id)
    board: dict[ItemStatus, list[ActionItem]] = {status: [] for status in ItemStatus}
    for item in list_items(db, plan_id=plan_id):
        board[item.status].append(item)
    return board


# --- progress notes --------------------------------------------------------------------

def _note(session: OrmSession, item_id: str, text: str, noted_on: date | None,
          author_id: str | None) -> ProgressNote:
    body = require_text("text", text, LONG_TEXT)
    if author_id:
        _require_member(session, "author_id", author_id)
    if noted_on is not None and not isinstance(noted_on, date):
        raise ValidationError("noted_on", "not_date")
    return ProgressNote(item_id=item_id, text=body, noted_on=noted_on or clock.today(),
                        author_id=author_id or None)


def add_progress_note(db: Database, item_id: str, text: str, noted_on: date | None = None,
                      author_id: str | None = None) -> ProgressNote:
    with db.write() as session:
        get_live(session, ActionItem, item_id, "action item")
        note = _note(session, item_id, text, noted_on, author_id)
        session.add(note)
    return note


def delete_note(db: Database, note_id: str) -> None:
    with db.write() as session:
        get_live(session, ProgressNote, note_id, "progress note").deleted_at = clock.utcnow()


def list_notes(db: Database, item_id: str) -> list[ProgressNote]:
    """Newest first."""
    stmt = (select(ProgressNote)
            .where(ProgressNote.item_id == item_id, ProgressNote.deleted_at.is_(None))
            .order_by(ProgressNote.noted_on.desc(), ProgressNote.created_at.desc(),
                      ProgressNote.id.desc()))
    with db.read() as session:
        return list(session.scalars(stmt).all())


# --- PDSA cycles -----------------------------------------------------------------------

def add_pdsa(db: Database, item_id: str, **fields: Any) -> PdsaCycle:
    """A new cycle, numbered after the item's previous ones."""
    with db.write() as session:
        get_live(session, ActionItem, item_id, "action item")
        last = session.scalar(select(func.max(PdsaCycle.number)).where(
            PdsaCycle.item_id == item_id, PdsaCycle.deleted_at.is_(None)))
        cycle = PdsaCycle(item_id=item_id, number=(last or 0) + 1, aim="", change_idea="",
                          prediction="", measure="", do_notes="", study_notes="")
        apply_fields(cycle, fields, PDSA_FIELDS)
        _validate_pdsa(cycle)
        session.add(cycle)
    return cycle


def update_pdsa(db: Database, cycle_id: str, **fields: Any) -> PdsaCycle:
    with db.write() as session:
        cycle = get_live(session, PdsaCycle, cycle_id, "PDSA cycle")
        apply_fields(cycle, fields, PDSA_FIELDS)
        _validate_pdsa(cycle)
    return cycle


def delete_pdsa(db: Database, cycle_id: str) -> None:
    with db.write() as session:
        get_live(session, PdsaCycle, cycle_id, "PDSA cycle").deleted_at = clock.utcnow()


def list_pdsa(db: Database, item_id: str) -> list[PdsaCycle]:
    stmt = (select(PdsaCycle)
            .where(PdsaCycle.item_id == item_id, PdsaCycle.deleted_at.is_(None))
            .order_by(PdsaCycle.number, PdsaCycle.created_at))
    with db.read() as session:
        return list(session.scalars(stmt).all())
