"""A dialog never gets so small that its wrapped text is cut.

Qt gives a window the minimum height of its layout without asking how tall wrapped text
grows at the window's width, so a dialog shrunk to its narrowest showed its explanations
with their first and last lines cut off and the fields under them squeezed. Here the
minimum height follows the width: the layout's minimum height for the width the dialog
has now.

Only Qt is imported: the first-run and unlock windows use this before anything else
loads.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

# Resized, its contents changed, or shown: the width or the text's height may differ.
_WATCHED = (QEvent.Type.Resize, QEvent.Type.LayoutRequest, QEvent.Type.Show)


class _WholeText(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _WATCHED and isinstance(watched, QWidget):
            fit_height(watched)
        return False


def fit_height(window: QWidget) -> None:
    """Make ``window``'s minimum height the one its wrapped text needs at its width."""
    layout = window.layout()
    if layout is None or not layout.hasHeightForWidth():
        return
    need = layout.totalMinimumHeightForWidth(window.width())
    if need > 0 and need != window.minimumHeight():
        window.setMinimumHeight(need)


def keep_wrapped_text_whole(window: QWidget) -> None:
    """From now on, ``window`` is never shorter than its wrapped text needs (whenever it
    is resized or its contents change)."""
    window.installEventFilter(_WholeText(window))
