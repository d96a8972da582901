"""UI fixtures: the real main window over a real encrypted data folder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from clinicapp.core.storage.db import Database
from clinicapp.paths import AppPaths
from clinicapp.ui.app import build_window
from clinicapp.ui.dialogs import crash
from clinicapp.ui.main_window import MainWindow
from clinicapp.ui.ops import wait_for_ops

__all__ = ["answer_next_dialog"]


@pytest.fixture(autouse=True)
def english(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The interface in English, as the app installs it (its plural forms included)."""
    from clinicapp.ui import i18n

    i18n.install("en")
    yield


@pytest.fixture
def crashes() -> Iterator[list[BaseException]]:
    """Unexpected errors the app would have shown in a crash dialog (none expected)."""
    seen: list[BaseException] = []
    previous = crash.presenter
    crash.presenter = lambda _parent, exc: seen.append(exc)
    yield seen
    crash.presenter = previous


@pytest.fixture
def main_window(qtbot, db: Database, paths: AppPaths,  # type: ignore[no-untyped-def]
                crashes: list[BaseException]) -> Iterator[MainWindow]:
    """The whole app as a person sees it after unlocking: shown, first page loaded."""
    window = build_window(db, paths)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts go to the active window
    assert wait_for_ops()
    yield window
    assert wait_for_ops()
    window.close()
    db.remove_listener(window.ctx.events.notify)
    assert not crashes, f"unexpected errors: {crashes!r}"


def answer_next_dialog(qtbot, button_text: str) -> None:  # type: ignore[no-untyped-def]
    """Click ``button_text`` in the next modal message box, as a person would."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QAbstractButton, QApplication

    def click() -> None:
        # Another modal window may come first (the busy dialog of the work that leads to
        # the question, shown when it takes over half a second): wait for the one with
        # the button, as a person would.
        dialog = QApplication.activeModalWidget()
        for button in dialog.findChildren(QAbstractButton) if dialog is not None else ():
            if button.text().replace("&", "") == button_text:
                button.click()
                return
        QTimer.singleShot(20, click)

    QTimer.singleShot(0, click)
