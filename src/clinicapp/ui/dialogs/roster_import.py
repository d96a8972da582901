"""Import a roster from CSV: preview every row with its error, then import the valid ones.

The preview is the service's own dry run (``apply=False``), so what the table calls valid
is exactly what the import will write; the import itself is one transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinicapp.core.services import roster
from clinicapp.core.services._common import Page as ResultPage
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.screen_fit import fit_screen
from clinicapp.ui.dialogs.whole_text import keep_wrapped_text_whole
from clinicapp.ui.error_text import error_text, rule_text
from clinicapp.ui.models.paged import Column, PagedTableModel
from clinicapp.ui.ops import run_op
from clinicapp.ui.widgets.fields import TextArea
from clinicapp.ui.widgets.tables import RecordTable


def _count(value: Any) -> int:
    return value if isinstance(value, int) else len(value or ())


class RosterImportDialog(QDialog):
    def __init__(self, ctx: AppContext, group_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.group_id = ctx, group_id
        self.setWindowTitle(self.tr("Import roster from CSV"))
        keep_wrapped_text_whole(self)
        self.preview_result: Any = None
        self.import_result: Any = None
        self.choose_button = QPushButton(self.tr("&Choose file…"), self)
        self.file_label = QLabel(self.tr("or paste the rows below (first line: column "
                                         "names)"), self)
        self.text = TextArea(self, 5)
        self.text.setAccessibleName(self.tr("CSV text"))
        text_label = QLabel(self.tr("CS&V:"), self)
        text_label.setBuddy(self.text)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.model: PagedTableModel[Any] = PagedTableModel(
            [], None, self, row_id=lambda r: str(r.line), emphasis=lambda r: bool(r.error))
        self.table = RecordTable(self, self.tr("Preview"))
        self.table.setModel(self.model)
        self.table.set_empty_state(
            self.tr("Choose a file or paste the rows above. Each row shows here with what "
                    "is wrong in it, if anything, before anything is imported."))
        preview_label = QLabel(self.tr("&Preview:"), self)
        preview_label.setBuddy(self.table)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(
            self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.file_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(text_label)
        layout.addWidget(self.text)
        layout.addWidget(preview_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        fit_screen(self, 1000, 600)  # the problems need room

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.preview)
        self.text.textChanged.connect(self._debounce.start)
        self.choose_button.clicked.connect(self.choose_file)
        self._generation = 0
        self.valid_count = 0

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Roster file"), "", self.tr("CSV files (*.csv);;All files (*)"))
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> None:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            QMessageBox.warning(self, self.windowTitle(),
                                self.tr("Cannot read %1: %2").replace("%1", path.name)
                                .replace("%2", exc.strerror or str(exc)))
            return
        # Spreadsheets save UTF-8 with a BOM, or Windows-1252 on older Windows.
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        self.file_label.setText(path.name)
        self.text.setPlainText(text)
        self.preview()

    # --- preview and import -------------------------------------------------------

    def preview(self) -> None:
        self._debounce.stop()
        self._generation += 1
        generation, text = self._generation, self.text.toPlainText()
        self.import_button.setEnabled(False)
        if not text.strip():
            self._show_preview(generation, None)
            return
        db, group_id = self.ctx.db, self.group_id
        run_op(self, lambda: roster.import_roster_csv(db, group_id, text, apply=False),
               on_success=lambda result: self._show_preview(generation, result),
               on_failure=lambda exc: self._preview_failed(generation, exc))

    def _preview_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.summary.setText(error_text(exc))
            self.model.set_fetch(None)

    def _show_preview(self, generation: int, result: Any) -> None:
        if generation != self._generation:
            return
        self.preview_result = result
        rows = list(result.rows) if result is not None else []
        keys: list[str] = []
        for row in rows:
            for key in (row.values or {}):
                if key not in keys:
                    keys.append(key)
        columns: list[Column[Any]] = [Column(self.tr("Line"), lambda r: r.line,
                                             align_right=True)]
        headings = self.headings()
        columns += [Column(headings.get(key, key), lambda r, key=key: (r.values or {})
                           .get(key, "")) for key in keys]
        columns.append(Column(self.tr("Problem"), self.problem_text,
                              tooltip=self.problem_text))
        self.model.set_columns(columns)
        # The problem takes the room left: it is what the preview is for. A phone or
        # licence number shows whole (9 characters cut "819-555-0101" short), the problem
        # keeping the rest of a 1000-pixel dialog.
        room = {"full_name": 16, "email": 18, "role": 12, "phone": 12, "licence_number": 12}
        widths = [5] + [room.get(key, 9) for key in keys] + [36]
        self.table.fit_columns(widths, stretch=len(widths) - 1)
        self.model.set_fetch(lambda offset, limit: ResultPage(
            items=rows[offset:offset + limit], offset=offset, total=len(rows)))
        valid = sum(1 for r in rows if not r.error)
        bad = len(rows) - valid
        self.valid_count = valid
        if result is None:
            self.summary.setText("")
        else:
            self.summary.setText(" ".join((
                self.tr("%n rows:", "", len(rows)), self.tr("%n valid,", "", valid),
                self.tr("%n with a problem (shown in the last column; they will be "
                        "skipped).", "", bad))) if bad else
                self.tr("%n rows, all valid.", "", len(rows)))
        self.import_button.setText(self.tr("&Import %n valid rows", "", valid))
        self.import_button.setEnabled(valid > 0)

    def problem_text(self, row: Any) -> str:
        """A row's problem in the interface language, its column named by its heading."""
        problem = getattr(row, "problem", None)
        if problem is None:
            return ""
        rule = rule_text(problem)
        column = self.headings().get(row.column) if row.column else None
        # The column of the roster file, then what is wrong in it.
        if not column:  # a problem of the whole row: a sentence of its own
            return rule[:1].upper() + rule[1:]
        return self.tr("%1: %2").replace("%1", column).replace("%2", rule)

    def headings(self) -> dict[str, str]:
        """The interface's words for the columns a roster file may have."""
        return {
            "full_name": self.tr("Name"),
            "role": self.tr("Role"),
            "profession_detail": self.tr("Profession detail"),
            "email": self.tr("Email"),
            "phone": self.tr("Phone"),
            "licence_number": self.tr("Licence / CFPC number"),
            "facilitator": self.tr("Facilitator"),
        }

    def apply(self) -> None:
        db, group_id, text = self.ctx.db, self.group_id, self.text.toPlainText()
        self.import_button.setEnabled(False)
        run_op(self, lambda: roster.import_roster_csv(db, group_id, text, apply=True),
               on_success=self._imported, label=self.tr("Importing the roster…"),
               on_failure=self._import_failed)

    def _import_failed(self, exc: BaseException) -> None:
        from clinicapp.ui.ops import show_error

        self.import_button.setEnabled(self.valid_count > 0)
        show_error(self, exc)

    def _imported(self, result: Any) -> None:
        self.import_result = result
        message = " ".join((
            self.tr("%n new members created,", "", _count(result.created)),
            self.tr("%n added to the group,", "", _count(result.added)),
            self.tr("%n rows skipped.", "", _count(result.errors))))
        self.summary.setText(message)
        self.accept()
