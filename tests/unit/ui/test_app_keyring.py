"""Started with the key from the OS credential store, the main window comes up with Today
read straight from the file, and the database opens behind it: the same Today, every
write reaching the pages, the lock as before. Whatever the first read cannot vouch for
(a restore under way, no key in the store) takes the normal way."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from clinicapp.core.keys.keystore import Keystore
from clinicapp.core.services import commitments, sessions, support
from clinicapp.core.services import today as orm_today
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import clock
from clinicapp.core.vocabulary import SupportKind
from clinicapp.demo import generate as demo
from clinicapp.paths import AppPaths
from clinicapp.ui import app
from clinicapp.ui.main_window import MainWindow
from clinicapp.ui.ops import wait_for_ops
from clinicapp.ui.pages.today import TodayPage, hide_private
from tests.conftest import PASSPHRASE

CTRL = Qt.KeyboardModifier.ControlModifier


class MemoryKeyring(KeyringBackend):
    """Stands in for the OS credential store (a desktop session's Secret Service)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.stored: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.stored.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.stored[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.stored.pop((service, username), None)


@pytest.fixture
def os_store() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    store = MemoryKeyring()
    keyring.set_keyring(store)
    yield store
    keyring.set_keyring(previous)


@pytest.fixture
def remembered(db: Database, paths: AppPaths, os_store: MemoryKeyring) -> bytes:
    """A data folder with records, its key kept in the OS store, the database closed."""
    demo.generate(db, groups=1, years=1, seed=7, as_of=clock.today())
    Keystore.load(paths.keystore).remember_in_os(db.key)
    key = db.key
    db.close()
    return key


def shown_today(db: Database, text: str = "Private commitment") -> object:
    today = orm_today.dashboard(db, clock.today())
    private = commitments.private_ids(db, [e.id for e in today.followups_due])
    return hide_private(today, private, text)


def test_today_is_drawn_before_the_database_opens_then_all_works_as_before(
        qtbot, paths: AppPaths, remembered: bytes, crashes):
    opened = app.open_interactively(paths)
    assert opened is not None
    early, _import = opened
    assert isinstance(early, app.EarlyStart)
    window: MainWindow = app.build_window(early, paths)
    qtbot.addWidget(window)
    try:
        page = window.current_page()
        assert isinstance(page, TodayPage)
        # Drawn from the first read: nothing waits on the database, which opens only
        # once the window has been painted.
        assert window.ctx.open_db is None and page.dashboard is not None
        lines = page.lists["support"].count()
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.ctx.open_db is not None, timeout=30_000)
        db = window.ctx.db
        assert page.dashboard == shown_today(db)  # what the services show
        assert page.lists["support"].count() == lines
        # A write through the services reaches Today (the commit signal is wired).
        support.request(db, SupportKind.PHYSICIAN_PEER, clinic="North", topic="Brand new")
        qtbot.waitUntil(lambda: any(e.title == "Brand new"
                                    for e in page.dashboard.open_support_requests))
        # The lock as ever: Ctrl+L hides the data until the passphrase.
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        QTest.keyClick(window, Qt.Key.Key_L, CTRL)
        assert window.locked and not window.stack.isVisible()
        secret = window.lock_screen.findChild(QLineEdit)
        qtbot.keyClicks(secret, PASSPHRASE)
        QTest.keyClick(secret, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not window.locked, timeout=10_000)
        assert window.stack.isVisible()
        assert wait_for_ops()
    finally:
        window.close()
        app.close_database(early)
    assert not crashes


def test_other_pages_wait_for_the_database_and_then_open(
        qtbot, paths: AppPaths, remembered: bytes, crashes):
    early = app.early_start(paths, remembered)
    assert early is not None
    window = app.build_window(early, paths)
    qtbot.addWidget(window)
    try:
        # Asked for before the window was drawn: the page opens the database itself.
        sessions_page = window.show_page("sessions")
        assert window.ctx.open_db is not None
        assert wait_for_ops()
        assert sessions_page.isVisible() or not window.isVisible()
        assert sessions.count_sessions(window.ctx.db) > 0
    finally:
        window.close()
        app.close_database(early)
    assert not crashes


def test_a_restore_under_way_takes_the_normal_way(paths: AppPaths, remembered: bytes):
    restoring = paths.database.with_name(paths.database.name + ".restoring")
    restoring.write_bytes(b"")
    opened = app.open_interactively(paths)
    assert opened is not None
    db, _import = opened
    try:
        assert isinstance(db, Database)  # opened (and migrated if need be) the normal way
    finally:
        db.close()


def test_no_key_in_the_os_store_asks_for_the_passphrase(
        qtbot, paths: AppPaths, remembered: bytes, os_store: MemoryKeyring):
    os_store.stored.clear()  # the account's store was wiped, or another user logged in
    seen: list[str] = []

    def close_the_unlock_window() -> None:
        window = QApplication.activeModalWidget()
        if window is None:
            QTimer.singleShot(20, close_the_unlock_window)
            return
        seen.append(type(window).__name__)
        window.reject()

    QTimer.singleShot(0, close_the_unlock_window)
    assert app.open_interactively(paths) is None
    assert seen == ["UnlockDialog"]


def test_a_database_that_fails_to_open_behind_the_window_is_said_in_words(
        qtbot, paths: AppPaths, remembered: bytes, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    early = app.early_start(paths, remembered)
    assert early is not None
    window = app.build_window(early, paths)
    qtbot.addWidget(window)
    exits: list[int] = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(exits.append))
    paths.keystore.rename(paths.keystore.with_name("keystore.moved"))  # gone meanwhile
    said: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, read_and_close)
            return
        said.append(box.text())
        box.accept()

    try:
        QTimer.singleShot(0, read_and_close)
        window.show()
        qtbot.waitUntil(lambda: exits == [1], timeout=30_000)
        assert early.pending.error is not None and window.ctx.open_db is None
        assert len(said) == 1 and "keystore" in said[0].lower(), said
    finally:
        window.close()
        app.close_database(early)
