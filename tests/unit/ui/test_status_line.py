"""The status line on a small screen: each part ends in "…" rather than being cut off,
and its whole text is its tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt

from clinicapp.ui.status_line import ElidedLabel


def test_a_narrow_status_line_elides_and_keeps_the_whole_text_in_the_tooltip(qtbot):
    label = ElidedLabel()
    qtbot.addWidget(label)
    text = "Pas encore envoyé au bureau : 1076 séances, 9965 présences et 11 autres types"
    label.setText(text)
    assert label.toolTip() == text and label.text() == text
    assert label.minimumSizeHint().width() < label.sizeHint().width() // 4
    label.resize(150, label.sizeHint().height())
    label.show()
    qtbot.waitExposed(label)
    shown = label.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight,
                                           label.contentsRect().width())
    assert shown.endswith("…") and len(shown) < len(text)
    image = label.grab().toImage()
    assert not image.isNull()


def test_the_main_windows_status_line_fits_a_1024_wide_window(qtbot, main_window):
    main_window.resize(1024, 640)
    qtbot.waitUntil(lambda: main_window.width() <= 1024)
    line = main_window.status_line
    parts = (line.connection, line.exchange, line.pending)
    assert all(isinstance(p, ElidedLabel) for p in parts)
    right = max(p.geometry().right() for p in parts)
    assert right <= line.width()
    assert all(p.toolTip() == p.text() for p in parts)
