"""Bar charts drawn with QPainter for the PDF.

Qt Charts draws the Reports page, but a QChart is a QGraphicsWidget: it may live only on
the GUI thread and needs a QApplication. A PDF is written in a worker thread (and by the
headless CLI), so its charts are drawn here with QPainter onto a QImage, which is safe on
any thread, from the same ``charts.Chart`` data.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPen

from clinicapp.core.reports.charts import Chart, Value
from clinicapp.core.reports.suppression import Suppressed

SCALE = 3  # image pixels per CSS pixel: sharp when printed
PALETTE = (QColor("#2b6cb0"), QColor("#dd8a2a"), QColor("#3f9b63"), QColor("#8e5bb5"))
INK = QColor("#1f2933")
GRID = QColor("#d5dbe1")
HIDDEN = QColor("#b8c0c8")


def _number(value: Value) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def _label(value: Value) -> str:
    if isinstance(value, Suppressed):
        return str(value)
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def _nice_max(top: float) -> float:
    if top <= 0:
        return 1.0
    exp = 10.0 ** math.floor(math.log10(top))
    for step in (1, 1.2, 1.6, 2, 2.4, 3.2, 4, 6, 8, 10):  # a quarter of each is round
        if top <= step * exp:
            return step * exp
    return 10 * exp


def _font(px: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(["DejaVu Sans", "Segoe UI", "Arial", "Helvetica"])
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPixelSize(max(1, round(px)))
    font.setBold(bold)
    return font


def render(chart: Chart, width: int, height: int) -> QImage:
    """``chart`` as an image of ``width`` x ``height`` CSS pixels (at ``SCALE``)."""
    image = QImage(width * SCALE, height * SCALE, QImage.Format.Format_ARGB32)
    image.setDotsPerMeterX(round(96 * SCALE / 0.0254))
    image.setDotsPerMeterY(round(96 * SCALE / 0.0254))
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.scale(SCALE, SCALE)
    painter.setPen(INK)
    painter.setFont(_font(12, bold=True))
    painter.drawText(QRectF(0, 0, width, 18), Qt.AlignmentFlag.AlignLeft, chart.title)
    area = QRectF(0, 24, width, height - 24)
    if len(chart.series) > 1:
        area = _legend(painter, chart, area)
    if chart.horizontal:
        _horizontal(painter, chart, area)
    else:
        _vertical(painter, chart, area)
    painter.end()
    return image


def _legend(painter: QPainter, chart: Chart, area: QRectF) -> QRectF:
    painter.setFont(_font(10))
    x = area.left()
    for i, series in enumerate(chart.series):
        painter.fillRect(QRectF(x, area.top() + 2, 10, 10), PALETTE[i % len(PALETTE)])
        painter.setPen(INK)
        painter.drawText(QPointF(x + 14, area.top() + 11), series.name)
        x += 24 + painter.fontMetrics().horizontalAdvance(series.name)
    return area.adjusted(0, 18, 0, 0)


def _horizontal(painter: QPainter, chart: Chart, area: QRectF) -> None:
    painter.setFont(_font(10))
    metrics = painter.fontMetrics()
    label_w = min(area.width() * 0.4,
                  max((metrics.horizontalAdvance(c) for c in chart.categories), default=0) + 8)
    values = chart.series[0].values if chart.series else []
    top = _nice_max(max((_number(v) for v in values), default=0))
    row = min(22.0, area.height() / max(1, len(chart.categories)))
    bar_w = area.width() - label_w - 40
    for i, (category, value) in enumerate(zip(chart.categories, values, strict=False)):
        y = area.top() + i * row
        painter.setPen(INK)
        painter.drawText(QRectF(area.left(), y, label_w - 6, row),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, category)
        x0 = area.left() + label_w
        if isinstance(value, Suppressed):
            rect = QRectF(x0, y + row * 0.2, 12, row * 0.6)
            painter.fillRect(rect, QBrush(HIDDEN, Qt.BrushStyle.BDiagPattern))
        else:
            rect = QRectF(x0, y + row * 0.2, bar_w * _number(value) / top, row * 0.6)
            painter.fillRect(rect, PALETTE[0])
        painter.setPen(INK)
        painter.drawText(QPointF(rect.right() + 4, y + row * 0.5 + metrics.ascent() / 2 - 1),
                         _label(value))


def _vertical(painter: QPainter, chart: Chart, area: QRectF) -> None:
    painter.setFont(_font(9))
    metrics = painter.fontMetrics()
    values = [_number(v) for s in chart.series for v in s.values]
    top = _nice_max(max(values, default=0))
    axis_w = metrics.horizontalAdvance(_label(top)) + 6
    plot = QRectF(area.left() + axis_w, area.top() + 4, area.width() - axis_w,
                  area.height() - metrics.height() - 10)
    for step in range(5):  # grid lines and their values
        level = top * step / 4
        y = plot.bottom() - plot.height() * step / 4
        painter.setPen(QPen(GRID, 0.6))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(INK)
        painter.drawText(QRectF(area.left(), y - 7, axis_w - 4, 14),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         _label(level if level % 1 else int(level)))
    count = max(1, len(chart.categories))
    slot = plot.width() / count
    nseries = max(1, len(chart.series))
    bar = max(1.0, slot * 0.8 / nseries)
    every = max(1, math.ceil(count / max(1, plot.width() // 52)))  # labels that fit
    for i, category in enumerate(chart.categories):
        x = plot.left() + i * slot + slot * 0.1
        for j, series in enumerate(chart.series):
            value = series.values[i]
            left = x + j * bar
            if isinstance(value, Suppressed):
                h = min(plot.height(), 6.0)
                painter.fillRect(QRectF(left, plot.bottom() - h, bar, h),
                                 QBrush(HIDDEN, Qt.BrushStyle.BDiagPattern))
                continue
            h = plot.height() * _number(value) / top
            painter.fillRect(QRectF(left, plot.bottom() - h, bar, h),
                             PALETTE[j % len(PALETTE)])
        if i % every == 0:
            painter.setPen(INK)
            painter.drawText(QRectF(plot.left() + i * slot - 20, plot.bottom() + 3,
                                    slot * every + 40 if every > 1 else slot + 40,
                                    metrics.height()),
                             Qt.AlignmentFlag.AlignLeft, category)
    painter.setPen(QPen(INK, 0.8))
    painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
