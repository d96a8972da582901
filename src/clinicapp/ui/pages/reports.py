"""Reports: pick a report, who or what it is about and the period; preview its figures and
a chart; save it as PDF, CSV or (for planned sessions) an .ics calendar.

Figures are computed and files written in the background (``ops.run_op``) with progress,
so a five-year division report never freezes the window.
"""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QDate, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from clinicapp.core.errors import ClinicAppError
from clinicapp.core.reports import activity, lookup, output
from clinicapp.core.reports.charts import Chart
from clinicapp.core.reports.period import Period
from clinicapp.core.reports.suppression import Suppressed
from clinicapp.core.reports.tables import Words
from clinicapp.core.rules import credits as rules
from clinicapp.core.sync import clock
from clinicapp.printing import pdf
from clinicapp.printing.jobs import (
    CALENDAR,
    CERTIFICATES,
    DIVISION,
    GROUP,
    STATEMENT,
    Built,
    Choice,
    build,
)
from clinicapp.ui.context import AppContext
from clinicapp.ui.error_text import error_text
from clinicapp.ui.ops import Progress, run_op, show_error
from clinicapp.ui.pages.base import Page
from clinicapp.ui.widgets.fields import DateEdit
from clinicapp.ui.widgets.labels import label as ui_label

RELEASE_MS = 2000


def qt_chart(data: Chart) -> QChart:
    """The preview chart, drawn by Qt Charts from the same points as the PDF's."""
    chart = QChart()
    chart.setTitle(data.title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    series = QBarSeries()
    top = 0.0
    for s in data.series:
        bars = QBarSet(s.name)
        for value in s.values:  # a withheld figure is drawn as no bar
            number = 0.0 if value is None or isinstance(value, Suppressed) else float(value)
            bars.append(number)
            top = max(top, number)
        series.append(bars)
    chart.addSeries(series)
    axis_x = QBarCategoryAxis()
    axis_x.append(data.categories)
    if len(data.categories) > 8:  # months or quarters of a long period: labels stand up
        axis_x.setLabelsAngle(-90)
        font = axis_x.labelsFont()
        font.setPointSizeF(max(6.0, font.pointSizeF() - 2))
        axis_x.setLabelsFont(font)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis_x)
    axis_y = QValueAxis()
    axis_y.setRange(0, max(1.0, top))
    axis_y.applyNiceNumbers()
    axis_y.setLabelFormat("%g")
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_y)
    chart.legend().setVisible(len(data.series) > 1)
    return chart


