"""“My journal”: a member's private reflections, opened with their own passphrase.

``open_journal(ctx, member_id, parent)`` shows the journal dialog: the member chooses
their name, gives their journal passphrase (or personal recovery code) and reads their
private reflections from every workstation. Closing the dialog, "Close journal" or the
app lock forgets the key and clears the screen.

``set_up_journal(ctx, member_id, parent) -> bool`` makes a member's journal: it explains
what a forgotten passphrase means, asks for the passphrase twice and shows the personal
recovery code once.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from clinicapp.core.errors import ClinicAppError, WrongPassphraseError
from clinicapp.core.keys import journal
from clinicapp.core.keys.keystore import MIN_PASSPHRASE
from clinicapp.core.keys.unlock import wait_after
from clinicapp.core.services import members, search
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.screen_fit import fit_screen
from clinicapp.ui.dialogs.whole_text import keep_wrapped_text_whole
from clinicapp.ui.error_text import error_text
from clinicapp.ui.ops import run_op, show_error

log = logging.getLogger(__name__)

PAGE_SIZE = 100
MEMBER_LIMIT = 2000  # a clinic's people; the chooser types ahead


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def _field_titles(widget: QWidget) -> dict[str, str]:
    return {"what": QCoreApplication.translate("JournalFields", "What?"),
            "so_what": QCoreApplication.translate("JournalFields", "So what?"),
            "now_what": QCoreApplication.translate("JournalFields", "Now what?"),
            "barriers": QCoreApplication.translate("JournalFields", "Barriers"),
            "supports_needed": QCoreApplication.translate("JournalFields", "Supports needed")}



def wrong_secret(by_code: bool, failures: int) -> tuple[str, int]:
    """What to say after a wrong journal passphrase or recovery code, and how many
    seconds to wait before the next try."""
    text = (QCoreApplication.translate("JournalDialog", "Wrong recovery code.") if by_code
            else QCoreApplication.translate("JournalDialog", "Wrong journal passphrase."))
    wait = wait_after(failures)
    if wait:
        text += " " + QCoreApplication.translate(
            "JournalDialog", "Too many wrong tries: wait %1 s before trying again."
        ).replace("%1", str(wait))
    return text, wait


def secret_field(parent: QWidget, accessible_name: str) -> QLineEdit:
    """A passphrase box: hidden as typed, named for screen readers."""
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible_name)
    return field

class JournalDialog(QDialog):
    """Choose a member, give their passphrase, read their private reflections."""

    def __init__(self, ctx: AppContext, member_id: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.opened: journal.OpenJournal | None = None
        self.entries: list[journal.JournalEntry] = []
        self.failures = 0
        self._busy = False
        self.setWindowTitle(self.tr("My journal"))
        keep_wrapped_text_whole(self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_unlock())
        self.pages.addWidget(self._build_reader())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self._wait = QTimer(self)
        self._wait.setSingleShot(True)
        self._wait.timeout.connect(self._wait_over)
        self._load_members(member_id)
        fit_screen(self, 900, 600)

    # --- building -----------------------------------------------------------------

    def _build_unlock(self) -> QWidget:
        page = QWidget(self)
        self.member = QComboBox(page)
        self.member.setAccessibleName(self.tr("Member"))
        self.secret = secret_field(page, self.tr("Journal passphrase"))
        self.use_code = QCheckBox(self.tr("Use my personal &recovery code instead"), page)
        self.message = QLabel(page)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))
        self.open_button = QPushButton(self.tr("&Open my journal"), page)
        self.open_button.setDefault(True)
        self.set_up_button = QPushButton(self.tr("&Set up a journal…"), page)
        self.change_button = QPushButton(self.tr("C&hange my passphrase…"), page)
        self.change_button.setToolTip(self.tr("With your present passphrase, or with your "
                                              "recovery code if you forgot it"))
        cancel = QPushButton(self.tr("Cancel"), page)
        for button in (self.set_up_button, self.change_button, cancel):
            button.setAutoDefault(False)
        # Tab goes along the buttons as they stand, left to right (it went to Open first,
        # then back to the far left).
        for before, after in ((self.use_code, self.set_up_button),
                              (self.set_up_button, self.change_button),
                              (self.change_button, cancel), (cancel, self.open_button)):
            QWidget.setTabOrder(before, after)
        form = QFormLayout()
        form.addRow(self.tr("&Who are you?"), self.member)
        form.addRow(self.tr("&Journal passphrase:"), self.secret)
        form.addRow("", self.use_code)
        buttons = QHBoxLayout()
        buttons.addWidget(self.set_up_button)
        buttons.addWidget(self.change_button)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(page)
        layout.addWidget(_heading(self.tr("My journal")))
        intro = QLabel(self.tr("Your private reflections are sealed so that only your own "
                               "passphrase opens them, on any workstation. Nobody else — "
                               "not the facilitator, the clinic or the program office — "
                               "can read them."), page)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.member.currentIndexChanged.connect(self._member_changed)
        self.use_code.toggled.connect(self._code_toggled)
        self.secret.returnPressed.connect(self.unlock)
        self.open_button.clicked.connect(self.unlock)
        self.set_up_button.clicked.connect(self._set_up)
        self.change_button.clicked.connect(self._change_passphrase)
        cancel.clicked.connect(self.reject)
        return page

    def _build_reader(self) -> QWidget:
        page = QWidget(self)
        self.reader_heading = _heading("")
        self.search_field = QLineEdit(page)
        self.search_field.setPlaceholderText(self.tr("Search my journal"))
        self.search_field.setAccessibleName(self.tr("Search my journal"))
        self.search_field.setClearButtonEnabled(True)
        self.entry_list = QListWidget(page)
        self.entry_list.setAccessibleName(self.tr("Private reflections"))
        self.text = QTextBrowser(page)
        self.text.setAccessibleName(self.tr("Reflection"))
        self.more_button = QPushButton(self.tr("Show &older"), page)
        self.close_button = QPushButton(self.tr("&Close journal"), page)
        splitter = QSplitter(page)
        splitter.addWidget(self.entry_list)
        splitter.addWidget(self.text)
        splitter.setSizes([300, 600])
        buttons = QHBoxLayout()
        buttons.addWidget(self.more_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.reader_heading)
        layout.addWidget(self.search_field)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.entry_list.currentRowChanged.connect(self._show_entry)
        self.search_field.textChanged.connect(self._filter)
        self.more_button.clicked.connect(self.load_more)
        self.close_button.clicked.connect(self.close)
        return page

    def _load_members(self, wanted: str) -> None:
        try:
            people = members.list_members(self.ctx.db, limit=MEMBER_LIMIT).items
        except ClinicAppError as exc:
            show_error(self, exc)
            people = []
        for person in people:
            self.member.addItem(person.full_name, person.id)
        index = self.member.findData(wanted) if wanted else -1
        if index >= 0:
            self.member.setCurrentIndex(index)
        self._member_changed()

    # --- unlocking ----------------------------------------------------------------

    @property
    def member_id(self) -> str:
        return str(self.member.currentData() or "")

    def _member_changed(self, _index: int = -1) -> None:
        has = bool(self.member_id) and journal.has_journal(self.ctx.db, self.member_id)
        self.set_up_button.setVisible(bool(self.member_id) and not has)
        self.change_button.setVisible(has)
        self.message.setText("" if has or not self.member_id else self.tr(
            "%1 has no private journal yet.").replace("%1", self.member.currentText()))
        self._update_input()

    def _code_toggled(self, on: bool) -> None:
        self.secret.setEchoMode(QLineEdit.EchoMode.Normal if on
                                else QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName(self.tr("Recovery code") if on
                                      else self.tr("Journal passphrase"))

    def _update_input(self) -> None:
        ready = not self._busy and not self._wait.isActive() and bool(self.member_id)
        for widget in (self.open_button, self.use_code, self.member):
            widget.setEnabled(ready)
        # Read-only rather than disabled, so the focus stays in the field and Return can
        # never fall through to Cancel.
        self.secret.setReadOnly(not ready)
        if ready:
            self.secret.setFocus()

    def unlock(self) -> None:
        if self._busy or self._wait.isActive() or not self.member_id \
                or self.secret.isReadOnly():
            return
        member_id, secret, by_code = self.member_id, self.secret.text(), self.use_code.isChecked()
        self.secret.clear()
        if not secret:
            self.message.setText(self.tr("Type your journal passphrase."))
            return
        self._busy = True
        self.message.setText(self.tr("Opening…"))
        self._update_input()
        db = self.ctx.db

        def work() -> tuple[journal.OpenJournal, list[journal.JournalEntry]]:
            opened = journal.open_journal(db, member_id, recovery_code=secret) if by_code \
                else journal.open_journal(db, member_id, passphrase=secret)
            return opened, journal.entries(db, opened, 0, PAGE_SIZE)

        run_op(self, work, on_success=self._opened, on_failure=self._not_opened)

    def _opened(self, result: tuple[journal.OpenJournal, list[journal.JournalEntry]]) -> None:
        self._busy = False
        opened, entries = result
        if not self.isVisible():  # closed (or locked) while it was opening
            opened.close()
            self.forget()
            return
        self.failures = 0
        self.opened = opened
        self.message.clear()
        self.reader_heading.setText(self.tr("Journal of %1").replace(
            "%1", self.member.currentText()))
        self.entries = []
        self.entry_list.clear()
        self._add_entries(entries)
        self.pages.setCurrentIndex(1)
        self.entry_list.setFocus()

    def _not_opened(self, exc: BaseException) -> None:
        self._busy = False
        if isinstance(exc, WrongPassphraseError):
            self.failures += 1
            text, wait = wrong_secret(self.use_code.isChecked(), self.failures)
            if wait:
                self._wait.start(wait * 1000)
            self.message.setText(text)
        elif isinstance(exc, ClinicAppError):
            self.message.setText(error_text(exc))
        else:
            self.message.clear()
            show_error(self, exc)
        self._update_input()

    def _wait_over(self) -> None:
        self.message.setText(self.tr("You can try again now."))
        self._update_input()

    def _change_passphrase(self) -> None:
        dialog = ChangeJournalPassphraseDialog(self.ctx, self.member_id, self)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.message.setText(self.tr("Your journal passphrase is changed. Open your "
                                             "journal with the new one."))
        finally:
            dialog.deleteLater()

    def _set_up(self) -> None:
        if set_up_journal(self.ctx, self.member_id, self):
            self._member_changed()
            self.message.setText(self.tr("Your journal is ready. Open it with your new "
                                         "passphrase."))

    # --- reading ------------------------------------------------------------------

    def _add_entries(self, entries: list[journal.JournalEntry]) -> None:
        for entry in entries:
            when = entry.session_start.astimezone().strftime("%Y-%m-%d") \
                if entry.session_start else ""
            title = entry.session_title or self.tr("(session not on this workstation)")
            item = QListWidgetItem(f"{when}  {title}".strip(), self.entry_list)
            item.setData(Qt.ItemDataRole.UserRole, len(self.entries))
            self.entries.append(entry)
        self.more_button.setVisible(len(entries) == PAGE_SIZE)
        if not self.entries:
            self.text.setPlainText(self.tr("No private reflections yet."))
        elif self.entry_list.currentRow() < 0:
            self.entry_list.setCurrentRow(0)
        if self.search_field.text():
            self._filter(self.search_field.text())

    def _filter(self, text: str) -> None:
        """Private text is searched here, in memory, while the journal is open; it never
        reaches the database's search index."""
        if not self.entries:
            return
        found = {id(entry) for entry in search.search_private(self.entries, text)}
        first = -1
        for row, entry in enumerate(self.entries):
            hidden = id(entry) not in found
            self.entry_list.item(row).setHidden(hidden)
            if not hidden and first < 0:
                first = row
        current = self.entry_list.currentRow()
        if current < 0 or self.entry_list.item(current).isHidden():
            self.entry_list.setCurrentRow(first)
            if first < 0:
                self.text.setPlainText(self.tr("Nothing in your journal matches."))

    def load_more(self) -> None:
        if self.opened is None:
            return
        db, opened, offset = self.ctx.db, self.opened, len(self.entries)
        run_op(self, lambda: journal.entries(db, opened, offset, PAGE_SIZE),
               on_success=self._add_entries)

    def _show_entry(self, row: int) -> None:
        if not 0 <= row < len(self.entries):
            self.text.clear()
            return
        entry = self.entries[row]
        if not entry.fields:
            self.text.setPlainText(self.tr("This reflection does not open with your "
                                           "present journal key."))
            return
        parts = []
        for name, title in _field_titles(self).items():
            value = entry.fields.get(name, "").strip()
            if value:  # escaped: a reflection is text, never markup
                body = html.escape(value).replace("\n", "<br>")
                parts.append(f"<p><b>{html.escape(title)}</b><br>{body}</p>")
        self.text.setHtml("".join(parts) or html.escape(self.tr("(empty)")))

    # --- forgetting ---------------------------------------------------------------

    def forget(self) -> None:
        """Close the journal: drop the key and everything it showed."""
        if self.opened is not None:
            self.opened.close()
            self.opened = None
        self.entries = []
        self.search_field.clear()
        self.entry_list.clear()
        self.text.clear()
        self.secret.clear()
        self.pages.setCurrentIndex(0)

    def forget_on_lock(self) -> None:
        """The app lock closes an open journal instead of covering it."""
        self.forget()
        self.close()

    def done(self, result: int) -> None:
        self.forget()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.forget()
        super().closeEvent(event)


