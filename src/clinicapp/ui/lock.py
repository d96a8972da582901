"""The app lock: idle and on-demand locking, the lock screen, and the passphrase gate.

``LockController(window, ctx)`` locks the app after the idle time (the
``idle_lock_minutes`` setting) and on Ctrl+L. Locked, every window of the app is covered
by an opaque cover that shows nothing of the data: the main window's, and any dialog's
above it (the topmost modal one holds the passphrase field, since only it can take
input); a window that holds a member's open journal closes instead (``forget_on_lock``).
Only the workstation passphrase or recovery key uncovers them.

Wrong answers get a message, an audit entry and, from the third in a row, a growing wait
before the next try: core's unlock policy (``core.keys.unlock``), the same as at start-up
and on the command line.

``ask_passphrase(parent, ctx)`` is the same check as a small modal dialog, for leaving
participant mode.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import ClassVar

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinicapp.core.errors import ClinicAppError, WrongPassphraseError
from clinicapp.core.keys import unlock
from clinicapp.core.keys.unlock import MustWaitError, Unlocker
from clinicapp.ui.context import AppContext
from clinicapp.ui.ops import run_op

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class Attempt:
    """How one try went. ``reason``: "", "empty", "wrong", "wait" or "error"."""

    ok: bool
    reason: str = ""
    recovery: bool = False
    wait_s: float = 0.0
    detail: str = ""


class UnlockGuard:
    """The lock screen's side of core's unlock policy (``core.keys.unlock``): checks
    workstation secrets against the open database's key.

    One per app context (``guard_for``), so the lock screen and the passphrase gate share
    the wait. No Qt: safe to call from a worker thread.
    """

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.unlocker = Unlocker(ctx.paths.keystore)

    def wait_left(self) -> float:
        try:
            return self.unlocker.wait_left()
        except ClinicAppError:
            return 0.0

    def attempt(self, secret: str, recovery: bool = False, purpose: str = "app lock") -> Attempt:
        if not secret:
            left = self.wait_left()
            return Attempt(False, "wait", recovery, left) if left > 0 else \
                Attempt(False, "empty", recovery)
        try:
            self.unlocker.unlock(secret, recovery=recovery, expected_key=self.ctx.db.key)
        except MustWaitError as exc:
            return Attempt(False, "wait", recovery, exc.wait_s)
        except WrongPassphraseError:
            failures = self.unlocker.failures()
            unlock.audit_wrong_answer(self.ctx.db, purpose, recovery, failures)
            return Attempt(False, "wrong", recovery, float(unlock.wait_after(failures)))
        except ClinicAppError as exc:
            return Attempt(False, "error", recovery, detail=str(exc))
        return Attempt(True, recovery=recovery)


def guard_for(ctx: AppContext) -> UnlockGuard:
    guard = getattr(ctx, "_unlock_guard", None)
    if not isinstance(guard, UnlockGuard):
        guard = UnlockGuard(ctx)
        ctx._unlock_guard = guard  # type: ignore[attr-defined]
    return guard


# --- widgets ------------------------------------------------------------------------------

class LockScreen(QWidget):
    """Asks for the workstation passphrase (or recovery key); emits ``unlocked`` once it
    matches this data folder's key. Shows nothing else."""

    unlocked = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 heading: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.guard = guard_for(ctx)
        self.purpose = "app lock"  # named in the audit trail's failed-unlock entries
        self.setAutoFillBackground(True)  # opaque: nothing behind it shows through
        self.title = QLabel(heading or self.tr("ClinicApp is locked"))
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setMinimumWidth(320)
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
        for widget in (self.title, self.secret, self.use_recovery, self.message,
                       self.unlock_button):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.secret.returnPressed.connect(self.try_unlock)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.use_recovery.toggled.connect(self._recovery_toggled)
        self._checking = False
        self._last = ""  # why the last try failed
        self._countdown = QTimer(self)
        self._countdown.setInterval(250)
        self._countdown.timeout.connect(self._tick)

    def _recovery_toggled(self, on: bool) -> None:
        self.secret.setEchoMode(QLineEdit.EchoMode.Normal if on
                                else QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName(self.tr("Recovery key") if on
                                      else self.tr("Workstation passphrase"))

    def lock(self) -> None:
        """Shown again: start clean."""
        self.reset()

    def reset(self) -> None:
        self.secret.clear()
        self.use_recovery.setChecked(False)
        self.message.clear()
        self._last = ""
        self._tick()
        self.secret.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def waiting(self) -> bool:
        return self.guard.wait_left() > 0

    def try_unlock(self) -> None:
        if self._checking or self.waiting or self.secret.isReadOnly():
            return
        secret, recovery = self.secret.text(), self.use_recovery.isChecked()
        self.secret.clear()
        self._set_busy(True)
        purpose = self.purpose
        run_op(self, lambda: self.guard.attempt(secret, recovery, purpose),
               on_success=self._checked, on_failure=self._failed)

    def _checked(self, attempt: Attempt) -> None:
        self._set_busy(False)
        if attempt.ok:
            self.message.clear()
            self.unlocked.emit()
            return
        self.show_attempt(attempt)
        self.secret.setFocus()

    def show_attempt(self, attempt: Attempt) -> None:
        """Say why a try did not unlock."""
        if attempt.reason == "empty":
            text = self.tr("Type the workstation passphrase.")
        elif attempt.reason == "error":
            text = attempt.detail
        elif attempt.recovery:
            text = self.tr("Wrong recovery key.")
        else:
            text = self.tr("Wrong passphrase.")
        self._last = text
        self.message.setText(text)
        self._tick()

    def _wait_text(self) -> str:
        seconds = int(self.guard.wait_left() + 0.999)
        return self.tr("Too many wrong tries: wait %1 s before trying again.").replace(
            "%1", str(seconds))

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        log.error("checking the passphrase failed", exc_info=exc)
        self.message.setText(self.tr("The passphrase could not be checked: %1")
                             .replace("%1", str(exc) if isinstance(exc, ClinicAppError)
                                      else type(exc).__name__))

    def _set_busy(self, busy: bool) -> None:
        self._checking = busy
        self._tick()
        if busy:
            self.message.setText(self.tr("Checking…"))

    def _tick(self) -> None:
        """Input is open unless a check runs or the wait after wrong tries is not over."""
        waiting = self.waiting
        enabled = not waiting and not self._checking
        # Read-only rather than disabled: the field keeps the focus, so Return can never
        # fall through to another button (Cancel, in the passphrase gate).
        self.secret.setReadOnly(not enabled)
        self.unlock_button.setEnabled(enabled)
        self.use_recovery.setEnabled(enabled)
        if waiting:
            self.message.setText(f"{self._last} {self._wait_text()}".strip())
            if not self._countdown.isActive():
                self._countdown.start()
        elif self._countdown.isActive():
            self._countdown.stop()
            self.message.setText(self.tr("You can try again now."))
            self.secret.setFocus()


class IdleLock(QObject):
    """Emits ``idle_timeout`` after ``interval_ms`` without key, mouse or wheel input
    anywhere in the app; ``window_shown(widget)`` when any window of the app appears (the
    lock's one application-wide filter: every event of the app passes through it)."""

    idle_timeout = Signal()
    window_shown = Signal(QWidget)
    _INPUT: ClassVar[frozenset[QEvent.Type]] = frozenset({
        QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
        QEvent.Type.Wheel, QEvent.Type.TouchBegin})

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.idle_timeout)
        self.timer.start()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_interval(self, interval_ms: int) -> None:
        self.timer.setInterval(interval_ms)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in self._INPUT:
            if self.timer.isActive():
                self.timer.start()  # restart the countdown
        elif kind == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            self.window_shown.emit(watched)
        return False


