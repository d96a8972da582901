"""The mouse wheel scrolls the page, never a value it happens to pass over.

A spin box, date or combo box changes with the wheel only while it has the keyboard
focus (the Settings page once lost a value to a scroll). Over one without focus the wheel
scrolls the page around it instead.

The guard sits on each spin box and combo box, not on the application: a filter on the
application runs Python for every event of every widget (measured: about 3 µs an event,
some 2,700 events a second while a person moves around the pages), while one on the boxes
sees only theirs. ``guard(root)`` puts it on every box under ``root``; pages and dialogs call
it when they are shown (``Page``, ``DiscardGuard``), and the main window for every window
that appears (through the lock's window watch), so boxes built later are covered at the
next show.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QComboBox, QWidget

_MARK = "clinicapp_wheel_guarded"  # a dynamic property: each box is guarded once


class WheelGuard(QObject):
    """Installed on a spin box or combo box: the wheel reaches it only with the focus."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget):
            return False
        if watched.hasFocus() or (
                isinstance(watched, QComboBox) and watched.view().isVisible()):
            return False
        # Scroll what is around it instead, as if the box were not there.
        parent = watched.parentWidget()
        while parent is not None and not isinstance(parent, QAbstractScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            bar = parent.verticalScrollBar()
            if bar.isVisible():
                QCoreApplication.sendEvent(bar, event)
        return True


_guard: WheelGuard | None = None


def _the_guard() -> WheelGuard | None:
    global _guard
    app = QCoreApplication.instance()
    if app is None:
        return None
    if _guard is None:
        _guard = WheelGuard(app)
    return _guard


def guard_widget(box: QWidget) -> None:
    """Guard this spin box or combo box (once; later calls do nothing)."""
    keeper = _the_guard()
    if keeper is None or box.property(_MARK):
        return
    box.installEventFilter(keeper)
    box.setProperty(_MARK, True)


def guard(root: QWidget) -> None:
    """Guard every spin box and combo box in ``root`` (``root`` itself included)."""
    if isinstance(root, (QAbstractSpinBox, QComboBox)):
        guard_widget(root)
    for box in root.findChildren(QAbstractSpinBox):
        guard_widget(box)
    for box in root.findChildren(QComboBox):
        guard_widget(box)
