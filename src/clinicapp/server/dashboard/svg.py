"""Charts drawn on the server as SVG, from the same chart data as the desktop's
(``core.reports.charts``). No script, no style sheet: presentation attributes only, so
the page's Content-Security-Policy needs nothing inline. Every text is escaped."""

from __future__ import annotations

from html import escape

from clinicapp.core.reports.charts import Chart, Value
from clinicapp.core.reports.suppression import Suppressed
from clinicapp.server.dashboard.catalogue import Catalogue

COLOURS = ("#2f6f9f", "#d08a2e", "#5b8c5a", "#8a5b9c")
WITHHELD = "#b8b8b8"
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


def _legend(chart: Chart, x: float, y: float) -> list[str]:
    parts = []
    for i, series in enumerate(chart.series):
        dx = x + i * 170
        parts.append(f'<rect x="{dx:.0f}" y="{y - 10:.0f}" width="12" height="12" '
                     f'fill="{COLOURS[i % len(COLOURS)]}"/>')
        parts.append(f'<text x="{dx + 17:.0f}" y="{y:.0f}" font-size="12" {FONT}>'
                     f'{escape(series.name)}</text>')
    return parts


def _frame(chart: Chart, width: int, height: int, parts: list[str]) -> str:
    key = escape(chart.key)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
            f'aria-labelledby="chart-{key}-title" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" data-chart="{key}">'
            f'<title id="chart-{key}-title">{escape(chart.title)}</title>'
            + "".join(parts) + "</svg>")


def _horizontal(chart: Chart, cat: Catalogue) -> str:
    """One bar per category, lying down: labels on the left, the value at the bar's end."""
    label_w, bar_max, row_h, top = 250, 300, 26, 10
    values = chart.series[0].values if chart.series else []
    peak = max((_number(v) for v in values), default=0.0) or 1.0
    parts = []
    for i, (name, value) in enumerate(zip(chart.categories, values, strict=True)):
        y = top + i * row_h
        parts.append(f'<text x="{label_w - 8}" y="{y + 16}" font-size="12" text-anchor="end" '
                     f'{FONT}>{escape(name)}</text>')
        withheld = isinstance(value, Suppressed)
        length = 6.0 if withheld else max(1.0, bar_max * _number(value) / peak)
        colour = WITHHELD if withheld else COLOURS[0]
        parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{length:.1f}" height="16" '
                     f'fill="{colour}" data-value="{escape(_text(value, cat))}"/>')
        parts.append(f'<text x="{label_w + length + 6:.1f}" y="{y + 16}" font-size="12" '
                     f'{FONT}>{escape(_text(value, cat))}</text>')
    height = top + row_h * len(values) + 10
    return _frame(chart, label_w + bar_max + 60, height, parts)


def _columns(chart: Chart, cat: Catalogue) -> str:
    """Grouped columns over time, with a baseline and the peak marked on the left."""
    left, top, plot_h, bottom = 46, 28, 180, 52
    n = max(1, len(chart.categories))
    group_w = max(18.0, min(60.0, 640 / n))
    width = int(left + group_w * n + 20)
    width = max(width, 420)
    peak = max((_number(v) for s in chart.series for v in s.values), default=0.0) or 1.0
    base = top + plot_h
    parts = _legend(chart, left, 14)
    parts.append(f'<line x1="{left}" y1="{base}" x2="{width - 10}" y2="{base}" '
                 'stroke="#555" stroke-width="1"/>')
    parts.append(f'<text x="{left - 6}" y="{top + 4}" font-size="11" text-anchor="end" '
                 f'{FONT}>{escape(cat.number(peak))}</text>')
    parts.append(f'<text x="{left - 6}" y="{base}" font-size="11" text-anchor="end" '
                 f'{FONT}>0</text>')
    series_n = max(1, len(chart.series))
    bar_w = max(3.0, (group_w - 6) / series_n)
    every = max(1, int(n * 56 / (width - left)))  # label every k-th column so none overlap
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
