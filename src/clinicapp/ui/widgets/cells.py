"""Plain table cells drawn in one Python call each, the way Qt's own delegate draws them.

Qt's ``QStyledItemDelegate`` asks the model for eight or so roles per painted cell
(``multiData``), then lays the text out through the style (a ``QTextLayout`` per cell). For
a ``PagedTableModel`` the answers are known in advance: a text made once per row, an
alignment per column, no icon, check box or background. ``PlainCells`` draws such a cell
with one ``drawText`` of that text, elided on the right as the style elides it, at the
style's text margin. Every other cell — selected, current, under the mouse, emphasised
(bold red), several lines, right-to-left, disabled — goes through Qt's own delegate, so
selection, focus and keyboard access look exactly as before.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPalette, QStaticText
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from clinicapp.ui.models.paged import PagedTableModel

# Flags as plain ints: ``paint`` runs for every painted cell, and Python's enum flag
# arithmetic costs more than the drawing.
_SELECTED = int(QStyle.StateFlag.State_Selected.value)
_FOCUS = int(QStyle.StateFlag.State_HasFocus.value)
_HOVER = int(QStyle.StateFlag.State_MouseOver.value)
_ENABLED = int(QStyle.StateFlag.State_Enabled.value)
_ACTIVE = int(QStyle.StateFlag.State_Active.value)
_SPECIAL = _SELECTED | _FOCUS | _HOVER
_LTR = Qt.LayoutDirection.LeftToRight
_ELIDE = Qt.TextElideMode.ElideRight
_NORMAL = QPalette.ColorGroup.Normal
_INACTIVE = QPalette.ColorGroup.Inactive
_TEXT = QPalette.ColorRole.Text
_REMEASURE = (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.PaletteChange,
              QEvent.Type.LayoutDirectionChange, QEvent.Type.ApplicationPaletteChange,
              QEvent.Type.ApplicationFontChange)
_SIMPLE_END = "\u0250"  # Latin letters end here: no shaping changes their widths much
FITTED_LIMIT = 5_000  # fitted texts kept: many screens of cells at a few widths


class PlainCells(QStyledItemDelegate):
    """The delegate of a ``RecordTable`` over a ``PagedTableModel``."""

    def __init__(self, view: QAbstractItemView,
                 model: PagedTableModel) -> None:  # type: ignore[type-arg]
        super().__init__(view)
        self._view = view
        self._model = model
        self._measured = False
        self._fitted: dict[tuple[str, int, bool], tuple[str, float]] = {}
        self._static: dict[str, QStaticText | None] = {}  # None: drawn once
        view.installEventFilter(self)  # a new font, style or palette: measure again

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _REMEASURE:
            self._measured = False
        return False

    def _measure(self) -> None:
        view = self._view
        self._metrics = metrics = QFontMetricsF(view.viewport().font())
        # As QCommonStyle's viewItemDrawText places a line: its text margin, then the
        # line (ascent + descent, rounded up) centred in the cell, drawn at its baseline.
        self._margin = view.style().pixelMetric(
            QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        self._height = math.ceil(metrics.ascent() + metrics.descent())
        self._ascent = metrics.ascent()
        self._widths: dict[str, float] = {}
        palette = view.palette()
        self._pens = (palette.color(_INACTIVE, _TEXT), palette.color(_NORMAL, _TEXT))
        self._plain = view.layoutDirection() == _LTR
        self._fitted.clear()
        self._static.clear()
        self._measured = True

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        state = option.state.value  # type: ignore[attr-defined]
        number, column = index.row(), index.column()
        model = self._model
        if not self._measured:
            self._measure()
        if state & _SPECIAL or not state & _ENABLED or not self._plain:
            super().paint(painter, option, index)
            return
        text = model.texts(number)[column]
        if not text:
            return  # Qt draws nothing either: no background, no text
        if "\n" in text or model.emphasised(number):
            super().paint(painter, option, index)
            return
        rect = option.rect
        self.draw_line(painter, rect.x(), rect.y(), rect.width(), rect.height(), text,
                       model.right_aligned(column), bool(state & _ACTIVE))

    # --- what ui.widgets.plain_rows draws with ---------------------------------------

    @property
    def model(self) -> PagedTableModel:  # type: ignore[type-arg]
        return self._model

    def plain_row(self, number: int) -> bool:
        """Every cell of row ``number`` is drawn by ``draw_line`` when nothing selects,
        focuses or hovers it (not bold red, no cell of several lines)."""
        if not self._measured:
            self._measure()
        return self._plain and not self._model.emphasised(number) \
            and not any("\n" in text for text in self._model.texts(number))

    def draw_line(self, painter: QPainter, x: int, y: int, width: int, height: int,
                  text: str, right: bool, active: bool) -> None:
        """One plain cell's text in the cell at ``x, y`` (its row panel already drawn)."""
        self.draw_texts(painter, y, height, (text,), ((0, x, width),), (right,), active)

    def draw_texts(self, painter: QPainter, y: int, height: int, texts: Sequence[str],
                   cells: Iterable[tuple[int, int, int]], right: Sequence[bool],
                   active: bool) -> None:
        """The texts of one row's plain cells, each ``(column, x, width)`` (their row
        panels already drawn): one call per row, the pen set once."""
        painter.setPen(self._pens[active])
        top = y + (height - self._height) // 2
        baseline = top + self._ascent
        double_margin = 2 * self._margin
        fitted_of, static_of = self._fitted.get, self._static.get  # cleared, never replaced
        for column, x, width in cells:
            text = texts[column]
            if not text:
                continue  # Qt draws nothing either: no background, no text
            room, at_right = width - double_margin, right[column]
            fitted = fitted_of((text, room, at_right))
            if fitted is None:
                fitted = self._fit(text, room, at_right)
            shown, dx = fitted
            static = static_of(shown, False)
            if static is False or (static is None and max(shown) >= _SIMPLE_END):
                # Drawn once: laid out and placed by its baseline, as the style does.
                # Other scripts always so (a fallback font may take another line height).
                self._static[shown] = None
                painter.drawText(QPointF(x + dx, baseline), shown)
                continue
            if static is None:
                # Drawn again (a status, a group, a length; a repaint): laid out once
                # more and kept, so that later it is drawn from its glyphs without the
                # shaping (8 µs a cell). Making one costs more than drawing the text once.
                static = self._static[shown] = QStaticText(shown)
                static.setTextFormat(Qt.TextFormat.PlainText)
            painter.drawStaticText(QPointF(x + dx, top), static)

    def _fit(self, text: str, width: int, right: bool) -> tuple[str, float]:
        """The text as drawn in ``width`` pixels (elided on the right, as the view's
        ElideRight does) and where it starts in the cell, measured once."""
        if len(self._fitted) > FITTED_LIMIT:
            self._fitted.clear()
            self._static.clear()
        metrics = self._metrics
        if not right and max(text) < _SIMPLE_END:
            # Latin text: the sum of its letters' widths is within a fraction of a pixel
            # of the shaped width, and five times cheaper to know than measuring a new
            # string (38 µs); well inside the cell it surely fits, drawn as it is.
            widths = self._widths
            try:
                approx = sum(map(widths.__getitem__, text))
            except KeyError:
                for char in set(text) - widths.keys():
                    widths[char] = metrics.horizontalAdvance(char)
                approx = sum(map(widths.__getitem__, text))
            if approx <= width * 0.98 - 2:
                fitted = self._fitted[(text, width, right)] = (text, float(self._margin))
                return fitted
        advance = metrics.horizontalAdvance(text)
        shown = text
        if advance > width:
            shown = metrics.elidedText(text, _ELIDE, width)
            advance = metrics.horizontalAdvance(shown)
        # a right-aligned line starts at a fraction of a pixel, as the text layout puts it
        fitted = self._fitted[(text, width, right)] = (
            shown, self._margin + (width - advance if right else 0.0))
        return fitted
