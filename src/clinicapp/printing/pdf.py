"""Reports as PDF, with Qt: a QTextDocument laid out page by page on a QPdfWriter, with the
clinic's name and the report's title at the top of every page and "Page n of N" and the
date it was generated at the bottom. A4 or Letter.

This is the only part of ``core.reports`` that uses Qt (QtGui only: it runs headless and
on worker threads). It needs a QGuiApplication; ``ensure_app`` makes one when the caller
(the CLI) has none.
"""

from __future__ import annotations

import html
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QMarginsF, QRectF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from clinicapp.core.reports.charts import Chart
from clinicapp.core.reports.suppression import Suppressed
from clinicapp.core.reports.tables import Column, Table, Words, english_label
from clinicapp.printing import pdf_charts

RESOLUTION = 300  # device units per inch; the PDF itself is vector
PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
MM = RESOLUTION / 25.4
FAMILIES = ["DejaVu Sans", "Segoe UI", "Noto Sans", "Arial", "Helvetica"]
STYLE = """
body { color: #1f2933; }
h1 { font-size: 17pt; font-weight: bold; margin-bottom: 2px; }
h2 { font-size: 12.5pt; font-weight: bold; margin-top: 14px; margin-bottom: 4px;
     color: #1d4e89; }
h3 { font-size: 10.5pt; font-weight: bold; margin-top: 10px; margin-bottom: 3px; }
p { margin-top: 2px; margin-bottom: 4px; }
.muted { color: #52606d; font-size: 8.5pt; }
.note { color: #52606d; font-size: 8.5pt; margin-top: 3px; }
table.data { border-collapse: collapse; }
table.data th { background-color: #e8eef5; font-weight: bold; text-align: left; }
table.data td, table.data th { border: 0.5px solid #c3ccd6; padding: 2px 4px; }
td.n, th.n { text-align: right; }
tr.total td { font-weight: bold; background-color: #f3f5f8; }
table.facts td { padding: 1px 8px 1px 0; }
td.k { color: #52606d; }
"""
TOP_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
TOP_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
_apps: list[QGuiApplication] = []


def ensure_app() -> None:
    """A Qt application for fonts and painting; offscreen unless the caller chose."""
    if QCoreApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        try:  # a QApplication if widgets exist, so later widgets in this process work too
            from PySide6.QtWidgets import QApplication

            _apps.append(QApplication(sys.argv[:1] or ["clinicapp"]))
        except ImportError:
            _apps.append(QGuiApplication(sys.argv[:1] or ["clinicapp"]))


LETTER_TERRITORIES = (QLocale.Country.Canada, QLocale.Country.UnitedStates)


def default_paper() -> str:
    """Letter where it is the usual paper (Canada, the United States), else A4.

    The system's territory says what is in the drawer; a system that names none (a bare
    "C" locale) falls back to the interface's (Canadian English or French)."""
    for locale in (QLocale.system(), QLocale()):
        territory = locale.territory()
        if territory in LETTER_TERRITORIES:
            return "letter"
        if territory != QLocale.Country.AnyTerritory and \
                locale.language() != QLocale.Language.C:
            return "a4"
    return "a4"


def qt_words(label: Callable[[StrEnum], str] | None = None) -> Words:
    """Words in the app's language: report words from the "Reports" translation context,
    enum names from ``label`` (the UI's labels) or the "Labels" context."""
    def tr(text: str) -> str:
        return QCoreApplication.translate("Reports", text)

    def enum_label(value: StrEnum) -> str:
        return QCoreApplication.translate("Labels", english_label(value))

    return Words(tr=tr, label=label or enum_label)


def _t(text: str) -> str:
    return QCoreApplication.translate("Reports", text)


def esc(text: object) -> str:
    return html.escape(str(text))


