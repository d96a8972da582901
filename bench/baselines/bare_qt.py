"""The baseline for cold start and memory: the least a PySide6 desktop app does to show a
main window with a table (a QMainWindow holding a QTableView over a small model).

Run as a script. It reports the moment its window is shown the same way bench/probe.py
reports ClinicApp's (one JSON line with the resident memory, then exits at once), so both
sides of the ratio pay for exactly the same measuring.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

from bench.probe import report_and_exit


def main() -> None:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("bare PySide6")
    model = QStandardItemModel(50, 6, window)
    for row in range(50):
        for column in range(6):
            model.setItem(row, column, QStandardItem(f"cell {row}, {column}"))
    table = QTableView(window)
    table.setModel(model)
    window.setCentralWidget(table)
    window.resize(1200, 800)
    window.show()
    # The first turn of the event loop after show(): the window has been laid out and
    # exposed (offscreen or on a real display) — the same point probe.py reports.
    QTimer.singleShot(0, lambda: report_and_exit("shown"))
    app.exec()


if __name__ == "__main__":
    main()
