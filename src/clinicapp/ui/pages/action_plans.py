"""Action plans: a group's plans, its items on a board by status or in a list."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinicapp.core.errors import ClinicAppError
from clinicapp.core.models import ActionItem, Horizon, ItemStatus
from clinicapp.core.services import action_plans
from clinicapp.core.services._common import Page as ResultPage
from clinicapp.core.sync import clock
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.action_item_edit import ActionItemDialog
from clinicapp.ui.dialogs.action_plan_edit import ActionPlanDialog
from clinicapp.ui.models.lookups import member_names
from clinicapp.ui.models.paged import Column, PagedTableModel
from clinicapp.ui.ops import run_op, show_error
from clinicapp.ui.pages.base import Page
from clinicapp.ui.widgets.board import Board
from clinicapp.ui.widgets.labels import fmt_date, label
from clinicapp.ui.widgets.pickers import GroupPicker, RecordCombo
from clinicapp.ui.widgets.tables import RecordTable
from clinicapp.ui.widgets.tabs import tab_widget

Row = tuple[ActionItem, str]  # the item and its owner's name


class ActionPlansPage(Page):
    key: ClassVar[str] = "action_plans"
    shows: ClassVar[frozenset[str]] = frozenset({
        "action_plans", "action_items", "progress_notes", "pdsa_cycles", "groups",
        "members", "memberships"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.group = GroupPicker(ctx.db, self)
        self.group.setAccessibleName(self.tr("Group"))
        group_label = QLabel(self.tr("&Group:"), self)
        group_label.setBuddy(self.group)
        self.plan = RecordCombo(self, sticky=False)
        self.plan.setAccessibleName(self.tr("Action plan"))
        self.plan.setMinimumContentsLength(10)
        self.group.setMinimumContentsLength(10)
        plan_label = QLabel(self.tr("&Plan:"), self)
        plan_label.setBuddy(self.plan)
        self.new_plan_button = QPushButton(self.tr("New p&lan…"), self)
        self.edit_plan_button = QPushButton(self.tr("Edit pl&an…"), self)
        top = QHBoxLayout()
        # The group and the plan share the room the buttons leave (a group's name is long).
        for widget, stretch in ((group_label, 0), (self.group, 1), (plan_label, 0),
                                (self.plan, 1)):
            top.addWidget(widget, stretch)
        top.addWidget(self.new_plan_button)
        top.addWidget(self.edit_plan_button)

        self.new_item_button = QPushButton(self.tr("&New item…"), self)
        self.new_item_button.setShortcut(QKeySequence.StandardKey.New)
        self.new_item_button.setToolTip(self.tr("Add an item to this plan (Ctrl+N)"))
        self.edit_item_button = QPushButton(self.tr("&Open item…"), self)
        self.left_button = QPushButton(self.tr("◀ Move l&eft"), self)
        self.left_button.setToolTip(self.tr("Move the item to the previous status (Ctrl+Left)"))
        self.right_button = QPushButton(self.tr("Move &right ▶"), self)
        self.right_button.setToolTip(self.tr("Move the item to the next status (Ctrl+Right)"))
        actions = QHBoxLayout()
        for button in (self.new_item_button, self.edit_item_button, self.left_button,
                       self.right_button):
            actions.addWidget(button)
        actions.addStretch(1)

        self.board = Board(self)
        self.overdue_only = QCheckBox(self.tr("O&verdue only"), self)
        columns: list[Column[Row]] = [
            Column(self.tr("Action"), lambda r: r[0].action, tooltip=lambda r: r[0].goal),
            Column(self.tr("Owner"), lambda r: r[1]),
            Column(self.tr("Horizon"), lambda r: label(r[0].horizon, Horizon)),
            Column(self.tr("Status"), lambda r: label(r[0].status, ItemStatus)),
            Column(self.tr("Due"), lambda r: fmt_date(r[0].due_date)),
            Column(self.tr("Indicator"), lambda r: self._indicator(r[0])),
        ]
        self.list_model: PagedTableModel[Row] = PagedTableModel(
            columns, None, self, row_id=lambda r: r[0].id,
            emphasis=lambda r: action_plans.is_overdue(r[0], clock.today()))
        self.table = RecordTable(self, self.tr("Action items"))
        self.table.setModel(self.list_model)
        self.table.fit_columns([40, 18, 14, 12, 12])
        list_tab = QWidget(self)
        list_layout = QVBoxLayout(list_tab)
        list_layout.addWidget(self.overdue_only)
        list_layout.addWidget(self.table, 1)
        self.views = tab_widget(self)
        self.views.addTab(self.board, self.tr("&Board"))
        self.views.addTab(list_tab, self.tr("Li&st"))
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.views, 1)

        for keys, step in (("Ctrl+Right", 1), ("Ctrl+Left", -1)):
            shortcut = QShortcut(QKeySequence(keys), self.board)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.board.move_current(step))

        self.group.valueChanged.connect(self._group_changed)
        self.group.loaded.connect(self._group_changed)
        self.plan.valueChanged.connect(self.reload_items)
        self.new_plan_button.clicked.connect(self.new_plan)
        self.edit_plan_button.clicked.connect(self.edit_plan)
        self.new_item_button.clicked.connect(lambda: self.new_item())
        self.edit_item_button.clicked.connect(self._edit_current)
        self.left_button.clicked.connect(lambda: self.board.move_current(-1))
        self.right_button.clicked.connect(lambda: self.board.move_current(1))
        self.board.move_requested.connect(self.move_item)
        self.board.edit_requested.connect(self.edit_item)
        self.board.current_changed.connect(self._update_buttons)
        self.table.record_activated.connect(self.edit_item)
        self.overdue_only.toggled.connect(lambda _on: self._reload_list())
        self.views.currentChanged.connect(lambda _i: self._update_buttons())
        self._plans: dict[str, Any] = {}
        self._pending_item = ""
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Action plans")

    @staticmethod
    def _indicator(item: ActionItem) -> str:
        if not item.indicator:
            return ""
        if item.baseline or item.target:
            return f"{item.indicator}: {item.baseline or '?'} → {item.target or '?'}"
        return item.indicator

    # --- loading ------------------------------------------------------------------

    def refresh(self) -> None:
        self.group.reload()

    def _group_changed(self) -> None:
        group_id = self.group.value()
        if not group_id:
            self.plan.set_choices([])
            self.reload_items()
            return
        db = self.ctx.db

        def plans() -> list[Any]:
            return action_plans.list_plans(db, group_id)

        def show(found: list[Any]) -> None:
            self._plans = {p.id: p for p in found}
            self.plan.set_choices([(p.title, p.id) for p in found])
            self.reload_items()

        run_op(self, plans, on_success=show)

    def reload_items(self) -> None:
        plan_id, db, as_of = self.plan.value(), self.ctx.db, clock.today()
        self._update_buttons()
        if not self.group.value():
            self.empty_label.setText(self.tr("Create a group first (Groups & members)."))
        elif not plan_id:
            self.empty_label.setText(self.tr("This group has no action plan yet: "
                                             "press “New plan…”."))
        self.empty_label.setVisible(not plan_id)
        self.views.setEnabled(bool(plan_id))
        if not plan_id:
            self.board.show_items({}, {}, as_of)
            self.list_model.set_fetch(None)
            return

        def work() -> tuple[dict[ItemStatus, list[ActionItem]], dict[str, str]]:
            board = action_plans.items_by_status(db, plan_id)
            owners = member_names(db, (i.owner_id for items in board.values() for i in items))
            return board, owners

        def show(result: tuple[dict[ItemStatus, list[ActionItem]], dict[str, str]]) -> None:
            if self.plan.value() != plan_id:
                return
            keep, self._pending_item = self._pending_item or None, ""
            self.board.show_items(result[0], result[1], as_of, keep)
            self._update_buttons()

        run_op(self, work, on_success=show)
        self._reload_list()

    def _reload_list(self) -> None:
        plan_id, db, overdue = self.plan.value(), self.ctx.db, self.overdue_only.isChecked()
        if not plan_id:
            return
        as_of = clock.today()

        def fetch(offset: int, limit: int) -> ResultPage[Row]:
            # A plan holds tens of items, so the service returns them all; the model
            # still receives them a page at a time.
            items = action_plans.list_items(db, plan_id=plan_id, overdue_only=overdue,
                                            as_of=as_of)
            chunk = items[offset:offset + limit]
            owners = member_names(db, (i.owner_id for i in chunk))
            return ResultPage(items=[(i, owners.get(i.owner_id or "", "")) for i in chunk],
                              offset=offset, total=len(items))

        self.list_model.set_fetch(fetch, keep_rows=True)

    def _update_buttons(self) -> None:
        has_plan = bool(self.plan.value())
        on_board = self.views.currentIndex() == 0
        current = self.board.current() if on_board else None
        self.edit_plan_button.setEnabled(has_plan)
        self.new_item_button.setEnabled(has_plan)
        self.edit_item_button.setEnabled(has_plan)
        self.left_button.setEnabled(on_board and current is not None
                                    and current[1] != ItemStatus.NOT_STARTED)
        self.right_button.setEnabled(on_board and current is not None
                                     and current[1] != ItemStatus.DROPPED)

    # --- plans --------------------------------------------------------------------

    def new_plan(self) -> ActionPlanDialog | None:
        group_id = self.group.value()
        if not group_id:
            return None
        dialog = ActionPlanDialog(self.ctx, group_id, self)

        def created() -> None:
            if dialog.result_record is not None:
                self.plan.setValue(dialog.result_record.id)
                self._group_changed()

        dialog.accepted.connect(created)
        dialog.open()
        return dialog

    def edit_plan(self) -> ActionPlanDialog | None:
        plan_id = self.plan.value()
        if not plan_id:
            return None
        plan = action_plans.get_plan(self.ctx.db, plan_id)
        dialog = ActionPlanDialog(self.ctx, plan.group_id, self, plan=plan)
        dialog.open()
        return dialog

    # --- items --------------------------------------------------------------------

    def new_item(self, status: ItemStatus | None = None) -> ActionItemDialog | None:
        plan_id, group_id = self.plan.value(), self.group.value()
        if not plan_id:
            return None
        dialog = ActionItemDialog(self.ctx, plan_id, group_id, self, status=status)

        def created() -> None:
            if dialog.result_record is not None:
                self._pending_item = dialog.result_record.id
                self.status_message.emit(self.tr("Action item added."))

        dialog.accepted.connect(created)
        dialog.open()
        return dialog

    def _edit_current(self) -> None:
        item_id = (self.board.current_id() if self.views.currentIndex() == 0
                   else self.table.selected_id())
        if item_id:
            self.edit_item(item_id)

    def edit_item(self, item_id: str) -> ActionItemDialog | None:
        try:
            item = action_plans.get_item(self.ctx.db, item_id)
            plan = action_plans.get_plan(self.ctx.db, item.plan_id)
        except ClinicAppError as exc:
            show_error(self, exc)
            return None
        dialog = ActionItemDialog(self.ctx, plan.id, plan.group_id, self, item=item)
        dialog.open()
        return dialog

    def move_item(self, item_id: str, status: ItemStatus) -> None:
        try:
            action_plans.move_item(self.ctx.db, item_id, status)
        except ClinicAppError as exc:
            show_error(self, exc)
            return
        self._pending_item = item_id
        self.status_message.emit(self.tr("Moved to “%1”.").replace("%1", label(status)))
        # The data-change signal redraws the page; when run without a main window (or
        # while hidden) redraw now so the card follows the keyboard at once.
        self.reload_items()

    # --- navigation ---------------------------------------------------------------

    def show_record(self, kind: str, row_id: str) -> bool:
        if kind not in ("action_item", "action_plan"):
            return False
        try:
            if kind == "action_item":
                item = action_plans.get_item(self.ctx.db, row_id)
                plan = action_plans.get_plan(self.ctx.db, item.plan_id)
                self._pending_item = item.id
            else:
                plan = action_plans.get_plan(self.ctx.db, row_id)
        except ClinicAppError as exc:
            show_error(self, exc)
            return True
        self.views.setCurrentIndex(0)
        self.plan.setValue(plan.id)
        self.group.setValue(plan.group_id)  # reloads the group's plans, then the board
        return True

    def self_test_dialogs(self) -> list[QWidget]:
        group_id, plan_id = self.group.value(), self.plan.value()
        dialogs: list[QWidget] = []
        if group_id:
            dialogs.append(ActionPlanDialog(self.ctx, group_id, self))
            if plan_id:
                dialogs.append(ActionItemDialog(self.ctx, plan_id, group_id, self))
        return dialogs
