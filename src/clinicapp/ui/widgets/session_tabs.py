"""The later steps of running a session, one tab each: notes and breaks, the reflection
round, evaluations, and the credits earned."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinicapp.core.models import AttendanceStatus, Session, SessionStatus
from clinicapp.core.services import attendance, evaluations, reflections, sessions
from clinicapp.ui.context import AppContext
from clinicapp.ui.ops import run_op, show_error
from clinicapp.ui.widgets.attendance import attendance_model, session_fetch
from clinicapp.ui.widgets.autosave import Autosaver, SaveIndicator
from clinicapp.ui.widgets.fields import TextArea
from clinicapp.ui.widgets.labels import fmt_credits, fmt_minutes, fmt_time
from clinicapp.ui.widgets.labels import label as ui_label
from clinicapp.ui.widgets.tables import RecordTable


def _participants(ctx: AppContext, session_id: str) -> list[tuple[str, str]]:
    rows = attendance.list_for_session(ctx.db, session_id)
    return [(member.full_name, member.id) for att, member in rows
            if att.status != AttendanceStatus.ABSENT]


class NotesTab(QWidget):
    """The facilitator's notes (saved as typed), the objectives, and the breaks."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session_id = ""
        self.objectives = QLabel(self)
        self.objectives.setWordWrap(True)
        self.notes = TextArea(self, 10)
        self.notes.setAccessibleName(self.tr("Session notes"))
        notes_label = QLabel(self.tr("Session &notes (saved as you type):"), self)
        notes_label.setBuddy(self.notes)
        self.breaks = QLabel(self)
        self.breaks.setWordWrap(True)
        self.saver = Autosaver(self._save, self, db=ctx.db)  # saves off the UI thread
        self.saver.bind("notes", self.notes)
        self.indicator = SaveIndicator(self.saver, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.objectives)
        layout.addWidget(notes_label)
        layout.addWidget(self.notes, 1)
        layout.addWidget(self.indicator)
        layout.addWidget(self.breaks)
        self.setFocusProxy(self.notes)

    def _save(self, changes: dict[str, Any]) -> None:
        if self.session_id:
            sessions.update(self.ctx.db, self.session_id, **changes)

    def flush(self) -> bool:
        return self.saver.flush()

    def set_session(self, session: Session) -> None:
        if session.id != self.session_id:
            self.saver.flush()  # the previous session's last words
        self.session_id = session.id
        objectives = session.objectives or []
        self.objectives.setText(
            self.tr("<b>Objectives</b><br>%1").replace(
                "%1", "<br>".join(f"• {_escape(o)}" for o in objectives))
            if objectives else self.tr("<i>No objectives were planned.</i>"))
        # Never overwrite what is being typed: reload the text only when nothing is
        # pending (another workstation's edit arrives after ours is saved).
        if not self.saver.dirty and self.notes.toPlainText() != session.notes:
            self.saver.load(lambda: self.notes.setPlainText(session.notes))
        self.notes.setReadOnly(session.status == SessionStatus.CANCELLED)
        from clinicapp.ui.session_run import parse_breaks

        done = [(start, end) for start, end in parse_breaks(session.breaks) if end]
        if done:
            total = sum(int((end - start).total_seconds() // 60) for start, end in done)
            lines = ", ".join(f"{fmt_time(s)}–{fmt_time(e)}" for s, e in done)
            self.breaks.setText(self.tr("Breaks (not counted for credits): %1 — %2 in all")
                                .replace("%1", lines).replace("%2", fmt_minutes(total)))
        else:
            self.breaks.setText(self.tr("No breaks recorded."))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class RoundTab(QWidget):
    """Who has written a reflection; the button that starts participant mode."""

    round_finished = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session: Session | None = None
        intro = QLabel(self.tr(
            "In the reflection round each participant in turn writes a short reflection "
            "(What? So what? Now what?) and, if they wish, a commitment to change practice. "
            "The screen shows only the current participant's own form; leaving the round "
            "needs the workstation passphrase."), self)
        intro.setWordWrap(True)
        self.start_button = QPushButton(self.tr("Start the reflection &round…"), self)
        self.progress = QListWidget(self)
        self.progress.setAccessibleName(self.tr("Reflections written"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        row = QHBoxLayout()
        row.addWidget(self.start_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.progress, 1)
        self.start_button.clicked.connect(self.start_round)
        self.setFocusProxy(self.start_button)

    def set_session(self, session: Session) -> None:
        self.session = session
        self.start_button.setEnabled(session.status in (SessionStatus.IN_PROGRESS,
                                                        SessionStatus.COMPLETED))
        ctx, session_id = self.ctx, session.id

        def work() -> tuple[list[tuple[str, str]], set[str]]:
            people = _participants(ctx, session_id)
            written = {r.member_id for r in reflections.list_for_session(ctx.db, session_id)}
            return people, written

        run_op(self, work, on_success=self._show_progress)

    def _show_progress(self, result: tuple[list[tuple[str, str]], set[str]]) -> None:
        people, written = result
        self.progress.clear()
        for name, member_id in people:
            mark = self.tr("✓ reflection written") if member_id in written else \
                self.tr("— not yet")
            self.progress.addItem(f"{name}   {mark}")

    def start_round(self) -> Any:
        from clinicapp.ui.dialogs.reflection_round import ReflectionRound

        if self.session is None:
            return None
        dialog = ReflectionRound(self.ctx, self.session, _participants(self.ctx,
                                                                         self.session.id),
                                 self.window())
        dialog.finished.connect(lambda _r: self.round_finished.emit())
        dialog.open()
        return dialog


class EvaluationsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session: Session | None = None
        intro = QLabel(self.tr(
            "Each participant fills in the evaluation in turn. Evaluations are anonymous "
            "unless the participant chooses to sign theirs."), self)
        intro.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Collect &evaluations…"), self)
        self.count_label = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.count_label, 1)
        layout.addLayout(row)
        layout.addStretch(1)
        self.add_button.clicked.connect(self.collect)
        self.setFocusProxy(self.add_button)

    def set_session(self, session: Session) -> None:
        self.session = session
        self.add_button.setEnabled(session.status in (SessionStatus.IN_PROGRESS,
                                                      SessionStatus.COMPLETED))
        db, session_id = self.ctx.db, session.id
        run_op(self, lambda: evaluations.count_for_session(db, session_id),
               on_success=lambda n: self.count_label.setText(
                   self.tr("%n evaluations received.", "", int(n))))

    def collect(self) -> Any:
        from clinicapp.ui.dialogs.evaluation_form import EvaluationDialog

        if self.session is None:
            return None
        session = self.session
        dialog = EvaluationDialog(self.ctx, session.id, _participants(self.ctx, session.id),
                                  self.window())
        dialog.finished.connect(lambda _r: self.set_session(session))
        dialog.open()
        return dialog


class CreditsTab(QWidget):
    """Minutes attended and credits per participant, computed at completion."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.explain = QLabel(self)
        self.explain.setWordWrap(True)
        self.model = attendance_model(self, with_credits=True)
        self.table = RecordTable(self, self.tr("Credits"))
        self.table.setModel(self.model)
        # Room at 1024 px, in French too, for the certificate number beside.
        self.table.fit_columns([16, 14, 9, 7, 7, 17, 7], stretch=0, squeeze=True)
        # The certificate number is read in full (it goes on the certificate).
        self.table.horizontalHeader().setSectionResizeMode(
            7, QHeaderView.ResizeMode.ResizeToContents)
        self.total_label = QLabel(self)
        self.print_button = QPushButton(self.tr("&Print certificates…"), self)
        self.print_button.clicked.connect(lambda: self.print_certificates())
        self.print_button.setEnabled(False)
        self.saved_label = QLabel(self)
        self.saved_label.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.total_label, 1)
        bottom.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.saved_label)
        self.model.reloaded.connect(self._totals)
        self.setFocusProxy(self.table)
        self.session: Session | None = None

    def set_session(self, session: Session) -> None:
        self.session = session
        if session.status == SessionStatus.COMPLETED:
            self.explain.setText(self.tr(
                "Credits follow the minutes each person attended (arrival to departure, "
                "minus breaks), at this many credits per hour: %1%2, rounded down.")
                .replace("%1", f"{session.credits_per_hour:g}")
                .replace("%2", self.tr(", at most %1").replace(
                    "%1", f"{session.max_credits:g}") if session.max_credits else ""))
        else:
            self.explain.setText(self.tr("Credits are computed when the session is "
                                         "completed."))
        self.model.set_fetch(session_fetch(self.ctx, session.id), keep_rows=True)

    def _totals(self) -> None:
        completed = self.session is not None and self.session.status == SessionStatus.COMPLETED
        present = any(a.status != AttendanceStatus.ABSENT for a, _m in self.model.rows())
        self.print_button.setEnabled(completed and present)
        self.print_button.setToolTip(
            self.tr("One PDF with a certificate for each participant who earned credits")
            if completed and present else
            self.tr("Certificates are printed once the session is completed")
            if not completed else self.tr("Nobody was present at this session"))
        earned = [a.credits for a, _m in self.model.rows() if a.credits]
        self.total_label.setText(
            self.tr("%n participants earned credits; credits in all: %1.", "", len(earned))
            .replace("%1", fmt_credits(sum(earned)))
            if earned else "")

    # --- certificates -------------------------------------------------------------

    def suggested_path(self) -> Path:
        """In the Documents folder, named for what and whom: "Attendance certificates –
        Deprescribing – 2025-03-12.pdf"."""
        assert self.session is not None
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        title = re.sub(r'[\\/:*?"<>|\n\t]+', " ", self.session.title).strip()[:100]
        day = self.session.scheduled_start.astimezone().date().isoformat()
        return Path(folder) / (self.tr("Attendance certificates – %1 – %2.pdf")
                               .replace("%1", title).replace("%2", day))

    def print_certificates(self, path: Path | None = None) -> None:
        """Every earned certificate of the session in one PDF (saved, for printing)."""
        if self.session is None:
            return
        if path is None:
            name, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Print certificates"), str(self.suggested_path()),
                self.tr("PDF files (*.pdf)"))
            if not name:
                return
            path = Path(name if name.lower().endswith(".pdf") else name + ".pdf")
        # Here, not at the top: the reports and printing modules are a third of what
        # opening the Sessions page would import, for a button pressed after a session.
        from clinicapp.core.reports import certificates, output
        from clinicapp.printing import documents, pdf

        db, session_id, words = self.ctx.db, self.session.id, pdf.qt_words(ui_label)
        target = path

        def work() -> Path:
            certs = certificates.for_session(db, session_id)
            output.check_destination(target, (".pdf",))
            return output.save(db, target, lambda tmp: documents.certificates_document(
                certs, words).write(tmp, pdf.default_paper()),
                f"{output.certificates_detail(session_id, None, len(certs))} (PDF)")

        run_op(self, work, label=self.tr("Preparing the certificates…"),
               on_success=lambda saved: self.saved_label.setText(
                   self.tr("Certificates saved in %1").replace("%1", str(saved))),
               on_failure=lambda exc: show_error(self, exc))