class ReportsPage(Page):
    key: ClassVar[str] = "reports"
    shows: ClassVar[frozenset[str]] = frozenset({
        "members", "groups", "sessions", "attendance", "evaluations", "commitments",
        "action_items", "action_plans", "local_settings"})

    report_built = Signal(object)  # Built: for tests and the status line
    report_saved = Signal(object)  # list[Path]

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.kind = QComboBox(self)
        for text, value in ((self.tr("Credit statement"), STATEMENT),
                            (self.tr("Attendance certificates"), CERTIFICATES),
                            (self.tr("Group report"), GROUP),
                            (self.tr("Division report"), DIVISION),
                            (self.tr("Calendar of planned sessions"), CALENDAR)):
            self.kind.addItem(text, value)
        self.member = self._combo(self.tr("Member"))
        self.group = self._combo(self.tr("Group"))
        self.division = self._combo(self.tr("Division"))
        self.session = self._combo(self.tr("Session"))
        self.participant = self._combo(self.tr("Participant"))
        self.preset = QComboBox(self)
        for text, value in ((self.tr("This credit year (1 July – 30 June)"), "credit_year"),
                            (self.tr("Last credit year"), "last_credit_year"),
                            (self.tr("Last five credit years (the Mainpro+ cycle)"), "cycle"),
                            (self.tr("This calendar year"), "calendar_year"),
                            (self.tr("Custom dates"), "custom")):
            self.preset.addItem(text, value)
        self.first, self.last = DateEdit(self), DateEdit(self)
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.paper = QComboBox(self)
        self.paper.addItem(self.tr("Letter (8.5 × 11 in)"), "letter")
        self.paper.addItem(self.tr("A4 (210 × 297 mm)"), "a4")
        self.paper.setCurrentIndex(self.paper.findData(pdf.default_paper()))

        self.form = QFormLayout()
        self.form.addRow(self.tr("&Report:"), self.kind)
        self.form.addRow(self.tr("&Member:"), self.member)
        self.form.addRow(self.tr("&Group:"), self.group)
        self.form.addRow(self.tr("&Division:"), self.division)
        self.form.addRow(self.tr("&Session:"), self.session)
        self.form.addRow(self.tr("P&articipant:"), self.participant)
        self.form.addRow(self.tr("&Period:"), self.preset)
        dates = QHBoxLayout()
        dates.addWidget(self.first)
        dates.addWidget(QLabel(self.tr("to"), self))
        dates.addWidget(self.last)
        dates.addStretch(1)
        self.form.addRow(self.tr("Dates:"), dates)
        self.form.addRow(self.tr("Pap&er:"), self.paper)

        self.preview_button = QPushButton(self.tr("&Preview"), self)
        self.pdf_button = QPushButton(self.tr("Save P&DF…"), self)
        self.csv_button = QPushButton(self.tr("Save &CSV…"), self)
        self.ics_button = QPushButton(self.tr("Save calendar (.&ics)…"), self)
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.pdf_button, self.csv_button, self.ics_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.message = QLabel(self)
        self.message.setWordWrap(True)

        self.chart_view = QChartView(self)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(260)
        self.preview = QTextBrowser(self)
        self.preview.setOpenLinks(False)
        self.preview.document().setDefaultStyleSheet(pdf.STYLE)  # as printed
        # What to do, as the box's first text (Qt draws a placeholder on one line, cut
        # at the box's edge in a small window); the first preview replaces it.
        hint = self.tr(
            "Choose a report and its period above, then press Preview: its figures show "
            "here before you save or print it.")
        shade = self.preview.palette().placeholderText().color()  # the text, half seen
        self.preview.setHtml(
            f'<p style="color: rgba({shade.red()}, {shade.green()}, {shade.blue()}, '
            f'{shade.alpha()})">{html.escape(hint)}</p>')
        self.chart_view.hide()  # until a preview has a chart to show
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.chart_view)
        splitter.addWidget(self.preview)
        splitter.setSizes([260, 440])

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.session.currentIndexChanged.connect(lambda _i: self._load_participants())
        self.preset.currentIndexChanged.connect(lambda _i: self._apply_preset())
        self.first.dateChanged.connect(self._dates_edited)
        self.last.dateChanged.connect(self._dates_edited)
        self.preview_button.clicked.connect(lambda: self.show_preview())
        self.pdf_button.clicked.connect(lambda: self.ask_and_save("pdf"))
        self.csv_button.clicked.connect(lambda: self.ask_and_save("csv"))
        self.ics_button.clicked.connect(lambda: self.ask_and_save("ics"))
        self._setting_dates = False
        self._ops: list[Progress | None] = []  # kept until their worker is done with them
        self._last_kind = ""
        self._apply_preset()
        self._kind_changed()

    def title(self) -> str:
        return self.tr("Reports")

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.setEditable(True)  # type part of a name to find it
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = combo.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        combo.setMinimumContentsLength(40)
        return combo

    def words(self) -> Words:
        return pdf.qt_words(ui_label)

    # --- choices ----------------------------------------------------------------------

    def refresh(self) -> None:
        db = self.ctx.db

        def load() -> dict[str, list[tuple[str, str]]]:
            return {"member": lookup.member_choices(db), "group": lookup.group_choices(db),
                    "division": [(d, d) for d in activity.division_names(db)],
                    "session": lookup.completed_session_choices(db)}

        run_op(self, load, on_success=self._fill)

    def _fill(self, choices: dict[str, list[tuple[str, str]]]) -> None:
        everyone = [(self.tr("All participants"), "")]
        all_groups = [(self.tr("All groups"), "")]
        for combo, items in ((self.member, choices["member"]),
                             (self.group, all_groups + choices["group"]),
                             (self.division, all_groups + choices["division"]),
                             (self.session, choices["session"]),
                             (self.participant, everyone)):
            kept = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for text, value in items:
                combo.addItem(text, value)
            index = combo.findData(kept) if kept is not None else -1
            combo.setCurrentIndex(index if index >= 0 else (0 if items else -1))
            combo.blockSignals(False)
        if self.group.count() > 1 and self.group.currentIndex() == 0:
            self.group.setCurrentIndex(1)  # a group report is about one group
        self._load_participants()

    def _load_participants(self) -> None:
        """Offer, for one certificate, only the people present at the chosen session."""
        session_id, db = self.session.currentData(), self.ctx.db
        if not session_id:
            return

        def loaded(people: list[tuple[str, str]]) -> None:
            if self.session.currentData() != session_id:
                return  # another session was chosen meanwhile
            self.participant.clear()
            self.participant.addItem(self.tr("All participants"), "")
            for name, member_id in people:
                self.participant.addItem(name, member_id)

        run_op(self, lambda: lookup.participant_choices(db, session_id), on_success=loaded)

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        rows = {self.member: kind == STATEMENT, self.group: kind in (GROUP, CALENDAR),
                self.division: kind == DIVISION, self.session: kind == CERTIFICATES,
                self.participant: kind == CERTIFICATES,
                self.preset: kind != CERTIFICATES, self.paper: kind != CALENDAR}
        for widget, visible in rows.items():
            self.form.setRowVisible(widget, visible)
        self.form.setRowVisible(self.form.rowCount() - 2, kind != CERTIFICATES)
        self.pdf_button.setVisible(kind != CALENDAR)
        self.csv_button.setVisible(kind != CALENDAR)
        self.ics_button.setVisible(kind == CALENDAR)
        if kind != CALENDAR and self._last_kind == CALENDAR:
            self.preset.setCurrentIndex(self.preset.findData("credit_year"))  # not the future
            self._apply_preset()
        self._last_kind = kind
        if kind == CALENDAR:
            self._set_dates(clock.today(), date(clock.today().year + 1, 12, 31))
            self.preset.setCurrentIndex(self.preset.findData("custom"))
            self.group.setCurrentIndex(0)  # every group's sessions, unless narrowed
        elif kind == GROUP and self.group.currentIndex() == 0 and self.group.count() > 1:
            self.group.setCurrentIndex(1)  # a group report is about one group

    def _apply_preset(self) -> None:
        today = clock.today()
        year = rules.credit_year_start(today)
        preset = self.preset.currentData()
        if preset == "credit_year":
            self._set_dates(rules.credit_year_bounds(year)[0], today)
        elif preset == "last_credit_year":
            self._set_dates(*rules.credit_year_bounds(year - 1))
        elif preset == "cycle":
            self._set_dates(rules.credit_year_bounds(year - rules.CYCLE_YEARS + 1)[0], today)
        elif preset == "calendar_year":
            self._set_dates(date(today.year, 1, 1), today)

    def _set_dates(self, first: date, last: date) -> None:
        self._setting_dates = True
        self.first.setDate(QDate(first.year, first.month, first.day))
        self.last.setDate(QDate(last.year, last.month, last.day))
        self._setting_dates = False

    def _dates_edited(self) -> None:
        if not self._setting_dates:
            self.preset.setCurrentIndex(self.preset.findData("custom"))

    def choice(self) -> Choice:
        kind = self.kind.currentData()
        first, last = self.first.date(), self.last.date()
        return Choice(
            kind=kind, member_id=(self.member.currentData() if kind == STATEMENT
                                  else self.participant.currentData() or None),
            group_id=self.group.currentData() or None,
            division=self.division.currentData() or None,
            session_id=self.session.currentData() or None,
            period=Period(date(first.year(), first.month(), first.day()),
                          date(last.year(), last.month(), last.day())),
            paper=self.paper.currentData())

    # --- preview and save -------------------------------------------------------------

    def _run(self, work: Any, on_success: Any, label: str) -> None:
        try:
            choice = self.choice()
        except ClinicAppError as exc:
            self._failed(exc)
            return
        ctx, words = self.ctx, self.words()
        self.message.clear()

        def job(progress: Progress) -> Any:
            return work(build(ctx.db, choice, words, progress.update))

        held: list[Progress | None] = []

        def release() -> None:
            # The Progress (Cancel is connected to it) must die on this thread, after the
            # worker let go of it: dropped in the worker it disconnects from the dialog
            # while this thread closes it, and the two deadlock (PySide6).
            QTimer.singleShot(RELEASE_MS, self, lambda: self._ops.remove(held[0])
                              if held and held[0] in self._ops else None)

        def done(result: Any) -> None:
            release()
            on_success(result)

        def failed(exc: BaseException) -> None:
            release()
            self._failed(exc)

        progress = run_op(self, job, on_success=done, on_failure=failed, label=label)
        held.append(progress)
        self._ops.append(progress)

    def show_preview(self) -> None:
        self._run(lambda built: built, self._show, self.tr("Preparing the report…"))

    def _show(self, built: Built) -> None:
        document = self.preview.document()
        document.clear()
        built.document.add_images(document)
        self.preview.setHtml(built.document.html())
        old = self.chart_view.chart()
        if built.chart is not None and not built.chart.empty:
            self.chart_view.setChart(qt_chart(built.chart))
            self.chart_view.show()
        else:
            self.chart_view.setChart(QChart())
            self.chart_view.hide()
        if old is not None:
            old.deleteLater()
        self.report_built.emit(built)

    def ask_and_save(self, fmt: str) -> None:
        suffix = {"pdf": self.tr("PDF files (*.pdf)"), "csv": self.tr("CSV files (*.csv)"),
                  "ics": self.tr("Calendar files (*.ics)")}[fmt]
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        name = self.suggested_name(fmt)
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save report"),
                                                    str(Path(folder) / name), suffix)
        if path:
            if not path.lower().endswith(f".{fmt}"):
                path += f".{fmt}"
            self.save_to(Path(path))

    def suggested_name(self, fmt: str) -> str:
        """A file name that says what and whom: "Credit statement – Ana Lima –
        2024-07-01 to 2025-06-30.pdf", "Attendance certificates – Deprescribing –
        2025-03-12.pdf"."""
        kind = self.kind.currentData()
        whom = {STATEMENT: self.member, CERTIFICATES: self.session, GROUP: self.group,
                DIVISION: self.division, CALENDAR: self.group}[kind]
        parts = [self.kind.currentText()]
        if whom.currentData():
            parts.append(whom.currentText())
        if kind == CERTIFICATES and self.participant.currentData():
            parts.append(self.participant.currentText())
        if kind not in (CERTIFICATES, CALENDAR):
            first, last = self.first.date().toString("yyyy-MM-dd"), \
                self.last.date().toString("yyyy-MM-dd")
            parts.append(self.tr("%1 to %2").replace("%1", first).replace("%2", last))
        elif kind == CALENDAR:
            parts.append(clock.today().isoformat())
        # Characters no file system takes are left out, and the name stays short.
        name = " – ".join(re.sub(r'[\\/:*?"<>|\n\t]+', " ", p).strip() for p in parts)
        return f"{name[:150].strip()}.{fmt}"

    def save_to(self, path: Path) -> None:
        """Write the chosen report to ``path`` (its suffix says the format)."""
        db, fmt = self.ctx.db, path.suffix.lower()
        try:
            output.check_destination(path, (".pdf", ".csv", ".ics"))
        except ClinicAppError as exc:
            self._failed(exc)
            return
        words = self.words()

        def write(built: Built) -> list[Path]:
            if fmt == ".csv":
                return output.save_csv(db, path, built.tables, built.detail, words)
            if fmt == ".ics":
                if built.choice.kind != CALENDAR:
                    raise ClinicAppError(words.tr("Only the calendar is saved as .ics."))
                return [output.save(db, path, lambda tmp: tmp.write_bytes(
                    built.ics.encode("utf-8")), built.detail)]

            def write_pdf(tmp: Path) -> None:
                built.document.write(tmp, built.choice.paper)

            return [output.save(db, path, write_pdf, f"{built.detail} (PDF)")]

        self._run(write, self._saved, self.tr("Saving the report…"))

    def _saved(self, paths: list[Path]) -> None:
        names = ", ".join(p.name for p in paths)
        self.message.setText(self.tr("Saved %1 in %2").replace("%1", names)
                             .replace("%2", str(paths[0].parent)))
        self.status_message.emit(self.tr("Report saved."))
        self.report_saved.emit(paths)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ClinicAppError):
            text = html.escape(error_text(exc))
            self.message.setText(f'<span style="color:#b00020">{text}</span>')
            self.status_message.emit(error_text(exc))
        else:
            show_error(self, exc)
