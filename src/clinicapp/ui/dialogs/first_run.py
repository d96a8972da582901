"""First run (welcome, workstation passphrase, recovery key, first steps) and unlocking.

The recovery key is shown exactly once: it is the only other way into the data when the
passphrase is forgotten, so the person must say they stored it before going on.

Both windows are the first a person sees, so this module imports only Qt and the
keystore: the database layer (SQLAlchemy, the models, cryptography) loads in the
background meanwhile (``ui.startup``) and is imported here only inside the functions that
use it, once the passphrase is given.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFont, QGuiApplication, QShowEvent, QTextDocument
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clinicapp.core.errors import ClinicAppError, WrongPassphraseError
from clinicapp.core.keys.keystore import MIN_PASSPHRASE, Keystore
from clinicapp.paths import AppPaths
from clinicapp.ui import startup, wheel_guard
from clinicapp.ui.dialogs.whole_text import keep_wrapped_text_whole
from clinicapp.ui.ops import run_op, show_error

if TYPE_CHECKING:
    from clinicapp.core.storage.db import Database

log = logging.getLogger(__name__)


def strength(passphrase: str) -> int:
    """0 too short, 1 weak, 2 fair, 3 strong: length counts most (passphrases, not
    passwords), then variety."""
    if len(passphrase) < MIN_PASSPHRASE:
        return 0
    kinds = sum(any(test(c) for c in passphrase)
                for test in (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum()))
    words = len(passphrase.split())
    if len(passphrase) >= 20 or (len(passphrase) >= 14 and (kinds >= 3 or words >= 3)):
        return 3
    return 2 if len(passphrase) >= 12 or kinds >= 3 else 1


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    label.setFont(font)
    return label


def _centred(layout: QBoxLayout, widget: QWidget) -> None:
    """``widget`` on a row of its own, centred at its natural width. (Stretches rather
    than an alignment flag: Qt's ``Qt`` namespace takes longer to load than this whole
    window takes to draw.)"""
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(widget)
    row.addStretch(1)
    layout.addLayout(row)


def _para(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class FirstRunDialog(QDialog):
    """Welcome → passphrase → recovery key → first steps. ``db`` is set once created."""

    def __init__(self, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.db: Database | None = None
        self.import_path: Path | None = None
        self.setWindowTitle(self.tr("Welcome to ClinicApp"))
        keep_wrapped_text_whole(self)
        self.pages = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.pages.addWidget(self._passphrase_page())
        # As tall as the page needs (a fixed 520 pixels left half of it empty); it grows
        # when a taller page comes (the next pages are added once the data exists).
        self._fit(620)

    def _fit(self, width: int, *, grow_only: bool = False) -> None:
        layout = self.layout()
        layout.activate()
        height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() \
            else layout.totalSizeHint().height()
        self.resize(width, max(height, self.height()) if grow_only else height)

    # --- 1. welcome and passphrase -----------------------------------------------------

    def _passphrase_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_heading(self.tr("Welcome to ClinicApp")))
        layout.addWidget(_para(self.tr(
            "ClinicApp records your group's learning sessions, attendance, reflections and "
            "action plans on this workstation, with or without internet. Everything is "
            "kept encrypted on this computer; bundles carry it to the program office.")))
        layout.addWidget(_para(self.tr(
            "Choose the workstation passphrase. Everyone who opens ClinicApp on this "
            "computer needs it. Use at least %1 characters; a few words are easier to "
            "remember than a jumble of symbols.").replace("%1", str(MIN_PASSPHRASE))))
        form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Workstation passphrase"))
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setAccessibleName(self.tr("Passphrase again"))
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        form.addRow(self.tr("&Again:"), self.confirm)
        layout.addLayout(form)
        self.hint = QLabel()
        self.hint.setAccessibleName(self.tr("Passphrase strength"))
        layout.addWidget(self.hint)
        self.remember = QCheckBox(self.tr(
            "&Unlock automatically for this computer account (stored in the system's "
            "credential store)"))
        layout.addWidget(self.remember)
        layout.addStretch(1)
        self.create_button = QPushButton(self.tr("&Create my encrypted data"))
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_data)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.create_button)
        layout.addLayout(row)
        self.passphrase.textChanged.connect(self._update_hint)
        self.confirm.textChanged.connect(self._update_hint)
        self._update_hint()
        return page

    def _update_hint(self) -> None:
        first, second = self.passphrase.text(), self.confirm.text()
        words = [self.tr("Too short: at least %1 characters.").replace("%1", str(MIN_PASSPHRASE)),
                 self.tr("Weak: longer is better."), self.tr("Fair."), self.tr("Strong.")]
        text = words[strength(first)]
        if second and second != first:
            text += " " + self.tr("The two passphrases differ.")
        self.hint.setText(text)
        self.create_button.setEnabled(strength(first) > 0 and first == second)

    def create_data(self) -> None:
        passphrase, paths = self.passphrase.text(), self.paths
        self.create_button.setEnabled(False)
        run_op(self, lambda: _create(paths, passphrase), on_success=self._created,
               label=self.tr("Creating the encrypted database…"),
               on_failure=self._create_failed)

    def _create_failed(self, exc: BaseException) -> None:
        self._update_hint()
        show_error(self, exc)

    def _created(self, result: tuple[Database, str]) -> None:
        self.db, code = result
        if self.pages.count() < 3:
            self.pages.addWidget(self._recovery_page())
            self.pages.addWidget(self._next_steps_page())
            wheel_guard.guard(self)  # the wheel never changes the group kind it passes over
            self._fit(self.width(), grow_only=True)
        self.passphrase.clear()
        self.confirm.clear()
        if self.remember.isChecked():
            try:
                Keystore.load(self.paths.keystore).remember_in_os(self.db.key)
            except Exception as exc:  # no credential store here: the passphrase still works
                log.warning("could not store the key in the OS: %s", type(exc).__name__)
                self.remember_note.setText(self.tr(
                    "This computer has no usable credential store: you will type the "
                    "passphrase when ClinicApp starts."))
        self.recovery.setText(code)
        self.pages.setCurrentIndex(1)

    # --- 2. the recovery key, once --------------------------------------------------

    def _recovery_page(self) -> QWidget:
        from PySide6.QtCore import Qt

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_heading(self.tr("Your recovery key")))
        layout.addWidget(_para(self.tr(
            "If the passphrase is forgotten, this recovery key is the only other way into "
            "the data. It is shown only now. Print it or write it down and keep it locked "
            "away from the computer.")))
        self.recovery = QLabel()
        self.recovery.setAccessibleName(self.tr("Recovery key"))
        self.recovery.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setPointSizeF(mono.pointSizeF() * 1.5)
        self.recovery.setFont(mono)
        self.recovery.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.recovery)
        row = QHBoxLayout()
        copy = QPushButton(self.tr("C&opy"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.recovery.text()))
        print_button = QPushButton(self.tr("&Print…"))
        print_button.clicked.connect(self.print_key)
        row.addWidget(copy)
        row.addWidget(print_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.remember_note = _para("")
        layout.addWidget(self.remember_note)
        self.stored = QCheckBox(self.tr("I have &stored the recovery key safely"))
        layout.addWidget(self.stored)
        layout.addStretch(1)
        self.continue_button = QPushButton(self.tr("C&ontinue"))
        self.continue_button.setEnabled(False)
        self.stored.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self._leave_recovery)
        end = QHBoxLayout()
        end.addStretch(1)
        end.addWidget(self.continue_button)
        layout.addLayout(end)
        return page

    def _leave_recovery(self) -> None:
        self.recovery.clear()  # shown once: not kept on screen or in memory longer
        self.pages.setCurrentIndex(2)

    def print_key(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            doc = QTextDocument()
            doc.setPlainText(self.tr("ClinicApp recovery key\n\n%1\n\nKeep this paper locked "
                                     "away.").replace("%1", self.recovery.text()))
            doc.print_(printer)

    # --- 3. first steps -------------------------------------------------------------

    def _next_steps_page(self) -> QWidget:
        from clinicapp.core.models import GroupKind

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_heading(self.tr("Your data is ready")))
        layout.addWidget(_para(self.tr("Start with one of these, or go straight to the app.")))
        form = QFormLayout()
        self.group_name = QLineEdit()
        self.group_name.setAccessibleName(self.tr("First group's name"))
        self.group_kind = QComboBox()
        self.group_kind.addItem(self.tr("Small group"), GroupKind.SMALL_GROUP)
        self.group_kind.addItem(self.tr("Community of practice"), GroupKind.COMMUNITY_OF_PRACTICE)
        self.group_kind.setAccessibleName(self.tr("First group's kind"))
        form.addRow(self.tr("Group &name:"), self.group_name)
        form.addRow(self.tr("&Kind:"), self.group_kind)
        layout.addLayout(form)
        self.create_group_button = QPushButton(self.tr("Create the &group"))
        self.create_group_button.clicked.connect(self.create_group)
        self.group_done = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.create_group_button)
        row.addWidget(self.group_done, 1)
        layout.addLayout(row)
        self.server_button = QPushButton(self.tr("Connect to a central &server…"))
        self.server_button.setToolTip(self.tr(
            "With the server's address and the one-time code from the program office"))
        self.server_button.clicked.connect(self.connect_server)
        layout.addWidget(self.server_button)
        self.server_note = _para(self.tr(
            "The program office gives you the server's address and a one-time code; once "
            "connected, your groups come from the server. Without a server, exchange "
            "bundle files."))
        layout.addWidget(self.server_note)
        self.import_button = QPushButton(self.tr("&Import a bundle…"))
        self.import_button.clicked.connect(self.choose_bundle)
        layout.addWidget(self.import_button)
        layout.addStretch(1)
        self.finish_button = QPushButton(self.tr("Open &ClinicApp"))
        self.finish_button.setDefault(True)
        self.finish_button.clicked.connect(self.accept)
        end = QHBoxLayout()
        end.addStretch(1)
        end.addWidget(self.finish_button)
        layout.addLayout(end)
        return page

    def create_group(self) -> None:
        from clinicapp.core.services import groups

        assert self.db is not None
        try:
            group = groups.create(self.db, self.group_name.text(), self.group_kind.currentData())
        except ClinicAppError as exc:
            show_error(self, exc)
            return
        self.group_done.setText(self.tr("Created “%1”.").replace("%1", group.name))
        self.group_name.clear()

    def connect_server(self) -> QDialog:
        """The same dialog as Settings → Connect to a central server. Syncing starts
        with the main window (its status line), not from here."""
        from clinicapp.ui.context import AppContext
        from clinicapp.ui.dialogs.connect_server import ConnectServerDialog
        from clinicapp.ui.network import controller
        from clinicapp.ui.ops import DataEvents

        assert self.db is not None
        ctx = AppContext(db=self.db, paths=self.paths, events=DataEvents())
        dialog = ConnectServerDialog(ctx, self)

        def done(_code: int) -> None:
            controller(ctx).stop()  # the main window's own controller syncs
            if dialog.link is not None:
                self.server_button.setEnabled(False)
                self.server_note.setText(self.tr(
                    "Connected to %1. Your groups arrive with the first sync, once "
                    "ClinicApp is open.").replace("%1", dialog.link.url))

        dialog.finished.connect(done)
        dialog.open()
        return dialog

    def choose_bundle(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a bundle"), str(Path.home()),
            self.tr("ClinicApp bundles (*.clinicbundle *.age);;All files (*)"))
        if name:
            self.import_path = Path(name)
            self.accept()


def _workstation_name() -> str:
    import platform

    return platform.node()[:200]


def _create(paths: AppPaths, passphrase: str) -> tuple[Database, str]:
    startup.wait()  # one thread imports the database layer
    from clinicapp.core.storage.db import Database

    return Database.create(paths, passphrase, name=_workstation_name())


@dataclass(frozen=True)
class Verdict:
    """How one unlock try went: the key, or why not and the wrong tries in a row."""

    key: bytes | None
    message: str = ""
    wrong: bool = False
    failures: int = 0  # in a row after a wrong try; before the right one otherwise
    wait_s: float = 0.0  # before the next try is checked


def check_secret(paths: AppPaths, secret: str, recovery: bool) -> Verdict:
    """Unwrap the database key (scrypt: a worker thread's job) under core's unlock policy
    (core.keys.unlock: the count, kept in the keystore, and the growing wait — the same
    as the lock screen and the command line)."""
    startup.wait()  # one thread imports the database layer and cryptography
    from clinicapp.core.keys.unlock import MustWaitError, Unlocker

    unlocker = Unlocker(paths.keystore)
    try:
        key, before = unlocker.unlock(secret, recovery=recovery)
    except MustWaitError as exc:
        return Verdict(None, str(exc), wait_s=exc.wait_s)
    except WrongPassphraseError as exc:
        return Verdict(None, str(exc), wrong=True, failures=unlocker.failures(),
                       wait_s=unlocker.wait_left())
    except ClinicAppError as exc:
        return Verdict(None, str(exc))
    return Verdict(key, failures=before)


class UnlockPanel(QWidget):
    """Passphrase or recovery key; emits ``unlocked(key)`` once one of them opens the
    keystore. Used at start, before any database is open."""

    unlocked = Signal(bytes)

    def __init__(self, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.failures_before = 0  # wrong tries before the one that opened, for the audit
        self.paths = paths
        self._checking = False
        # Laid out as the lock screen (ui/lock.py LockScreen): the same heading, field,
        # recovery-key box and button, so unlocking looks the same at start and later.
        title = _heading(self.tr("ClinicApp is locked"))
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setMinimumWidth(320)
        self.secret.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.secret.setAccessibleName(self.tr("Workstation passphrase"))
        self.secret.setPlaceholderText(self.tr("Workstation passphrase"))
        self.use_recovery = QCheckBox(self.tr("Use the &recovery key instead"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Unlock message"))
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (title, self.secret, self.use_recovery, self.message,
                       self.unlock_button):
            _centred(layout, widget)
        layout.addStretch(2)
        self.secret.returnPressed.connect(self.try_unlock)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.setFocusProxy(self.secret)  # the passphrase is typed at once
        self.use_recovery.toggled.connect(self._recovery_toggled)

    def _recovery_toggled(self, on: bool) -> None:
        self.secret.setEchoMode(QLineEdit.EchoMode.Normal if on
                                else QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName(self.tr("Recovery key") if on
                                      else self.tr("Workstation passphrase"))
        self.secret.setPlaceholderText(self.tr("Recovery key") if on
                                       else self.tr("Workstation passphrase"))

    @property
    def checking(self) -> bool:
        """A try is being checked in the background."""
        return self._checking

    def try_unlock(self) -> None:
        if self._checking or self.secret.isReadOnly():
            return  # a try is being checked, or still waiting after wrong tries
        secret, recovery, paths = self.secret.text(), self.use_recovery.isChecked(), self.paths
        self._set_busy(True)
        run_op(self, lambda: check_secret(paths, secret, recovery), on_success=self._checked,
               on_failure=self._check_failed)

    def _set_busy(self, busy: bool) -> None:
        self._checking = busy
        self.secret.setReadOnly(busy)
        self.unlock_button.setEnabled(not busy)
        if busy:
            self.message.setText(self.tr("Checking…"))

    def _check_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.message.clear()
        show_error(self, exc)

    def _checked(self, verdict: Verdict) -> None:
        self._set_busy(False)
        if verdict.key is not None:
            self.failures_before = verdict.failures  # for the audit trail
            self.secret.clear()
            self.message.clear()
            self.unlocked.emit(verdict.key)
            return
        self.message.setText(verdict.message.capitalize() + ".")
        self.secret.selectAll()
        self.secret.setFocus()
        if verdict.wait_s > 0:
            self._wait_after_failure(verdict)

    def _wait_after_failure(self, verdict: Verdict) -> None:
        """Core's growing wait, the same as the app lock and the command line."""
        seconds = max(1, round(verdict.wait_s))
        self.secret.setReadOnly(True)
        self.unlock_button.setEnabled(False)
        if verdict.wrong:
            self.message.setText(self.message.text() + " " + self.tr(
                "Too many wrong tries: wait %1 s before trying again.").replace(
                    "%1", str(seconds)))

        def reopen() -> None:
            self.secret.setReadOnly(False)
            self.unlock_button.setEnabled(True)
            self.secret.setFocus()

        # Reopen only once core's wait is surely over: a timer may fire a few milliseconds
        # early, and a try made then would be refused as "still waiting".
        QTimer.singleShot(math.ceil(verdict.wait_s * 1000) + 100, self, reopen)

    def reset(self) -> None:
        self.secret.clear()
        self.message.clear()
        self.secret.setFocus()


class UnlockDialog(QDialog):
    """At start, when a data folder exists and the OS store did not unlock it."""

    def __init__(self, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unlock ClinicApp"))
        keep_wrapped_text_whole(self)
        self.key: bytes | None = None
        self.panel = UnlockPanel(paths, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        self.panel.unlocked.connect(self._unlocked)
        self.resize(480, 300)
        self.setFocusProxy(self.panel)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.panel.secret.setFocus()  # no reason flag: Qt's namespace loads slowly

    def _unlocked(self, key: bytes) -> None:
        self.key = key
        self.accept()
