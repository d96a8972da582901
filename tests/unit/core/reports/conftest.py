"""PDFs need a Qt application: the one pytest-qt makes, so widget tests in the same
process still find a QApplication."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _qt_application(qapp):  # type: ignore[no-untyped-def]
    return qapp
