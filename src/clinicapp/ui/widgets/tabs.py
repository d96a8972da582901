"""Tabs whose titles keep their accents.

Fusion draws an unselected tab two pixels lower than the selected one, in a text box as
tall as the font's line. With DejaVu Sans, the usual Linux font, the accent of a capital
("É") rises a pixel above the font's ascent, so Qt clipped it off entirely in an
unselected tab: "Évaluations" read "Evaluations". Two more pixels of height give it room.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QTabBar, QTabWidget, QWidget

ROOM_ABOVE = 2  # pixels: the unselected tab's shift down


class RoomyTabBar(QTabBar):
    def tabSizeHint(self, index: int) -> QSize:
        size = super().tabSizeHint(index)
        return QSize(size.width(), size.height() + ROOM_ABOVE)


def tab_widget(parent: QWidget | None = None) -> QTabWidget:
    """A QTabWidget with a ``RoomyTabBar``."""
    tabs = QTabWidget(parent)
    tabs.setTabBar(RoomyTabBar(tabs))
    return tabs
