"""``clinicapp report`` through the real entry point: statement, certificate, group and
division reports as PDF or CSV, and the calendar, from a terminal without a display."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from clinicapp.core.models import SessionStatus
from tests.unit.cli.runner import one_line_error, run
from tests.unit.core.reports import records


@pytest.fixture
def folder(db, paths) -> Path:
    """A data folder with a group, its members and sessions; the test opens it again."""
    grp = records.group(db, "Riverside", division="North")
    ana = records.member(db, "Ana Lima", grp.id, licence="123456")
    ben = records.member(db, "Ben Okafor", grp.id)
    records.session(db, grp.id, "EMR templates", date(2024, 9, 10), {ana.id: 90, ben.id: 60})
    records.session(db, grp.id, "Advanced access", date(2025, 1, 14), {ana.id: 59})
    records.session(db, grp.id, "Far future", date(2099, 1, 13), status=SessionStatus.PLANNED)
    return paths.data_dir


def test_credits_pdf_and_csv(folder, tmp_path):
    out = tmp_path / "ana.pdf"
    result = run(folder, "report", "credits", "--member", "ana", "--from", "2024-07-01",
                 "--to", "2025-06-30", "--out", str(out), "--paper", "letter")
    assert result.code == 0, result.err
    assert f"Wrote {out} (1 page)" in result.out
    text = " ".join(records.pdf_text(out).split())
    assert "Ana Lima" in text and "Credits 2.25" in text
    assert "612 x 792" in records.page_size(out)

    result = run(folder, "report", "statement", "--member", "Ana Lima", "--from", "2024-07-01",
                 "--to", "2025-06-30", "--out", str(tmp_path / "ana.csv"))
    assert result.code == 0, result.err
    with open(tmp_path / "ana.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["Credits"] for r in rows] == ["1.50", "0.75", "2.25"]
    assert (tmp_path / "ana-years.csv").exists()
    trail = run(folder, "audit", "--action", "print_report").out
    assert "ana.pdf" in trail and "ana.csv" in trail and "Ana Lima" not in trail


def test_certificate_for_all_participants_or_one(folder, tmp_path):
    out = tmp_path / "certs.pdf"
    result = run(folder, "report", "certificate", "--session", "EMR templates", "--out",
                 str(out))
    assert result.code == 0, result.err
    assert records.pdf_pages(out) == 2
    result = run(folder, "report", "certificate", "--session", "EMR", "--member", "Ben",
                 "--out", str(out))
    assert result.code == 0, result.err
    text = records.pdf_text(out)
    assert records.pdf_pages(out) == 1 and "Ben Okafor" in text and "Ana Lima" not in text


def test_group_and_division_reports(folder, tmp_path):
    result = run(folder, "report", "group", "--group", "river", "--from", "2024-01-01",
                 "--to", "2025-12-31", "--out", str(tmp_path / "g.pdf"))
    assert result.code == 0, result.err
    assert "Group report: Riverside" in records.pdf_text(tmp_path / "g.pdf")
    result = run(folder, "report", "division", "--division", "North", "--from", "2024-01-01",
                 "--to", "2025-12-31", "--out", str(tmp_path / "d.csv"))
    assert result.code == 0, result.err
    with open(tmp_path / "d.csv", encoding="utf-8-sig", newline="") as handle:
        summary = {r["Figure"]: r["Value"] for r in csv.DictReader(handle)}
    assert summary["Sessions held"] == "2"
    assert summary["Distinct participants"] == "<5"  # two people: withheld


def test_calendar_of_planned_sessions(folder, tmp_path):
    out = tmp_path / "sessions.ics"
    result = run(folder, "report", "calendar", "--out", str(out))
    assert result.code == 0, result.err
    text = out.read_text("utf-8")
    assert text.count("BEGIN:VEVENT") == 1 and "SUMMARY:Far future" in text
    assert "DTSTART:2099011" in text


def test_mistakes_are_one_line_errors(folder, tmp_path):
    line = one_line_error(run(folder, "report", "credits", "--member", "nobody at all",
                              "--out", str(tmp_path / "x.pdf")), "report")
    assert "no member matches 'nobody at all'" in line
    line = one_line_error(run(folder, "report", "group", "--group", "Riverside", "--out",
                              str(tmp_path / "x.docx")), "report")
    assert "must end in .pdf or .csv" in line
    line = one_line_error(run(folder, "report", "credits", "--member", "Ana", "--from",
                              "2025-02-30", "--out", str(tmp_path / "x.pdf")), "report")
    assert "is not a date" in line
    line = one_line_error(run(folder, "report", "certificate", "--session", "Far future",
                              "--out", str(tmp_path / "x.pdf")), "report")
    assert "certificates are issued once it is completed" in line
