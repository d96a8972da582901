"""Reports on paper: PDF pages, charts and certificates drawn with QtGui (no widgets).

The figures and tables come from ``clinicapp.core.reports`` (no Qt); this package lays
them out. It sits beside ``core`` rather than in it so that ``core`` never imports Qt, and
both the desktop app and the headless CLI use it (with Qt's offscreen platform).
"""
