"""Participant mode: the reflection round, one participant at a time.

The round covers the main window (application-modal) and shows only the current
participant's own form. "Next participant" saves and clears it, so the next person never
sees what the previous one wrote; "End round", Escape or closing the window asks for the
workstation passphrase (``ctx.require_unlock``), and without a way to ask for it the
round simply stays open.

Drafts are saved as they are typed, but only when they may be: a private reflection is
sealed to its author's journal (so it waits until the journal exists or the person
chooses to share), and text that looks like a patient identifier waits for the person to
reword it or keep it — nothing that may identify a patient is written, and synced, before
they have seen the warning.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QHideEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clinicapp.core.errors import ClinicAppError, ValidationError
from clinicapp.core.models import Session
from clinicapp.core.rules.identifiers import IdentifierWarning
from clinicapp.core.services import commitments, members, reflections
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.identifier_warning import IdentifierWarningDialog
from clinicapp.ui.dialogs.screen_fit import fit_screen
from clinicapp.ui.error_text import error_text
from clinicapp.ui.ops import Op, show_error, write_op
from clinicapp.ui.widgets.reflection_form import ReflectionForm

ID_ROLE = Qt.ItemDataRole.UserRole
AUTOSAVE_MS = 500


class ReflectionRound(QDialog):
    def __init__(self, ctx: AppContext, session: Session,
                 participants: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.session = ctx, session
        self.member_id = ""
        self.member_name = ""
        # Who already wrote one for this session: not offered again in participant mode
        # (choosing them would show a blank form that replaces their reflection).
        # (Not named ``done``: that would hide QDialog.done(), and closing the dialog
        # would then crash inside Qt.)
        self.written: set[str] = {r.member_id for r in
                               reflections.list_for_session(ctx.db, session.id)}
        self.kept_warning = False  # this participant chose "Keep as written"
        self._may_close = False
        self.setWindowTitle(self.tr("Reflection round — %1").replace("%1", session.title))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)

        self.stack = QStackedWidget(self)
        # Step 1: who is writing?
        chooser = QWidget(self.stack)
        heading = QLabel(self.tr("<h2>Reflection round</h2>"), chooser)
        ask = QLabel(self.tr("Who is writing now? Choose your &name:"), chooser)
        self.people = QListWidget(chooser)
        self.people.setAccessibleName(self.tr("Participants"))
        ask.setBuddy(self.people)
        self.begin_button = QPushButton(self.tr("&Start my reflection"), chooser)
        self.begin_button.setDefault(True)
        # People walk up to the keyboard one after the other: big names in a column
        # in the middle, not small print across the screen.
        font = self.people.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.people.setFont(font)
        self.people.setStyleSheet("QListWidget::item { padding: 6px 10px; }")
        self.people.setMaximumWidth(640)
        self.begin_button.setMaximumWidth(640)
        self.begin_button.setMinimumHeight(self.begin_button.sizeHint().height() * 3 // 2)
        column = QVBoxLayout()
        column.addWidget(heading)
        column.addWidget(ask)
        column.addWidget(self.people, 1)
        column.addWidget(self.begin_button)
        chooser_layout = QHBoxLayout(chooser)
        chooser_layout.addStretch(1)
        chooser_layout.addLayout(column, 4)
        chooser_layout.addStretch(1)
        for name, member_id in participants:
            item = QListWidgetItem(name, self.people)
            item.setData(ID_ROLE, member_id)
        self.people.setCurrentRow(0)
        # Step 2: the form.
        self.form = ReflectionForm(self.stack)
        self.stack.addWidget(chooser)
        self.stack.addWidget(self.form)

        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName(self.tr("Message"))
        self.next_button = QPushButton(self.tr("Ne&xt participant"), self)
        self.next_button.setToolTip(self.tr("Save and hand over to the next person"))
        self.end_button = QPushButton(self.tr("&End round"), self)
        self.end_button.setToolTip(self.tr("Needs the workstation passphrase"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.banner, 1)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.end_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self._save_draft_soon)
        self._draft: Op | None = None  # the timer's save, under way on a worker
        self.form.edited.connect(self._edited)
        self.form.visibility_changed.connect(self._edited)
        self.form.set_up_journal.connect(self.set_up_journal)
        self.begin_button.clicked.connect(self.begin)
        self.people.itemActivated.connect(lambda _item: self.begin())
        self.next_button.clicked.connect(self.next_participant)
        self.end_button.clicked.connect(self.end_round)
        self._show_chooser()
        if parent is not None:
            self.resize(parent.window().size())
            # The window under the round may be closed (the workstation shut down, the
            # app quit): the draft is saved then, not half a second later.
            parent.window().installEventFilter(self)
        else:
            fit_screen(self, 1100, 720)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.save_draft)

    # --- step 1 -------------------------------------------------------------------

    def _show_chooser(self) -> None:
        for row in range(self.people.count()):
            item = self.people.item(row)
            if item.data(ID_ROLE) in self.written:
                item.setFlags(Qt.ItemFlag.NoItemFlags)  # written: not chosen again here
                item.setText(self.tr("%1 — done ✓").replace("%1", item.text().split(" — ")[0]))
        first_open = next((r for r in range(self.people.count())
                           if self.people.item(r).flags() & Qt.ItemFlag.ItemIsEnabled), -1)
        self.people.setCurrentRow(first_open)
        self.begin_button.setEnabled(first_open >= 0)
        self.next_button.setEnabled(False)
        self.stack.setCurrentIndex(0)
        self.people.setFocus()

    def begin(self) -> None:
        item = self.people.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return
        self.member_id = str(item.data(ID_ROLE))
        self.member_name = item.text()
        self.kept_warning = False
        try:
            has_journal = bool(members.get(self.ctx.db, self.member_id).journal_recipient)
        except ClinicAppError:
            has_journal = False
        self.form.start(self.member_name, has_journal)
        self._autosave.stop()  # clearing the form is not an edit
        self.banner.clear()
        self.next_button.setEnabled(True)
        self.stack.setCurrentIndex(1)
        self.form.setFocus()

    # --- saving -------------------------------------------------------------------

    def _edited(self) -> None:
        if self.member_id and self.stack.currentIndex() == 1:
            self._autosave.start()

    def _save_draft_soon(self) -> None:
        """The timer's save, on a worker: the participant types on meanwhile."""
        if not self.member_id or not self.form.has_reflection():
            return
        if self._draft is not None:  # one at a time: again once it is done
            self._autosave.start()
            return
        self._draft = write_op(self, self.ctx.db, self._write, self.member_id,
                               self.form.reflection_values(), self.kept_warning,
                               on_done=lambda _none: self._draft_done(None),
                               on_failure=self._draft_done, busy=False)

    def _draft_done(self, exc: BaseException | None) -> None:
        self._draft = None
        if exc is None:
            self.banner.setText(self.tr("Saved."))
        elif isinstance(exc, IdentifierWarning | ValidationError):
            self._not_saved(exc)
        else:
            show_error(self, exc)

    def _settle_draft(self) -> None:
        """Before a save that must be done now: the one in flight first (in order)."""
        if self._draft is not None:
            self._draft.wait()

    def save_draft(self) -> bool:
        """Save the reflection if it may be saved now; say why not otherwise."""
        self._autosave.stop()
        self._settle_draft()
        if not self.member_id or not self.form.has_reflection():
            return True
        try:
            self._save(keep=self.kept_warning)
        except (IdentifierWarning, ValidationError) as exc:
            self._not_saved(exc)
            return False
        self.banner.setText(self.tr("Saved."))
        return True

    def _not_saved(self, exc: IdentifierWarning | ValidationError) -> None:
        if isinstance(exc, IdentifierWarning):
            self.banner.setText(self.tr("⚠ Some words look like they could identify a "
                                        "patient: %1. Reword them, or press “Next "
                                        "participant” to decide.").replace(
                "%1", "; ".join(_finding_text(f) for f in exc.findings)))
        else:
            self.banner.setText(self._why_not_saved(exc))

    def _save(self, keep: bool) -> None:
        self._write(self.member_id, self.form.reflection_values(), keep)

    def _write(self, member_id: str, values: dict[str, Any], keep: bool) -> None:
        """The write itself (also on a worker: no widgets here)."""
        reflections.save(self.ctx.db, self.session.id, member_id, **values,
                         keep_despite_warning=keep)

    def _why_not_saved(self, exc: ValidationError) -> str:
        if exc.field == "visibility":
            return self.tr("Not saved yet: a private reflection needs your journal. Set it "
                           "up, or choose “Share with the group”.")
        return self.tr("Not saved: %1").replace("%1", error_text(exc))

    def finish_participant(self) -> bool:
        """Save the reflection (after the identifier warning, if any) and the commitment.
        False if the participant still has something to do."""
        self._autosave.stop()
        self._settle_draft()
        if self.form.has_reflection():
            while True:
                try:
                    self._save(keep=self.kept_warning)
                    break
                except IdentifierWarning as warning:
                    dialog = IdentifierWarningDialog(warning.findings, self.form.labels, self)
                    if dialog.exec() != QDialog.DialogCode.Accepted:
                        self.form.focus_field(dialog.first_field() or "what")
                        self.banner.setText(self.tr("Reword what is highlighted, then press "
                                                    "“Next participant” again."))
                        return False
                    self.kept_warning = True
                except ValidationError as exc:
                    self.banner.setText(self._why_not_saved(exc))
                    self.form.focus_field(exc.field)
                    return False
        commitment = self.form.commitment_values()
        if commitment is not None:
            try:
                commitments.create(self.ctx.db, self.member_id, self.session.id, **commitment)
            except ValidationError as exc:
                self.banner.setText(self.tr("Commitment not saved: %1").replace("%1",
                                                                                 error_text(exc)))
                self.form.focus_field(exc.field)
                return False
        return True

    def next_participant(self) -> None:
        if self.stack.currentIndex() != 1 or not self.finish_participant():
            return
        self.written.add(self.member_id)
        self.member_id, self.member_name = "", ""
        self.form.clear()  # nothing of this person's text stays on screen
        self._autosave.stop()
        self.banner.setText(self.tr("Thank you. Next participant, please choose your name."))
        self._show_chooser()

    # --- journal --------------------------------------------------------------------

    def set_up_journal(self) -> None:
        from clinicapp.ui.dialogs import journal

        if journal.set_up_journal(self.ctx, self.member_id, self):
            self.form.set_has_journal(True)
            self.save_draft()

    # --- leaving the round ----------------------------------------------------------

    def end_round(self) -> bool:
        """Leave participant mode: only with the workstation passphrase."""
        if self.stack.currentIndex() == 1 and self.form.has_reflection() \
                and not self.finish_participant():
            return False
        unlock = self.ctx.require_unlock
        if not callable(unlock):
            self.banner.setText(self.tr("Leaving the round needs the workstation passphrase, "
                                        "and none can be asked for here. Hand the keyboard "
                                        "to the next participant."))
            return False
        if not unlock():
            self.banner.setText(self.tr("The round stays open: the passphrase was not "
                                        "given."))
            return False
        if self.stack.currentIndex() == 1 and self.member_id:
            self.written.add(self.member_id)
        self._may_close = True
        self.accept()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Close, QEvent.Type.Hide) and \
                watched is not self and self._autosave.isActive():
            self.save_draft()
        return False

    def hideEvent(self, event: QHideEvent) -> None:
        if self._autosave.isActive():
            self.save_draft()
        super().hideEvent(event)

    def reject(self) -> None:
        # Escape: the same as "End round".
        if self._may_close:
            super().reject()
        else:
            self.end_round()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_close or self.end_round():
            event.accept()
        else:
            event.ignore()


def _finding_text(finding: Any) -> str:
    text = getattr(finding, "text", "") or getattr(finding, "match", "")
    reason = getattr(finding, "reason", "")
    return f"“{text}” ({reason})" if text else str(reason)
