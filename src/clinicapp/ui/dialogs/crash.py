"""The crash dialog and the global exception hook.

An unexpected exception is written to the rotating log (type and traceback only: never
the frames' locals, which may hold private reflection text or keys) and shown to the
person in plain words: what happened, where the log is, and that nothing was lost,
because every field is saved as it is edited (each service call is its own transaction).
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QThread, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinicapp import __version__
from clinicapp.ui.dialogs.screen_fit import fit_screen
from clinicapp.ui.dialogs.whole_text import keep_wrapped_text_whole

log = logging.getLogger(__name__)

_log_file: Path | None = None
_showing = False  # never stack crash dialogs when the dialog itself triggers errors
# Tests replace this to see what would be shown without a modal dialog blocking them.
presenter: Callable[[QWidget | None, BaseException], None] | None = None


def set_log_file(path: Path | None) -> None:
    """Where the dialog tells people to look (set by app.run once logging is set up)."""
    global _log_file
    _log_file = path


def log_file() -> Path | None:
    return _log_file


# Errors about the program itself, whose messages name code (a module, an attribute, an
# argument), never the data: their text is kept. Others (ValueError, KeyError, database
# errors…) can quote the values being processed, so only their type is reported.
_CODE_ERRORS = (ImportError, AttributeError, NameError, TypeError, NotImplementedError,
                RecursionError)


def crash_report(exc: BaseException) -> str:
    """Version, exception type and traceback; never the frames' locals."""
    frames = traceback.extract_tb(exc.__traceback__)
    kind = f"{type(exc).__module__}.{type(exc).__qualname__}"
    if isinstance(exc, _CODE_ERRORS):
        kind += f": {exc}"
    lines = [f"ClinicApp {__version__} on Python {sys.version.split()[0]} ({sys.platform})",
             kind]
    lines += [f'  File "{Path(f.filename).name}", line {f.lineno}, in {f.name}' for f in frames]
    return "\n".join(lines)


class CrashDialog(QDialog):
    """What happened, where the log is, and that the data is safe."""

    def __init__(self, exc: BaseException, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("ClinicApp — something went wrong"))
        self.setAccessibleName(self.tr("Error report"))
        keep_wrapped_text_whole(self)
        self.report = crash_report(exc)
        layout = QVBoxLayout(self)
        headline = QLabel(self.tr("<b>ClinicApp hit an unexpected problem "
                                  "(%1).</b>").replace("%1", type(exc).__name__))
        layout.addWidget(headline)
        safe = QLabel(self.tr(
            "Your records are safe: what was saved before this stays saved. If a change "
            "you just made does not show, make it again. You can keep working; if the "
            "problem comes back, restart ClinicApp."))
        safe.setWordWrap(True)
        layout.addWidget(safe)
        where = _log_file
        self.log_label = QLabel(
            self.tr("The details were written to the log file:\n%1").replace(
                "%1", str(where)) if where else
            self.tr("The details could not be written to a log file."))
        self.log_label.setWordWrap(True)
        from PySide6.QtCore import Qt  # not at the top: the first window loads faster

        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.log_label)
        privacy = QLabel(self.tr(
            "When you report this, send the log file or the details below: they hold the "
            "program's steps only, never names, reflections or passphrases."))
        privacy.setWordWrap(True)
        layout.addWidget(privacy)
        self.details = QPlainTextEdit(self.report)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Technical details"))
        self.details.setMinimumHeight(140)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton(self.tr("&Copy details"))
        copy.clicked.connect(self._copy)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        if where:
            open_folder = QPushButton(self.tr("Open log &folder"))
            open_folder.clicked.connect(
                lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(where.parent))))
            buttons.addButton(open_folder, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_screen(self, 560, 420)

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.report)


def show_crash(parent: QWidget | None, exc: BaseException) -> None:
    """Log the exception and show the crash dialog (modal) on the UI thread."""
    global _showing
    log.error("unexpected error: %s\n%s", type(exc).__name__, crash_report(exc))
    if presenter is not None:
        presenter(parent, exc)
        return
    app = QApplication.instance()
    if app is None or _showing or QThread.currentThread() is not app.thread():
        return  # no UI to show it in (or not on the UI thread): the log has it
    _showing = True
    try:
        CrashDialog(exc, parent).exec()
    finally:
        _showing = False


def _excepthook(exc_type: type[BaseException], exc: BaseException,
                tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        QCoreApplication.quit()
        return
    if exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    active = QApplication.activeWindow() if QApplication.instance() else None
    show_crash(active, exc)


def install() -> None:
    """Route uncaught exceptions (including ones raised in Qt slots) to the crash dialog."""
    sys.excepthook = _excepthook
