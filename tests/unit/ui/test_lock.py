"""The app lock: it locks after the idle time and on Ctrl+L, covers every window so
nothing of the data shows, and opens only with the workstation passphrase; wrong answers
are told, audited and slowed down."""

from __future__ import annotations

import itertools
import logging

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QMainWindow, QVBoxLayout

from clinicapp import logs
from clinicapp.core.keys.keystore import Keystore
from clinicapp.core.keys.unlock import wait_after
from clinicapp.core.services import audit
from clinicapp.ui.context import AppContext
from clinicapp.ui.lock import LockController, LockScreen, ask_passphrase
from clinicapp.ui.ops import DataEvents, wait_for_ops
from tests.conftest import PASSPHRASE

SECRET_TEXT = "Mrs. Example's test results"


@pytest.fixture
def ctx(db, paths) -> AppContext:
    return AppContext(db=db, paths=paths, events=DataEvents())


@pytest.fixture
def window(qtbot, ctx) -> QMainWindow:
    win = QMainWindow()
    win.setCentralWidget(QLabel(SECRET_TEXT))
    win.statusBar().showMessage(SECRET_TEXT)
    qtbot.addWidget(win)
    win.resize(800, 600)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def covered_everywhere(win) -> bool:
    """Every point of the window shows the cover (or what is on it), none of the data."""
    points = [QPoint(x, y) for x in (5, win.width() // 2, win.width() - 5)
              for y in (5, win.height() // 2, win.height() - 5)]
    for point in points:
        widget = win.childAt(point)
        while widget is not None and type(widget).__name__ != "_Cover":
            widget = widget.parentWidget()
        if widget is None:
            return False
    return True


def visible_texts(win) -> list[str]:
    return [label.text() for label in win.findChildren(QLabel) if label.isVisible()]


def type_into(qtbot, screen: LockScreen, text: str) -> None:
    qtbot.keyClicks(screen.secret, text)
    qtbot.keyClick(screen.secret, Qt.Key.Key_Return)
    assert wait_for_ops()


def test_it_locks_after_a_short_idle_time_and_unlocks(qtbot, ctx, window):
    lock = LockController(window, ctx, idle_ms=300)
    seen: list[bool] = []
    lock.locked_changed.connect(seen.append)
    qtbot.waitUntil(lambda: lock.is_locked, timeout=5000)
    assert covered_everywhere(window)
    assert not window.centralWidget().isVisible()  # nor can keys reach it
    assert not window.statusBar().isVisible()
    assert lock.screen is not None and lock.screen.secret.hasFocus()

    assert lock.unlock("not the passphrase") is False
    assert lock.is_locked and "Wrong passphrase" in lock.screen.message.text()
    assert lock.unlock(PASSPHRASE) is True
    assert not lock.is_locked and not covered_everywhere(window)
    assert window.centralWidget().isVisible() and window.statusBar().isVisible()
    assert seen == [True, False]
    qtbot.waitUntil(lambda: lock.is_locked, timeout=5000)  # and again when idle again


def test_input_keeps_it_from_locking(qtbot, ctx, window):
    lock = LockController(window, ctx, idle_ms=1500)
    for step in range(10):  # 3 s of work, never 1.5 s without input
        qtbot.wait(300)
        qtbot.mouseMove(window, QPoint(10 + step, 10))
        qtbot.keyClick(window, Qt.Key.Key_Shift)
    assert not lock.is_locked
    qtbot.waitUntil(lambda: lock.is_locked, timeout=5000)  # and once the input stops


def test_ctrl_l_locks_and_the_typed_passphrase_unlocks(qtbot, ctx, window):
    lock = LockController(window, ctx, idle_ms=600_000)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert lock.is_locked and covered_everywhere(window)
    assert SECRET_TEXT not in visible_texts(window)
    type_into(qtbot, lock.screen, PASSPHRASE)
    qtbot.waitUntil(lambda: not lock.is_locked)
    assert SECRET_TEXT in visible_texts(window)


def test_the_recovery_key_unlocks_too(qtbot, ctx, window, created):
    _db, code = created
    lock = LockController(window, ctx, idle_ms=600_000)
    lock.lock()
    lock.screen.use_recovery.setChecked(True)
    assert lock.screen.secret.echoMode() == QLineEdit.EchoMode.Normal
    type_into(qtbot, lock.screen, code.lower())
    qtbot.waitUntil(lambda: not lock.is_locked)


def test_repeated_wrong_passphrases_are_slowed_and_audited(qtbot, ctx, window, paths):
    lock = LockController(window, ctx, idle_ms=600_000)
    lock.lock()
    screen = lock.screen
    for attempt in range(1, 4):
        type_into(qtbot, screen, f"guess number {attempt}")
        qtbot.waitUntil(lambda: "Wrong passphrase" in screen.message.text())
    assert wait_after(3) == 1
    assert screen.secret.isReadOnly() and not screen.unlock_button.isEnabled()
    assert "wait" in screen.message.text()
    assert lock.unlock(PASSPHRASE) is False  # not even the right one, until the wait is over
    assert lock.is_locked

    failed = audit.list_entries(ctx.db, action="unlock_failed").items
    assert len(failed) == 3 and "3 in a row" in failed[0].detail
    assert not any("guess" in entry.detail for entry in failed)
    assert Keystore.load(paths.keystore).failed_unlocks == 3

    qtbot.waitUntil(lambda: not screen.secret.isReadOnly(), timeout=3000)
    assert "try again" in screen.message.text()
    type_into(qtbot, screen, PASSPHRASE)
    qtbot.waitUntil(lambda: not lock.is_locked)
    assert Keystore.load(paths.keystore).failed_unlocks == 0


def test_the_wait_grows_with_every_wrong_try():
    waits = [wait_after(n) for n in range(1, 12)]
    assert waits[:2] == [0, 0]
    assert all(a < b for a, b in itertools.pairwise(waits[2:]))
    assert wait_after(100) == 300


def test_a_dialog_in_front_is_covered_and_the_passphrase_is_asked_there(qtbot, ctx, window):
    dialog = QDialog(window)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    QVBoxLayout(dialog).addWidget(QLabel("Ana's reflection: " + SECRET_TEXT))
    dialog.resize(500, 400)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog)
    lock = LockController(window, ctx, idle_ms=600_000)
    lock.lock()
    assert covered_everywhere(dialog) and covered_everywhere(window)
    assert lock.screen is not None and lock.screen.window() is dialog
    assert not any(SECRET_TEXT in text for text in visible_texts(dialog))
    type_into(qtbot, lock.screen, PASSPHRASE)
    qtbot.waitUntil(lambda: not lock.is_locked)
    assert dialog.isVisible() and any(SECRET_TEXT in t for t in visible_texts(dialog))
    dialog.close()


def answer_gate(qtbot, text: str | None) -> None:
    def answer() -> None:
        gate = QApplication.activeModalWidget()
        if gate is None or not hasattr(gate, "panel"):
            QTimer.singleShot(20, answer)
            return
        if text is None:
            QTest.keyClick(gate.panel.secret, Qt.Key.Key_Escape)
        else:
            QTest.keyClicks(gate.panel.secret, text)
            QTest.keyClick(gate.panel.secret, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)


def test_the_passphrase_gate_says_yes_only_for_the_passphrase(qtbot, ctx, window):
    answer_gate(qtbot, None)
    assert ask_passphrase(window, ctx) is False
    answer_gate(qtbot, "a wrong one")  # told so, and the gate stays open for the next try
    told: list[str] = []

    def read_and_cancel() -> None:
        gate = QApplication.activeModalWidget()
        told.append(gate.panel.message.text())
        gate.reject()

    QTimer.singleShot(3000, read_and_cancel)
    assert ask_passphrase(window, ctx) is False
    assert told == ["Wrong passphrase."]
    [failed] = audit.list_entries(ctx.db, action="unlock_failed").items
    assert failed.detail.startswith("passphrase asked: wrong passphrase")
    answer_gate(qtbot, PASSPHRASE)
    assert ask_passphrase(window, ctx) is True
    lock = LockController(window, ctx, idle_ms=600_000)
    answer_gate(qtbot, PASSPHRASE)
    assert ctx.require_unlock() is True  # what participant mode calls to leave the round
    assert not lock.is_locked


def test_nothing_of_a_passphrase_reaches_the_log(qtbot, ctx, window, paths):
    logs.setup(paths.log_dir, level=logging.DEBUG)
    lock = LockController(window, ctx, idle_ms=600_000)
    lock.lock()
    type_into(qtbot, lock.screen, "wrong-horse-battery")
    qtbot.waitUntil(lambda: "Wrong" in lock.screen.message.text())
    assert lock.unlock(PASSPHRASE)
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = paths.log_file.read_text("utf-8")
    assert "app locked" in text and "wrong passphrase" in text
    for secret in ("wrong-horse-battery", PASSPHRASE, ctx.db.key.hex()):
        assert secret not in text


def test_the_main_window_locks_with_this_lock_screen(qtbot, main_window):
    """The shell embeds ``LockScreen``: Ctrl+L hides the pages, the passphrase opens."""
    qtbot.keyClick(main_window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert main_window.locked
    screen = main_window.lock_screen
    assert isinstance(screen, LockScreen) and not main_window.content.isVisible()
    type_into(qtbot, screen, "not it at all")
    qtbot.waitUntil(lambda: "Wrong passphrase" in screen.message.text())
    assert main_window.locked
    type_into(qtbot, screen, PASSPHRASE)
    qtbot.waitUntil(lambda: not main_window.locked)
    assert main_window.content.isVisible()


def test_a_window_that_opens_while_locked_is_covered_too(qtbot, ctx, window):
    lock = LockController(window, ctx, idle_ms=600_000)
    lock.lock()
    late = QDialog(window)  # e.g. a message from background work finishing
    QVBoxLayout(late).addWidget(QLabel(SECRET_TEXT))
    late.setWindowModality(Qt.WindowModality.ApplicationModal)
    late.resize(400, 300)
    late.show()
    qtbot.waitExposed(late)
    assert covered_everywhere(late)
    assert SECRET_TEXT not in visible_texts(late)
    assert lock.screen is not None and lock.screen.window() is late  # only it takes input
    type_into(qtbot, lock.screen, PASSPHRASE)
    qtbot.waitUntil(lambda: not lock.is_locked)
    assert SECRET_TEXT in visible_texts(late) and SECRET_TEXT in visible_texts(window)
    late.close()


def test_the_controller_covers_the_whole_main_window(qtbot, main_window):
    lock = LockController(main_window, main_window.ctx, idle_ms=600_000, shortcut=False)
    qtbot.keyClicks(main_window.search, "Ana")
    lock.lock()
    assert covered_everywhere(main_window)
    assert not main_window.toolbar.isVisible() and not main_window.search.isVisible()
    assert not main_window.content.isVisible()
    assert not any(action.isEnabled() for action in main_window.actions()
                   if action is not lock.lock_action)
    assert lock.unlock(PASSPHRASE)
    assert main_window.toolbar.isVisible() and main_window.content.isVisible()
    assert all(action.isEnabled() for action in main_window.actions())


def test_participant_mode_is_left_only_with_the_passphrase(qtbot, ctx, window):
    from clinicapp.ui.dialogs.reflection_round import ReflectionRound
    from tests.unit.core.keys.test_journal import group_session_member

    meeting, person = group_session_member(ctx.db)
    LockController(window, ctx, idle_ms=600_000)
    round_ = ReflectionRound(ctx, meeting, [(person.full_name, person.id)], window)
    qtbot.addWidget(round_)
    round_.show()
    qtbot.waitExposed(round_)

    answer_gate(qtbot, None)  # Escape at the passphrase question
    qtbot.mouseClick(round_.end_button, Qt.MouseButton.LeftButton)
    assert round_.isVisible() and "stays open" in round_.banner.text()

    answer_gate(qtbot, None)
    qtbot.keyClick(round_, Qt.Key.Key_Escape)  # Escape in the round asks too
    assert round_.isVisible()

    answer_gate(qtbot, PASSPHRASE)
    qtbot.mouseClick(round_.end_button, Qt.MouseButton.LeftButton)
    assert not round_.isVisible()
    assert round_.result() == QDialog.DialogCode.Accepted


def test_five_wrong_answers_at_the_lock_screen_meet_the_same_wait_as_the_command_line(ctx):
    """The lock screen applies core's policy (tests/unit/cli/test_common.py shows the
    command line meeting the same waits)."""
    from clinicapp.ui.lock import UnlockGuard

    guard = UnlockGuard(ctx)
    clock = [7_000_000.0]
    guard.unlocker.now = lambda: clock[0]
    waits = []
    for _ in range(5):
        clock[0] += guard.wait_left()
        attempt = guard.attempt("not the passphrase")
        assert attempt.reason == "wrong"
        waits.append(attempt.wait_s)
    assert waits == [wait_after(n) for n in range(1, 6)] == [0, 0, 1, 2, 4]
    assert guard.attempt(PASSPHRASE).reason == "wait"  # not checked during the wait
    clock[0] += 4
    assert guard.attempt(PASSPHRASE).ok
    failed = [e.detail for e in audit.list_entries(ctx.db, action="unlock_failed").items]
    assert sorted(failed) == [f"app lock: wrong passphrase ({n} in a row)" for n in range(1, 6)]


def test_ctrl_l_in_an_open_modal_dialog_covers_it_and_keeps_what_was_typed(qtbot, main_window):
    """A real dialog of the app, modal over the main window, half filled in: Ctrl+L from
    its field locks the app; nothing typed shows while locked; after the passphrase the
    dialog is back as it was, the typing intact and the focus where it was."""
    from clinicapp.ui.dialogs.member_edit import MemberDialog

    dialog = MemberDialog(main_window.ctx, main_window)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)  # as exec() shows it
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog)
    assert wait_for_ops()
    dialog.activateWindow()
    dialog.full_name.setFocus()
    qtbot.keyClicks(dialog.full_name, "Ana Silva")
    qtbot.keyClicks(dialog.email, "ana@example.ca")
    dialog.full_name.setFocus()

    QTest.keyClick(dialog.full_name, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert main_window.locked
    assert covered_everywhere(dialog) and covered_everywhere(main_window)
    shown = [w.text() for w in dialog.findChildren(QLineEdit) if w.isVisible()]
    assert not any("Ana" in text or "ana@" in text for text in shown)
    assert not dialog.full_name.isVisible() and not dialog.email.isVisible()
    assert not main_window.content.isVisible()
    screen = main_window.lock_screen
    assert screen is not None and screen.window() is dialog  # only it can take input
    qtbot.waitUntil(screen.secret.hasFocus, timeout=2000)

    type_into(qtbot, screen, PASSPHRASE)
    qtbot.waitUntil(lambda: not main_window.locked, timeout=10_000)
    assert dialog.isVisible() and dialog.full_name.isVisible()
    assert (dialog.full_name.text(), dialog.email.text()) == ("Ana Silva", "ana@example.ca")
    assert dialog.full_name.hasFocus()
    assert main_window.content.isVisible()
    dialog.done(QDialog.DialogCode.Rejected)


def test_the_idle_lock_covers_an_open_dialog_too(qtbot, main_window):
    from clinicapp.ui.dialogs.member_edit import MemberDialog

    dialog = MemberDialog(main_window.ctx, main_window)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.full_name, "Ana Silva")
    main_window.locker.set_idle_ms(200)
    qtbot.waitUntil(lambda: main_window.locked, timeout=5000)
    assert not dialog.full_name.isVisible() and covered_everywhere(dialog)
    assert main_window.locker.unlock(PASSPHRASE)
    assert dialog.full_name.isVisible() and dialog.full_name.text() == "Ana Silva"
    dialog.done(QDialog.DialogCode.Rejected)
