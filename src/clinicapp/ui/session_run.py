"""Running one session: start (a running timer) → attendance → notes and breaks →
reflection round → evaluations → complete, then the credits each participant earned.

Everything typed here is saved as it is typed (notes autosave); every button is one
service call, so closing the window at any moment loses nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinicapp.core.errors import ClinicAppError
from clinicapp.core.models import AccreditationBody, Session, SessionStatus
from clinicapp.core.services import attendance, groups, sessions
from clinicapp.core.sync import clock
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.plan_session import PlanSessionDialog
from clinicapp.ui.error_text import error_text
from clinicapp.ui.ops import show_error
from clinicapp.ui.widgets.attendance import AttendancePanel
from clinicapp.ui.widgets.labels import fmt_datetime, fmt_minutes, label
from clinicapp.ui.widgets.session_tabs import CreditsTab, EvaluationsTab, NotesTab, RoundTab
from clinicapp.ui.widgets.tabs import tab_widget


def parse_breaks(raw: list[Any]) -> list[tuple[datetime, datetime | None]]:
    """Breaks as stored ([[start ISO, end ISO or None], ...]) → datetimes."""
    found: list[tuple[datetime, datetime | None]] = []
    for pair in raw or []:
        start = datetime.fromisoformat(pair[0])
        end = datetime.fromisoformat(pair[1]) if len(pair) > 1 and pair[1] else None
        found.append((start, end))
    return found


def running_seconds(session: Session, now: datetime) -> int:
    """Seconds of agenda time so far: since the start, minus the breaks."""
    if session.actual_start is None:
        return 0
    end = session.actual_end or now
    total = (end - session.actual_start).total_seconds()
    for start, stop in parse_breaks(session.breaks):
        total -= ((stop or end) - start).total_seconds()
    return max(0, int(total))


class SessionRunWidget(QWidget):
    back_requested = Signal()
    status_message = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session: Session | None = None
        self.session_id = ""
        self.break_started: datetime | None = None

        self.back_button = QPushButton(self.tr("◀ &Back to sessions"), self)
        self.back_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Back))
        self.title_label = QLabel(self)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self.details_button = QPushButton(self.tr("&Details…"), self)
        self.details_button.setToolTip(self.tr("Edit the plan and accreditation"))
        self.subtitle = QLabel(self)
        self.subtitle.setWordWrap(True)
        self.status_label = QLabel(self)
        self.timer_label = QLabel(self)
        self.timer_label.setAccessibleName(self.tr("Time running"))
        timer_font = self.timer_label.font()
        timer_font.setPointSizeF(timer_font.pointSizeF() * 1.6)
        timer_font.setFamily("monospace")
        self.timer_label.setFont(timer_font)
        self.start_button = QPushButton(self.tr("&Start session"), self)
        self.start_button.setToolTip(self.tr("Start the clock (F5)"))
        self.break_button = QPushButton(self.tr("Start b&reak"), self)
        self.break_button.setToolTip(self.tr("Breaks do not count towards credits (F6)"))
        self.complete_button = QPushButton(self.tr("Co&mplete session"), self)
        self.complete_button.setToolTip(self.tr("End the session and compute credits (F8)"))
        self.cancel_button = QPushButton(self.tr("Cancel sessio&n"), self)
        for keys, button in (("F5", self.start_button), ("F6", self.break_button),
                             ("F8", self.complete_button)):
            QShortcut(QKeySequence(keys), self, button.animateClick)

        self.attendance = AttendancePanel(ctx, self)
        self.notes = NotesTab(ctx, self)
        self.round = RoundTab(ctx, self)
        self.evaluations = EvaluationsTab(ctx, self)
        self.credits = CreditsTab(ctx, self)
        self.tabs = tab_widget(self)
        # Alt+1…5 (the tabs' mnemonics) switch steps; Ctrl+1…9 belong to the main
        # window's sections, and a second shortcut on the same keys would make both
        # ambiguous, so neither would work.
        for widget, text in ((self.attendance, self.tr("&1 Attendance")),
                             (self.notes, self.tr("&2 Notes")),
                             (self.round, self.tr("&3 Reflection round")),
                             (self.evaluations, self.tr("&4 Evaluations")),
                             (self.credits, self.tr("&5 Credits"))):
            self.tabs.addTab(widget, text)
        self.tabs.tabBar().installEventFilter(self)

        head = QHBoxLayout()
        head.addWidget(self.back_button)
        head.addWidget(self.title_label, 1)
        head.addWidget(self.details_button)
        controls = QHBoxLayout()
        controls.addWidget(self.status_label)
        controls.addWidget(self.timer_label)
        controls.addStretch(1)
        for button in (self.start_button, self.break_button, self.complete_button,
                       self.cancel_button):
            controls.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.subtitle)
        layout.addLayout(controls)
        layout.addWidget(self.tabs, 1)

        self.tick = QTimer(self)
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self._update_timer)
        self.back_button.clicked.connect(self.back_requested)
        self.details_button.clicked.connect(self.edit_details)
        self.start_button.clicked.connect(self.start)
        self.break_button.clicked.connect(self.toggle_break)
        self.complete_button.clicked.connect(self.complete)
        self.cancel_button.clicked.connect(self.cancel)
        self.attendance.checked_in.connect(
            lambda name: self.status_message.emit(self.tr("%1 checked in.").replace("%1", name)))
        self.round.round_finished.connect(self.refresh)
        self.setFocusProxy(self.attendance)

    # --- opening ------------------------------------------------------------------

    def open(self, session_id: str) -> None:
        """Show this session (raises NotFoundError if it is gone)."""
        session = sessions.get(self.ctx.db, session_id)
        if session_id != self.session_id:
            self.close_session()
            self.break_started = None
        self.session_id = session_id
        self._show(session)
        started = session.status == SessionStatus.IN_PROGRESS
        self.tabs.setCurrentWidget(self.credits if session.status == SessionStatus.COMPLETED
                                   else self.attendance)
        if started:
            self.attendance.check_in_edit.setFocus()

    def close_session(self) -> None:
        """Leaving the session: save what is typed."""
        self.notes.flush()
        self.tick.stop()

    def refresh(self) -> None:
        if not self.session_id:
            return
        try:
            self._show(sessions.get(self.ctx.db, self.session_id))
        except ClinicAppError as exc:  # deleted or merged away meanwhile
            self.status_message.emit(error_text(exc))
            self.back_requested.emit()

    def _show(self, session: Session) -> None:
        self.session = session
        self.title_label.setText(session.title)
        try:
            group_name = groups.get(self.ctx.db, session.group_id).name
        except ClinicAppError:
            group_name = ""
        parts = [group_name, fmt_datetime(session.scheduled_start),
                 self.tr("planned %1").replace("%1", fmt_minutes(session.planned_minutes))]
        if session.location:
            parts.append(session.location)
        if session.accreditation_body != AccreditationBody.NONE:
            parts.append(self.tr("%1, %2, credits per hour: %3").replace(
                "%1", label(session.accreditation_body)).replace(
                "%2", label(session.credit_category)).replace(
                "%3", f"{session.credits_per_hour:g}"))
        self.subtitle.setText(" · ".join(p for p in parts if p))
        self.status_label.setText(f"<b>{label(session.status, SessionStatus)}</b>")
        open_breaks = [start for start, end in parse_breaks(session.breaks) if end is None]
        if open_breaks:
            self.break_started = open_breaks[-1]
        status = session.status
        running = status == SessionStatus.IN_PROGRESS
        self.start_button.setEnabled(status == SessionStatus.PLANNED)
        self.break_button.setEnabled(running)
        self.break_button.setText(self.tr("End b&reak") if self.break_started else
                                  self.tr("Start b&reak"))
        self.complete_button.setEnabled(running)
        self.cancel_button.setEnabled(status == SessionStatus.PLANNED)
        self.details_button.setEnabled(status != SessionStatus.CANCELLED)
        closed = status in (SessionStatus.COMPLETED, SessionStatus.CANCELLED)
        self.attendance.set_session(session.id, completed=closed, group_id=session.group_id,
                                    minutes_correctable=status == SessionStatus.COMPLETED)
        self.notes.set_session(session)
        self.round.set_session(session)
        self.evaluations.set_session(session)
        self.credits.set_session(session)
        self._update_timer()
        if running:
            self.tick.start()
        else:
            self.tick.stop()

    def _update_timer(self) -> None:
        session = self.session
        if session is None or session.actual_start is None:
            self.timer_label.setText("")
            return
        seconds = running_seconds(session, clock.utcnow())
        if self.break_started is not None and session.actual_end is None:
            seconds -= max(0, int((clock.utcnow() - self.break_started).total_seconds()))
        hours, rest = divmod(max(seconds, 0), 3600)
        text = f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"
        if self.break_started is not None:
            text += " " + self.tr("(on a break)")
        self.timer_label.setText(text)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        # A step chosen by its mnemonic (Alt+2): the cursor goes into that step.
        if watched is self.tabs.tabBar() and event.type() == QEvent.Type.Shortcut:
            QTimer.singleShot(0, lambda: self.tabs.currentWidget().setFocus())
        return False

    # --- actions ------------------------------------------------------------------

    def _write(self, work: Any, message: str) -> bool:
        try:
            work()
        except ClinicAppError as exc:
            show_error(self, exc)
            return False
        self.status_message.emit(message)
        self.refresh()
        return True

    def start(self) -> None:
        if self._write(lambda: sessions.start(self.ctx.db, self.session_id),
                       self.tr("Session started.")):
            self.tabs.setCurrentWidget(self.attendance)
            self.attendance.check_in_edit.setFocus()

    def toggle_break(self) -> None:
        now = clock.utcnow()
        if self.break_started is None:
            self.break_started = now
            self.break_button.setText(self.tr("End b&reak"))
            self.status_message.emit(self.tr("Break started."))
            self._update_timer()
            return
        started, self.break_started = self.break_started, None
        self._write(lambda: sessions.add_break(self.ctx.db, self.session_id, started, now),
                    self.tr("Break of %1 recorded.").replace(
                        "%1", fmt_minutes(int((now - started).total_seconds() // 60))))

    def complete(self) -> None:
        question = self.tr("Complete the session now? Everyone still checked in is checked "
                           "out now, and credits are computed from the minutes each person "
                           "attended.")
        short = self.short_of_plan()
        if short is not None:
            # Far less than planned: most likely the button was pressed by mistake, and
            # credits would be computed on minutes nobody meant to end with.
            question = self.tr("Only %1 of the planned %2 have passed: everyone's credits "
                               "would be counted on that time. %3").replace(
                "%1", fmt_minutes(short[0])).replace("%2", fmt_minutes(short[1])) \
                .replace("%3", question)
        answer = QMessageBox.question(self, self.tr("Complete session"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.notes.flush()
        if self.break_started is not None:
            self.toggle_break()
        if self._write(lambda: sessions.complete(self.ctx.db, self.session_id),
                       self.tr("Session completed; credits computed.")):
            self.tabs.setCurrentWidget(self.credits)

    def short_of_plan(self) -> tuple[int, int] | None:
        """(minutes run, minutes planned) when less than half the planned time has run."""
        session = self.session
        if session is None or not session.planned_minutes:
            return None
        ran = running_seconds(session, clock.utcnow()) // 60
        return (ran, session.planned_minutes) if ran < session.planned_minutes / 2 else None

    def cancel(self) -> None:
        answer = QMessageBox.question(self, self.tr("Cancel session"),
                                      self.tr("Cancel this planned session?"))
        if answer == QMessageBox.StandardButton.Yes:
            self._write(lambda: sessions.cancel(self.ctx.db, self.session_id),
                        self.tr("Session cancelled."))

    def edit_details(self) -> PlanSessionDialog | None:
        if self.session is None:
            return None
        dialog = PlanSessionDialog(self.ctx, self, session=self.session)
        dialog.finished.connect(lambda _r: self.refresh())
        dialog.open()
        return dialog

    def participants(self) -> list[tuple[str, str]]:
        """(name, member id) of everyone who came."""
        rows = attendance.list_for_session(self.ctx.db, self.session_id)
        return [(member.full_name, member.id) for att, member in rows
                if att.status.value != "absent"]

    def hideEvent(self, event: Any) -> None:
        self.notes.flush()
        super().hideEvent(event)

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.back_requested.emit()
            return
        super().keyPressEvent(event)
