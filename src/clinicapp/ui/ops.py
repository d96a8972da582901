"""Run work off the UI thread, then come back to it (like Anki's CollectionOp/QueryOp).

Two small primitives over it, as Anki's ``CollectionOp``/``QueryOp``:
``write_op(parent, db, operation, *args)`` runs one core operation (``Database.run``: one
transaction, its ``Changes``) and ``read_op(parent, query, *args)`` a read; both show the busy
state, put failures into words and call ``on_done`` on the UI thread.

``run_op(parent, work, on_success=..., label=...)`` runs ``work()`` in the global thread
pool, shows a busy indication (a progress dialog when it takes longer than half a second,
with Cancel when the work accepts a ``Progress``), and calls ``on_success(result)`` or shows
the error on the UI thread. Database writes notify every page through ``DataEvents``
(``Database.on_commit`` → ``DataEvents.changed(frozenset[str])``), so ops do not need to
tell pages to refresh.
"""

from __future__ import annotations

import inspect
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from clinicapp.core.errors import ClinicAppError
from clinicapp.ui import startup

if TYPE_CHECKING:
    from clinicapp.core.storage.changes import Result
    from clinicapp.core.storage.db import Database

log = logging.getLogger(__name__)
T = TypeVar("T")


class Cancelled(Exception):
    """Raised inside work when the person pressed Cancel."""


