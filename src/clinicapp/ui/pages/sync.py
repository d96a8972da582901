"""Sync: exchange bundle files (export, inspect then import), review conflicts, see peers.

Works with no network at all: a bundle is a file carried on a USB stick or by email.
Import always shows what the bundle is (sender, signature, counts, dates, whether it was
already imported) and asks before writing anything.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinicapp.core.sync import api, clock, remote
from clinicapp.core.sync.api import ConflictView
from clinicapp.ui import network
from clinicapp.ui.context import AppContext
from clinicapp.ui.ops import Progress, run_op
from clinicapp.ui.pages.base import Page
from clinicapp.ui.status_line import SyncSummary, summarise, when

BUNDLE_FILTER = "ClinicApp bundles (*.clinicbundle);;All files (*)"
SUFFIX = ".clinicbundle"


def describe(obj: Any) -> list[tuple[str, str]]:
    """The public fields of a result object, as (label, text), for showing as-is."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        items = [(f.name, getattr(obj, f.name)) for f in dataclasses.fields(obj)]
    elif isinstance(obj, dict):
        items = list(obj.items())
    else:
        items = [(k, v) for k, v in vars(obj).items() if not k.startswith("_")]
    shown = []
    for name, value in items:
        if isinstance(value, datetime):
            value = value.astimezone().strftime("%Y-%m-%d %H:%M")
        elif isinstance(value, bool):
            value = "yes" if value else "no"
        elif isinstance(value, dict):
            value = ", ".join(f"{k}: {v}" for k, v in value.items())
        elif isinstance(value, list | tuple):
            value = ", ".join(str(v) for v in value)
        shown.append((name.replace("_", " ").capitalize(), str(value)))
    return shown


def _progress_callback(progress: Progress) -> Any:
    return lambda done, total: progress.update(int(done), int(total))


