"""The Reports page: choose a report, a member or group and a period, preview the figures
with a chart, and save PDF, CSV or .ics files, all without freezing the window."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCharts import QBarSeries
from PySide6.QtCore import QDate

from clinicapp.core.models import SessionStatus
from clinicapp.core.reports import output
from clinicapp.core.services import audit
from clinicapp.ui.pages.reports import (
    CALENDAR,
    CERTIFICATES,
    DIVISION,
    GROUP,
    STATEMENT,
    ReportsPage,
)
from tests.unit.core.reports import records
from tests.unit.ui.everyday import (
    MovableClock,
    make_ctx,
    movable_clock,
    settle,
    show_page,
    small_window,
)


@pytest.fixture
def moving_clock() -> Iterator[MovableClock]:
    yield from movable_clock()  # 12 March 2025


@pytest.fixture
def riverside(db):
    grp = records.group(db, "Riverside", division="North")
    ana = records.member(db, "Ana Lima", grp.id, licence="123456")
    others = [records.member(db, f"Person {i}", grp.id).id for i in range(5)]
    records.session(db, grp.id, "EMR templates", date(2024, 9, 10),
                    {ana.id: 90, **dict.fromkeys(others, 90)})
    records.session(db, grp.id, "Advanced access", date(2025, 1, 14),
                    {ana.id: 59, **dict.fromkeys(others, 60)})
    records.session(db, grp.id, "Next month", date(2025, 4, 8),
                    status=SessionStatus.PLANNED)
    return grp, ana


def pick(combo, value) -> None:  # type: ignore[no-untyped-def]
    index = combo.findData(value)
    assert index >= 0, f"{value!r} is not offered"
    combo.setCurrentIndex(index)


def open_page(qtbot, db, paths) -> ReportsPage:  # type: ignore[no-untyped-def]
    page = ReportsPage(make_ctx(db, paths))
    show_page(qtbot, page)
    return page


def test_preview_and_save_a_members_credit_statement(qtbot, db, paths, moving_clock,
                                                     riverside, tmp_path):
    _grp, ana = riverside
    page = open_page(qtbot, db, paths)
    pick(page.kind, STATEMENT)
    pick(page.member, ana.id)
    assert page.preset.currentData() == "credit_year"  # 1 July 2024 to today
    assert page.first.date() == QDate(2024, 7, 1)

    with qtbot.waitSignal(page.report_built, timeout=10_000):
        page.preview_button.click()
    settle()
    text = " ".join(page.preview.toPlainText().split())
    assert "Ana Lima" in text and "123456" in text
    assert not text.startswith("Choose a report")  # the empty box's words are gone
    assert "Credits 2.25" in text  # 1.50 for 90 minutes + 0.75 for 59 minutes
    chart = page.chart_view.chart()
    assert page.chart_view.isVisible() and chart.title() == "Credits by credit year"
    (series,) = chart.series()
    assert isinstance(series, QBarSeries)
    assert [series.barSets()[0].at(0)] == [2.25]

    out = tmp_path / "ana.pdf"
    with qtbot.waitSignal(page.report_saved, timeout=20_000):
        page.save_to(out)
    settle()
    assert "Ana Lima" in records.pdf_text(out)
    assert "ana.pdf" in page.message.text()
    entries = audit.list_entries(db, action=output.AUDIT_ACTION).items
    assert any(ana.id in e.detail for e in entries)


def test_group_report_preview_chart_and_csv(qtbot, db, paths, moving_clock, riverside,
                                            tmp_path):
    grp, _ana = riverside
    page = open_page(qtbot, db, paths)
    pick(page.kind, GROUP)
    pick(page.group, grp.id)
    pick(page.preset, "custom")
    page.first.setDate(QDate(2024, 1, 1))
    page.last.setDate(QDate(2025, 3, 12))
    with qtbot.waitSignal(page.report_built, timeout=10_000):
        page.preview_button.click()
    settle()
    text = " ".join(page.preview.toPlainText().split())
    assert "Group report: Riverside" in text and "Sessions held 2" in text
    sets = page.chart_view.chart().series()[0].barSets()
    assert [s.label() for s in sets] == ["Sessions held", "Attendances"]
    assert sum(sets[0].at(i) for i in range(sets[0].count())) == 2
    assert sum(sets[1].at(i) for i in range(sets[1].count())) == 12

    with qtbot.waitSignal(page.report_saved, timeout=20_000) as saved:
        page.save_to(tmp_path / "riverside.csv")
    settle()
    paths_written = saved.args[0]
    assert paths_written[0] == tmp_path / "riverside.csv"
    with open(paths_written[0], encoding="utf-8-sig", newline="") as handle:
        summary = {r["Figure"]: r["Value"] for r in csv.DictReader(handle)}
    assert summary["Sessions held"] == "2" and summary["Distinct participants"] == "6"


def test_division_report_and_calendar(qtbot, db, paths, moving_clock, riverside, tmp_path):
    page = open_page(qtbot, db, paths)
    pick(page.kind, DIVISION)
    pick(page.division, "North")
    with qtbot.waitSignal(page.report_built, timeout=10_000):
        page.preview_button.click()
    settle()
    assert "shown as <5" in page.preview.toPlainText()

    pick(page.kind, CALENDAR)
    assert page.ics_button.isVisible() and not page.pdf_button.isVisible()
    out = tmp_path / "sessions.ics"
    with qtbot.waitSignal(page.report_saved, timeout=10_000):
        page.save_to(out)
    settle()
    text = out.read_text("utf-8")
    assert text.count("BEGIN:VEVENT") == 1 and "SUMMARY:Next month" in text
    pick(page.kind, DIVISION)  # back to figures: the period is the past again, not the future
    assert page.preset.currentData() == "credit_year" and page.last.date() == QDate(2025, 3, 12)


def test_a_statement_without_a_member_says_what_is_missing(qtbot, db, paths, moving_clock):
    page = open_page(qtbot, db, paths)
    pick(page.kind, STATEMENT)
    assert page.member.count() == 0
    page.preview_button.click()
    settle()
    assert "Choose a member" in page.message.text()
    page.save_to(paths.data_dir / "report.txt")
    assert "must end in" in page.message.text()


def test_certificates_for_everyone_or_one_participant(qtbot, db, paths, moving_clock,
                                                      riverside, tmp_path):
    _grp, ana = riverside
    page = open_page(qtbot, db, paths)
    pick(page.kind, CERTIFICATES)
    assert page.session.currentText().endswith("Advanced access")  # newest first
    settle()
    offered = [page.participant.itemText(i) for i in range(page.participant.count())]
    assert offered == ["All participants", "Ana Lima", *[f"Person {i}" for i in range(5)]]
    with qtbot.waitSignal(page.report_saved, timeout=20_000):
        page.save_to(tmp_path / "all.pdf")
    settle()
    assert records.pdf_pages(tmp_path / "all.pdf") == 6
    pick(page.participant, ana.id)
    with qtbot.waitSignal(page.report_saved, timeout=20_000):
        page.save_to(tmp_path / "ana.pdf")
    settle()
    text = records.pdf_text(tmp_path / "ana.pdf")
    assert records.pdf_pages(tmp_path / "ana.pdf") == 1 and "Ana Lima" in text
    assert "0.75" in text  # 59 minutes


def test_the_save_dialog_suggests_a_name_that_says_what_and_whom(qtbot, db, paths,
                                                                 moving_clock, riverside):
    grp, ana = riverside
    page = open_page(qtbot, db, paths)
    pick(page.kind, STATEMENT)
    pick(page.member, ana.id)
    pick(page.preset, "credit_year")
    assert page.suggested_name("pdf") == \
        "Credit statement – Ana Lima – 2024-07-01 to 2025-03-12.pdf"
    pick(page.kind, GROUP)
    pick(page.group, grp.id)
    assert page.suggested_name("csv").startswith("Group report – Riverside – ")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_empty_previews_words_read_whole_in_a_small_window(qtbot, db, paths,
                                                               language):
    """Qt draws a placeholder on one line: in an 800-pixel window the empty preview's
    words stopped at 'before you'. They wrap inside the box instead, in English and
    French."""
    from PySide6.QtTest import QTest

    from clinicapp.ui import i18n

    try:
        i18n.install(language)
        with small_window(qtbot, db, paths, "reports") as page:
            assert isinstance(page, ReportsPage)
            QTest.qWait(50)
            shown = " ".join(page.preview.toPlainText().split())
            assert shown.endswith("imprimiez." if language == "fr" else "print it.")
            document = page.preview.document()
            assert document.size().width() <= page.preview.viewport().width()
            assert document.firstBlock().layout().lineCount() >= 2  # wrapped, not cut
            assert page.preview.horizontalScrollBar().maximum() == 0
    finally:
        i18n.install("en")
