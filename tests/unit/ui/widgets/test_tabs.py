"""Tab titles keep the accent of a capital, unselected too (Fusion, DejaVu Sans)."""

from __future__ import annotations

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from clinicapp.ui.widgets.tabs import tab_widget


def _unselected_tab(qtbot, text: str) -> QImage:  # type: ignore[no-untyped-def]
    tabs = tab_widget()
    qtbot.addWidget(tabs)
    tabs.addTab(QWidget(), "Présences")
    tabs.addTab(QWidget(), text)  # not the current tab: drawn lower than the selected
    tabs.resize(400, 120)
    tabs.show()
    qtbot.waitExposed(tabs)
    bar = tabs.tabBar()
    return bar.grab(bar.tabRect(1)).toImage()


def test_the_accent_of_an_unselected_tabs_capital_is_drawn(qtbot):
    from PySide6.QtWidgets import QApplication

    QApplication.setStyle("Fusion")  # as the app does
    # Cut off, "Évaluations" would draw exactly like "Evaluations".
    assert _unselected_tab(qtbot, "&4 Évaluations") != _unselected_tab(qtbot, "&4 Evaluations")


def test_the_session_steps_use_the_roomy_tabs(qtbot, db, paths):
    from clinicapp.ui.session_run import SessionRunWidget
    from clinicapp.ui.widgets.tabs import RoomyTabBar
    from tests.unit.ui.everyday import make_ctx

    run = SessionRunWidget(make_ctx(db, paths))
    qtbot.addWidget(run)
    assert isinstance(run.tabs.tabBar(), RoomyTabBar)
    assert run.tabs.count() == 5
