"""Every input of a form, found by type: what a person typed or chose in it, and how to
put it back. The reflection round resets a form with it, and dialogs ask before
discarding what was typed."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


def input_widgets(root: QWidget) -> list[QWidget]:
    """The widgets under ``root`` that hold something a person typed or chose."""
    found: list[QWidget] = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, (QPlainTextEdit, QTextEdit, QLineEdit, QComboBox,
                               QAbstractSpinBox)):
            if isinstance(widget, QLineEdit) and isinstance(widget.parent(),
                                                            (QAbstractSpinBox, QComboBox)):
                continue  # the text part of a spin box or combo box: its owner counts
            found.append(widget)
        elif isinstance(widget, (QAbstractButton, QGroupBox)) and widget.isCheckable():
            found.append(widget)
    return found


def input_state(widget: QWidget) -> Any:
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.toPlainText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QComboBox):
        return (widget.currentIndex(), widget.currentText())
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTime()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, (QAbstractButton, QGroupBox)):
        return widget.isChecked()
    raise TypeError(type(widget).__name__)


def set_input_state(widget: QWidget, state: Any) -> None:
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        widget.setPlainText(state)  # also empties the undo history
    elif isinstance(widget, QLineEdit):
        widget.setText(state)
        widget.setModified(False)
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(state[0])
        if widget.isEditable():
            widget.setEditText(state[1])
    elif isinstance(widget, QDateTimeEdit):
        widget.setDateTime(state)
    elif isinstance(widget, QAbstractSpinBox):
        line = widget.findChild(QLineEdit)
        if line is not None:
            line.setText(state)
        widget.interpretText()
    elif isinstance(widget, (QAbstractButton, QGroupBox)):
        widget.setChecked(state)


def snapshot(root: QWidget) -> list[tuple[QWidget, Any]]:
    return [(editor, input_state(editor)) for editor in input_widgets(root)]


def fills_itself(widget: QWidget) -> bool:
    """A choice list whose items arrive in the background (a picker of records): its
    change after the form opened is the load, not the person."""
    return isinstance(widget, QComboBox) and widget.property("fills_in_background") is True


def typed_since(blank: list[tuple[QWidget, Any]]) -> bool:
    """The person typed or chose something since ``blank`` was taken."""
    return any(not fills_itself(editor) and input_state(editor) != state
               for editor, state in blank)
