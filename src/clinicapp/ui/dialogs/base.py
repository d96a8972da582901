"""The shape every record dialog shares.

A new record is written once, when the person presses the create button (so a half-filled
form never becomes a record). An existing record saves each field as it is edited (the
``Autosaver``), so the only button is Close. A ``ValidationError`` from the service is
shown beside the field it names, and that field gets the focus.

Both writes run on a worker (``ui.ops.write_op``: one transaction, the busy state, pages
refreshed through the change signal). The dialog closes only once its record is written;
a refused write leaves it open with everything typed and the reason beside the field.
``create`` and ``save_changes`` therefore touch no widget: what they need of the form is
read on the UI thread first (``values_for_create``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from clinicapp.core.errors import ClinicAppError, ValidationError
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.discard import DiscardGuard
from clinicapp.ui.dialogs.whole_text import keep_wrapped_text_whole
from clinicapp.ui.error_text import error_text
from clinicapp.ui.ops import Op, show_error, write_op
from clinicapp.ui.widgets.autosave import Autosaver, SaveIndicator, _default_getter

ERROR_STYLE = "color: #b3261e; font-weight: bold;"
FIELD_ERROR_STYLE = "border: 2px solid #b3261e;"


class RecordDialog(DiscardGuard, QDialog):
    """Subclasses add fields with ``add_field`` and implement ``create``/``save_changes``."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 existing: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.existing = existing
        self.result_record: Any = None
        self.setModal(True)
        keep_wrapped_text_whole(self)
        self._getters: dict[str, Callable[[], Any]] = {}
        self._editors: dict[str, QWidget] = {}
        self._labels: dict[str, str] = {}
        self.layout_ = QVBoxLayout(self)
        # The form sits in its own widget so a subclass can move it into a tab.
        self.form_widget = QWidget(self)
        self.form = QFormLayout(self.form_widget)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.addWidget(self.form_widget)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(self.tr("Error"))
        self.error_label.hide()
        self.saver: Autosaver | None = None
        self._refused_once = False
        self.creating: Op | None = None  # the create under way on a worker
        if existing:
            self.saver = Autosaver(self._autosave, self, db=ctx.db)
            self.saver.failed.connect(self._autosave_failed)
            self.saver.saved.connect(self._clear_error)
            self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
            self.buttons.rejected.connect(self.reject)
            self.indicator: QLabel | None = SaveIndicator(self.saver, self)
        else:
            self.buttons = QDialogButtonBox(
                QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                self)
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Create"))
            self.buttons.accepted.connect(self.accept)
            self.buttons.rejected.connect(self.reject)
            self.indicator = None

    def set_create_text(self, text: str) -> None:
        """The create button's text for a new record ("&Plan session")."""
        if not self.existing:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(text)

    def finish_layout(self) -> None:
        """Call once the fields are added: error line, save status, buttons."""
        self.layout_.addWidget(self.error_label)
        if self.indicator is not None:
            self.layout_.addWidget(self.indicator)
        self.layout_.addWidget(self.buttons)

    # --- fields -----------------------------------------------------------------

    def add_field(self, name: str, text: str, editor: QWidget,
                  getter: Callable[[], Any] | None = None,
                  form: QFormLayout | None = None) -> QWidget:
        """A labelled row (in ``form``, the dialog's own by default); ``text`` carries the
        mnemonic ("&Title")."""
        label = QLabel(text, self)
        label.setBuddy(editor)
        (form or self.form).addRow(label, editor)
        self.register(name, text.replace("&", ""), editor, getter)
        return editor

    def register(self, name: str, plain_label: str, editor: QWidget,
                 getter: Callable[[], Any] | None = None) -> QWidget:
        """A field whose editor the subclass placed itself (e.g. two in one row)."""
        if not editor.accessibleName():
            editor.setAccessibleName(plain_label)
        self._getters[name] = getter or _default_getter(editor)
        self._editors[name] = editor
        self._labels[name] = plain_label
        if self.saver is not None:
            self.saver.bind(name, editor, getter)
        return editor

    def values(self) -> dict[str, Any]:
        return {name: get() for name, get in self._getters.items()}

    def editor(self, name: str) -> QWidget:
        return self._editors[name]

    def load(self, fill: Callable[[], None]) -> None:
        """Fill the fields from a record without saving them back."""
        if self.saver is not None:
            self.saver.load(fill)
        else:
            fill()

    # --- saving -----------------------------------------------------------------

    def values_for_create(self) -> dict[str, Any]:
        """What ``create`` gets, read from the form on the UI thread (a subclass adds what
        is not a registered field). Raise ValidationError for input refused before any
        write."""
        return self.values()

    def create(self, values: dict[str, Any]) -> Any:
        """Write the new record; return it (runs on a worker: no widgets here). Raise
        ValidationError for bad input."""
        raise NotImplementedError

    def save_changes(self, changes: dict[str, Any]) -> None:
        """Write edited fields of the existing record."""
        raise NotImplementedError

    def _autosave(self, changes: dict[str, Any]) -> None:
        self.save_changes(changes)

    def _autosave_failed(self, field: str, _message: str) -> None:
        exc = self.saver.last_error if self.saver is not None else None
        if exc is not None:
            self.show_exception(exc, field)

    def accept(self) -> None:
        if self.saver is not None:
            if self.saver.flush():
                super().accept()
            return
        self.start_create(self._created)

    def start_create(self, on_done: Callable[[Any], None]) -> None:
        """Write the new record on a worker; ``on_done(record)`` once it is written. The
        create button waits meanwhile; a refusal is shown and the form stays as typed."""
        if self.creating is not None:  # pressed twice: one record
            return
        try:
            values = self.values_for_create()
        except ClinicAppError as exc:
            self.show_exception(exc)
            return
        self._set_busy(True)
        self.creating = write_op(self, self.ctx.db, self.create, values,
                                 on_done=lambda record: (self._set_busy(False),
                                                         on_done(record)),
                                 on_failure=self._create_failed)

    def _created(self, record: Any) -> None:
        self.result_record = record
        super().accept()

    def _create_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, ClinicAppError):
            self.show_exception(exc)
        else:
            show_error(self, exc)

    def _set_busy(self, busy: bool) -> None:
        if not busy:
            self.creating = None
        self.buttons.setEnabled(not busy)

    def reject(self) -> None:
        if self.creating is not None:  # the record is being written: wait for it
            return
        if not self.existing and not self.may_discard():  # a new record: ask first
            return
        # Closing an existing record's dialog keeps what was typed (it saves first). If that
        # fails, the first Close shows why; a second Close leaves the bad value unsaved.
        if self.saver is not None and not self.saver.flush() and not self._refused_once:
            self._refused_once = True
            return
        super().reject()

    def show_exception(self, exc: ClinicAppError, field: str = "") -> None:
        """Show a service's error: a ``ValidationError`` beside the field it names (its
        rule after the field's label), any other error beside ``field`` or on its own."""
        if isinstance(exc, ValidationError) and exc.field in self._editors:
            self.show_error(exc.field, error_text(exc))  # the rule, in the interface's words
        else:
            self.show_error(field, error_text(exc))

    def show_error(self, field: str, message: str) -> None:
        """Say ``message`` beside the field it concerns (after the field's label) and put
        the cursor there; with no such field, say it on its own."""
        for editor in self._editors.values():
            editor.setStyleSheet("")
        editor = self._editors.get(field)
        if editor is not None:
            editor.setStyleSheet(FIELD_ERROR_STYLE)
            editor.setFocus()
            self.error_label.setText(f"{self._labels[field]}: {message}")
        else:
            self.error_label.setText(message)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.show()

    def _clear_error(self) -> None:
        for editor in self._editors.values():
            editor.setStyleSheet("")
        self.error_label.hide()
