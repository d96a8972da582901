"""Action plans: move an item along the board by keyboard and button, and find what is
overdue in the list."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from clinicapp.core.models import Horizon, ItemStatus, Role
from clinicapp.core.services import action_plans, groups, members
from clinicapp.ui.pages.action_plans import ActionPlansPage
from tests.unit.ui.everyday import MovableClock, make_ctx, movable_clock, settle, show_page

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def moving_clock() -> Iterator[MovableClock]:
    yield from movable_clock()  # 2025-03-12


@pytest.fixture
def plan(db, moving_clock):
    """A hub's plan with two items; the EMR one was due last month."""
    group = groups.create(db, "North hub")
    owner = members.create(db, "Maria Lopez", Role.PHYSICIAN)
    members.add_to_group(db, group.id, owner.id)
    plan = action_plans.create_plan(db, group.id, "Access to care 2025")
    emr = action_plans.add_item(db, plan.id, "EMR reminder for cervical screening",
                                owner_id=owner.id, horizon=Horizon.IMMEDIATE,
                                due_date=date(2025, 2, 28))
    locum = action_plans.add_item(db, plan.id, "Shared locum roster",
                                  horizon=Horizon.ONE_TO_TWO_YEARS,
                                  due_date=date(2026, 6, 30))
    return plan, emr, locum


@pytest.fixture
def page(qtbot, db, paths, crashes):
    page = ActionPlansPage(make_ctx(db, paths))
    show_page(qtbot, page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)  # shortcuts go to the active window
    yield page
    settle()
    assert not crashes, f"unexpected errors: {crashes!r}"


def column_texts(page: ActionPlansPage, status: ItemStatus) -> list[str]:
    column = page.board.columns[status]
    return [column.item(row).text().split("\n")[0] for row in range(column.count())]


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    assert button.isEnabled(), f"{button.text()!r} is disabled"
    qtbot.mouseClick(button, LEFT, pos=QPoint(button.width() // 2, button.height() // 2))


def test_move_an_item_along_the_board(qtbot, db, plan, page):
    _plan, emr, locum = plan
    assert page.plan.currentText() == "Access to care 2025"
    assert column_texts(page, ItemStatus.NOT_STARTED) == [
        "EMR reminder for cervical screening", "Shared locum roster"]
    assert page.board.headers[ItemStatus.NOT_STARTED].text().endswith("(2)")
    card = page.board.columns[ItemStatus.NOT_STARTED].item(0)
    assert "Maria Lopez" in card.text()
    assert card.font().bold()  # overdue stands out
    # Nothing chosen yet: nothing to move.
    assert not page.right_button.isEnabled()

    # Choose the card with the mouse, move it with Ctrl+Right.
    column = page.board.columns[ItemStatus.NOT_STARTED]
    rect = column.visualItemRect(card)
    qtbot.mouseClick(column.viewport(), LEFT, pos=rect.center())
    assert page.board.current_id() == emr.id
    assert page.right_button.isEnabled() and not page.left_button.isEnabled()
    QTest.keyClick(column, Qt.Key.Key_Right, CTRL)
    settle()
    assert action_plans.get_item(db, emr.id).status == ItemStatus.IN_PROGRESS
    assert column_texts(page, ItemStatus.IN_PROGRESS) == ["EMR reminder for cervical screening"]
    assert column_texts(page, ItemStatus.NOT_STARTED) == ["Shared locum roster"]
    # The card stays chosen in its new column, so the next move acts on it again.
    assert page.board.current() == (emr.id, ItemStatus.IN_PROGRESS)

    click(qtbot, page.right_button)  # → Blocked
    settle()
    click(qtbot, page.right_button)  # → Done
    settle()
    assert action_plans.get_item(db, emr.id).status == ItemStatus.DONE
    assert column_texts(page, ItemStatus.DONE) == ["EMR reminder for cervical screening"]
    assert not page.board.columns[ItemStatus.DONE].item(0).font().bold()  # done: not late
    click(qtbot, page.left_button)  # back to Blocked
    settle()
    assert action_plans.get_item(db, emr.id).status == ItemStatus.BLOCKED
    assert action_plans.get_item(db, locum.id).status == ItemStatus.NOT_STARTED

    # The list view says the same, and the overdue filter finds the late item.
    page.views.setCurrentIndex(1)
    settle()
    statuses = {page.list_model.index(r, 0).data(): page.list_model.index(r, 3).data()
                for r in range(page.list_model.rowCount())}
    assert statuses == {"EMR reminder for cervical screening": "Blocked",
                        "Shared locum roster": "Not started"}
    page.overdue_only.click()
    settle()
    assert page.list_model.rowCount() == 1
    assert page.list_model.index(0, 0).data() == "EMR reminder for cervical screening"



def test_a_long_group_name_stays_readable_beside_the_plan_in_a_small_window(
        qtbot, db, moving_clock, paths):
    """An 800-pixel window leaves the page about 580 pixels beside the navigation. The
    group picker used to shrink to "Bella Coo"; nor may the page scroll sideways."""
    from clinicapp.ui.app import build_window
    from clinicapp.ui.ops import wait_for_ops

    group = groups.create(db, "Bella Coola Family Physicians Practice-Based Small Group")
    action_plans.create_plan(db, group.id, "Action plan 2025–2027")
    window = build_window(db, paths)
    qtbot.addWidget(window)
    window.resize(800, 640)
    window.show()
    page = window.show_page("action_plans")
    assert isinstance(page, ActionPlansPage)
    assert wait_for_ops()
    settle()
    from PySide6.QtWidgets import QScrollArea

    area = page.parentWidget()
    while not isinstance(area, QScrollArea):
        area = area.parentWidget()
    assert area.horizontalScrollBar().maximum() == 0  # no sideways scrolling
    shown = page.group.fontMetrics().averageCharWidth() * 14
    assert page.group.width() >= shown and page.plan.width() >= shown
    assert page.group.currentText().startswith("Bella Coola")
    window.close()