class ConflictModel(QAbstractTableModel):
    """Open conflicts: the field, the value kept and the value that lost."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ConflictView] = []
        self.headers = [self.tr("Record"), self.tr("Field"), self.tr("Kept value"),
                        self.tr("Other value"), self.tr("Detected")]

    def set_rows(self, rows: list[ConflictView]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.rows[index.row()]
        values: list[object] = [f"{row.tbl} {row.row_id[:8]}", row.field, row.kept_value,
                                row.lost_value, row.detected_at]
        value = values[index.column()]
        if isinstance(value, datetime):
            return value.astimezone().strftime("%Y-%m-%d %H:%M")
        return str(value)

    def conflict_id(self, row: int) -> int:
        return self.rows[row].id


# What a refresh loads in the background: summary, open conflicts, peers, clock warnings,
# and this workstation's identity line.
Refreshed = tuple[SyncSummary, list[ConflictView], list[api.PeerStatus], list[str], str]


class SyncPage(Page):
    key: ClassVar[str] = "sync"
    shows: ClassVar[frozenset[str]] = frozenset({"changes", "conflicts", "peers",
                                                 "bundle_records"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.last_result: Any = None
        layout = QVBoxLayout(self)
        layout.addWidget(self._exchange_box())
        layout.addWidget(self._conflicts_box(), 2)
        layout.addWidget(self._peers_box())

    def title(self) -> str:
        return self.tr("Sync")

    def _exchange_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Bundles"))
        layout = QVBoxLayout(box)
        self.summary = QLabel()
        self.summary.setAccessibleName(self.tr("Sync summary"))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.export_button = QPushButton(self.tr("&Export a bundle…"))
        self.export_button.clicked.connect(self.choose_export)
        self.import_button = QPushButton(self.tr("&Import a bundle…"))
        self.import_button.clicked.connect(self.choose_import)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.import_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setAccessibleName(self.tr("Last result"))
        layout.addWidget(self.result)
        self.network = QLabel()  # the central server's state, in words (ui.network)
        self.network.setWordWrap(True)
        self.network.setAccessibleName(self.tr("Central server"))
        self.sync_now_button = QPushButton(self.tr("S&ync now"))
        self.sync_now_button.clicked.connect(lambda: network.controller(self.ctx).sync_now())
        row = QHBoxLayout()
        row.addWidget(self.network, 1)
        row.addWidget(self.sync_now_button)
        layout.addLayout(row)
        network.controller(self.ctx).changed.connect(self._show_network)
        self._show_network()
        return box

    def _show_network(self) -> None:
        sync = network.controller(self.ctx)
        link = remote.load(self.ctx.db)
        self.network.setText(network.describe(link, sync) if link else self.tr(
            "Not connected to a central server: Settings → Connect to a central server."))
        self.sync_now_button.setEnabled(link is not None and not sync.running)

    def _conflicts_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Conflicts to review"))
        layout = QVBoxLayout(box)
        explanation = QLabel(self.tr(
            "Two workstations changed the same field. The newer change was kept; choose "
            "“Use the other value” where the older one was right."))
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        self.conflicts = ConflictModel(self)
        self.conflict_table = QTableView()
        self.conflict_table.setModel(self.conflicts)
        self.conflict_table.setAccessibleName(self.tr("Conflicts"))
        self.conflict_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.conflict_table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.conflict_table)
        self.keep_button = QPushButton(self.tr("&Keep the kept value"))
        self.keep_button.clicked.connect(lambda: self.resolve("kept"))
        self.replace_button = QPushButton(self.tr("&Use the other value"))
        self.replace_button.clicked.connect(lambda: self.resolve("lost"))
        row = QHBoxLayout()
        row.addWidget(self.keep_button)
        row.addWidget(self.replace_button)
        row.addStretch(1)
        layout.addLayout(row)
        return box

    def _peers_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Workstations"))
        layout = QVBoxLayout(box)
        mine = QHBoxLayout()
        mine_label = QLabel(self.tr("This &workstation:"))
        self.identity = QLineEdit()
        self.identity.setReadOnly(True)
        self.identity.setAccessibleName(self.tr("This workstation's identity line"))
        mine_label.setBuddy(self.identity)
        self.copy_button = QPushButton(self.tr("Co&py"))
        self.copy_button.setToolTip(self.tr("Copy this line for the other workstation"))
        self.copy_button.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.identity.text()))
        self.trust_button = QPushButton(self.tr("&Trust a workstation…"))
        self.trust_button.clicked.connect(self.trust_peer)
        mine.addWidget(mine_label)
        mine.addWidget(self.identity, 1)
        mine.addWidget(self.copy_button)
        mine.addWidget(self.trust_button)
        layout.addLayout(mine)
        self.peers = QLabel()
        self.peers.setAccessibleName(self.tr("Peers"))
        self.peers.setWordWrap(True)
        layout.addWidget(self.peers)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setAccessibleName(self.tr("Clock warnings"))
        self.restamp_button = QPushButton(self.tr("&Re-stamp my unsent changes"))
        self.restamp_button.setToolTip(self.tr(
            "Once this computer's clock is correct again: give the changes no one has "
            "received yet times from the corrected clock, so other workstations accept "
            "them. Nothing is lost."))
        self.restamp_button.clicked.connect(self.restamp)
        self.restamp_button.hide()
        warn_row = QHBoxLayout()
        warn_row.addWidget(self.warnings, 1)
        warn_row.addWidget(self.restamp_button)
        layout.addLayout(warn_row)
        return box

    def trust_peer(self) -> QDialog:
        from clinicapp.ui.dialogs.trust_peer import TrustPeerDialog

        dialog = TrustPeerDialog(self.ctx, self)
        dialog.accepted.connect(lambda: (self.status_message.emit(
            self.tr("Trusted: bundles for it can now be exported.")), self.refresh()))
        dialog.open()
        return dialog

    def restamp(self) -> None:
        answer = QMessageBox.question(
            self, self.tr("Re-stamp changes"),
            self.tr("Is this computer's date and time correct now? Re-stamp the changes "
                    "no workstation has received yet with the corrected clock?"))
        if answer != QMessageBox.StandardButton.Yes:
            return
        db = self.ctx.db
        run_op(self, lambda: api.restamp_unacknowledged(db), label=self.tr("Re-stamping…"),
               on_success=lambda n: (self.result.setText(
                   self.tr("%n changes re-stamped; export again.", "", int(n))),
                   self.refresh()))

    # --- refresh --------------------------------------------------------------------

    def refresh(self) -> None:
        ctx = self.ctx

        def work() -> Refreshed:
            return (summarise(ctx), api.list_conflicts(ctx.db, open_only=True),
                    api.peers_status(ctx.db), api.clock_warnings(ctx.db),
                    api.public_identity(ctx.db).line())

        run_op(self, work, on_success=self._show)

    def _show(self, result: Refreshed) -> None:
        summary, conflicts, peers, warnings, identity_line = result
        never = self.tr("never")
        pending = str(summary.pending)
        self.summary.setText(self.tr("Last export: %1 · Last import: %2 · Changes not yet "
                                     "sent: %3").replace("%1", when(summary.last_export, never))
                             .replace("%2", when(summary.last_import, never))
                             .replace("%3", pending))
        self.conflicts.set_rows(conflicts)
        if peers:
            self.peers.setText("\n".join(
                self.tr("%1: sent %2, received %3 — %4").replace("%1", p.name)
                .replace("%2", when(p.last_sent_at, never))
                .replace("%3", when(p.last_received_at, never)).replace("%4", p.state)
                for p in peers))
        else:
            self.peers.setText(self.tr("No trusted workstations yet: paste the identity line "
                                       "of the program office or of another workstation with "
                                       "“Trust a workstation…”."))
        self.warnings.setText("\n".join(warnings))
        self.restamp_button.setVisible(bool(warnings))
        self.identity.setText(identity_line)
        self.identity.setCursorPosition(0)

    # --- export ---------------------------------------------------------------------

    def choose_export(self) -> None:
        default = Path.home() / f"clinicapp-{clock.today().isoformat()}{SUFFIX}"
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export a bundle"), str(default),
                                              BUNDLE_FILTER)
        if name:
            self.export_bundle(Path(name))

    def export_bundle(self, path: Path) -> None:
        db = self.ctx.db

        def work(progress: Progress) -> Any:
            return api.export_bundle(db, path, progress=_progress_callback(progress))

        run_op(self, work, label=self.tr("Exporting the bundle…"),
               on_success=lambda result: self._done(self.tr("Exported to %1")
                                                    .replace("%1", str(path)), result))

    def _done(self, headline: str, result: Any) -> None:
        self.last_result = result
        details = "; ".join(f"{name}: {value}" for name, value in describe(result)
                            if name.lower() not in ("path",)) if result is not None else ""
        self.result.setText(f"{headline}\n{details}".strip())
        self.refresh()

    # --- import ---------------------------------------------------------------------

    def choose_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Import a bundle"),
                                              str(Path.home()), BUNDLE_FILTER)
        if name:
            self.import_bundle(Path(name))

    def import_bundle(self, path: Path, confirm: bool = True) -> None:
        """Inspect first, show what the bundle is, ask, then import in the background."""
        db = self.ctx.db
        run_op(self, lambda: api.inspect_bundle(db, path), label=self.tr("Checking the bundle…"),
               on_success=lambda info: self._inspected(path, info, confirm))

    def _inspected(self, path: Path, info: api.BundleInfo, confirm: bool) -> None:
        self.last_info = info
        lines = "\n".join(f"{name}: {value}" for name, value in describe(info))
        if info.already_imported:
            QMessageBox.information(self, self.tr("Import a bundle"), self.tr(
                "This bundle was already imported; nothing to do.\n\n%1").replace("%1", lines))
            return
        if confirm:
            answer = QMessageBox.question(
                self, self.tr("Import a bundle"),
                self.tr("Import this bundle?\n\n%1").replace("%1", lines))
            if answer != QMessageBox.StandardButton.Yes:
                return
        db = self.ctx.db

        def work(progress: Progress) -> Any:
            return api.import_bundle(db, path, progress=_progress_callback(progress))

        run_op(self, work, label=self.tr("Importing the bundle…"),
               on_success=lambda result: self._done(self.tr("Imported %1")
                                                    .replace("%1", path.name), result))

    # --- conflicts ------------------------------------------------------------------

    def resolve(self, keep: str) -> None:
        rows = sorted({index.row() for index in self.conflict_table.selectedIndexes()})
        if not rows:
            return
        db, ids = self.ctx.db, [self.conflicts.conflict_id(row) for row in rows]

        def work() -> None:
            for conflict_id in ids:
                api.resolve_conflict(db, conflict_id, keep=keep)

        run_op(self, work, on_success=lambda _r: self.refresh())