class Progress:
    """Handed to work functions that accept a ``progress`` argument."""

    def __init__(self, relay: _Relay) -> None:
        self._relay = relay
        self._cancel = threading.Event()

    def update(self, done: int, total: int, text: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self._relay.progress.emit(done, total, text)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Relay(QObject):
    progress = Signal(int, int, str)
    finished = Signal()  # the outcome is in the Op: it may be delivered before the signal


class Op:
    """One piece of background work under way. ``wait()`` blocks until it has finished
    and delivers its outcome at once (for a window that closes and must not lose the
    save in flight); otherwise the outcome arrives on the UI thread by itself."""

    def __init__(self) -> None:
        self.progress: Progress | None = None
        self._done = threading.Event()
        self._ok = False
        self._value: Any = None
        self._deliver: Callable[[], None] = lambda: None

    @property
    def finished(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait (on the UI thread) until the work finished and deliver its outcome now.
        False if it is still running after ``timeout`` seconds."""
        if not self._done.wait(timeout):
            return False
        self._deliver()
        return True


class _Job(QRunnable):
    def __init__(self, work: Callable[..., Any], relay: _Relay, op: Op):
        super().__init__()
        self.work, self.relay, self.op = work, relay, op

    @Slot()
    def run(self) -> None:
        # PySide keeps a pool thread's last job until that thread runs another: the job
        # lets go of its work (and what the work holds: a page, a window) and its result.
        op, work = self.op, self.work
        self.op = self.work = None  # type: ignore[assignment]
        try:
            op._value = work(op.progress) if op.progress else work()
            op._ok = True
        except BaseException as exc:  # reported on the UI thread
            op._value = exc
        op._done.set()
        self.relay.finished.emit()


_running: set[_Relay] = set()  # keep relays alive until their job reports
_when_idle: list[Callable[[], None]] = []


def when_idle(callback: Callable[[], None]) -> None:
    """``callback()`` on the UI thread once no background op is running (now, if none is):
    work that can wait (the status line's figures) lets a page's own loading go first
    instead of sharing the interpreter with it."""
    if not _running:
        callback()
    else:
        _when_idle.append(callback)


def _idle_now() -> None:
    while _when_idle and not _running:
        _when_idle.pop(0)()


def run_op(parent: QWidget | None, work: Callable[..., Any], *,
           on_success: Callable[[Any], None] | None = None,
           on_failure: Callable[[BaseException], None] | None = None,
           label: str = "", show_errors: bool = True) -> Progress | None:
    """Run ``work`` in the background. If it takes a ``progress`` parameter, it gets a
    ``Progress`` and the dialog offers Cancel."""
    return start_op(parent, work, on_success=on_success, on_failure=on_failure,
                    label=label, show_errors=show_errors).progress


def start_op(parent: QWidget | None, work: Callable[..., Any], *,
             on_success: Callable[[Any], None] | None = None,
             on_failure: Callable[[BaseException], None] | None = None,
             label: str = "", show_errors: bool = True) -> Op:
    """``run_op``, handing back the ``Op`` (to wait for it)."""
    from PySide6.QtCore import Qt  # here, not at the top: the unlock window loads faster

    relay = _Relay()
    op = Op()
    wants_progress = "progress" in inspect.signature(work).parameters
    progress = op.progress = Progress(relay) if wants_progress else None
    dialog: QProgressDialog | None = None
    if label:
        dialog = QProgressDialog(label, QCoreApplication.translate("Ops", "Cancel"), 0, 0,
                                 parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(500)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if progress is None:
            dialog.setCancelButton(None)
        else:
            # A lambda, not the bound slot: PySide would disconnect a bound slot on the
            # worker thread when the worker drops Progress, deadlocking with the UI thread
            # closing the dialog.
            dialog.canceled.connect(lambda: progress.cancel())

        def _on_progress(done: int, total: int, text: str) -> None:
            if dialog is not None:
                dialog.setMaximum(max(total, 0))
                dialog.setValue(done)
                if text:
                    dialog.setLabelText(text)

        relay.progress.connect(_on_progress)

    def _close() -> None:
        _running.discard(relay)
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()

    def _finished(result: Any) -> None:
        _close()
        if _gone(parent):  # the widget that asked was closed and deleted meanwhile
            return
        if on_success is not None:
            on_success(result)

    def _failed(exc: BaseException) -> None:
        _close()
        if isinstance(exc, Cancelled):
            return
        if _gone(parent):
            log.info("background work of a closed window failed: %s", type(exc).__name__)
            return
        if on_failure is not None:
            on_failure(exc)
            return
        if not isinstance(exc, ClinicAppError):
            log.error("background work failed", exc_info=exc)
        if show_errors:
            show_error(parent, exc)

    def _outcome() -> None:
        if op._ok:
            _finished(op._value)
        else:
            _failed(op._value)

    # The relay's connection holds ``_deliver`` from C++, where the collector cannot see
    # it: were ``_deliver`` to keep the outcome, the callbacks and through them the
    # widget that asked, the cycle back to the relay would keep them all for good (a
    # closed window with every page, and each op's result). Once delivered it holds
    # nothing but this emptied list.
    undelivered: list[Callable[[], None]] = [_outcome]

    def _deliver() -> None:
        if not undelivered:
            return
        outcome = undelivered.pop()
        try:
            outcome()
        finally:
            _idle_now()  # after the outcome is shown: what waited for it goes next

    op._deliver = _deliver
    relay.finished.connect(_deliver, Qt.ConnectionType.QueuedConnection)
    _running.add(relay)
    startup.before_first_thread()  # once: one malloc heap before the first pool thread
    QThreadPool.globalInstance().start(_Job(work, relay, op))
    return op


def write_op(parent: QWidget | None, db: Database, operation: Callable[..., T], *args: Any,
             on_done: Callable[[T], None] | None = None,
             on_failure: Callable[[BaseException], None] | None = None,
             label: str = "", busy: bool = True, **kwargs: Any) -> Op:
    """Run a core operation that writes (``operation(*args, **kwargs)``, one transaction
    through ``db.run``) on a worker. The pages hear what it changed through the one change
    signal (``DataEvents``, fed by the commit with the tables its ``Changes`` name);
    ``on_done`` gets the operation's own result. A failure reaches the person in words
    (or ``on_failure``). The operation must not touch widgets: it runs on the worker.
    ``busy=False``: no waiting cursor (a save while typing shows its state itself)."""
    def done(result: Result[T]) -> None:
        if on_done is not None:
            on_done(result.value)

    shown = parent if busy else None
    _busy(shown, True)
    return start_op(parent, lambda: db.run(operation, *args, **kwargs), label=label,
                    on_success=lambda result: (_busy(shown, False), done(result)),
                    on_failure=lambda exc: (_busy(shown, False), (
                        on_failure or (lambda e: show_error(parent, e)))(exc)))


def read_op(parent: QWidget | None, query: Callable[..., T], *args: Any,
            on_done: Callable[[T], None], label: str = "", **kwargs: Any) -> Op:
    """Run a read (``query(*args, **kwargs)``) on a worker; ``on_done(result)`` on the UI
    thread; a failure reaches the person in words."""
    _busy(parent, True)
    return start_op(parent, lambda: query(*args, **kwargs), label=label,
                    on_success=lambda value: (_busy(parent, False), on_done(value)),
                    on_failure=lambda exc: (_busy(parent, False), show_error(parent, exc)))


def _busy(widget: QWidget | None, busy: bool) -> None:
    """The busy state on the widget that asked: a waiting cursor while the work runs."""
    if widget is None or _gone(widget):
        return
    if busy:
        from PySide6.QtCore import Qt

        widget.setCursor(Qt.CursorShape.BusyCursor)
    else:
        widget.unsetCursor()


def _gone(widget: QWidget | None) -> bool:
    return widget is not None and not shiboken6.isValid(widget)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """A person-facing error: the message for ClinicAppErrors, the crash dialog otherwise."""
    if isinstance(exc, ClinicAppError):
        from clinicapp.ui.error_text import error_text

        QMessageBox.warning(parent, QCoreApplication.translate("Ops", "ClinicApp"),
                            error_text(exc))  # in the interface's language
        return
    from clinicapp.ui.dialogs import crash

    crash.show_crash(parent, exc)


def wait_for_ops(timeout_ms: int = 10_000) -> bool:
    """For tests and the self-test: wait until no background op is running."""
    from PySide6.QtCore import QCoreApplication, QElapsedTimer

    timer = QElapsedTimer()
    timer.start()
    while True:
        while (_running or QThreadPool.globalInstance().activeThreadCount()) and \
                timer.elapsed() < timeout_ms:
            QCoreApplication.processEvents()
            QThreadPool.globalInstance().waitForDone(10)
        # Delivering the last results can start new work (a page refreshing after a
        # commit): wait for that too rather than report "still running".
        QCoreApplication.processEvents()
        if not _running or timer.elapsed() >= timeout_ms:
            return not _running


class DataEvents(QObject):
    """One signal that tells every page which tables a commit changed.

    Bridges ``Database.on_commit`` (which may fire on a worker thread) to the UI thread.
    """

    changed = Signal(object)  # frozenset[str] of table names

    def __init__(self, parent: QObject | None = None) -> None:
        from PySide6.QtCore import Qt

        super().__init__(parent)
        self._pending: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(30)  # coalesce bursts of commits into one refresh
        self._timer.timeout.connect(self._emit)
        self._incoming.connect(self._collect, Qt.ConnectionType.QueuedConnection)

    _incoming = Signal(object)

    def notify(self, tables: frozenset[str]) -> None:
        """Thread-safe: called from ``Database.on_commit``."""
        self._incoming.emit(tables)

    @Slot(object)
    def _collect(self, tables: frozenset[str]) -> None:
        self._pending.update(tables)
        self._timer.start()

    def _emit(self) -> None:
        tables, self._pending = frozenset(self._pending), set()
        if tables:
            self.changed.emit(tables)
