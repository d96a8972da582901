"""The mouse wheel scrolls the page, never a value it happens to pass over.

A spin box, date or combo box changes with the wheel only while it has the keyboard
focus (the Settings page once lost a value to a scroll). Over one without focus the wheel
scrolls the page around it instead. One filter on the application covers every window,
page and dialog, including those added later.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QComboBox, QWidget


def _value_widget(widget: QObject | None) -> QWidget | None:
    """The spin box or combo box this widget is (or is the text part of)."""
    while isinstance(widget, QWidget):
        if isinstance(widget, (QAbstractSpinBox, QComboBox)):
            return widget
        if widget.isWindow():
            return None
        widget = widget.parentWidget()
    return None


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel:
            return False
        owner = _value_widget(watched)
        if owner is None or owner.hasFocus() or (
                isinstance(owner, QComboBox) and owner.view().isVisible()):
            return False
        # Scroll what is around it instead, as if the box were not there.
        parent = owner.parentWidget()
        while parent is not None and not isinstance(parent, QAbstractScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            bar = parent.verticalScrollBar()
            if bar.isVisible():
                QCoreApplication.sendEvent(bar, event)
        return True


_guard: WheelGuard | None = None


def install() -> None:
    """Once per application; later calls do nothing."""
    global _guard
    app = QCoreApplication.instance()
    if app is None or _guard is not None:
        return
    _guard = WheelGuard(app)
    app.installEventFilter(_guard)
