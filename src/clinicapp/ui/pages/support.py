"""Support requests: in-office help after a session, from request to done."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinicapp.core.errors import ClinicAppError
from clinicapp.core.models import SupportKind, SupportRequest, SupportStatus
from clinicapp.core.services import support
from clinicapp.core.services._common import Page as ResultPage
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.support_request import DateDialog, SupportRequestDialog
from clinicapp.ui.models.lookups import with_member_names
from clinicapp.ui.models.paged import Column, PagedTableModel
from clinicapp.ui.ops import show_error
from clinicapp.ui.pages.base import Page
from clinicapp.ui.widgets.flow import FlowRow, together
from clinicapp.ui.widgets.labels import fmt_date, label
from clinicapp.ui.widgets.tables import RecordTable

Row = tuple[SupportRequest, str]  # the request and who it is for


class SupportPage(Page):
    key: ClassVar[str] = "support"
    shows: ClassVar[frozenset[str]] = frozenset({"support_requests", "members"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.new_button = QPushButton(self.tr("&New request…"), self)
        self.new_button.setShortcut(QKeySequence.StandardKey.New)
        self.new_button.setToolTip(self.tr("Request in-office support (Ctrl+N)"))
        self.schedule_button = QPushButton(self.tr("&Schedule…"), self)
        self.done_button = QPushButton(self.tr("Mark &done"), self)
        self.cancel_button = QPushButton(self.tr("Ca&ncel request"), self)
        self.filter = QComboBox(self)
        self.filter.setAccessibleName(self.tr("Show"))
        self.filter.addItem(self.tr("Open requests"), "open")
        self.filter.addItem(self.tr("All requests"), "all")
        for status in SupportStatus:
            self.filter.addItem(label(status), status.value)
        filter_label = QLabel(self.tr("Sho&w:"), self)
        filter_label.setBuddy(self.filter)
        self.count_label = QLabel(self)

        # The buttons wrap onto a second line in a narrow window (French at 800
        # pixels), the filter keeping to the right, rather than widening the page.
        top = FlowRow()
        for button in (self.new_button, self.schedule_button, self.done_button,
                       self.cancel_button):
            top.addWidget(button)
        top.add_trailing(together(filter_label, self.filter, parent=self))

        columns: list[Column[Row]] = [
            Column(self.tr("Requested"), lambda r: fmt_date(r[0].requested_on)),
            Column(self.tr("Support"), lambda r: label(r[0].kind, SupportKind)),
            Column(self.tr("For"), lambda r: r[1] or r[0].clinic),
            Column(self.tr("Topic"), lambda r: r[0].topic, tooltip=lambda r: r[0].notes),
            Column(self.tr("Status"), lambda r: label(r[0].status, SupportStatus)),
            Column(self.tr("Scheduled"), lambda r: fmt_date(r[0].scheduled_on)),
            Column(self.tr("Done"), lambda r: fmt_date(r[0].done_on)),
        ]
        self.model: PagedTableModel[Row] = PagedTableModel(
            columns, None, self, row_id=lambda r: r[0].id)
        self.table = RecordTable(self, self.tr("Support requests"))
        self.table.setModel(self.model)
        self.table.fit_columns([12, 18, 24, 30, 12, 12])
        self.table.set_empty_state(
            self.tr("No support request here. When someone asks for help in their office "
                    "after a session, record it here."), self.tr("Record a &request…"),
            lambda: self.new_request())

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self.new_button.clicked.connect(lambda: self.new_request())
        self.schedule_button.clicked.connect(self.schedule_selected)
        self.done_button.clicked.connect(self.mark_selected_done)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.filter.currentIndexChanged.connect(lambda _i: self._requery())
        self.table.record_activated.connect(self.edit_request)
        self.table.current_changed.connect(lambda _id: self._update_buttons())
        self.model.total_changed.connect(self._show_count)
        self.model.reloaded.connect(self._update_buttons)
        self._pending_select = ""
        self.model.reloaded.connect(self._select_pending)
        self._update_buttons()
        self.setFocusProxy(self.table)

    def title(self) -> str:
        return self.tr("Support requests")

    # --- data ---------------------------------------------------------------------

    def _fetcher(self):  # type: ignore[no-untyped-def]
        db, choice = self.ctx.db, self.filter.currentData()
        status = None if choice in ("open", "all") else SupportStatus(choice)
        open_only = choice == "open"

        def fetch(offset: int, limit: int) -> ResultPage[Row]:
            page = support.list_requests(db, status=status, open_only=open_only,
                                         offset=offset, limit=limit)
            return with_member_names(db, page, lambda r: r.member_id)

        return fetch

    def _requery(self) -> None:
        self.model.set_fetch(self._fetcher())

    def refresh(self) -> None:
        self.model.set_fetch(self._fetcher(), keep_rows=True)

    def _show_count(self, total: int) -> None:
        self.count_label.setText(self.tr("%n requests", "", total))

    def selected(self) -> SupportRequest | None:
        index = self.table.currentIndex()
        return self.model.row(index)[0] if index.isValid() else None

    def _update_buttons(self) -> None:
        req = self.selected()
        is_open = req is not None and req.status in support.OPEN
        self.schedule_button.setEnabled(is_open)
        self.done_button.setEnabled(is_open)
        self.cancel_button.setEnabled(is_open)

    def _select_pending(self) -> None:
        if self._pending_select and self.table.select_id(self._pending_select):
            self._pending_select = ""

    # --- actions ------------------------------------------------------------------

    def new_request(self, session_id: str | None = None,
                    member_id: str | None = None) -> SupportRequestDialog:
        dialog = SupportRequestDialog(self.ctx, self, session_id=session_id,
                                      member_id=member_id)
        dialog.accepted.connect(lambda: self._created(dialog))
        dialog.open()
        return dialog

    def _created(self, dialog: SupportRequestDialog) -> None:
        if dialog.result_record is not None:
            self._pending_select = dialog.result_record.id
            self.status_message.emit(self.tr("Support requested."))

    def edit_request(self, request_id: str) -> SupportRequestDialog | None:
        try:
            request = support.get(self.ctx.db, request_id)
        except ClinicAppError as exc:
            show_error(self, exc)
            return None
        dialog = SupportRequestDialog(self.ctx, self, request=request)
        dialog.open()
        return dialog

    def schedule_selected(self) -> DateDialog | None:
        req = self.selected()
        if req is None:
            return None
        dialog = DateDialog(self.tr("Schedule support"), self.tr("Visit &on:"), self,
                            initial=req.scheduled_on, minimum=req.requested_on)

        def done() -> None:
            self._write(lambda: support.schedule(self.ctx.db, req.id, dialog.value()),
                        self.tr("Support scheduled."))

        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    def mark_selected_done(self) -> DateDialog | None:
        req = self.selected()
        if req is None:
            return None
        dialog = DateDialog(self.tr("Support done"), self.tr("Done &on:"), self,
                            minimum=req.requested_on)
        dialog.accepted.connect(lambda: self._write(
            lambda: support.mark_done(self.ctx.db, req.id, dialog.value()),
            self.tr("Support marked done.")))
        dialog.open()
        return dialog

    def cancel_selected(self) -> None:
        req = self.selected()
        if req is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Cancel request"),
            self.tr("Cancel this support request? It stays in the list as cancelled."))
        if answer == QMessageBox.StandardButton.Yes:
            self._write(lambda: support.cancel(self.ctx.db, req.id),
                        self.tr("Support request cancelled."))

    def _write(self, work, message: str) -> None:  # type: ignore[no-untyped-def]
        try:
            work()
        except ClinicAppError as exc:
            show_error(self, exc)
            return
        self.status_message.emit(message)

    # --- navigation ---------------------------------------------------------------

    def show_record(self, kind: str, row_id: str) -> bool:
        if kind == "new_support_request":  # from the Today page
            self.new_request()
            return True
        if kind != "support_request":
            return False
        if self.table.select_id(row_id):
            return True
        self._pending_select = row_id
        self.filter.setCurrentIndex(self.filter.findData("all"))
        self._requery()
        return True

    def self_test_dialogs(self) -> list[QWidget]:
        return [SupportRequestDialog(self.ctx, self)]