def open_journal(ctx: AppContext, member_id: str = "",
                 parent: QWidget | None = None) -> JournalDialog:
    """Show "My journal" (window-modal) for this member, or with no one chosen."""
    dialog = JournalDialog(ctx, member_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


# --- changing the passphrase --------------------------------------------------------------

class ChangeJournalPassphraseDialog(QDialog):
    """A new journal passphrase, given the present one or the personal recovery code.
    The journal key stays the same, so everything in the journal still opens."""

    def __init__(self, ctx: AppContext, member_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.member_id = ctx, member_id
        self.failures = 0
        self.setWindowTitle(self.tr("Change my journal passphrase"))
        keep_wrapped_text_whole(self)
        self.current = secret_field(self, self.tr("Present journal passphrase"))
        self.use_code = QCheckBox(self.tr("I forgot it: use my &recovery code"), self)
        self.new = secret_field(self, self.tr("New journal passphrase"))
        self.again = secret_field(self, self.tr("New journal passphrase again"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.change_button = QPushButton(self.tr("&Change"), self)
        self.change_button.setDefault(True)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.setAutoDefault(False)
        QWidget.setTabOrder(self.again, cancel)  # the buttons as they stand: Cancel, Change
        QWidget.setTabOrder(cancel, self.change_button)
        form = QFormLayout()
        form.addRow(self.tr("&Present passphrase:"), self.current)
        form.addRow("", self.use_code)
        form.addRow(self.tr("&New passphrase:"), self.new)
        form.addRow(self.tr("&Again:"), self.again)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(cancel)
        row.addWidget(self.change_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.use_code.toggled.connect(lambda on: self.current.setEchoMode(
            QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password))
        self.change_button.clicked.connect(self.change)
        cancel.clicked.connect(self.reject)
        self._wait = QTimer(self)
        self._wait.setSingleShot(True)
        self._wait.timeout.connect(lambda: self._set_busy(False))

    def _set_busy(self, busy: bool) -> None:
        self.change_button.setEnabled(not busy)

    def change(self) -> None:
        if not self.change_button.isEnabled():
            return
        old, new = self.current.text(), self.new.text()
        if len(new) < MIN_PASSPHRASE:
            self.message.setText(self.tr("The new passphrase is too short: at least %1 "
                                         "characters.").replace("%1", str(MIN_PASSPHRASE)))
            return
        if new != self.again.text():
            self.message.setText(self.tr("The two new passphrases differ."))
            return
        by_code, db, member_id = self.use_code.isChecked(), self.ctx.db, self.member_id
        self._set_busy(True)
        self.message.setText(self.tr("Changing…"))
        run_op(self, lambda: journal.change_passphrase(db, member_id, old, new,
                                                       by_recovery=by_code),
               on_success=lambda _none: self._changed(), on_failure=self._not_changed)

    def _changed(self) -> None:
        for field in (self.current, self.new, self.again):
            field.clear()
        self.accept()

    def _not_changed(self, exc: BaseException) -> None:
        self.current.clear()
        if isinstance(exc, WrongPassphraseError):
            self.failures += 1
            text, wait = wrong_secret(self.use_code.isChecked(), self.failures)
            if wait:
                self._wait.start(wait * 1000)
            else:
                self._set_busy(False)
            self.message.setText(text)
            self.current.setFocus()
            return
        self._set_busy(False)
        if isinstance(exc, ClinicAppError):
            self.message.setText(error_text(exc))
        else:
            self.message.clear()
            show_error(self, exc)


# --- setting up -------------------------------------------------------------------------

class SetUpJournalDialog(QDialog):
    """A member's journal passphrase, chosen twice, then their recovery code, once."""

    def __init__(self, ctx: AppContext, member_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.member_id = ctx, member_id
        self.setWindowTitle(self.tr("Set up a private journal"))
        keep_wrapped_text_whole(self)
        try:
            name = members.get(ctx.db, member_id).full_name
        except ClinicAppError:
            name = ""
        self.pages = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

        choose = QWidget(self)
        self.passphrase = secret_field(choose, self.tr("New journal passphrase"))
        self.confirm = secret_field(choose, self.tr("Journal passphrase again"))
        self.hint = QLabel(choose)
        self.hint.setWordWrap(True)
        self.create_button = QPushButton(self.tr("&Set up my journal"), choose)
        self.create_button.setDefault(True)
        self.create_button.setEnabled(False)
        cancel = QPushButton(self.tr("Cancel"), choose)
        warning = QLabel(self.tr(
            "Your private reflections will be encrypted so that only this passphrase opens "
            "them, on any workstation. Nobody else can read them: not the facilitator, the "
            "clinic, the program office, or ClinicApp's makers.\n\n"
            "<b>If you forget this passphrase and lose the recovery code shown next, your "
            "private reflections cannot be read again, by anyone, ever.</b>"), choose)
        warning.setTextFormat(Qt.TextFormat.RichText)
        warning.setText(warning.text().replace("\n\n", "<br><br>"))
        warning.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        form.addRow(self.tr("&Again:"), self.confirm)
        form.addRow("", self.hint)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(cancel)
        row.addWidget(self.create_button)
        box = QVBoxLayout(choose)
        box.addWidget(_heading(self.tr("A private journal for %1").replace("%1", name)))
        box.addWidget(warning)
        box.addLayout(form)
        box.addStretch(1)
        box.addLayout(row)

        shown = QWidget(self)
        self.code = QLabel(shown)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(mono.pointSizeF() * 1.4)
        self.code.setFont(mono)
        self.code.setAccessibleName(self.tr("Personal recovery code"))
        self.stored = QCheckBox(self.tr("I have &written it down and will keep it where only "
                                        "I can find it"), shown)
        self.done_button = QPushButton(self.tr("&Done"), shown)
        self.done_button.setEnabled(False)
        explain = QLabel(self.tr("This is your personal recovery code. It is shown only now. "
                                 "With it you can open your journal and choose a new "
                                 "passphrase if you forget yours. Write it down; do not keep "
                                 "it on this computer."), shown)
        explain.setWordWrap(True)
        box = QVBoxLayout(shown)
        box.addWidget(_heading(self.tr("Your recovery code")))
        box.addWidget(explain)
        box.addWidget(self.code, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addWidget(self.stored)
        box.addStretch(1)
        box.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignRight)

        self.pages.addWidget(choose)
        self.pages.addWidget(shown)
        self.passphrase.textChanged.connect(self._check)
        self.confirm.textChanged.connect(self._check)
        self.create_button.clicked.connect(self.make_journal)
        cancel.clicked.connect(self.reject)
        self.stored.toggled.connect(self.done_button.setEnabled)
        self.done_button.clicked.connect(self.accept)
        self._busy = False

    def _check(self) -> None:
        first, second = self.passphrase.text(), self.confirm.text()
        if len(first) < MIN_PASSPHRASE:
            self.hint.setText(self.tr("Too short: at least %1 characters. A few words you "
                                      "will remember are best.").replace(
                "%1", str(MIN_PASSPHRASE)))
        elif second and second != first:
            self.hint.setText(self.tr("The two passphrases differ."))
        else:
            self.hint.clear()
        self.create_button.setEnabled(not self._busy and len(first) >= MIN_PASSPHRASE
                                      and first == second)

    def make_journal(self) -> None:
        if not self.create_button.isEnabled():
            return
        passphrase, db, member_id = self.passphrase.text(), self.ctx.db, self.member_id
        self._busy = True
        self._check()
        self.hint.setText(self.tr("Making your journal key…"))
        run_op(self, lambda: journal.set_up(db, member_id, passphrase),
               on_success=self._made, on_failure=self._not_made)

    def _made(self, code: str) -> None:
        self._busy = False
        self.passphrase.clear()
        self.confirm.clear()
        self.code.setText(code)
        self.pages.setCurrentIndex(1)
        self.stored.setFocus()

    def _not_made(self, exc: BaseException) -> None:
        self._busy = False
        self._check()
        if isinstance(exc, ClinicAppError):
            self.hint.setText(error_text(exc))
        else:
            show_error(self, exc)

    def reject(self) -> None:
        if self.pages.currentIndex() == 1 and not self.stored.isChecked():
            self.stored.setFocus()  # the code is shown once: not gone by a stray Escape
            return
        super().reject()

    def done(self, result: int) -> None:
        self.code.clear()  # shown once
        self.passphrase.clear()
        self.confirm.clear()
        super().done(result)


def set_up_journal(ctx: AppContext, member_id: str, parent: QWidget | None = None) -> bool:
    """Set up the member's journal (modal); True once it exists."""
    if not member_id:
        return False
    if journal.has_journal(ctx.db, member_id):
        return True
    dialog = SetUpJournalDialog(ctx, member_id, parent)
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()
    return journal.has_journal(ctx.db, member_id)