_TRANSIENT = (Qt.WindowType.Popup, Qt.WindowType.ToolTip)


class _Cover(QWidget):
    """An opaque child that covers a whole window; holds a lock screen or a notice."""

    def __init__(self, window: QWidget, content: QWidget) -> None:
        super().__init__(window)
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        layout.addWidget(content)
        self.window_covered = window
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window_covered and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.window_covered.rect())
            self.raise_()
        return False


class LockController(QObject):
    """Locks every window of the app after the idle time and on Ctrl+L.

    ``lock()``, ``unlock(passphrase) -> bool``, ``is_locked``, ``locked_changed(bool)``.
    It also sets ``ctx.require_unlock`` to ask for the passphrase in a small dialog.
    Ctrl+L works in every window, a modal dialog's included (its action joins each window
    as it appears: a modal dialog keeps the window under it, and its shortcuts, out of
    reach). What was typed in a covered dialog stays: its widgets are hidden, not reset,
    and the focus goes back where it was.
    """

    locked_changed = Signal(bool)

    def __init__(self, window: QWidget, ctx: AppContext, idle_ms: int | None = None,
                 shortcut: bool = True) -> None:
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.guard = guard_for(ctx)
        if idle_ms is None:
            from clinicapp.core.services import settings  # the ORM: not before the window

            idle_ms = int(settings.read(ctx.db, "idle_lock_minutes")) * 60_000
        self.idle = IdleLock(idle_ms, self)
        self.idle.idle_timeout.connect(self.lock)
        self.idle.window_shown.connect(self._window_shown)
        self.lock_action = QAction(self.tr("&Lock"), window)
        self.lock_action.setToolTip(self.tr("Lock ClinicApp (Ctrl+L)"))
        if shortcut:
            self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
            self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock)
        window.addAction(self.lock_action)
        self.screen: LockScreen | None = None
        self._covers: list[_Cover] = []
        self._hidden: list[QWidget] = []  # what the covers hide, to show again
        self._disabled: list[QAction] = []  # actions to enable again
        self._focus: QWidget | None = None  # where the focus was when it locked
        ctx.require_unlock = self.ask
        for widget in QApplication.topLevelWidgets():
            if widget is not window and widget.isVisible():
                self._window_shown(widget)

    @property
    def is_locked(self) -> bool:
        return bool(self._covers)

    def set_idle_ms(self, idle_ms: int) -> None:
        self.idle.set_interval(idle_ms)

    def ask(self) -> bool:
        """The passphrase, asked for in a dialog above whatever is in front."""
        return ask_passphrase(QApplication.activeModalWidget() or self.window, self.ctx)

    def lock(self) -> None:
        """Cover every window; only the passphrase uncovers them."""
        if self.is_locked or not self.window.isVisible():  # a closed window locks nothing
            return
        self.idle.timer.stop()
        self._focus = QApplication.focusWidget()
        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        for widget in windows:
            if hasattr(widget, "forget_on_lock"):
                widget.forget_on_lock()  # a member's open journal closes, not covered
            elif widget.windowType() in _TRANSIENT:
                widget.hide()
        front = QApplication.activeModalWidget() or self.window
        for widget in [w for w in windows if w.isVisible()
                       and w.windowType() not in _TRANSIENT]:
            self._cover(widget, with_screen=widget is front)
        log.info("app locked")
        self.locked_changed.emit(True)

    def _window_shown(self, watched: QWidget) -> None:
        if watched.windowType() in _TRANSIENT or not shiboken6.isValid(self.lock_action):
            return
        if self.lock_action not in watched.actions():
            watched.addAction(self.lock_action)  # Ctrl+L from this window too
        if (self._covers and self.window.isVisible()
                and not isinstance(watched, PassphraseGate)
                and all(c.window_covered is not watched for c in self._covers)):
            # A window that opens while locked (a message from background work): it
            # is covered too, and if it is modal it takes the passphrase, since only it
            # can take input now.
            if hasattr(watched, "forget_on_lock"):
                QTimer.singleShot(0, watched.forget_on_lock)
            else:
                self._cover(watched, with_screen=watched.isModal())

    def _cover(self, window: QWidget, with_screen: bool) -> None:
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        for child in window.findChildren(QWidget, options=direct):
            if not child.isWindow() and child.isVisible():
                # Hidden, not only painted over: no focus, no keys, and nothing left
                # for a screen reader to read out.
                child.hide()
                self._hidden.append(child)
        for action in window.actions():
            if action is not self.lock_action and action.isEnabled():
                action.setEnabled(False)  # no shortcut navigates behind the cover
                self._disabled.append(action)
        if with_screen:
            self.screen = LockScreen(self.ctx)
            self.screen.unlocked.connect(self._unlocked)
            content: QWidget = self.screen
        else:
            content = QLabel(self.tr("ClinicApp is locked."))
            content.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._covers.append(_Cover(window, content))
        if with_screen:
            self.screen.reset()  # type: ignore[union-attr]

    def unlock(self, passphrase: str, recovery: bool = False) -> bool:
        """Unlock with this secret (synchronously); False and a message if wrong."""
        if not self.is_locked:
            return True
        attempt = self.guard.attempt(passphrase, recovery)
        if not attempt.ok:
            if self.screen is not None:
                self.screen.show_attempt(attempt)
            return False
        self._unlocked()
        return True

    def uncover(self) -> None:
        """Uncover without asking (the self-test's screenshots)."""
        if self.is_locked:
            self._unlocked()

    def _unlocked(self) -> None:
        for cover in self._covers:
            if shiboken6.isValid(cover):  # gone with its window if that was closed
                cover.window_covered.removeEventFilter(cover)
                cover.hide()
                cover.deleteLater()
        self._covers.clear()
        for widget in self._hidden:
            if shiboken6.isValid(widget):
                widget.show()
        self._hidden.clear()
        for action in self._disabled:
            action.setEnabled(True)
        self._disabled.clear()
        self.screen = None
        focus, self._focus = self._focus, None
        if focus is not None and shiboken6.isValid(focus) and focus.isVisible():
            focus.setFocus(Qt.FocusReason.OtherFocusReason)  # typing goes on where it was
        self.idle.timer.start()
        log.info("app unlocked")
        self.locked_changed.emit(False)


# --- the passphrase gate --------------------------------------------------------------------

class PassphraseGate(QDialog):
    """A modal question for the workstation passphrase; accepted once it is right."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 heading: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Workstation passphrase"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.panel = LockScreen(ctx, self, heading or self.tr("The workstation passphrase, "
                                                              "please"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        for button in buttons.findChildren(QPushButton):
            button.setAutoDefault(False)  # Return in the field never means Cancel
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addWidget(buttons)
        self.panel.purpose = "passphrase asked"
        self.panel.unlocked.connect(self.accept)
        self.panel.reset()


def ask_passphrase(parent: QWidget | None, ctx: AppContext, heading: str = "") -> bool:
    """True once the workstation passphrase (or recovery key) was given; False if the
    person cancelled."""
    gate = PassphraseGate(ctx, parent, heading)
    try:
        return gate.exec() == QDialog.DialogCode.Accepted
    finally:
        gate.deleteLater()

