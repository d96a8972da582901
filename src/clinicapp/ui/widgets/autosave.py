"""Forms that save as they are edited, so closing a window or a crash loses nothing.

An ``Autosaver`` watches bound editors. Each edit marks its field dirty and restarts a
short timer (500 ms); when the timer fires, when an editor loses focus, when an editor is
hidden (its window closed or the page left), when the window under a form's dialog closes
and before the application quits, the dirty fields are handed to the form's
``save(changes)`` callback, which makes one service call.
A ``ValidationError`` keeps the field dirty and is reported through ``failed`` so the form
can show it beside the field; the next edit tries again.

Given the ``Database``, the saves made while the person types (the timer, leaving a field)
run on a worker through ``ui.ops.write_op``, so typing never waits for the disk; saves
that must be done before something else happens (the window closing, the dialog's Close,
the application quitting, another record opening) are synchronous: ``flush()`` first waits
for the save in flight, then writes what is left, so the last keystrokes are never lost.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from clinicapp.core.errors import ClinicAppError, ValidationError

if TYPE_CHECKING:
    from clinicapp.core.storage.db import Database
    from clinicapp.ui.ops import Op

log = logging.getLogger(__name__)

SaveFn = Callable[[dict[str, Any]], None]


def _default_getter(editor: QWidget) -> Callable[[], Any]:
    if hasattr(editor, "value") and hasattr(editor, "valueChanged"):
        return editor.value  # spin boxes and our own widgets (OptionalDateEdit, EnumCombo…)
    if isinstance(editor, QLineEdit):
        return editor.text
    if isinstance(editor, QPlainTextEdit):
        return editor.toPlainText
    if isinstance(editor, QTextEdit):
        return editor.toPlainText
    if isinstance(editor, QDateEdit):
        return lambda: editor.date().toPython()
    if isinstance(editor, QComboBox):
        return editor.currentData
    if isinstance(editor, QAbstractButton):
        return editor.isChecked
    raise TypeError(f"no default getter for {type(editor).__name__}")


def _default_signal(editor: QWidget) -> Any:
    if hasattr(editor, "value") and hasattr(editor, "valueChanged"):
        return editor.valueChanged
    if isinstance(editor, QLineEdit):
        return editor.textEdited  # edits by the person, not setText() when loading
    if isinstance(editor, QPlainTextEdit | QTextEdit):
        return editor.textChanged
    if isinstance(editor, QDateEdit):
        return editor.dateChanged
    if isinstance(editor, QComboBox):
        return editor.currentIndexChanged
    if isinstance(editor, QAbstractButton):
        return editor.toggled
    raise TypeError(f"no change signal for {type(editor).__name__}")


class Autosaver(QObject):
    """Debounced, focus-out and close-time saving for one record's form."""

    saved = Signal()
    failed = Signal(str, str)  # field, message for people
    pending = Signal()

    DELAY_MS = 500

    def __init__(self, save: SaveFn, parent: QObject | None = None,
                 delay_ms: int | None = None, db: Database | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self._db = db  # given: saves while typing run on a worker (``save`` touches no widget)
        self._inflight: Op | None = None
        self._inflight_fields: frozenset[str] = frozenset()
        self._getters: dict[str, Callable[[], Any]] = {}
        self._editors: dict[str, QWidget] = {}
        self._dirty: set[str] = set()
        self._loading = False
        self._enabled = True
        self._saving = False
        self.last_error: ClinicAppError | None = None  # what the last failed save raised
        self._windows: list[QWidget] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DELAY_MS if delay_ms is None else delay_ms)
        self._timer.timeout.connect(self.save_soon)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.flush)

    # --- wiring -------------------------------------------------------------------

    def bind(self, name: str, editor: QWidget, getter: Callable[[], Any] | None = None,
             signal: Any = None) -> None:
        """Save ``name`` from ``editor`` whenever the person changes it."""
        self._getters[name] = getter or _default_getter(editor)
        self._editors[name] = editor
        (signal or _default_signal(editor)).connect(lambda *_: self._changed(name))
        editor.installEventFilter(self)
        # Text editors take focus in their viewport; watch it too.
        viewport = getattr(editor, "viewport", None)
        if callable(viewport):
            viewport().installEventFilter(self)
        self._watch_windows(editor)

    def _watch_windows(self, editor: QWidget) -> None:
        """Save when the window holding the form closes, or the window under it (a
        record dialog left open while the main window is closed)."""
        window: QWidget | None = editor.window()
        while window is not None:
            if window not in self._windows:
                self._windows.append(window)
                window.installEventFilter(self)
            parent = window.parentWidget()
            window = parent.window() if parent is not None else None

    def editor(self, name: str) -> QWidget:
        return self._editors[name]

    def set_save(self, save: SaveFn) -> None:
        """Point the form at another record (after flushing the present one)."""
        self.flush()
        self._save = save

    def load(self, fill: Callable[[], None]) -> None:
        """Fill the editors from the record without counting it as an edit."""
        self._timer.stop()
        self._dirty.clear()
        self._loading = True
        try:
            fill()
        finally:
            self._loading = False

    def set_enabled(self, enabled: bool) -> None:
        """Pause saving (e.g. no record is open); pending edits are dropped when off."""
        self._enabled = enabled
        if not enabled:
            self._timer.stop()
            self._dirty.clear()

    @property
    def dirty(self) -> frozenset[str]:
        """Fields not yet saved, counting those whose save is still in flight (a reload
        must not overwrite them)."""
        return frozenset(self._dirty | self._inflight_fields)

    @property
    def saving(self) -> bool:
        """A save is running on a worker."""
        return self._inflight is not None

    # --- saving -------------------------------------------------------------------

    def _changed(self, name: str) -> None:
        if self._loading or not self._enabled:
            return
        self._dirty.add(name)
        self.pending.emit()
        self._timer.start()

    def save_soon(self) -> None:
        """Save the dirty fields without making the person wait: on a worker when the
        Autosaver has the database, else now. One save at a time, in typing order."""
        if self._db is None:
            self.flush()
            return
        self._timer.stop()
        if not self._dirty or not self._enabled:
            return
        if self._inflight is not None:  # again once the save in flight is done
            self._timer.start()
            return
        from clinicapp.ui.ops import write_op

        changes = {name: self._getters[name]() for name in sorted(self._dirty)}
        self._dirty.difference_update(changes)
        self._inflight_fields = frozenset(changes)
        self._inflight = write_op(None, self._db, self._save, changes,
                                  on_done=lambda _value: self._settled(changes, None),
                                  on_failure=lambda exc: self._settled(changes, exc))

    def _settled(self, changes: dict[str, Any], exc: BaseException | None) -> None:
        """The outcome of a save that ran on a worker, back on the UI thread."""
        if not shiboken6.isValid(self):
            return
        self._inflight, self._inflight_fields = None, frozenset()
        if exc is None:
            if self._dirty:  # typed on meanwhile
                self.pending.emit()
                self._timer.start()
            else:
                self.saved.emit()
            return
        self._dirty.update(changes)  # not saved: still to be saved
        if not isinstance(exc, ClinicAppError):
            from clinicapp.ui.ops import show_error

            show_error(None, exc)  # a bug: the crash dialog, never silence
            return
        self._report(exc, changes)

    def _report(self, exc: ClinicAppError, changes: dict[str, Any]) -> None:
        # A rule names its field; any other error belongs to the first field changed.
        self.last_error = exc
        if isinstance(exc, ValidationError):
            self.failed.emit(exc.field, str(exc))
            return
        from clinicapp.ui.error_text import error_text  # a full disk, a deleted record

        self.failed.emit(next(iter(changes)), error_text(exc))  # in the interface's words

    def flush(self) -> bool:
        """Save every dirty field now, after the save in flight. True when nothing is left
        unsaved."""
        self._timer.stop()
        if self._inflight is not None:
            self._inflight.wait()  # its outcome arrives now (``_settled``)
        if not self._dirty or not self._enabled:
            return True
        if self._saving:  # a save in progress re-entered through focus changes
            return False
        changes = {name: self._getters[name]() for name in sorted(self._dirty)}
        self._saving = True
        try:
            self._save(changes)
        except ClinicAppError as exc:  # e.g. deleted on another workstation meanwhile
            self._report(exc, changes)
            return False
        finally:
            self._saving = False
        self._dirty.difference_update(changes)
        self.saved.emit()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not self._dirty:
            return False
        if kind == QEvent.Type.FocusOut:
            self.save_soon()  # the person goes on working: no wait
        elif kind == QEvent.Type.Hide or (kind == QEvent.Type.Close
                                          and watched in self._windows):
            self.flush()  # the form goes away: saved before it does
        return False


class SaveIndicator(QLabel):
    """"All changes saved" / "Saving…" / the error, beside a form."""

    def __init__(self, saver: Autosaver, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Save status"))
        self.setWordWrap(True)
        saver.pending.connect(lambda: self._show(self.tr("Saving…"), ok=True))
        saver.saved.connect(lambda: self._show(self.tr("All changes saved"), ok=True))
        saver.failed.connect(lambda _field, message: self._show(
            self.tr("Not saved — %1").replace("%1", message), ok=False))

    def _show(self, text: str, ok: bool) -> None:
        self.setText(text)
        self.setProperty("error", not ok)
        self.setStyleSheet("" if ok else "color: palette(bright-text); "
                           "background: #b3261e; padding: 2px 6px; border-radius: 3px;")
