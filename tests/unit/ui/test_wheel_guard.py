"""The wheel scrolls the Settings page; it never changes a setting it passes over."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget

from clinicapp.core.services import settings
from clinicapp.ui.pages.settings import SettingsPage
from tests.unit.ui.everyday import make_ctx, settle, show_page


def wheel(widget: QWidget, steps: int) -> None:
    """Turn the mouse wheel over the middle of ``widget``, as the window system does."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_over_a_settings_spin_box_changes_nothing(qtbot, db, paths):
    page = SettingsPage(make_ctx(db, paths))
    show_page(qtbot, page)
    idle = page.editors["idle_lock_minutes"]
    rounding = page.editors["credit_rounding_step"]
    page.language.setFocus()
    before = (idle.value(), rounding.currentIndex())  # type: ignore[attr-defined]
    for editor in (idle, rounding):
        wheel(editor, -3)
        wheel(editor.focusProxy() or editor, 2)
    settle()
    assert (idle.value(), rounding.currentIndex()) == before  # type: ignore[attr-defined]
    assert settings.read(db, "idle_lock_minutes") == before[0]
    assert not idle.hasFocus()
    # With the focus in it, the wheel is a way to change it.
    idle.setFocus()
    wheel(idle, 1)
    assert idle.value() == before[0] + 1  # type: ignore[attr-defined]


def test_a_box_in_a_plain_dialog_over_the_main_window_is_guarded_too(qtbot, main_window):
    """Not a page, not a record dialog: any window that appears gets the guard on its
    boxes, which sits on the boxes themselves rather than on the whole application."""
    from PySide6.QtWidgets import QDialog, QLineEdit, QSpinBox, QVBoxLayout

    dialog = QDialog(main_window)
    field, box = QLineEdit(dialog), QSpinBox(dialog)
    layout = QVBoxLayout(dialog)
    layout.addWidget(field)
    layout.addWidget(box)
    box.setValue(5)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    field.setFocus()
    wheel(box, 3)
    wheel(box.lineEdit(), 3)
    assert box.value() == 5
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    wheel(box, 1)
    assert box.value() == 6
    dialog.close()
