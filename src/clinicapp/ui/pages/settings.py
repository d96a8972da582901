"""Settings: data location, backups, language, every declared workstation setting
(generated from ``core.settings.SETTINGS``), keys and unlocking, and the audit trail."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QLocale, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clinicapp.core.errors import ClinicAppError
from clinicapp.core.keys import workstation
from clinicapp.core.keys.keystore import Keystore
from clinicapp.core.models import MODEL_BY_TABLE, AuditEntry
from clinicapp.core.services import audit, backups, settings
from clinicapp.core.sync import remote
from clinicapp.ui import i18n
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.passphrase import ChangePassphraseDialog, NewRecoveryKeyDialog
from clinicapp.ui.models.paged import Column, PagedTableModel
from clinicapp.ui.ops import run_op, show_error
from clinicapp.ui.pages.base import Page
from clinicapp.ui.widgets.tables import RecordTable

# Sync internals: under "Advanced", apart from what a facilitator sets.
ADVANCED = ("max_clock_drift_hours", "resend_after_days")


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row


class SettingsPage(Page):
    key: ClassVar[str] = "settings"
    shows: ClassVar[frozenset[str]] = frozenset({"audit_entries", "bundle_records"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.editors: dict[str, QWidget] = {}
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(self._data_box())
        column.addWidget(self._server_box())
        column.addWidget(self._backup_box())
        column.addWidget(self._language_box())
        column.addWidget(self._settings_box())
        column.addWidget(self._keys_box())
        column.addWidget(self._audit_box())
        column.addWidget(self._advanced_box())
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def title(self) -> str:
        return self.tr("Settings")

    # --- data and backups ----------------------------------------------------------

    def _data_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Data location"))
        form = QFormLayout(box)
        self.data_dir = _path_field(self.ctx.paths.data_dir)
        form.addRow(self.tr("Data folder:"), self.data_dir)
        form.addRow(self.tr("Logs:"), _path_field(self.ctx.paths.log_dir))
        open_button = QPushButton(self.tr("&Open data folder"))
        open_button.clicked.connect(lambda: QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(self.ctx.paths.data_dir))))
        form.addRow("", open_button)
        moving = QLabel(self.tr("To move the data, start ClinicApp with --data-dir "
                                "or set CLINICAPP_DATA_DIR."))
        moving.setWordWrap(True)
        form.addRow("", moving)
        return box

    def _server_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Central server"))
        layout = QVBoxLayout(box)
        self.server_state = QLabel()
        self.server_state.setWordWrap(True)
        self.server_state.setAccessibleName(self.tr("Central server"))
        self.connect_button = QPushButton(self.tr("Connect to a &central server…"))
        self.connect_button.clicked.connect(self.connect_server)
        layout.addWidget(self.server_state)
        layout.addLayout(_row(self.connect_button))
        self._show_server()
        return box

    def _show_server(self) -> None:
        link = remote.load(self.ctx.db)
        self.connect_button.setEnabled(link is None)
        self.server_state.setText(
            self.tr("Connected to %1 (fingerprint %2).").replace("%1", link.url)
            .replace("%2", link.fingerprint) if link else
            self.tr("Not connected: this workstation exchanges bundle files only."))

    def connect_server(self) -> None:
        from clinicapp.ui.dialogs.connect_server import ConnectServerDialog

        dialog = ConnectServerDialog(self.ctx, self)
        dialog.finished.connect(lambda _code: self._show_server())
        dialog.open()

    def _backup_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Backups"))
        layout = QVBoxLayout(box)
        explanation = QLabel(self.tr("Backups are encrypted with the same key as the data; "
                                     "they open only on this workstation's keystore."))
        explanation.setWordWrap(True)  # a long line made the whole page scroll sideways
        layout.addWidget(explanation)
        self.backups = QListWidget()
        self.backups.setAccessibleName(self.tr("Backups"))
        self.backups.setMaximumHeight(160)
        # The hint shown before the first backup is a sentence: it wraps (in French it
        # scrolled sideways at 800 pixels); backup names are short.
        self.backups.setWordWrap(True)
        self.backups.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.backups.setResizeMode(QListWidget.ResizeMode.Adjust)
        layout.addWidget(self.backups)
        self.backup_button = QPushButton(self.tr("&Back up now"))
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(self.tr("&Restore the selected backup…"))
        self.restore_button.clicked.connect(self.restore_selected)
        layout.addLayout(_row(self.backup_button, self.restore_button))
        self._list_backups()
        return box

    def _list_backups(self) -> None:
        self.backups.clear()
        folder = self.ctx.paths.backups
        files = sorted(folder.glob("clinicapp-*.db"), reverse=True) if folder.exists() else []
        for path in files:
            size = path.stat().st_size / 1_000_000
            item = QListWidgetItem(f"{path.name}  ({size:.1f} MB)")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.backups.addItem(item)
        if not files:  # what to do next, not a blank box (the line cannot be chosen)
            hint = QListWidgetItem(self.tr("No backup yet: press “Back up now” to make one.\n"
                                           "ClinicApp also makes them on its own."))
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
            self.backups.addItem(hint)
        self.restore_button.setEnabled(bool(files))

    def backup_now(self) -> None:
        db = self.ctx.db

        def work() -> Path:
            return backups.back_up(db)

        self.backup_button.setEnabled(False)
        run_op(self, work, label=self.tr("Backing up…"), on_success=self._backed_up,
               on_failure=self._backup_failed)

    def _backed_up(self, path: Path) -> None:
        self.backup_button.setEnabled(True)
        self._list_backups()
        self.status_message.emit(self.tr("Backed up to %1").replace("%1", path.name))

    def _backup_failed(self, exc: BaseException) -> None:
        self.backup_button.setEnabled(True)
        show_error(self, exc)

    def restore_selected(self) -> None:
        item = self.backups.currentItem()
        if item is None or not item.data(Qt.ItemDataRole.UserRole):
            QMessageBox.information(self, self.tr("Restore"),
                                    self.tr("Choose a backup in the list first."))
            return
        source = Path(item.data(Qt.ItemDataRole.UserRole))
        answer = QMessageBox.question(
            self, self.tr("Restore a backup"),
            self.tr("Replace all data on this workstation with the backup “%1”?\n\n"
                    "Everything entered since then is replaced. A backup of the present "
                    "data is made first, so this can be undone.").replace("%1", source.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        db = self.ctx.db

        def work() -> Path:
            return backups.restore(db, source)

        run_op(self, work, label=self.tr("Restoring…"), on_success=self._restored)

    def _restored(self, safety: Path) -> None:
        self._list_backups()
        # The whole database changed under every page: all of them reload.
        self.ctx.events.notify(frozenset(MODEL_BY_TABLE))
        QMessageBox.information(self, self.tr("Restore"), self.tr(
            "The backup was restored. The data from before is kept in %1.")
            .replace("%1", safety.name))

    # --- language and declared settings -----------------------------------------------

    def _language_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Language"))
        form = QFormLayout(box)
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Interface language"))
        self.language.addItem(self.tr("Follow the system"), i18n.SYSTEM)
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.chosen(self.ctx.paths))))
        self.language.currentIndexChanged.connect(self._language_chosen)
        form.addRow(self.tr("&Language:"), self.language)
        self.language_note = QLabel()
        form.addRow("", self.language_note)
        return box

    def _language_chosen(self) -> None:
        i18n.choose(self.ctx.paths, self.language.currentData())
        self.language_note.setText(self.tr("The new language applies when ClinicApp restarts."))

    def _settings_box(self) -> QGroupBox:
        return self._settings_group(self.tr("Workstation settings"),
                                    [n for n in settings.SETTINGS if n not in ADVANCED])

    def _advanced_box(self) -> QGroupBox:
        box = self._settings_group(self.tr("Advanced: sync between workstations"), ADVANCED)
        note = QLabel(self.tr("Leave these as they are unless the program office asks you "
                              "to change them."))
        note.setWordWrap(True)
        form = box.layout()
        assert isinstance(form, QFormLayout)
        form.insertRow(0, note)
        return box

    def _settings_group(self, title: str, names: Sequence[str]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        with self.ctx.db.read() as session:
            values = settings.get_all(session)
        labels = self.setting_labels()
        for name in names:
            setting = settings.SETTINGS[name]
            editor = self._editor(setting, values[name])
            editor.setToolTip(setting.help)
            editor.setAccessibleName(labels.get(name, name))
            editor.setAccessibleDescription(setting.help)
            self.editors[name] = editor
            # "%1:" is translated: French puts a space before the colon.
            form.addRow(self.tr("%1:").replace("%1", labels.get(name, name)), editor)
        return box

    def setting_labels(self) -> dict[str, str]:
        return {
            "organisation_name": self.tr("Organisation name"),
            "credit_rounding_step": self.tr("Credit rounding step"),
            "followup_months": self.tr("Commitment follow-up (months)"),
            "idle_lock_minutes": self.tr("Lock when idle (minutes)"),
            "max_clock_drift_hours": self.tr("Maximum clock drift (hours)"),
            "resend_after_days": self.tr("Resend unacknowledged changes after (days)"),
            "backup_keep": self.tr("Automatic backups kept"),
            "retention_years": self.tr("Keep attendance at least (years)"),
            "small_count_threshold": self.tr("Suppress counts below"),
            "time_zone": self.tr("Clinic time zone"),
        }

    def _editor(self, setting: settings.Setting, value: Any) -> QWidget:
        name = setting.name
        if setting.choices:
            combo = QComboBox()
            for choice in setting.choices:
                combo.addItem(QLocale().toString(choice, "g", 6) if isinstance(choice, float)
                              else str(choice), choice)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.currentIndexChanged.connect(lambda _i: self.save(name, combo.currentData()))
            return combo
        if setting.type is bool:
            box = QCheckBox()
            box.setChecked(bool(value))
            box.toggled.connect(lambda on: self.save(name, on))
            return box
        if setting.type is int:
            spin = QSpinBox()
            spin.setRange(int(setting.minimum or 0), int(setting.maximum or 1_000_000))
            spin.setValue(int(value))
            spin.editingFinished.connect(lambda: self.save(name, spin.value()))
            return spin
        if setting.type is float:
            dspin = QDoubleSpinBox()
            dspin.setDecimals(2)
            dspin.setRange(setting.minimum or 0.0, setting.maximum or 1e6)
            dspin.setValue(float(value))
            dspin.editingFinished.connect(lambda: self.save(name, dspin.value()))
            return dspin
        line = QLineEdit(str(value))
        line.editingFinished.connect(lambda: self.save(name, line.text()))
        return line

    def save(self, name: str, value: Any) -> None:
        """Each setting saves as soon as it is edited, like every field in ClinicApp."""
        try:
            if settings.change(self.ctx.db, name, value) is None:
                return  # unchanged: nothing written, nothing to announce
        except ClinicAppError as exc:
            show_error(self, exc)
            return
        # Local settings are not synced rows, so no commit announces them: say it here
        # (the idle lock, for one, follows its setting at once).
        self.ctx.events.changed.emit(frozenset({"local_settings"}))
        self.status_message.emit(self.tr("Saved."))

    # --- keys ---------------------------------------------------------------------

    def _keys_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Passphrase and recovery key"))
        layout = QVBoxLayout(box)
        change = QPushButton(self.tr("&Change the workstation passphrase…"))
        change.clicked.connect(lambda: ChangePassphraseDialog(self.ctx, self).exec())
        replace = QPushButton(self.tr("Replace the recovery &key…"))
        replace.clicked.connect(self.replace_recovery_key)
        layout.addLayout(_row(change, replace))
        self.os_unlock = QCheckBox(self.tr(
            "Unlock &automatically for this computer account (system credential store)"))
        self.os_unlock.setChecked(bool(self._keystore().data.get("os_credential")))
        self.os_unlock.toggled.connect(self.set_os_unlock)
        layout.addWidget(self.os_unlock)
        return box

    def _keystore(self) -> Keystore:
        return Keystore.load(self.ctx.paths.keystore)

    def replace_recovery_key(self) -> None:
        answer = QMessageBox.question(
            self, self.tr("Replace the recovery key"),
            self.tr("The old recovery key stops working at once. Make a new one?"))
        if answer == QMessageBox.StandardButton.Yes:
            code = workstation.replace_recovery_key(self.ctx.db)
            NewRecoveryKeyDialog(code, self).exec()

    def set_os_unlock(self, on: bool) -> None:
        try:
            workstation.set_os_unlock(self.ctx.db, on)
        except Exception as exc:  # no credential store on this system
            self.os_unlock.blockSignals(True)
            self.os_unlock.setChecked(not on)
            self.os_unlock.blockSignals(False)
            QMessageBox.warning(self, self.tr("Credential store"), self.tr(
                "This computer's credential store cannot be used (%1). The passphrase "
                "still works.").replace("%1", type(exc).__name__))

    # --- audit trail ----------------------------------------------------------------

    def _audit_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Audit trail"))
        # What each recorded action code means, in the interface language.
        self._action_names = {
            "export_bundle": self.tr("Bundle exported"),
            "import_bundle": self.tr("Bundle imported"),
            "refused_bundle": self.tr("Bundle refused"),
            "sync": self.tr("Synchronised"),
            "export_csv": self.tr("CSV exported"),
            "print_report": self.tr("Report saved"),
            "unlock_failed": self.tr("Wrong passphrase"),
            "backup": self.tr("Backup made"),
            "restore": self.tr("Backup restored"),
            "journal_opened": self.tr("Journal opened"),
            "demo_data": self.tr("Demo data added"),
            "journal_passphrase_changed": self.tr("Journal passphrase changed"),
            "journal_recovery_replaced": self.tr("Journal recovery code replaced"),
            "passphrase_changed": self.tr("Workstation passphrase changed"),
            "recovery_key_replaced": self.tr("Recovery key replaced"),
            "setting_changed": self.tr("Setting changed"),
            "os_unlock_on": self.tr("Automatic unlock turned on"),
            "os_unlock_off": self.tr("Automatic unlock turned off"),
        }
        layout = QVBoxLayout(box)
        db = self.ctx.db
        columns: list[Column[AuditEntry]] = [
            Column(self.tr("When"), lambda e: e.at.astimezone().strftime("%Y-%m-%d %H:%M")),
            Column(self.tr("Who"), lambda e: e.actor),
            Column(self.tr("Action"), lambda e: self._action_names.get(e.action, e.action)),
            Column(self.tr("Detail"), lambda e: e.detail),
        ]
        self.audit_model: PagedTableModel[AuditEntry] = PagedTableModel(
            columns, lambda offset, limit: audit.list_entries(db, offset, limit), self)
        self.audit_table = RecordTable(self, self.tr("Audit trail"))
        self.audit_table.setModel(self.audit_model)
        self.audit_table.setMinimumHeight(220)
        layout.addWidget(self.audit_table)
        return box

    def self_test_dialogs(self) -> list[QWidget]:
        return [ChangePassphraseDialog(self.ctx, self)]

    def refresh(self) -> None:
        self._list_backups()
        self.audit_model.reload()


def _path_field(path: Path) -> QLineEdit:
    """A folder's path, whole, to read and copy: a label would be as wide as its longest
    path (no spaces to wrap at) and make the page scroll sideways; a read-only field
    keeps the page's width and scrolls its own text (the whole path also as a tooltip)."""
    field = QLineEdit(str(path))
    field.setReadOnly(True)
    field.setFrame(False)
    field.setToolTip(str(path))
    field.setCursorPosition(0)  # the path's start shows first
    shade = field.palette()
    shade.setColor(QPalette.ColorRole.Base, shade.color(QPalette.ColorRole.Window))
    field.setPalette(shade)  # read as a label, not as a box to type in
    return field
