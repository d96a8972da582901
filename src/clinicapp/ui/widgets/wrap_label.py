"""A word-wrapped label that is never cut short.

Qt lays out a word-wrapped QLabel from a height guessed for an arbitrary width; squeezed
beside expanding editors (a form of text areas) it then gets fewer lines than its text
needs and shows half-cut lines. This label asks for the height its current width needs.
"""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class WrapLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        width = self.width() if self.width() > 1 else self.sizeHint().width()
        # QLabel's height for a width is never below its minimum height: without
        # letting go of it first, a label once narrow kept its many lines' height
        # when it grew wider.
        kept = self.minimumHeight()
        self.setMinimumHeight(0)
        needed = self.heightForWidth(width)
        self.setMinimumHeight(kept)
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)
