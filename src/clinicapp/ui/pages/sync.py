"""Sync: exchange bundle files (export, inspect then import), review conflicts, see peers.

Works with no network at all: a bundle is a file carried on a USB stick or by email.
Import always shows what the bundle is (sender, signature, counts, dates, whether it was
already imported) and asks before writing anything.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinicapp.core.services import settings
from clinicapp.core.sync import api, clock, inbox, remote
from clinicapp.core.sync.api import ConflictView
from clinicapp.ui import network
from clinicapp.ui.context import AppContext
from clinicapp.ui.models.conflicts import ConflictModel
from clinicapp.ui.ops import Progress, run_op
from clinicapp.ui.pages.base import Page
from clinicapp.ui.status_line import SyncSummary, summarise, when
from clinicapp.ui.widgets.flow import FlowRow
from clinicapp.ui.widgets.sync_parts import (
    dropped_paths,
    progress_callback,
    records_words,
    unsent_words,
)
from clinicapp.ui.widgets.tables import RecordTable

BUNDLE_FILTER = "ClinicApp bundles (*.clinicbundle);;All files (*)"
SUFFIX = ".clinicbundle"


# What a refresh loads in the background: summary, open conflicts, peers, clock warnings,
# and this workstation's identity line.
Refreshed = tuple[SyncSummary, list[ConflictView], list[api.PeerStatus], list[str], str,
                  dict[str, Any]]


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
        layout.addWidget(self._advanced_box())
        self.setAcceptDrops(True)  # bundle files or a folder dropped on the page

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
        self.import_button = QPushButton(self.tr("&Import bundles…"))
        self.import_button.setToolTip(self.tr(
            "One bundle, or several: each is imported once, by sender then date. You can "
            "also drop bundle files or a folder on this page."))
        self.import_button.clicked.connect(self.choose_import)
        self.folder_button = QPushButton(self.tr("Import a &folder…"))
        self.folder_button.setToolTip(self.tr(
            "Every bundle in a folder (a USB stick), by sender then date, each once."))
        self.folder_button.clicked.connect(self.choose_folder)
        row = FlowRow()  # wraps in a narrow window rather than widen the page
        row.addWidget(self.export_button)
        row.addWidget(self.import_button)
        row.addWidget(self.folder_button)
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
        self.conflict_table = RecordTable(accessible_name=self.tr("Conflicts"))
        self.conflict_table.setModel(self.conflicts)
        # Several may be settled at once (all kept, say, after a look through them).
        self.conflict_table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.conflict_table.set_empty_state(self.tr(
            "No conflicts to review. When two workstations change the same field, the "
            "value that was not kept waits here for your choice."))
        # What happened and the two values share the room; a narrow window elides their
        # texts (the whole text is the cell's tooltip) but never a heading.
        header = self.conflict_table.horizontalHeader()
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.conflict_table)
        self.keep_button = QPushButton(self.tr("&Keep the kept value"))
        self.keep_button.clicked.connect(lambda: self.resolve("kept"))
        self.replace_button = QPushButton(self.tr("&Use the other value"))
        self.replace_button.clicked.connect(lambda: self.resolve("lost"))
        self.restore_button = QPushButton(self.tr("&Restore the deleted record"))
        self.restore_button.setToolTip(self.tr(
            "For a record deleted on one workstation while another changed it: bring it "
            "back, with the change, on every workstation."))
        self.restore_button.clicked.connect(lambda: self.resolve("restore"))
        row = FlowRow()  # wraps in a narrow window rather than widen the page
        row.addWidget(self.keep_button)
        row.addWidget(self.replace_button)
        row.addWidget(self.restore_button)
        layout.addLayout(row)
        # Nothing chosen, nothing to do: the buttons follow the selection.
        self.conflict_table.selectionModel().selectionChanged.connect(
            lambda *_a: self._update_conflict_buttons())
        self.conflicts.modelReset.connect(self._update_conflict_buttons)
        self._update_conflict_buttons()
        return box

    def selected_conflicts(self) -> list[ConflictView]:
        rows = sorted({i.row() for i in self.conflict_table.selectionModel().selectedRows()})
        return [self.conflicts.conflict(r) for r in rows if r < self.conflicts.rowCount()]

    def _update_conflict_buttons(self) -> None:
        chosen = self.selected_conflicts()
        edits = any(c.kind == "edit" for c in chosen)
        deletes = any(c.kind == "delete" for c in chosen)
        self.keep_button.setEnabled(bool(chosen))
        self.keep_button.setText(self.tr("&Keep it deleted") if deletes and not edits
                                 else self.tr("&Keep the kept value"))
        self.replace_button.setEnabled(edits)
        self.restore_button.setEnabled(deletes)

    def _advanced_box(self) -> QWidget:
        """Sync's inner workings, for whoever supports the workstation: folded away
        behind a check box (no empty frame while folded)."""
        part = QWidget()
        layout = QVBoxLayout(part)
        layout.setContentsMargins(0, 0, 0, 0)
        self.advanced_box = QCheckBox(self.tr("Advanced"))
        self.advanced = QLabel()
        self.advanced.setWordWrap(True)
        self.advanced.setAccessibleName(self.tr("Sync details"))
        self.advanced.setVisible(False)
        self.advanced_box.toggled.connect(self.advanced.setVisible)
        layout.addWidget(self.advanced_box)
        layout.addWidget(self.advanced)
        return part

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
        self.restamp_button = QPushButton(self.tr("&Repair my clock's changes"))
        self.restamp_button.setToolTip(self.tr(
            "Once this computer's clock is correct again: the changes it stamped in the "
            "future are issued again with times from the corrected clock, the same way on "
            "every workstation. Nothing is lost; the next export does it by itself."))
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
            self, self.tr("Repair the clock's changes"),
            self.tr("Is this computer's date and time correct now? Issue the changes it "
                    "stamped in the future again, with the corrected clock?"))
        if answer != QMessageBox.StandardButton.Yes:
            return
        db = self.ctx.db
        run_op(self, lambda: api.restamp_unacknowledged(db), label=self.tr("Repairing…"),
               on_success=lambda n: (self.result.setText(self.tr(
                   "%n changes issued again from the corrected clock; every workstation "
                   "applies the repair when it next syncs.", "", int(n))), self.refresh()))

    # --- refresh --------------------------------------------------------------------

    def refresh(self) -> None:
        ctx = self.ctx

        def work() -> Refreshed:
            details = {"changes": api.pending_changes(ctx.db),
                       "drift": settings.read(ctx.db, "max_clock_drift_hours"),
                       "resend": settings.read(ctx.db, "resend_after_days")}
            return (summarise(ctx), api.list_conflicts(ctx.db, open_only=True),
                    api.peers_status(ctx.db), api.clock_warnings(ctx.db),
                    api.public_identity(ctx.db).line(), details)

        run_op(self, work, on_success=self._show)

    def _show(self, result: Refreshed) -> None:
        summary, conflicts, peers, warnings, identity_line, details = result
        never = self.tr("never")
        self.summary.setText(self.tr("Last export: %1 · Last import: %2").replace(
            "%1", when(summary.last_export, never)).replace(
            "%2", when(summary.last_import, never)) + "\n" + unsent_words(summary))
        self.advanced.setText("\n".join((
            self.tr("Field changes not yet sent to any workstation: %n", "",
                    int(details["changes"])),
            self.tr("Changes stamped more than %1 hours ahead of this clock wait until "
                    "their workstation's clock is repaired.").replace(
                "%1", f"{float(details['drift']):g}"),
            self.tr("What a workstation has not acknowledged is sent again after %n days.",
                    "", int(details["resend"])))))
        self.conflicts.set_rows(conflicts)
        if peers:
            self.peers.setText("\n".join(
                self.tr("%1: sent %2, received %3 — %4").replace("%1", p.name)
                .replace("%2", when(p.last_sent_at, never))
                .replace("%3", when(p.last_received_at, never))
                .replace("%4", self._peer_state(p)) for p in peers))
        else:
            self.peers.setText(self.tr("No trusted workstations yet: paste the identity line "
                                       "of the program office or of another workstation with "
                                       "“Trust a workstation…”."))
        self.warnings.setText("\n".join(warnings))
        self.restamp_button.setVisible(bool(warnings))
        self.identity.setText(identity_line)
        self.identity.setCursorPosition(0)

    def _peer_state(self, p: api.PeerStatus) -> str:
        if p.last_sent_at is None and p.last_received_at is None:
            first = self.tr("nothing exchanged yet") + "; "
        elif p.unacknowledged:
            first = self.tr("%n changes sent, not yet acknowledged", "", p.unacknowledged) + "; "
        else:
            first = ""
        return first + (self.tr("%n changes it lacks", "", p.lacking) if p.lacking
                        else self.tr("up to date"))

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
            return api.export_bundle(db, path, progress=progress_callback(progress))

        run_op(self, work, label=self.tr("Exporting the bundle…"),
               on_success=lambda result: self._done(self.tr("Exported to %1")
                                                    .replace("%1", str(path)), result))

    def _done(self, headline: str, result: Any) -> None:
        self.last_result = result
        self.result.setText(f"{headline}\n{self._result_words(result)}".strip())
        self.refresh()

    def _bundle_words(self, info: api.BundleInfo) -> str:
        """What a bundle is, before it is imported: who made it and when, whether its
        signature holds, what it carries and what of that is new here."""
        made = info.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        lines = [self.tr("From %1, made %2.").replace("%1", info.sender_name).replace("%2", made)]
        if not info.signature_valid:
            lines.append(self.tr("Its signature does not hold: it was altered or is not "
                                 "from the workstation it names."))
        elif not info.trusted:
            lines.append(self.tr("Signed, but not by a workstation trusted here."))
        else:
            lines.append(self.tr("Signed by a trusted workstation."))
        lines.append(self.tr("%n changes, %1 of them new here.", "", info.changes)
                     .replace("%1", str(info.new_changes)))
        if info.problem:
            lines.append(self.tr("Problem: %1").replace("%1", info.problem))
        if self.advanced_box.isChecked() and info.ranges:
            lines.append(self.tr("Carries: %1").replace("%1", "; ".join(
                f"{origin} {ranges}" for origin, ranges in info.ranges.items())))
        return "\n".join(lines)

    def _result_words(self, result: Any) -> str:
        """An import's or an export's outcome in sentences a facilitator reads."""
        if isinstance(result, api.ImportResult):
            lines = [self.tr("%n new changes from %1", "", result.received)
                     .replace("%1", result.sender_name)
                     + (self.tr(" (%n already here)", "", result.already_held)
                        if result.already_held else "") + "."]
            if result.rows_added:
                lines.append(self.tr("Added: %1.").replace("%1", records_words(result.rows_added)))
            if result.rows_changed:
                lines.append(self.tr("Changed: %1.")
                             .replace("%1", records_words(result.rows_changed)))
            if result.conflicts:
                lines.append(self.tr("%n conflicts put aside for you to review below.", "",
                                     result.conflicts))
            if result.parked:
                lines.append(self.tr("%n changes stamped too far ahead wait until their "
                                     "workstation's clock is repaired.", "", result.parked))
            for author, seqs in sorted(result.two_versions.items()):
                lines.append(self.tr("%n changes of %1 left out: %1 signed them in two "
                                     "versions (forgery or a bug); the version held here "
                                     "is kept.", "", len(seqs)).replace("%1", author))
            return "\n".join(lines)
        if isinstance(result, api.ExportResult):
            text = self.tr("%n changes for %1.", "", result.changes).replace(
                "%1", ", ".join(result.recipients))
            if result.more:
                text += " " + self.tr("More are left for another bundle: export again.")
            return text
        return ""

    # --- import ---------------------------------------------------------------------

    def choose_import(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Import bundles"),
                                                str(Path.home()), BUNDLE_FILTER)
        if len(names) == 1:
            self.import_bundle(Path(names[0]))
        elif names:
            self.import_many([Path(n) for n in names])

    def choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(
            self, self.tr("Import every bundle in a folder"), str(Path.home()))
        if name:
            self.import_many([Path(name)])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and dropped_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_many(paths)

    def import_many(self, paths: list[Path]) -> None:
        """Files and folders: every bundle once, in the order ``clinicapp import-bundle
        DIR`` uses (by sender, then date), in the background; one line each after."""
        db = self.ctx.db
        run_op(self, lambda: inbox.import_many(db, paths), label=self.tr("Importing bundles…"),
               on_success=self._many_done)

    def _many_done(self, outcomes: list[inbox.Outcome]) -> None:
        words = {"imported": self.tr("Imported"), "nothing_new": self.tr("Nothing new"),
                 "skipped": self.tr("Skipped"), "refused": self.tr("Refused")}
        self.last_outcomes = outcomes

        def line(o: inbox.Outcome) -> str:
            if o.status == "imported" and o.result is not None:  # said as for one bundle
                return self.tr("Imported %1: %2").replace("%1", o.path.name).replace(
                    "%2", " ".join(self._result_words(o.result).splitlines()))
            return f"{words.get(o.status, o.status)}: {o.message}"

        self.result.setText("\n".join(line(o) for o in outcomes)
                            or self.tr("No bundles found there."))
        self.refresh()

    def import_bundle(self, path: Path, confirm: bool = True) -> None:
        """Inspect first, show what the bundle is, ask, then import in the background."""
        db = self.ctx.db
        run_op(self, lambda: api.inspect_bundle(db, path), label=self.tr("Checking the bundle…"),
               on_success=lambda info: self._inspected(path, info, confirm))

    def _inspected(self, path: Path, info: api.BundleInfo, confirm: bool) -> None:
        self.last_info = info
        lines = self._bundle_words(info)
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
            return api.import_bundle(db, path, progress=progress_callback(progress))

        run_op(self, work, label=self.tr("Importing the bundle…"),
               on_success=lambda result: self._done(self.tr("Imported %1")
                                                    .replace("%1", path.name), result))

    # --- conflicts ------------------------------------------------------------------

    def resolve(self, keep: str) -> None:
        """Keep, use the other value, or restore: for a record deleted while changed
        elsewhere "keep" keeps it deleted; each choice applies to the conflicts it fits."""
        fitting = {"kept": {"edit": "kept", "delete": "keep_deleted"},
                   "lost": {"edit": "lost"}, "restore": {"delete": "restore"}}[keep]
        wanted = [(c.id, fitting[c.kind]) for c in self.selected_conflicts()
                  if c.kind in fitting]
        if not wanted:
            return
        db = self.ctx.db

        def work() -> None:
            for conflict_id, choice in wanted:
                api.resolve_conflict(db, conflict_id, keep=choice)

        run_op(self, work, on_success=lambda _r: self.refresh())
