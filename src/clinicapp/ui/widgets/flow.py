"""A row of controls that wraps onto a second line when the window is too narrow.

A page's toolbar is a row of buttons and, at its right, a filter. In French the words are
longer: at 800 pixels the Support page's row was wider than the page and the whole page
scrolled sideways, cutting its empty-state sentence. This layout places its items left to
right and starts a new line where the next one would not fit; the trailing item (the
filter) keeps to the right edge of whichever line it lands on, as a stretch would put it.
Built as Qt's own flow-layout example is, with a height for each width.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QWidget,
    QWidgetItem,
)


class FlowRow(QLayout):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._trailing: QLayoutItem | None = None
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    # --- what it holds -----------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        if self._trailing is not None and self._trailing in self._items:
            self._items.insert(self._items.index(self._trailing), item)
        else:
            self._items.append(item)

    def add_trailing(self, widget: QWidget) -> None:
        """Add the item that keeps to the right edge (one only, always the last)."""
        self.addChildWidget(widget)
        item = QWidgetItem(widget)
        self._items.append(item)
        self._trailing = item
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        item = self._items.pop(index)
        if item is self._trailing:
            self._trailing = None
        return item

    # --- sizes -------------------------------------------------------------------

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def sizeHint(self) -> QSize:
        """Everything on one line: what the row asks for when there is room."""
        shown = self._shown()
        spacing = self._spacing()
        width = sum(i.sizeHint().width() for i in shown) + spacing * max(0, len(shown) - 1)
        height = max((i.sizeHint().height() for i in shown), default=0)
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(),
                     height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:
        """The widest single item: narrower than that, nothing can wrap any further."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    # --- placing -------------------------------------------------------------------

    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _spacing(self) -> int:
        spacing = self.spacing()
        if spacing >= 0:
            return spacing
        parent = self.parentWidget()
        style = parent.style() if parent is not None else None
        if style is None:
            return 6
        return max(0, style.layoutSpacing(QSizePolicy.ControlType.PushButton,
                                          QSizePolicy.ControlType.PushButton,
                                          Qt.Orientation.Horizontal))

    def _place(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in ``rect`` (when ``move``); return the height it takes."""
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        spacing = self._spacing()
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        used = 0
        for item in self._shown():
            size = item.sizeHint().boundedTo(QSize(max(area.width(), 1), 1 << 20))
            size = size.expandedTo(item.minimumSize())
            need = size.width() + (spacing if lines[-1] else 0)
            if lines[-1] and used + need > area.width():
                lines.append([])
                used, need = 0, size.width()
            lines[-1].append((item, size))
            used += need
        y = area.y()
        for line in lines:
            height = max((size.height() for _, size in line), default=0)
            x = area.x()
            for item, size in line:
                left = x
                if item is self._trailing:
                    left = max(x, area.x() + area.width() - size.width())
                if move:
                    top = y + (height - size.height()) // 2
                    item.setGeometry(QRect(QPoint(left, top), size))
                x = left + size.width() + spacing
            y += height + spacing
        return y - spacing - area.y() + margins.top() + margins.bottom() if lines[0] else 0


def together(*widgets: QWidget, parent: QWidget | None = None) -> QWidget:
    """Widgets that stay on one line of a flow row (a caption and its field, a check
    box and the button it goes with)."""
    holder = QWidget(parent)
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    return holder
