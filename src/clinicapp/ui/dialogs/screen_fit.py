"""Dialog sizes that keep the dialog on the screen.

A clinic laptop at 1366 × 768 with Windows' 150 % scaling gives a window 911 × 512
logical pixels: the Plan-a-session and roster-import dialogs (1000 pixels wide) reached
past its right edge, their Save and Import buttons out of reach. A dialog asks for the
size it would like and gets at most the screen's available area (less a margin for the
window frame), never less than its own minimum."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME = 40  # the window manager's title bar and borders, about


def available(widget: QWidget) -> tuple[int, int]:
    """The room the widget's screen leaves for a window (width, height)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:  # no screen at all (never on a desktop): no limit
        return 1 << 16, 1 << 16
    room = screen.availableGeometry()
    return max(1, room.width() - FRAME // 2), max(1, room.height() - FRAME)


def fit_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize to ``width`` × ``height``, or to what the screen has room for."""
    room_w, room_h = available(widget)
    least = widget.minimumSizeHint()
    widget.resize(max(min(width, room_w), least.width()),
                  max(min(height, room_h), least.height()))
