"""The Qt binding itself keeps Python's reference counts: PySide6 6.12.0 under Python 3.11
dropped a reference to None on each call of a method returning nothing, and after enough
calls (a session timer ticks every second) the interpreter aborted. pyproject.toml keeps
that release out; this test fails if such a binding is installed again."""

from __future__ import annotations

import sys

from PySide6.QtCore import QSize


def test_calling_qt_methods_keeps_the_reference_count_of_none():
    size = QSize()
    before = sys.getrefcount(None)
    for _ in range(1000):
        size.setWidth(3)
    assert abs(sys.getrefcount(None) - before) < 50
