"""Sessions: find and plan sessions; open one to run it (attendance, notes, breaks,
reflection round, evaluations, completion and credits)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, ClassVar

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clinicapp.core.errors import ClinicAppError
from clinicapp.core.models import Session, SessionStatus
from clinicapp.core.reports import session_list
from clinicapp.core.rules.credits import credit_year_start
from clinicapp.core.services import sessions
from clinicapp.core.sync import clock
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.plan_session import PlanSessionDialog
from clinicapp.ui.models.paged import Column, PagedTableModel
from clinicapp.ui.ops import show_error
from clinicapp.ui.pages.base import Page
from clinicapp.ui.session_run import SessionRunWidget
from clinicapp.ui.widgets.flow import FlowRow, together
from clinicapp.ui.widgets.labels import fmt_datetime, fmt_minutes, label
from clinicapp.ui.widgets.pickers import GroupPicker, group_choices
from clinicapp.ui.widgets.tables import RecordTable

# Rows read at a time: a tall screen's worth. Each session row is a whole ORM object, so
# reading 200 before the first paint doubled the time to first rows on a large clinic.
FIRST_ROWS = 60
MIN_FIRST_ROWS = 20  # read first even when the table is not laid out yet


class SessionsPage(Page):
    key: ClassVar[str] = "sessions"
    shows: ClassVar[frozenset[str]] = frozenset({
        "sessions", "groups", "attendance", "reflections", "commitments", "evaluations",
        "members", "memberships", "topics"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.stack = QStackedWidget(self)
        self.list_view = QWidget(self.stack)
        self.run_view = SessionRunWidget(ctx, self.stack)
        self.stack.addWidget(self.list_view)
        self.stack.addWidget(self.run_view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.plan_button = QPushButton(self.tr("&Plan session…"), self.list_view)
        self.plan_button.setShortcut(QKeySequence.StandardKey.New)
        self.plan_button.setToolTip(self.tr("Plan a new session (Ctrl+N)"))
        self.open_button = QPushButton(self.tr("&Open"), self.list_view)
        self.open_button.setToolTip(self.tr("Open the selected session to run it (Enter)"))
        # Its groups are read with the first rows, on the same worker, after them: read
        # beside the page being built they held up the building and the rows alike.
        self.group = GroupPicker(ctx.db, self.list_view, none_text=self.tr("All groups"),
                                 load=False)
        self.group.setAccessibleName(self.tr("Group"))
        self.status = QComboBox(self.list_view)
        self.status.setAccessibleName(self.tr("Status"))
        self.status.addItem(self.tr("Any status"), None)
        for value, text in ((s, label(s)) for s in SessionStatus):
            self.status.addItem(text, value.value)
        self.period = QComboBox(self.list_view)
        self.period.setAccessibleName(self.tr("Period"))
        for key, text in (("any", self.tr("Any time")), ("next30", self.tr("Next 30 days")),
                          ("past30", self.tr("Past 30 days")),
                          ("credit_year", self.tr("This credit year")),
                          ("past365", self.tr("Past 12 months"))):
            self.period.addItem(text, key)
        self.search = QLineEdit(self.list_view)
        self.search.setPlaceholderText(self.tr("Title, objectives, notes, location"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search sessions"))
        # Two rows (the search and the actions; the filters, which wrap onto another
        # line), so the page fits a small screen in French too instead of scrolling
        # sideways.
        top, filters = QHBoxLayout(), FlowRow()
        for text, widget in ((self.tr("&Find:"), self.search),
                             (self.tr("&Group:"), self.group),
                             (self.tr("&Status:"), self.status),
                             (self.tr("Peri&od:"), self.period)):
            caption = QLabel(text, self.list_view)
            caption.setBuddy(widget)
            if widget is self.search:
                top.addWidget(caption)
                top.addWidget(widget, 1)
            else:
                filters.addWidget(together(caption, widget, parent=self.list_view))
        top.addWidget(self.plan_button)
        top.addWidget(self.open_button)

        self.model: PagedTableModel[Session | session_list.SessionLine] = PagedTableModel([
            Column(self.tr("When"), lambda s: fmt_datetime(s.scheduled_start)),
            Column(self.tr("Title"), lambda s: s.title,
                   tooltip=lambda s: "\n".join(s.objectives or [])),
            Column(self.tr("Group"), lambda s: self._group_names.get(s.group_id, "")),
            Column(self.tr("Status"), lambda s: label(s.status, SessionStatus)),
            Column(self.tr("Length"), lambda s: fmt_minutes(s.planned_minutes),
                   align_right=True),
            Column(self.tr("Location"), lambda s: s.location),
        ], None, self, page_size=FIRST_ROWS)
        self.table = RecordTable(self.list_view, self.tr("Sessions"))
        self.table.setModel(self.model)
        self.table.fit_columns([17, 38, 24, 11, 10])
        self.table.set_empty_state(
            self.tr("No session to show. Plan one — or, if you chose a group or a status "
                    "above, widen the choice."), self.tr("&Plan a session…"),
            lambda: self.plan_session())
        self.count_label = QLabel(self.list_view)
        list_layout = QVBoxLayout(self.list_view)
        list_layout.addLayout(top)
        list_layout.addLayout(filters)
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(self.count_label)

        self._group_names: dict[str, str] = {}
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)  # search as you type, once the typing pauses
        self._debounce.timeout.connect(self._requery)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._requery)
        self.group.loaded.connect(self._groups_loaded)
        self.group.valueChanged.connect(self._requery)
        self.status.currentIndexChanged.connect(lambda _i: self._requery())
        self.period.currentIndexChanged.connect(lambda _i: self._requery())
        self.plan_button.clicked.connect(self.plan_session)
        self.open_button.clicked.connect(self._open_selected)
        # Nothing selected, nothing to open: the button says so instead of doing nothing.
        self.open_button.setEnabled(False)
        self.table.current_changed.connect(lambda row_id: self.open_button.setEnabled(
            bool(row_id)))
        self.table.record_activated.connect(self.open_session)
        self.model.total_changed.connect(
            lambda total: self.count_label.setText(self.tr("%n sessions", "", total)))
        self.model.reloaded.connect(self._select_pending)
        self.model.reloaded.connect(self._take_choices)
        self.run_view.back_requested.connect(self.show_list)
        self.run_view.status_message.connect(self.status_message)
        self._pending_select = ""
        # The groups the first rows' worker read, until the picker takes them; until
        # then every query reads them too (so a failed first read heals itself).
        self._choices_read: list[list[tuple[str, str]]] = []
        self._groups_known = False
        self._groups_fresh = True  # the first refresh reads them with the rows
        self.setFocusProxy(self.table)

    def title(self) -> str:
        return self.tr("Sessions")

    # --- the list -----------------------------------------------------------------

    def _groups_loaded(self) -> None:
        names = {str(self.group.itemData(i)): self.group.itemText(i)
                 for i in range(self.group.count()) if self.group.itemData(i)}
        if names != self._group_names:  # the rows already show these names otherwise
            self._group_names = names
            self.model.layoutChanged.emit()

    def _take_choices(self) -> None:
        """The first rows are in: their groups' names with them (no repaint), and the
        picker filled once they are drawn."""
        if not self._choices_read:
            return
        choices = self._choices_read.pop()
        self._choices_read.clear()
        self._groups_known = True
        names = {row_id: text for text, row_id in choices}
        if names != self._group_names:
            self._group_names = names
            self.model.forget_texts()  # none drawn yet on a first visit: no relayout
            self.table.viewport().update()
        QTimer.singleShot(0, self, lambda: self.group.set_choices(choices))

    def _period(self) -> tuple[date | None, date | None]:
        today, key = clock.today(), self.period.currentData()
        if key == "next30":
            return today, today + timedelta(days=30)
        if key == "past30":
            return today - timedelta(days=30), today
        if key == "past365":
            return today - timedelta(days=365), today
        if key == "credit_year":
            start = credit_year_start(today)
            return date(start, 7, 1), date(start + 1, 6, 30)
        return None, None

    def _fetcher(self) -> tuple[Any, Any]:
        db = self.ctx.db
        group_id = self.group.value()
        status = self.status.currentData()
        date_from, date_to = self._period()
        text = self.search.text().strip()
        newest_first = self.period.currentData() != "next30"

        filters: dict[str, Any] = {
            "group_id": group_id, "status": SessionStatus(status) if status else None,
            "date_from": date_from, "date_to": date_to, "search": text}

        # The rows without their count, and the count apart: on a large clinic the count
        # must not hold up the first rows (it follows, in the background).
        read_groups, choices_read = not self._groups_known, self._choices_read

        # Every session, newest first (what the page opens on): read in plain SQL, the
        # groups with them; a filtered list through the ORM (session_list's docstring).
        unfiltered = newest_first and not any(filters.values())

        def fetch(offset: int, limit: int) -> Any:
            with_groups = read_groups and offset == 0
            plain = session_list.read(db, offset, limit, groups=with_groups) \
                if unfiltered else None
            if plain is not None:
                page, choices = plain
            else:
                page = sessions.list_sessions(db, offset=offset, limit=limit, count=False,
                                              newest_first=newest_first, **filters)
                choices = group_choices(db) if with_groups else None
            if choices is not None:
                choices_read.append(choices)
            return page

        def count() -> int:
            return sessions.count_sessions(db, **filters)

        return fetch, count

    def _load(self, keep_rows: bool) -> None:
        # A screenful first (at least a small screen's), the rest of the page after.
        self.model.first_rows = max(MIN_FIRST_ROWS, self.table.rows_that_fit())
        fetch, count = self._fetcher()
        self.model.set_fetch(fetch, keep_rows=keep_rows, count=count)

    def _requery(self) -> None:
        self._debounce.stop()
        self._load(keep_rows=False)

    def refresh(self) -> None:
        if not self._groups_fresh:
            self.group.reload()
        self._groups_fresh = False
        self._load(keep_rows=True)
        if self.stack.currentWidget() is self.run_view:
            self.run_view.refresh()

    def on_data_changed(self, tables: frozenset[str]) -> None:
        if "groups" in tables:
            self._groups_fresh = False  # changed since the picker loaded them
        super().on_data_changed(tables)

    def _select_pending(self) -> None:
        if self._pending_select and self.table.select_id(self._pending_select):
            self._pending_select = ""

    # --- actions ------------------------------------------------------------------

    def plan_session(self) -> PlanSessionDialog:
        dialog = PlanSessionDialog(self.ctx, self, group_id=self.group.value())

        def planned() -> None:
            if dialog.result_record is not None:
                self._pending_select = dialog.result_record.id
                self.status_message.emit(self.tr("Session planned."))
                self._load(keep_rows=True)

        dialog.accepted.connect(planned)
        dialog.open()
        return dialog

    def _open_selected(self) -> None:
        session_id = self.table.selected_id()
        if session_id:
            self.open_session(session_id)

    def open_session(self, session_id: str) -> bool:
        try:
            self.run_view.open(session_id)
        except ClinicAppError as exc:
            show_error(self, exc)
            return False
        self.stack.setCurrentWidget(self.run_view)
        self.run_view.setFocus()
        return True

    def show_list(self) -> None:
        self.run_view.close_session()
        self.stack.setCurrentWidget(self.list_view)
        self._pending_select = self.run_view.session_id or self._pending_select
        self._load(keep_rows=True)
        self.table.setFocus()

    def show_record(self, kind: str, row_id: str) -> bool:
        if kind == "new_session":  # "Plan a session…" from another page
            self.plan_session()
            return True
        if kind != "session":
            return False
        self.open_session(row_id)
        return True

    def self_test_dialogs(self) -> list[QWidget]:
        return [PlanSessionDialog(self.ctx, self)]
