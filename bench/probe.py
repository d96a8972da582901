"""Run ClinicApp in this process and report when its main window is shown, or how much
memory it holds after its self-test visited every page.

    python -m bench.probe shown DATA_DIR   # exit as soon as the main window is shown
    python -m bench.probe visit DATA_DIR   # run --self-test, report memory at its end
    python -m bench.probe first DATA_DIR   # the app as a person starts it: exit when its
                                           # first window (unlock, or main) is shown
    python -m bench.probe today DATA_DIR   # the same, exit once the Today page is drawn
                                           # with its data (key from the OS keyring)

It prints one JSON line (``{"probe": ..., "rss_mib": ...}``) and exits. The app is started
through its real entry point: ``clinicapp --data-dir DATA_DIR --self-test`` (which unlocks
with CLINICAPP_PASSPHRASE) for shown/visit, plain ``clinicapp --data-dir DATA_DIR`` for
first/today. Windows are observed from outside the app by wrapping QWidget.setVisible, so
the app needs no benchmark hook; "today" reads the page's public ``dashboard`` (set when
its background load has delivered) and then repaints the window synchronously.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any


def memory_mib() -> dict[str, float]:
    """Resident set size now and at its peak, from the kernel's own accounting."""
    found: dict[str, float] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found["rss_mib" if key == "VmRSS" else "peak_mib"] = int(value.split()[0]) / 1024
    return found


def report_and_exit(probe: str, code: int = 0, **extra: Any) -> None:
    print(json.dumps({"probe": probe, "exit": code, **memory_mib(), **extra}), flush=True)
    os._exit(code)  # no teardown: what is measured ends here, for both sides alike


def _exit_when_shown() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMainWindow

    original = QMainWindow.setVisible

    def set_visible(self: QMainWindow, visible: bool) -> None:
        original(self, visible)
        if visible and type(self).__module__.startswith("clinicapp"):
            QTimer.singleShot(0, lambda: report_and_exit("shown"))

    QMainWindow.setVisible = set_visible  # type: ignore[method-assign,assignment]


def _exit_when_first_window_shown() -> None:
    """The unlock or first-run dialog, or the main window: whichever comes first."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialog, QMainWindow

    for cls in (QDialog, QMainWindow):
        original = cls.setVisible

        def set_visible(self: QDialog, visible: bool, original=original) -> None:  # type: ignore[no-untyped-def]
            original(self, visible)
            if visible and type(self).__module__.startswith("clinicapp"):
                QTimer.singleShot(0, lambda: report_and_exit(
                    "first window", window=type(self).__name__))

        cls.setVisible = set_visible  # type: ignore[method-assign]


def _exit_when_today_drawn() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMainWindow

    original = QMainWindow.setVisible

    def set_visible(self: QMainWindow, visible: bool) -> None:
        original(self, visible)
        if not (visible and type(self).__module__.startswith("clinicapp")):
            return
        window = self

        def check() -> None:
            page = window.current_page()  # type: ignore[attr-defined]
            if type(page).__name__ != "TodayPage":  # opened elsewhere: not this row's case
                report_and_exit("opened another page", 1, page=type(page).__name__)
            if getattr(page, "dashboard", None) is None:
                QTimer.singleShot(1, check)
                return
            window.repaint()  # drawn with the data, not only delivered
            report_and_exit("today drawn", page=type(page).__name__)

        QTimer.singleShot(0, check)

    QMainWindow.setVisible = set_visible  # type: ignore[method-assign,assignment]


def main(argv: list[str]) -> None:
    mode, data_dir = argv
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    {"shown": _exit_when_shown, "first": _exit_when_first_window_shown,
     "today": _exit_when_today_drawn}.get(mode, lambda: None)()
    from clinicapp.cli import main as clinicapp_main

    args = ["--data-dir", data_dir] + ([] if mode in ("first", "today") else ["--self-test"])
    code = clinicapp_main(args)
    report_and_exit("self-test done" if mode == "visit" else "exited before shown", code)


if __name__ == "__main__":
    main(sys.argv[1:])
