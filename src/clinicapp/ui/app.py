"""Start the desktop app: Qt, language, crash handling, first run or unlock, main window.

The first window appears before the database layer is imported: the unlock (or first-run)
window needs only Qt and the keystore file, and the database layer loads in the
background while the passphrase is typed (``ui.startup``). With the key from the OS
credential store, the main window comes up with Today read straight from the file
(``core.reports.today.first_read``), and the database layer loads once it is drawn.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from clinicapp import __version__
from clinicapp.core.errors import ClinicAppError
from clinicapp.core.keys.keystore import Keystore, secret_from_file_or_env
from clinicapp.paths import AppPaths, resolve, resource
from clinicapp.ui import i18n, startup
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs import crash
from clinicapp.ui.ops import DataEvents

if TYPE_CHECKING:
    from clinicapp.core.reports.today import FirstRead
    from clinicapp.core.storage.db import Database

log = logging.getLogger(__name__)


def application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or [sys.argv[0]])
    app.setApplicationName("ClinicApp")
    app.setOrganizationName("ClinicApp")
    app.setApplicationVersion(__version__)
    app.setStyle("Fusion")  # same look on every platform; palette follows the system
    with contextlib.suppress(FileNotFoundError):  # a build without resources still runs
        app.setWindowIcon(QIcon(str(resource("icons", "clinicapp.svg"))))
    return app


def open_for_self_test(args: argparse.Namespace, paths: AppPaths) -> Database:
    """--self-test never asks: the passphrase comes from the file or the environment,
    and an empty folder is created with it."""
    from clinicapp.core.storage.db import Database

    passphrase = secret_from_file_or_env(getattr(args, "passphrase_file", None))
    if passphrase is None:
        raise ClinicAppError("--self-test needs --passphrase-file FILE or CLINICAPP_PASSPHRASE")
    if not Database.exists(paths):
        db, _code = Database.create(paths, passphrase, name="self-test")
        return db
    return Database.open(paths, passphrase=passphrase)


def data_exists(paths: AppPaths) -> bool:
    """``Database.exists`` without importing the database layer."""
    return paths.database.exists() and paths.keystore.exists()


def open_with_key(paths: AppPaths, key: bytes) -> Database:
    startup.wait()
    from clinicapp.core.storage.db import Database

    return Database.open(paths, key=key)


@dataclass(frozen=True)
class EarlyStart:
    """The main window before the database is open: Today as read straight from the file,
    and the database being opened once the window is drawn."""

    first: FirstRead
    pending: startup.PendingDatabase


class _OnFirstPaint(QObject):
    """Starts the background loading once the window has been drawn: before, it would
    compete with drawing it for the interpreter."""

    def __init__(self, parent: QObject, then: Callable[[], None]) -> None:
        super().__init__(parent)
        self.then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.then)
        return False


def load_once_drawn(window: QWidget, load: Callable[[], None] = startup.begin) -> None:
    """Load the database layer (``startup.begin``) as soon as ``window`` is drawn, while
    the person reads and types."""
    trigger = _OnFirstPaint(window, load)
    window.installEventFilter(trigger)
    QTimer.singleShot(500, load)  # no paint event (hidden, minimised): go anyway


def early_start(paths: AppPaths, key: bytes) -> EarlyStart | None:
    """Today read without the database layer, or None when the normal way must open the
    database (an older schema to migrate, a restore under way, a wrong key...)."""
    from clinicapp.core.reports.today import first_read

    first = first_read(paths.database, key)
    if first is None:
        return None
    return EarlyStart(first, startup.PendingDatabase(paths, key))


def open_interactively(paths: AppPaths) -> tuple[Database | EarlyStart, Path | None] | None:
    """First run or unlock; None if the person closed the window."""
    if not data_exists(paths):
        from clinicapp.ui.dialogs.first_run import FirstRunDialog

        first = FirstRunDialog(paths)
        load_once_drawn(first)
        first.exec()
        return (first.db, first.import_path) if first.db is not None else None
    store = Keystore.load(paths.keystore)
    key = store.unlock_from_os()
    if key is not None:  # no window before the main one: nothing to load behind
        # Today first, read straight from the file; the database layer once it is drawn
        # (loading it meanwhile would share the interpreter with drawing the window).
        early = early_start(paths, key)
        return (early if early is not None else open_with_key(paths, key)), None
    from clinicapp.ui.dialogs.first_run import UnlockDialog

    dialog = UnlockDialog(paths)
    load_once_drawn(dialog)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.key is None:
        return None
    db = open_with_key(paths, dialog.key)
    from clinicapp.core.keys import unlock

    unlock.audit_failures_before(db, "start", dialog.panel.failures_before)
    return db, None


def build_window(db: Database | EarlyStart, paths: AppPaths):  # type: ignore[no-untyped-def]
    from clinicapp.ui.main_window import MainWindow

    events = DataEvents()
    if isinstance(db, EarlyStart):
        # Every commit reaches the pages: wired on the worker before the database is
        # handed to anyone who could write.
        db.pending.on_open = lambda opened: opened.on_commit(events.notify)
        window = MainWindow(AppContext(paths=paths, events=events, pending=db.pending),
                            first=db.first)
        load_once_drawn(window, db.pending.start)
        return window
    db.on_commit(events.notify)
    return MainWindow(AppContext(db=db, paths=paths, events=events))


def close_database(db: Database | EarlyStart) -> None:
    if isinstance(db, EarlyStart):
        db.pending.close()
    else:
        db.close()


COLLECTOR_PAUSE_MS = 30_000  # the longest start-up may hold the garbage collector


def run(args: argparse.Namespace) -> int:
    startup.pause_collector()  # until the main window's first page is shown
    try:
        return _run(args)
    finally:
        startup.collect_again()


def _run(args: argparse.Namespace) -> int:
    paths = resolve(getattr(args, "data_dir", None)).ensure()
    app = application()
    QTimer.singleShot(COLLECTOR_PAUSE_MS, startup.collect_again)  # left at the unlock window
    crash.set_log_file(paths.log_file)
    crash.install()
    i18n.install(i18n.effective(paths))
    self_test = bool(getattr(args, "self_test", False))
    if self_test:  # a smoke test must never wait on a dialog: report and go on
        crash.presenter = lambda _parent, exc: print(
            f"self-test: unexpected error\n{crash.crash_report(exc)}", file=sys.stderr)
    try:
        if self_test:
            db, import_path = open_for_self_test(args, paths), None
        else:
            opened = open_interactively(paths)
            if opened is None:
                return 0
            db, import_path = opened
    except ClinicAppError as exc:
        if self_test:
            print(f"self-test: cannot open the data folder: {exc}", file=sys.stderr)
        else:
            QMessageBox.critical(None, QCoreApplication.translate("app", "ClinicApp"), str(exc))
        return 1
    window = build_window(db, paths)
    try:
        if self_test:
            from clinicapp.ui import self_test as smoke

            shots = getattr(args, "screenshots", None)
            return smoke.run(window, Path(shots) if shots else None)
        window.show()
        if import_path is not None:
            sync_page = window.show_page("sync")
            if hasattr(sync_page, "import_bundle"):
                sync_page.import_bundle(import_path)
        return app.exec()
    finally:
        window.close()
        window.deleteLater()
        close_database(db)
