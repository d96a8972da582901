"""Reflections & commitments: follow-ups due across everyone, and one participant's
journal and commitments across sessions."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from clinicapp.core.errors import ClinicAppError
from clinicapp.core.models import Member, Role, Stance, Visibility
from clinicapp.core.services import commitments, members
from clinicapp.core.sync import clock
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.commitment_followup import FollowUpDialog
from clinicapp.ui.models.journal import (
    CommitmentRow,
    ReflectionRow,
    commitments_fetch,
    due_fetch,
    reflections_fetch,
)
from clinicapp.ui.models.paged import Column, PagedTableModel
from clinicapp.ui.ops import show_error
from clinicapp.ui.pages.base import Page
from clinicapp.ui.widgets.flow import FlowRow, together
from clinicapp.ui.widgets.labels import fmt_date, label
from clinicapp.ui.widgets.tables import RecordTable
from clinicapp.ui.widgets.tabs import tab_widget


def _short(text: str, length: int = 80) -> str:
    line = " ".join((text or "").split())
    return line if len(line) <= length else line[: length - 1] + "…"


class ReflectionsPage(Page):
    key: ClassVar[str] = "reflections"
    shows: ClassVar[frozenset[str]] = frozenset({
        "reflections", "commitments", "members", "sessions"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.tabs = tab_widget(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self._build_due_tab()
        self._build_person_tab()
        self.member_id = ""
        self._pending_commitment = ""
        self.setFocusProxy(self.tabs)

    def title(self) -> str:
        return self.tr("Reflections & commitments")

    # --- follow-ups due -----------------------------------------------------------

    def _commitment_columns(self, with_member: bool) -> list[Column[CommitmentRow]]:
        today = clock.today()
        # A private commitment's text, stance and target stay off the screen: whoever
        # uses the workstation sees only that it exists and when to follow it up.
        private = self.tr("Private commitment")
        private_tip = self.tr("Its author kept it private: ask them about it at the "
                              "follow-up.")
        columns: list[Column[CommitmentRow]] = []
        if with_member:
            columns.append(Column(self.tr("Participant"), lambda r: r.member_name))
        # When it is due comes first: on a small screen it is what stays in view.
        columns.append(Column(self.tr("Follow-up due"), lambda r: self._due_text(r, today)))
        columns += [
            Column(self.tr("Commitment"),
                   lambda r: private if r.private else _short(r.commitment.change),
                   tooltip=lambda r: private_tip if r.private else r.commitment.change),
            Column(self.tr("Stance"),
                   lambda r: "" if r.private else label(r.commitment.stance, Stance)),
            Column(self.tr("Session"), lambda r: r.session_title),
            Column(self.tr("Target"),
                   lambda r: "" if r.private else fmt_date(r.commitment.target_date)),
            Column(self.tr("Outcome"), lambda r: label(r.commitment.followup_outcome)
                   if r.commitment.followup_outcome else "",
                   tooltip=lambda r: r.commitment.followup_note),
        ]
        return columns

    def _due_text(self, row: CommitmentRow, today: Any) -> str:
        due = row.commitment.followup_due
        if due is None or row.commitment.followup_outcome is not None:
            return fmt_date(due)
        if due < today:
            return self.tr("%1 (overdue)").replace("%1", fmt_date(due))
        return fmt_date(due)

    def _build_due_tab(self) -> None:
        tab = QWidget(self.tabs)
        self.due_model: PagedTableModel[CommitmentRow] = PagedTableModel(
            self._commitment_columns(True), None, self, row_id=lambda r: r.commitment.id,
            emphasis=lambda r: r.overdue)
        self.due_table = RecordTable(tab, self.tr("Follow-ups due"))
        self.due_table.setModel(self.due_model)
        # Every column sized to fit the page at 1280 pixels without scrolling (the
        # follow-up date with “(overdue)” and the outcome included); the commitment
        # takes what is left.
        self.due_table.fit_columns([15, 23, 20, 16, 16, 10, 11], stretch=2)
        self.due_followup_button = QPushButton(self.tr("Record &follow-up…"), tab)
        self.due_count = QLabel(tab)
        intro = QLabel(self.tr("Commitments whose follow-up is due (about three months after "
                               "their session), oldest first."), tab)
        intro.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.due_followup_button)
        row.addStretch(1)
        row.addWidget(self.due_count)
        layout = QVBoxLayout(tab)
        layout.addWidget(intro)
        layout.addWidget(self.due_table, 1)
        layout.addLayout(row)
        self.tabs.addTab(tab, self.tr("Follow-ups &due"))
        self.due_table.record_activated.connect(self.follow_up)
        self.due_followup_button.setEnabled(False)  # until a commitment is chosen
        self.due_table.current_changed.connect(
            lambda row_id: self.due_followup_button.setEnabled(bool(row_id)))
        self.due_followup_button.clicked.connect(
            lambda: self.follow_up(self.due_table.selected_id()))
        self.due_model.total_changed.connect(
            lambda n: self.due_count.setText(self.tr("%n due", "", n)))
        self.due_model.reloaded.connect(self._select_pending)

    # --- one participant ----------------------------------------------------------

    def _build_person_tab(self) -> None:
        tab = QWidget(self.tabs)
        self.search = QLineEdit(tab)
        self.search.setPlaceholderText(self.tr("Type part of a name"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Find a participant"))
        search_label = QLabel(self.tr("&Participant:"), tab)
        search_label.setBuddy(self.search)
        self.members_model: PagedTableModel[Member] = PagedTableModel([
            Column(self.tr("Name"), lambda m: m.full_name),
            Column(self.tr("Role"), lambda m: label(m.role, Role)),
        ], None, self)
        self.members_table = RecordTable(tab, self.tr("Participants"))
        self.members_table.setModel(self.members_model)
        self.members_table.fit_columns([16, 14], stretch=0)
        left = QWidget(tab)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(search_label)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.members_table, 1)

        self.person_heading = QLabel(tab)
        self.journal_model: PagedTableModel[ReflectionRow] = PagedTableModel([
            Column(self.tr("Date"), lambda r: fmt_date(r.session_date)),
            Column(self.tr("Session"), lambda r: r.session_title),
            Column(self.tr("What?"), lambda r: self._text(r, "what"),
                   tooltip=lambda r: self._text(r, "what", full=True)),
            Column(self.tr("So what?"), lambda r: self._text(r, "so_what"),
                   tooltip=lambda r: self._text(r, "so_what", full=True)),
            Column(self.tr("Now what?"), lambda r: self._text(r, "now_what"),
                   tooltip=lambda r: self._text(r, "now_what", full=True)),
        ], None, self, row_id=lambda r: r.reflection.id)
        self.journal_table = RecordTable(tab, self.tr("Reflections"))
        self.journal_table.setModel(self.journal_model)
        self.journal_table.fit_columns([9, 16, 18, 18, 18], stretch=2)
        self.journal_button = QPushButton(self.tr("Open My &journal…"), tab)
        self.journal_button.setToolTip(self.tr("Private reflections open with the "
                                               "participant's own journal passphrase"))
        journal_label = QLabel(self.tr("&Reflections across sessions:"), tab)
        journal_label.setBuddy(self.journal_table)

        self.person_commitments: PagedTableModel[CommitmentRow] = PagedTableModel(
            self._commitment_columns(False), None, self, row_id=lambda r: r.commitment.id,
            emphasis=lambda r: r.overdue)
        self.commitments_table = RecordTable(tab, self.tr("Commitments"))
        self.commitments_table.setModel(self.person_commitments)
        self.commitments_table.fit_columns([19, 16, 13, 13, 9, 11], stretch=1)
        commitments_label = QLabel(self.tr("&Commitments:"), tab)
        commitments_label.setBuddy(self.commitments_table)
        self.due_only = QCheckBox(self.tr("Due or o&verdue only"), tab)
        self.person_followup_button = QPushButton(self.tr("Record follow-&up…"), tab)

        right = QWidget(tab)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.person_heading)
        head = FlowRow()
        head.addWidget(journal_label)
        head.add_trailing(self.journal_button)
        right_layout.addLayout(head)
        right_layout.addWidget(self.journal_table, 3)
        # The check box and its button wrap under the caption in a narrow window.
        row = FlowRow()
        row.addWidget(commitments_label)
        row.add_trailing(together(self.due_only, self.person_followup_button, parent=tab))
        right_layout.addLayout(row)
        right_layout.addWidget(self.commitments_table, 2)
        splitter = QSplitter(tab)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([280, 920])
        layout = QVBoxLayout(tab)
        layout.addWidget(splitter)
        self.tabs.addTab(tab, self.tr("By p&articipant"))

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self._search_members)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.members_table.current_changed.connect(self._member_selected)
        self.members_model.reloaded.connect(self._members_loaded)
        self.due_only.toggled.connect(lambda _on: self._load_person())
        self.commitments_table.record_activated.connect(self.follow_up)
        self.person_followup_button.setEnabled(False)
        self.commitments_table.current_changed.connect(
            lambda row_id: self.person_followup_button.setEnabled(bool(row_id)))
        self.person_followup_button.clicked.connect(
            lambda: self.follow_up(self.commitments_table.selected_id()))
        self.journal_button.clicked.connect(self.open_journal)
        self.journal_table.record_activated.connect(lambda _id: self._journal_row_opened())
        self._wanted_member = ""

    def _text(self, row: ReflectionRow, field: str, full: bool = False) -> str:
        if row.reflection.visibility == Visibility.PRIVATE:
            return self.tr("private — open My journal")
        text = getattr(row.reflection, field) or ""
        return text if full else _short(text, 60)

    # --- loading ------------------------------------------------------------------

    def refresh(self) -> None:
        self.due_model.set_fetch(due_fetch(self.ctx.db, clock.today()), keep_rows=True)
        if self.members_model.rowCount() == 0:
            self._search_members()
        else:
            self._load_person()

    def _search_members(self) -> None:
        self._debounce.stop()
        db, text = self.ctx.db, self.search.text().strip()
        self.members_model.set_fetch(lambda offset, limit: members.list_members(
            db, offset=offset, limit=limit, search=text, active_only=False))

    def _members_loaded(self) -> None:
        wanted = self._wanted_member or self.member_id
        if wanted and self.members_table.select_id(wanted):
            self._wanted_member = ""
        elif self.members_model.rowCount() and not self.members_table.selected_id():
            self.members_table.selectRow(0)

    def _member_selected(self, member_id: str) -> None:
        self.member_id = member_id
        self._load_person()

    def _load_person(self) -> None:
        member_id, db = self.member_id, self.ctx.db
        if not member_id:
            self.person_heading.setText(self.tr("Choose a participant."))
            self.journal_model.set_fetch(None)
            self.person_commitments.set_fetch(None)
            return
        row = self.members_model.find(member_id)
        name = self.members_model.row(row).full_name if row >= 0 else ""
        self.person_heading.setText(f"<b>{name}</b>")
        self.journal_model.set_fetch(reflections_fetch(db, member_id), keep_rows=True)
        self.person_commitments.set_fetch(
            commitments_fetch(db, member_id, clock.today(), self.due_only.isChecked()),
            keep_rows=True)

    # --- actions ------------------------------------------------------------------

    def follow_up(self, commitment_id: str) -> FollowUpDialog | None:
        if not commitment_id:
            return None
        try:
            commitment = commitments.get(self.ctx.db, commitment_id)
            name = members.get(self.ctx.db, commitment.member_id).full_name
            private = bool(commitments.private_ids(self.ctx.db, [commitment_id]))
        except ClinicAppError as exc:
            show_error(self, exc)
            return None
        dialog = FollowUpDialog(self.ctx, commitment, self, member_name=name,
                                private=private)
        dialog.accepted.connect(lambda: self.status_message.emit(
            self.tr("Follow-up recorded.")))
        dialog.open()
        return dialog

    def open_journal(self) -> Any:
        if not self.member_id:
            return None
        from clinicapp.ui.dialogs import journal

        return journal.open_journal(self.ctx, self.member_id, self)

    def _journal_row_opened(self) -> None:
        index = self.journal_table.currentIndex()
        if index.isValid() and \
                self.journal_model.row(index).reflection.visibility == Visibility.PRIVATE:
            self.open_journal()

    # --- navigation ---------------------------------------------------------------

    def _select_pending(self) -> None:
        if self._pending_commitment and self.due_table.select_id(self._pending_commitment):
            self._pending_commitment = ""

    def show_record(self, kind: str, row_id: str) -> bool:
        if kind == "commitment":
            self.tabs.setCurrentIndex(0)
            if not self.due_table.select_id(row_id):
                self._pending_commitment = row_id
            self.follow_up(row_id)
            return True
        if kind == "member":
            self.tabs.setCurrentIndex(1)
            self._wanted_member = row_id
            self.member_id = row_id
            if not self.members_table.select_id(row_id):
                self.search.clear()
                self._search_members()
            return True
        return False
