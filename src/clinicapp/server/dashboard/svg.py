"""Charts drawn on the server as SVG, from the same chart data as the desktop's
(``core.reports.charts``). No script, no style sheet: presentation attributes only, so
the page's Content-Security-Policy needs nothing inline. Every text is escaped."""

from __future__ import annotations

import math
from html import escape

from clinicapp.core.reports.charts import Chart, Value
from clinicapp.core.reports.suppression import Suppressed
from clinicapp.server.dashboard.catalogue import Catalogue

COLOURS = ("#2f6f9f", "#d08a2e", "#5b8c5a", "#8a5b9c")
WITHHELD = "#8c8c8c"  # 3.4:1 on white, as a graphic needs (WCAG 1.4.11)
FONT = 'font-family="DejaVu Sans, sans-serif"'


def _number(value: Value) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def _text(value: Value, cat: Catalogue) -> str:
    if isinstance(value, Suppressed):
        return f"<{value.threshold}"
    if value is None:
        return "–"
    return cat.number(value, 0 if float(value).is_integer() else 2)


def draw(chart: Chart, cat: Catalogue) -> str:
    """The chart as one ``<svg>`` element (a string already escaped)."""
    body = _horizontal(chart, cat) if chart.horizontal else _columns(chart, cat)
    return body


def text_width(text: str, size: float) -> float:
    """A generous estimate of ``text``'s width in DejaVu Sans at ``size`` px (its widest
    letters are about 0.62 em; a browser measures nothing for us: there is no script)."""
    return len(text) * size * 0.62


def _legend(chart: Chart, x: float, y: float) -> tuple[list[str], float]:
    """The series' names side by side, each after the one before; and where they end."""
    parts = []
    for i, series in enumerate(chart.series):
        parts.append(f'<rect x="{x:.0f}" y="{y - 10:.0f}" width="12" height="12" '
                     f'fill="{COLOURS[i % len(COLOURS)]}"/>')
        parts.append(f'<text x="{x + 17:.0f}" y="{y:.0f}" font-size="12" {FONT}>'
                     f'{escape(series.name)}</text>')
        x += 17 + text_width(series.name, 12) + 18
    return parts, x


def _frame(chart: Chart, width: int, height: int, parts: list[str]) -> str:
    key = escape(chart.key)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
            f'aria-labelledby="chart-{key}-title" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" data-chart="{key}">'
            f'<title id="chart-{key}-title">{escape(chart.title)}</title>'
            + "".join(parts) + "</svg>")


# Charts are drawn at their own size, never shrunk to a box (their words would shrink
# with them): narrow enough for a phone, a wider one scrolls inside its box.
HORIZONTAL_WIDTH = 340


def _horizontal(chart: Chart, cat: Catalogue) -> str:
    """One bar per category, lying down, its label above it (a long French label needs the
    whole width) and its value at the bar's end."""
    row_h, top, value_room = 38, 4, 44
    values = chart.series[0].values if chart.series else []
    width = int(max([HORIZONTAL_WIDTH, *(text_width(n, 12) + 4 for n in chart.categories)]))
    bar_max = width - value_room
    peak = max((_number(v) for v in values), default=0.0) or 1.0
    parts = []
    for i, (name, value) in enumerate(zip(chart.categories, values, strict=True)):
        y = top + i * row_h
        parts.append(f'<text x="0" y="{y + 12}" font-size="12" {FONT}>{escape(name)}</text>')
        withheld = isinstance(value, Suppressed)
        length = 6.0 if withheld else max(1.0, bar_max * _number(value) / peak)
        colour = WITHHELD if withheld else COLOURS[0]
        parts.append(f'<rect x="0" y="{y + 17}" width="{length:.1f}" height="14" '
                     f'fill="{colour}" data-value="{escape(_text(value, cat))}"/>')
        parts.append(f'<text x="{length + 6:.1f}" y="{y + 29}" font-size="12" '
                     f'{FONT}>{escape(_text(value, cat))}</text>')
    height = top + row_h * len(values) + 4
    return _frame(chart, width, height, parts)


def _columns(chart: Chart, cat: Catalogue) -> str:
    """Grouped columns over time, with a baseline and the peak marked on the left; a
    category's label under every k-th group, k as small as leaves a gap between them."""
    left, top, plot_h, bottom = 46, 28, 180, 52
    n = max(1, len(chart.categories))
    group_w = max(18.0, min(50.0, 400 / n))  # six months fit a phone: 356 px
    legend, legend_end = _legend(chart, left, 14)
    width = int(max(left + group_w * n + 10, HORIZONTAL_WIDTH, legend_end))
    peak = max((_number(v) for s in chart.series for v in s.values), default=0.0) or 1.0
    base = top + plot_h
    parts = legend
    parts.append(f'<line x1="{left}" y1="{base}" x2="{width - 10}" y2="{base}" '
                 'stroke="#555" stroke-width="1"/>')
    parts.append(f'<text x="{left - 6}" y="{top + 4}" font-size="11" text-anchor="end" '
                 f'{FONT}>{escape(cat.number(peak))}</text>')
    parts.append(f'<text x="{left - 6}" y="{base}" font-size="11" text-anchor="end" '
                 f'{FONT}>0</text>')
    series_n = max(1, len(chart.series))
    bar_w = max(3.0, (group_w - 6) / series_n)
    label_w = max((text_width(c, 11) for c in chart.categories), default=0.0) + 2
    every = max(1, math.ceil(label_w / group_w))  # labels never touch
    for i, name in enumerate(chart.categories):
        gx = left + i * group_w + 3
        for j, series in enumerate(chart.series):
            value = series.values[i]
            withheld = isinstance(value, Suppressed)
            h = 3.0 if withheld else plot_h * _number(value) / peak
            colour = WITHHELD if withheld else COLOURS[j % len(COLOURS)]
            parts.append(f'<rect x="{gx + j * bar_w:.1f}" y="{base - h:.1f}" '
                         f'width="{bar_w - 1:.1f}" height="{h:.1f}" fill="{colour}" '
                         f'data-value="{escape(_text(value, cat))}">'
                         f'<title>{escape(name)}, {escape(series.name)}: '
                         f'{escape(_text(value, cat))}</title></rect>')
        if i % every == 0:
            parts.append(f'<text x="{gx + group_w / 2 - 3:.1f}" y="{base + 16}" font-size="11" '
                         f'text-anchor="middle" {FONT}>{escape(name)}</text>')
    return _frame(chart, width, top + plot_h + bottom - 20, parts)
