"""Reports: credit statements, attendance certificates, group and division reports, and
the calendar of planned sessions.

Data (no Qt): ``statement``, ``certificates``, ``activity``/``figures`` (with
``suppression`` of small counts), ``calendar`` (.ics), ``tables`` (every report as tables,
the source of both CSV and PDF), ``charts`` (chart points), ``output`` (saving with an
audit record), ``lookup`` and ``period``. Printing (QtGui only, headless and thread-safe):
``pdf`` (pages, header, footer), ``pdf_charts`` (QPainter bars), ``documents`` (each
report's layout) and ``jobs`` (one call from a choice to a finished report).
"""
