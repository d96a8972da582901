"""Start-up: the garbage collector is held while the app starts, and always given back."""

from __future__ import annotations

import argparse
import gc
from pathlib import Path

from clinicapp.ui import app, startup


def test_the_collector_is_held_during_start_up_then_runs_again_with_start_up_frozen():
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    startup.pause_collector()
    try:
        assert not gc.isenabled()
        startup.pause_collector()  # twice is once
    finally:
        startup.collect_again()
    assert gc.isenabled()
    assert gc.get_freeze_count() > frozen  # what start-up built is not walked again
    startup.collect_again()  # again: nothing more to do
    assert gc.isenabled()
    gc.unfreeze()


def test_a_start_that_ends_at_the_first_window_gives_the_collector_back(
        qapp, tmp_path: Path, monkeypatch):
    import sys

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own
    seen: list[str] = []

    def close_the_first_run_window() -> None:
        window = QApplication.activeModalWidget()
        if window is None:
            QTimer.singleShot(20, close_the_first_run_window)
            return
        seen.append(type(window).__name__)
        seen.append("collector held" if not gc.isenabled() else "collector running")
        window.reject()  # the person closes it: no data folder is made

    QTimer.singleShot(0, close_the_first_run_window)
    assert app.run(argparse.Namespace(data_dir=str(tmp_path / "data"))) == 0
    assert seen == ["FirstRunDialog", "collector held"]
    assert gc.isenabled()
    gc.unfreeze()
