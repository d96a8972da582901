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
