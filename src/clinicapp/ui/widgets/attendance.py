"""Attendance at a running session, fast by keyboard: type part of a name, press Enter.

The top match is checked in (Up/Down choose another); a name nobody matches opens the
walk-in form with that name filled in. The table below shows who is in the room, when
they arrived and left, and after completion their minutes and credits.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinicapp.core.errors import ClinicAppError
from clinicapp.core.models import Attendance, AttendanceStatus, Member, Role
from clinicapp.core.services import attendance, members
from clinicapp.core.services._common import Page as ResultPage
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.walk_in import WalkInDialog
from clinicapp.ui.error_text import error_text
from clinicapp.ui.models.paged import Column, PagedTableModel
from clinicapp.ui.ops import run_op, show_error
from clinicapp.ui.widgets.labels import fmt_credits, fmt_time, label
from clinicapp.ui.widgets.tables import RecordTable

Row = tuple[Attendance, Member]
ID_ROLE = Qt.ItemDataRole.UserRole


def attendance_model(parent: QObject, with_credits: bool) -> PagedTableModel[Row]:
    # One named context, spelled out in each call, so that lupdate files these strings
    # under the context they are looked up in (``parent.tr`` would look them up under
    # the caller's class, while lupdate cannot tell which class that is).
    heading = {
        "name": QCoreApplication.translate("AttendanceTable", "Name"),
        "role": QCoreApplication.translate("AttendanceTable", "Role"),
        "status": QCoreApplication.translate("AttendanceTable", "Status"),
        "arrived": QCoreApplication.translate("AttendanceTable", "Arrived"),
        "left": QCoreApplication.translate("AttendanceTable", "Left"),
        "minutes": QCoreApplication.translate("AttendanceTable", "Minutes attended"),
        "credits": QCoreApplication.translate("AttendanceTable", "Credits"),
        "certificate": QCoreApplication.translate("AttendanceTable", "Certificate no."),
    }
    columns: list[Column[Row]] = [
        Column(heading["name"], lambda r: r[1].full_name),
        Column(heading["role"], lambda r: label(r[1].role, Role)),
        Column(heading["status"], lambda r: label(r[0].status, AttendanceStatus)),
        Column(heading["arrived"], lambda r: fmt_time(r[0].arrived_at)),
        Column(heading["left"], lambda r: fmt_time(r[0].left_at)),
    ]
    if with_credits:
        columns += [
            Column(heading["minutes"], lambda r: "" if r[0].minutes_attended is None
                   else str(r[0].minutes_attended), align_right=True),
            Column(heading["credits"], lambda r: fmt_credits(r[0].credits), align_right=True),
            Column(heading["certificate"], lambda r: r[0].certificate_number),
        ]
    return PagedTableModel(columns, None, parent, row_id=lambda r: r[0].id)


def session_fetch(ctx: AppContext, session_id: str) -> Any:
    db = ctx.db

    def fetch(offset: int, limit: int) -> ResultPage[Row]:
        rows = attendance.list_for_session(db, session_id)  # one room: tens of people
        return ResultPage(items=rows[offset:offset + limit], offset=offset, total=len(rows))

    return fetch


class AttendancePanel(QWidget):
    """Check-in box, matches, walk-in, and who is here."""

    checked_in = Signal(str)  # member name, for the status line

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session_id = ""
        self.check_in_edit = QLineEdit(self)
        self.check_in_edit.setPlaceholderText(self.tr("Type part of a name, then Enter"))
        self.check_in_edit.setAccessibleName(self.tr("Check in"))
        check_in_label = QLabel(self.tr("Check &in:"), self)
        check_in_label.setBuddy(self.check_in_edit)
        self.walk_in_button = QPushButton(self.tr("&Walk-in…"), self)
        self.walk_in_button.setToolTip(self.tr("Add someone not on the roster and check them "
                                               "in (Ctrl+Shift+N)"))
        QShortcut(QKeySequence("Ctrl+Shift+N"), self, self.walk_in)
        self.matches = QListWidget(self)
        self.matches.setAccessibleName(self.tr("Matching members"))
        self.matches.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 8)
        self.matches.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Up/Down from the box drive it
        self.matches.itemClicked.connect(lambda item: self._check_in_item(item))
        self.matches.hide()  # shown while a name is typed: no empty box otherwise
        self.feedback = QLabel(self)
        self.feedback.setAccessibleName(self.tr("Check-in result"))
        # The group's members who are expected and not here yet: a click checks one in.
        self.expected_label = QLabel(self)
        self.expected = QListWidget(self)
        self.expected.setAccessibleName(self.tr("Expected, not arrived yet"))
        self.expected.setFlow(QListWidget.Flow.LeftToRight)
        self.expected.setWrapping(True)
        self.expected.setMaximumHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.expected.setToolTip(self.tr("Double-click a name (or press Enter) to check "
                                         "that person in"))
        self.expected.itemActivated.connect(lambda item: self._check_in_item(item))
        self.expected_label.setBuddy(self.expected)
        self.group_id = ""
        self.minutes_correctable = False

        self.model = attendance_model(self, with_credits=False)
        self.table = RecordTable(self, self.tr("Attendance"))
        self.table.setModel(self.model)
        self.table.fit_columns([28, 22, 12, 10, 10])
        self.check_out_button = QPushButton(self.tr("Check &out"), self)
        self.check_out_button.setToolTip(self.tr("The selected person leaves now"))
        self.absent_button = QPushButton(self.tr("Mark a&bsent"), self)
        self.minutes_button = QPushButton(self.tr("Correct &minutes…"), self)
        self.count_label = QLabel(self)

        entry = QHBoxLayout()
        entry.addWidget(check_in_label)
        entry.addWidget(self.check_in_edit, 1)
        entry.addWidget(self.walk_in_button)
        actions = QHBoxLayout()
        for button in (self.check_out_button, self.absent_button, self.minutes_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(entry)
        layout.addWidget(self.matches)
        layout.addWidget(self.feedback)
        layout.addWidget(self.expected_label)
        layout.addWidget(self.expected)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

        self.check_in_edit.textChanged.connect(self._search)
        self.check_in_edit.returnPressed.connect(self.check_in_top)
        self.check_in_edit.installEventFilter(self)
        self.walk_in_button.clicked.connect(self.walk_in)
        self.check_out_button.clicked.connect(self.check_out_selected)
        self.absent_button.clicked.connect(self.mark_selected_absent)
        self.minutes_button.clicked.connect(self.correct_minutes)
        self.table.current_changed.connect(lambda _id: self._update_buttons())
        self.model.reloaded.connect(self._reloaded)
        self.setFocusProxy(self.check_in_edit)

    # --- session ------------------------------------------------------------------

    def set_session(self, session_id: str, completed: bool, group_id: str = "",
                    minutes_correctable: bool | None = None) -> None:
        """``minutes_correctable``: the session is completed (minutes are corrected only
        then); by default, whenever it is closed."""
        changed = session_id != self.session_id
        self.session_id = session_id
        self.completed = completed
        self.group_id = group_id
        self.minutes_correctable = completed if minutes_correctable is None \
            else minutes_correctable
        self.check_in_edit.setEnabled(bool(session_id) and not completed)
        self.walk_in_button.setEnabled(bool(session_id) and not completed)
        if changed:
            self.check_in_edit.clear()
            self.feedback.clear()
            self.model.set_fetch(session_fetch(self.ctx, session_id) if session_id else None)
        else:
            self.reload()

    def reload(self) -> None:
        if self.session_id:
            self.model.set_fetch(session_fetch(self.ctx, self.session_id), keep_rows=True)

    def _reloaded(self) -> None:
        present = sum(1 for a, _m in self.model.rows() if a.status != AttendanceStatus.ABSENT)
        self.count_label.setText(self.tr("%n in the room", "", present))
        self._update_buttons()
        self._load_expected()

    def _load_expected(self) -> None:
        db, group_id = self.ctx.db, self.group_id
        seen = {m.id for _a, m in self.model.rows()}
        if not group_id or getattr(self, "completed", False):
            self._show_expected([])
            return
        run_op(self, lambda: [m for m, _ms in members.roster(db, group_id)
                              if m.id not in seen],
               on_success=self._show_expected, show_errors=False)

    def _show_expected(self, expected: list[Member]) -> None:
        self.expected.clear()
        for member in expected:
            item = QListWidgetItem(member.full_name, self.expected)
            item.setData(ID_ROLE, member.id)
            item.setData(ID_ROLE + 1, member.full_name)
            item.setToolTip(label(member.role, Role))
        self.expected_label.setText(self.tr("Expected, not arrived yet (%n):", "",
                                            len(expected)))
        self.expected_label.setVisible(bool(expected))
        self.expected.setVisible(bool(expected))

    def _selected(self) -> Row | None:
        index = self.table.currentIndex()
        return self.model.row(index) if index.isValid() else None

    def _update_buttons(self) -> None:
        row = self._selected()
        editable = row is not None and not getattr(self, "completed", False)
        self.check_out_button.setEnabled(editable and row is not None
                                         and row[0].left_at is None
                                         and row[0].status != AttendanceStatus.ABSENT)
        self.absent_button.setEnabled(editable)
        self.minutes_button.setEnabled(row is not None and self.minutes_correctable)
        # A disabled button says why, so no one types a correction that will be refused.
        if not self.minutes_correctable:
            self.minutes_button.setToolTip(self.tr("Minutes can be corrected once the "
                                                   "session is completed"))
        elif row is None:
            self.minutes_button.setToolTip(self.tr("Select a person in the list first"))
        else:
            self.minutes_button.setToolTip(self.tr("Correct the minutes %1 attended")
                                           .replace("%1", row[1].full_name))
        if row is None:
            tip = self.tr("Select a person in the list first")
            self.check_out_button.setToolTip(tip)
            self.absent_button.setToolTip(tip)
        elif getattr(self, "completed", False):
            tip = self.tr("The session is closed")
            self.check_out_button.setToolTip(tip)
            self.absent_button.setToolTip(tip)
        else:
            self.check_out_button.setToolTip(self.tr("The selected person leaves now"))
            self.absent_button.setToolTip(self.tr("The selected person did not come"))

    # --- checking in --------------------------------------------------------------

    def _search(self, text: str) -> None:
        self.matches.clear()
        text = text.strip()
        self.matches.setVisible(bool(text and self.session_id))
        if not text or not self.session_id:
            return
        try:
            # A quick indexed lookup of a few names: done at once so Enter never races it.
            found = attendance.candidates(self.ctx.db, self.session_id, text)
        except ClinicAppError as exc:
            self.feedback.setText(error_text(exc))
            return
        for member in found[:8]:
            item = QListWidgetItem(f"{member.full_name} — {label(member.role, Role)}",
                                   self.matches)
            item.setData(ID_ROLE, member.id)
            item.setData(ID_ROLE + 1, member.full_name)
        if self.matches.count():
            self.matches.setCurrentRow(0)
        else:
            QListWidgetItem(self.tr("No one matches — press Enter to add “%1” as a walk-in")
                            .replace("%1", text), self.matches).setFlags(Qt.ItemFlag.NoItemFlags)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.check_in_edit and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.matches.count():
                step = 1 if key == Qt.Key.Key_Down else -1
                row = min(max(self.matches.currentRow() + step, 0), self.matches.count() - 1)
                self.matches.setCurrentRow(row)
                return True
            if key == Qt.Key.Key_Escape and self.check_in_edit.text():
                self.check_in_edit.clear()
                return True
        return False

    def check_in_top(self) -> None:
        """Enter: check in the highlighted match, or offer a walk-in for a new name."""
        item = self.matches.currentItem()
        if item is not None and item.data(ID_ROLE):
            self._check_in_item(item)
        elif self.check_in_edit.text().strip():
            self.walk_in(self.check_in_edit.text().strip())

    def _check_in_item(self, item: QListWidgetItem) -> None:
        member_id, name = item.data(ID_ROLE), item.data(ID_ROLE + 1)
        if not member_id:
            return
        try:
            attendance.check_in(self.ctx.db, self.session_id, str(member_id))
        except ClinicAppError as exc:
            self.feedback.setText(error_text(exc))
            return
        self._after_check_in(str(name))

    def _after_check_in(self, name: str) -> None:
        self.feedback.setText(self.tr("✓ %1 checked in.").replace("%1", name))
        self.checked_in.emit(name)
        self.check_in_edit.clear()
        self.check_in_edit.setFocus()
        self.reload()

    def walk_in(self, name: str = "") -> WalkInDialog | None:
        if not self.session_id or getattr(self, "completed", False):
            return None
        dialog = WalkInDialog(self.ctx, self.session_id, self,
                              full_name=name or self.check_in_edit.text().strip())
        dialog.accepted.connect(lambda: self._after_check_in(dialog.full_name.text().strip()))
        dialog.open()
        return dialog

    # --- corrections --------------------------------------------------------------

    def check_out_selected(self) -> None:
        row = self._selected()
        if row is not None:
            self._write(lambda: attendance.check_out(self.ctx.db, self.session_id, row[1].id))

    def mark_selected_absent(self) -> None:
        row = self._selected()
        if row is not None:
            self._write(lambda: attendance.mark_absent(self.ctx.db, self.session_id,
                                                       row[1].id))

    def correct_minutes(self) -> None:
        row = self._selected()
        if row is None:
            return
        minutes, ok = QInputDialog.getInt(
            self, self.tr("Correct minutes"),
            self.tr("Minutes %1 attended:").replace("%1", row[1].full_name),
            row[0].minutes_attended or 0, 0, 24 * 60)
        if ok:
            self._write(lambda: attendance.set_minutes(self.ctx.db, self.session_id,
                                                       row[1].id, minutes))

    def _write(self, work: Any) -> None:
        try:
            work()
        except ClinicAppError as exc:
            show_error(self, exc)
            return
        self.reload()
