"""``clinicapp --self-test [--screenshots DIR]``: the packaged build's smoke test.

Visits every page and each page's main dialogs, lets their background loads finish, grabs
a PNG of each, and reports every failure (an exception, a crash-dialog error, an empty
grab) instead of stopping at the first, so one run shows everything that is broken. Then
it does the same in French, in a window built after the French catalogue is installed
(PNGs prefixed ``fr-``), since every screen must work in both languages.
"""

from __future__ import annotations

import logging
import re
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from clinicapp.paths import resolve
from clinicapp.ui import memory
from clinicapp.ui.dialogs import crash
from clinicapp.ui.ops import wait_for_ops

log = logging.getLogger(__name__)


class SelfTest:
    def __init__(self, window: QWidget, screenshots: Path | None) -> None:
        self.window = window
        self.screenshots = screenshots
        self.failures: list[str] = []
        self.shots: list[Path] = []
        self._errors: list[BaseException] = []

    def _collect(self, _parent: QWidget | None, exc: BaseException) -> None:
        self._errors.append(exc)

    def _settle(self) -> None:
        QTest.qWait(50)
        if not wait_for_ops(20_000):
            self.failures.append("background work did not finish within 20 s")
        QTest.qWait(50)

    def grab(self, widget: QWidget, name: str) -> None:
        pixmap = widget.grab()
        if pixmap.isNull() or pixmap.width() < 10 or pixmap.height() < 10:
            self.failures.append(f"{name}: did not render")
            return
        if self.screenshots is not None:
            path = self.screenshots / f"{name}.png"
            if not pixmap.save(str(path), "PNG"):
                self.failures.append(f"{name}: could not save {path}")
            else:
                self.shots.append(path)

    def step(self, name: str, action: Callable[[], None]) -> None:
        self._errors.clear()
        try:
            action()
            self._settle()
        except Exception as exc:  # report every broken page, then exit non-zero
            log.exception("self-test step %s failed", name)
            self.failures.append(f"{name}: {type(exc).__name__}: {exc}")
            return
        for error in self._errors:
            self.failures.append(f"{name}: {type(error).__name__}: {error}")

    def run(self) -> int:
        from clinicapp.ui.main_window import MainWindow

        window = self.window
        assert isinstance(window, MainWindow)
        if self.screenshots is not None:
            self.screenshots.mkdir(parents=True, exist_ok=True)
        previous = crash.presenter
        crash.presenter = self._collect
        try:
            window.show()
            self._settle()
            self._pages(window, "")
            self.step("lock", window.lock)
            self.grab(window, "90-lock-screen")
            window.unlock()
            self.step("first-run", self._first_run)
            self._in_french(window)
            # What the event loop would have done by now: the French window and the
            # dialogs closed are deleted; then what the app does once idle.
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
            memory.release(window.ctx.db)
        finally:
            crash.presenter = previous
        for failure in self.failures:
            print(f"self-test: {failure}")
        print(f"self-test: {len(window.pages)} pages, {len(self.shots)} screenshots, "
              f"{len(self.failures)} failures")
        return 1 if self.failures else 0

    def _pages(self, window: QWidget, prefix: str) -> None:
        for number, page in enumerate(window.pages, start=1):  # type: ignore[attr-defined]
            key = getattr(page, "key", "") or f"page{number}"
            self.step(f"{prefix}{key}", partial(window.go_to, number - 1))  # type: ignore[attr-defined]
            self.grab(window, f"{prefix}{number:02d}-{key}")
            self._dialogs(page, f"{prefix}{number:02d}-{key}")

    def _in_french(self, english: QWidget) -> None:
        """Every page and dialog again, in French: a string that fails to format, a
        layout that breaks with longer words, shows up here."""
        from clinicapp.ui import i18n
        from clinicapp.ui.app import build_window

        ctx = english.ctx  # type: ignore[attr-defined]
        if not i18n.install("fr"):
            self.failures.append("fr: the French catalogue did not load")
            return
        window = None
        try:
            window = build_window(ctx.db, ctx.paths)
            window.resize(english.size())
            window.show()
            self._settle()
            self._pages(window, "fr-")
            self.step("fr-lock", window.lock)
            self.grab(window, "fr-90-lock-screen")
            window.unlock()
        finally:
            if window is not None:
                window.close()
                ctx.db.remove_listener(window.ctx.events.notify)
                window.deleteLater()
            i18n.install(i18n.effective(ctx.paths))
            QApplication.processEvents()

    def _dialogs(self, page: QWidget, prefix: str) -> None:
        dialogs: list[QWidget] = []

        def open_them() -> None:
            dialogs.extend(page.self_test_dialogs())  # type: ignore[attr-defined]
            for dialog in dialogs:
                dialog.show()

        self.step(f"{prefix} dialogs", open_them)
        for index, dialog in enumerate(dialogs, start=1):
            name = re.sub(r"\W+", "-", type(dialog).__name__).strip("-").lower()
            self.grab(dialog, f"{prefix}-dialog{index}-{name}")
            dialog.close()
            dialog.deleteLater()

    def _first_run(self) -> None:
        from clinicapp.ui.dialogs.first_run import FirstRunDialog

        with tempfile.TemporaryDirectory() as folder:  # shown only: nothing is created
            dialog = FirstRunDialog(resolve(folder))
            dialog.show()
            QTest.qWait(50)
            self.grab(dialog, "91-first-run")
            dialog.close()
            dialog.deleteLater()
        QApplication.processEvents()


def run(window: QWidget, screenshots: Path | None) -> int:
    return SelfTest(window, screenshots).run()
