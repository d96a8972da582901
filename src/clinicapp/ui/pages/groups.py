"""Groups & members: the groups, each group's roster, facilitators, roster import."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from clinicapp.core.errors import ClinicAppError
from clinicapp.core.models import Group, Member, Membership, Role
from clinicapp.core.services import groups, members
from clinicapp.core.services._common import Page as ResultPage
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.group_edit import GroupDialog, kind_labels
from clinicapp.ui.dialogs.member_edit import MemberDialog
from clinicapp.ui.dialogs.member_search import MemberSearchDialog
from clinicapp.ui.dialogs.roster_import import RosterImportDialog
from clinicapp.ui.models.paged import Column, PagedTableModel
from clinicapp.ui.ops import show_error
from clinicapp.ui.pages.base import Page
from clinicapp.ui.widgets.duplicates import DuplicatesBox
from clinicapp.ui.widgets.flow import FlowRow
from clinicapp.ui.widgets.labels import label
from clinicapp.ui.widgets.tables import RecordTable

RosterRow = tuple[Member, Membership]


class GroupsPage(Page):
    key: ClassVar[str] = "groups"
    shows: ClassVar[frozenset[str]] = frozenset({"groups", "members", "memberships"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        kinds = kind_labels(self)
        self.groups_model: PagedTableModel[Group] = PagedTableModel(
            [Column(self.tr("Group"), lambda g: g.name,
                    tooltip=lambda g: kinds.get(g.kind, "")),
             Column(self.tr("Division"), lambda g: g.division)], None, self)
        self.groups_table = RecordTable(self, self.tr("Groups"))
        self.groups_table.setModel(self.groups_model)
        # Sized to fit their panes at 1280 pixels without scrolling sideways.
        self.groups_table.fit_columns([20, 12], stretch=0, squeeze=True)
        self.groups_table.set_empty_state(
            self.tr("No group yet. Create your small group or community of practice first, "
                    "then add its members."), self.tr("Create a &group…"),
            lambda: self.new_group())
        self.new_group_button = QPushButton(self.tr("New &group…"), self)
        self.edit_group_button = QPushButton(self.tr("Edit gro&up…"), self)
        groups_label = QLabel(self.tr("Gr&oups"), self)
        groups_label.setBuddy(self.groups_table)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(groups_label)
        left_layout.addWidget(self.groups_table, 1)
        # One above the other: the group list stays narrow on a small screen.
        left_layout.addWidget(self.new_group_button)
        left_layout.addWidget(self.edit_group_button)

        self.roster_model: PagedTableModel[RosterRow] = PagedTableModel([
            Column(self.tr("Name"), lambda r: r[0].full_name),
            Column(self.tr("Role"), lambda r: label(r[0].role, Role),
                   tooltip=lambda r: r[0].profession_detail),
            Column(self.tr("Facilitator"), lambda r: "✓" if r[1].is_facilitator else ""),
            Column(self.tr("Email"), lambda r: r[0].email),
            Column(self.tr("Phone"), lambda r: r[0].phone),
            Column(self.tr("Licence / CFPC no."), lambda r: r[0].licence_number),
        ], None, self, row_id=lambda r: r[0].id)
        self.roster_table = RecordTable(self, self.tr("Roster"))
        self.roster_table.setModel(self.roster_model)
        self.roster_table.fit_columns([15, 15, 9, 21, 11, 13], stretch=0)
        self.roster_import_empty = self.roster_table.set_empty_state(
            self.tr("No one on this roster yet. Add the members one by one, or import the "
                    "list from a spreadsheet saved as CSV."), self.tr("Import a &roster…"),
            lambda: self.import_roster())
        self.roster_heading = QLabel(self)
        self.roster_heading.setBuddy(self.roster_table)
        self.new_member_button = QPushButton(self.tr("&New member…"), self)
        self.new_member_button.setShortcut(QKeySequence.StandardKey.New)
        self.new_member_button.setToolTip(self.tr("Add a new member to this group (Ctrl+N)"))
        self.add_existing_button = QPushButton(self.tr("Add &existing…"), self)
        self.edit_member_button = QPushButton(self.tr("Ed&it member…"), self)
        self.facilitator_button = QPushButton(self.tr("&Facilitator"), self)
        self.facilitator_button.setCheckable(True)
        self.facilitator_button.setToolTip(self.tr("Mark or unmark the selected member as a "
                                                   "facilitator of this group"))
        self.remove_button = QPushButton(self.tr("&Remove from group"), self)
        self.import_button = QPushButton(self.tr("Import roster from &CSV…"), self)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.roster_heading)
        right_layout.addWidget(self.roster_table, 1)
        # Two rows (who joins; what to do with the chosen member), each wrapping onto
        # another line in a narrow window (French at 800 pixels) rather than making
        # the page scroll sideways.
        for buttons in ((self.new_member_button, self.add_existing_button,
                         self.import_button),
                        (self.edit_member_button, self.facilitator_button,
                         self.remove_button)):
            row = FlowRow()
            for button in buttons:
                row.addWidget(button)
            right_layout.addLayout(row)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        layout.addWidget(DuplicatesBox(ctx, self))  # possible duplicates, merge and undo

        self.groups_table.current_changed.connect(lambda _id: self._group_selected())
        self.groups_table.record_activated.connect(lambda _id: self.edit_group())
        self.groups_model.reloaded.connect(self._groups_loaded)
        self.roster_table.current_changed.connect(lambda _id: self._update_buttons())
        self.roster_table.record_activated.connect(lambda _id: self.edit_member())
        self.roster_model.reloaded.connect(self._roster_loaded)
        self.new_group_button.clicked.connect(self.new_group)
        self.edit_group_button.clicked.connect(self.edit_group)
        self.new_member_button.clicked.connect(self.new_member)
        self.add_existing_button.clicked.connect(self.add_existing)
        self.edit_member_button.clicked.connect(self.edit_member)
        self.facilitator_button.clicked.connect(self.toggle_facilitator)
        self.remove_button.clicked.connect(self.remove_member)
        self.import_button.clicked.connect(self.import_roster)
        self._group_id = ""
        self._pending_group = ""
        self._pending_member = ""
        self.setFocusProxy(self.groups_table)
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Groups & members")

    # --- loading ------------------------------------------------------------------

    def refresh(self) -> None:
        db = self.ctx.db
        self.groups_model.set_fetch(
            lambda offset, limit: groups.list_groups(db, offset, limit), keep_rows=True)

    def _groups_loaded(self) -> None:
        wanted = self._pending_group or self._group_id
        self._pending_group = ""
        if wanted and self.groups_table.select_id(wanted):
            self._group_selected()
        elif self.groups_model.rowCount() and not self.groups_table.selected_id():
            self.groups_table.selectRow(0)
        elif not self.groups_model.rowCount():
            self._group_selected()

    def _group_selected(self) -> None:
        self._group_id = self.groups_table.selected_id()
        group_id, db = self._group_id, self.ctx.db
        if not group_id:
            self.roster_heading.setText(self.tr("Create a group to start its roster."))
            self.roster_model.set_fetch(None)
            self._update_buttons()
            return
        group = self.groups_model.row(self.groups_model.find(group_id))
        self.roster_heading.setText(self.tr("&Roster of %1").replace("%1", group.name))

        def fetch(offset: int, limit: int) -> ResultPage[RosterRow]:
            rows = members.roster(db, group_id)  # a group has about 8–13 members
            return ResultPage(items=rows[offset:offset + limit], offset=offset,
                              total=len(rows))

        self.roster_model.set_fetch(fetch, keep_rows=True)
        self._update_buttons()

    def _roster_loaded(self) -> None:
        if self._pending_member and self.roster_table.select_id(self._pending_member):
            self._pending_member = ""
        self._update_buttons()

    def selected_member(self) -> RosterRow | None:
        index = self.roster_table.currentIndex()
        return self.roster_model.row(index) if index.isValid() else None

    def _update_buttons(self) -> None:
        has_group = bool(self._group_id)
        row = self.selected_member()
        if self.roster_import_empty is not None:  # no roster to fill without a group
            self.roster_import_empty.setVisible(has_group)
            self.roster_table.empty_label.setText(
                self.tr("No one on this roster yet. Add the members one by one, or import "
                        "the list from a spreadsheet saved as CSV.") if has_group else
                self.tr("Choose or create a group: its roster shows here."))
        for button in (self.new_member_button, self.add_existing_button, self.import_button,
                       self.edit_group_button):
            button.setEnabled(has_group)
        for button in (self.edit_member_button, self.facilitator_button, self.remove_button):
            button.setEnabled(row is not None)
        self.facilitator_button.setChecked(bool(row and row[1].is_facilitator))

    # --- groups -------------------------------------------------------------------

    def new_group(self) -> GroupDialog:
        dialog = GroupDialog(self.ctx, self)

        def created() -> None:
            if dialog.result_record is not None:
                self._pending_group = dialog.result_record.id
                self.refresh()

        dialog.accepted.connect(created)
        dialog.open()
        return dialog

    def edit_group(self) -> GroupDialog | None:
        if not self._group_id:
            return None
        dialog = GroupDialog(self.ctx, self, group=groups.get(self.ctx.db, self._group_id))
        dialog.open()
        return dialog

    # --- members ------------------------------------------------------------------

    def new_member(self) -> MemberDialog | None:
        if not self._group_id:
            return None
        dialog = MemberDialog(self.ctx, self, group_id=self._group_id)
        dialog.accepted.connect(lambda: self._member_added(dialog.result_record))
        dialog.open()
        return dialog

    def _member_added(self, member: Any) -> None:
        if member is not None:
            self._pending_member = member.id
            self.status_message.emit(self.tr("%1 added to the group.")
                                     .replace("%1", member.full_name))
            self._group_selected()

    def add_existing(self) -> MemberSearchDialog | None:
        if not self._group_id:
            return None
        dialog = MemberSearchDialog(self.ctx, self)

        def chosen() -> None:
            member_id = dialog.chosen_id()
            if member_id and self._write(
                    lambda: members.add_to_group(self.ctx.db, self._group_id, member_id)):
                self._member_added(members.get(self.ctx.db, member_id))

        dialog.accepted.connect(chosen)
        dialog.open()
        return dialog

    def edit_member(self) -> MemberDialog | None:
        row = self.selected_member()
        if row is None:
            return None
        dialog = MemberDialog(self.ctx, self, member=members.get(self.ctx.db, row[0].id))
        dialog.open()
        return dialog

    def toggle_facilitator(self) -> None:
        row = self.selected_member()
        if row is None:
            return
        member, membership = row
        on = not membership.is_facilitator
        if self._write(lambda: members.set_facilitator(self.ctx.db, self._group_id, member.id,
                                                       on)):
            self._pending_member = member.id
            self._group_selected()

    def remove_member(self) -> None:
        row = self.selected_member()
        if row is None:
            return
        member = row[0]
        answer = QMessageBox.question(
            self, self.tr("Remove from group"),
            self.tr("Remove %1 from this group? Their attendance, reflections and "
                    "certificates are kept.").replace("%1", member.full_name))
        if answer == QMessageBox.StandardButton.Yes and self._write(
                lambda: members.remove_from_group(self.ctx.db, self._group_id, member.id)):
            self._group_selected()

    def import_roster(self) -> RosterImportDialog | None:
        if not self._group_id:
            return None
        dialog = RosterImportDialog(self.ctx, self._group_id, self)
        dialog.accepted.connect(self._group_selected)
        # The dialog closes once the import is done: say what it did where it stays seen.
        dialog.accepted.connect(lambda: self.status_message.emit(dialog.summary.text()))
        dialog.open()
        return dialog

    def _write(self, work: Any) -> bool:
        try:
            work()
        except ClinicAppError as exc:
            show_error(self, exc)
            return False
        return True

    # --- navigation ---------------------------------------------------------------

    def show_record(self, kind: str, row_id: str) -> bool:
        if kind == "group":
            self._pending_group = row_id
            if self.groups_table.select_id(row_id):
                self._group_selected()
            else:
                self.refresh()
            return True
        return False

    def self_test_dialogs(self) -> list[QWidget]:
        dialogs: list[QWidget] = [GroupDialog(self.ctx, self),
                                  MemberDialog(self.ctx, self, group_id=self._group_id or None)]
        if self._group_id:
            dialogs.append(RosterImportDialog(self.ctx, self._group_id, self))
        return dialogs