def cell(value: Any, column: Column, words: Words) -> str:
    """A cell as printed: the interface language's numbers, ISO dates, "<5" if withheld."""
    locale = QLocale()
    if value is None:
        return "–" if column.numeric else ""
    if isinstance(value, Suppressed):
        return str(value)
    if isinstance(value, bool):
        return words.tr("Yes") if value else words.tr("No")
    if isinstance(value, datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    if isinstance(value, StrEnum):
        return words.label(value)
    if isinstance(value, float):
        if column.kind == "percent":
            return locale.toString(value, "f", 1) + " %"
        if column.kind in ("num", "hours") or not value.is_integer():
            return locale.toString(value, "f", 2)
        return locale.toString(int(value))
    if isinstance(value, int):
        return locale.toString(value)
    return str(value)


class ReportDocument:
    """A report being put together as HTML, then written page by page."""

    def __init__(self, title: str, organisation: str, generated_at: datetime,
                 words: Words) -> None:
        self.title, self.organisation, self.generated_at = title, organisation, generated_at
        self.words = words
        self.parts: list[str] = []
        self.charts: list[Chart] = []
        self._sizes: list[tuple[int, int]] = []

    def heading(self, text: str, level: int = 2) -> None:
        self.parts.append(f"<h{level}>{esc(text)}</h{level}>")

    def paragraph(self, text: str, css: str = "") -> None:
        self.parts.append(f'<p class="{css}">{esc(text)}</p>' if css else f"<p>{esc(text)}</p>")

    def raw(self, markup: str) -> None:
        self.parts.append(markup)

    def facts(self, pairs: Sequence[tuple[str, str]]) -> None:
        rows = "".join(f'<tr><td class="k">{esc(k)}</td><td>{esc(v)}</td></tr>'
                       for k, v in pairs if v)
        self.parts.append(f'<table class="facts" cellspacing="0">{rows}</table>')

    def table(self, table: Table, heading: bool = True, empty: str = "") -> None:
        if heading:
            self.heading(table.title, 3 if table.key not in ("sessions",) else 2)
        if not table.rows and empty:
            self.paragraph(empty, "muted")
            return
        head = "".join(f'<th class="{"n" if c.numeric else ""}">{esc(c.header)}</th>'
                       for c in table.columns)
        body = []
        for row, css in [*((r, "") for r in table.rows),
                         *([(table.total, "total")] if table.total else [])]:
            cells = "".join(
                f'<td class="{"n" if c.numeric else ""}">{esc(cell(v, c, self.words))}</td>'
                for v, c in zip(row, table.columns, strict=True))
            body.append(f'<tr class="{css}">{cells}</tr>')
        self.parts.append(f'<table class="data" width="{table.width}%" cellspacing="0" '
                          f'cellpadding="3">'
                          f'<thead><tr>{head}</tr></thead>{"".join(body)}</table>')
        if table.note:
            self.paragraph(table.note, "note")

    def chart(self, chart: Chart, width: int = 620, height: int = 210) -> None:
        if chart.horizontal:
            height = 40 + 22 * len(chart.categories)
        self.charts.append(chart)
        self._sizes.append((width, height))
        n = len(self.charts) - 1
        self.parts.append(f'<p><img src="chart:{n}" width="{width}" height="{height}"'
                          f' alt="{esc(chart.title)}"></p>')

    def page_break(self) -> None:
        self.parts.append('<p style="page-break-before: always; margin: 0;"></p>')

    def html(self) -> str:
        return f"<html><body>{''.join(self.parts)}</body></html>"

    def add_images(self, doc: QTextDocument) -> None:
        """Give ``doc`` (this report's HTML, in a PDF or on screen) its chart images."""
        for n, (chart, (width, height)) in enumerate(zip(self.charts, self._sizes, strict=True)):
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"chart:{n}"),
                            pdf_charts.render(chart, width, height))

    # --- writing -----------------------------------------------------------------------

    def write(self, path: Path, paper: str | None = None) -> int:
        """Write the PDF to ``path``; returns the number of pages."""
        ensure_app()
        paper = (paper or default_paper()).lower()
        if paper not in PAPERS:
            from clinicapp.core.errors import ValidationError

            raise ValidationError("paper", "not_one_of", allowed=", ".join(PAPERS))
        writer = QPdfWriter(str(path))
        writer.setResolution(RESOLUTION)
        writer.setPageLayout(QPageLayout(QPageSize(PAPERS[paper]),
                                         QPageLayout.Orientation.Portrait,
                                         QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))
        writer.setTitle(self.title)
        writer.setCreator("ClinicApp")
        full = writer.pageLayout().fullRectPixels(RESOLUTION)
        body = QRectF(18 * MM, 24 * MM, full.width() - 36 * MM, full.height() - 44 * MM)
        doc = self._document(writer, body)
        painter = QPainter(writer)
        try:
            pages = doc.pageCount()
            for page in range(pages):
                if page:
                    writer.newPage()
                painter.save()
                painter.translate(body.left(), body.top() - page * body.height())
                area = QRectF(0, page * body.height(), body.width(), body.height())
                painter.setClipRect(area)  # nothing of the next page's first line shows
                doc.drawContents(painter, area)
                painter.restore()
                self._frame(painter, full.width(), full.height(), page + 1, pages)
        finally:
            painter.end()
        return pages

    def _document(self, writer: QPdfWriter, body: QRectF) -> QTextDocument:
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(writer)
        doc.setDocumentMargin(0)
        doc.setDefaultFont(_font(9.5))
        doc.setDefaultStyleSheet(STYLE)
        self.add_images(doc)
        doc.setHtml(self.html())
        doc.setPageSize(body.size())
        return doc

    def _frame(self, painter: QPainter, width: float, height: float, page: int,
               pages: int) -> None:
        painter.save()
        painter.setFont(_font(8))
        left, right = 18 * MM, width - 18 * MM
        top = 12 * MM
        metrics = painter.fontMetrics()
        organisation = self.organisation or "ClinicApp"
        room = (right - left) / 2 - 4 * MM  # each half of the line: never overlapping
        painter.setPen(QColor("#1d4e89"))
        painter.drawText(QRectF(left, top, right - left, 6 * MM), TOP_LEFT,
                         metrics.elidedText(organisation, Qt.TextElideMode.ElideRight,
                                            int(room)))
        painter.setPen(QColor("#52606d"))
        painter.drawText(QRectF(left, top, right - left, 6 * MM), TOP_RIGHT,
                         metrics.elidedText(self.title, Qt.TextElideMode.ElideMiddle, int(room)))
        painter.setPen(QColor("#c3ccd6"))
        painter.drawLine(int(left), int(top + 6.5 * MM), int(right), int(top + 6.5 * MM))
        bottom = height - 14 * MM
        painter.drawLine(int(left), int(bottom), int(right), int(bottom))
        painter.setPen(QColor("#52606d"))
        stamp = self.generated_at.astimezone().strftime("%Y-%m-%d %H:%M")
        painter.drawText(QRectF(left, bottom + 1.5 * MM, right - left, 6 * MM), TOP_LEFT,
                         self.words.tr("Generated {when} by ClinicApp").format(when=stamp))
        painter.drawText(QRectF(left, bottom + 1.5 * MM, right - left, 6 * MM), TOP_RIGHT,
                         self.words.tr("Page {page} of {pages}").format(page=page, pages=pages))
        painter.restore()


def _font(points: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(FAMILIES)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(points)
    font.setBold(bold)
    return font
