"""Group and division reports: figures checked against the records that made them, in the
PDF a person reads and the CSV a spreadsheet reads; small counts withheld when the
report leaves the group; an empty period; five years of demo data."""

from __future__ import annotations

import csv
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from clinicapp.core.models import (
    Attendance,
    AttendanceStatus,
    ItemStatus,
    Outcome,
    Role,
    Session,
    SessionStatus,
    YesNoNa,
)
from clinicapp.core.reports import activity, output, tables
from clinicapp.core.reports.period import Period
from clinicapp.demo import generate as demo
from clinicapp.printing import documents
from tests.unit.core.reports import records

YEAR = Period(date(2025, 1, 1), date(2025, 12, 31))


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def pdf_images(path: Path) -> set[str]:
    """The distinct images (charts) in the PDF, by object id."""
    listing = subprocess.run(["pdfimages", "-list", str(path)], check=True,
                             capture_output=True, text=True).stdout
    return {line.split()[10] for line in listing.splitlines()[2:]}


def figures(path: Path) -> dict[str, str]:
    return {row["Figure"]: row["Value"] for row in read_csv(path)}


@pytest.fixture
def north(db):
    """Riverside (9 people, three sessions held) and Hilltop (3 people) in North."""
    river = records.group(db, "Riverside", division="North")
    hill = records.group(db, "Hilltop", division="North")
    roles = [Role.PHYSICIAN] * 6 + [Role.MOA] * 2 + [Role.NURSE]
    people = [records.member(db, f"Person {i}", river.id, role) for i, role in
              enumerate(roles)]
    ids = [p.id for p in people]
    s1 = records.session(db, river.id, "EMR templates", date(2025, 2, 4),
                         dict.fromkeys(ids[:6], 60), minutes=60)
    records.session(db, river.id, "Advanced access", date(2025, 3, 4),
                    dict.fromkeys(ids[4:8], 90), minutes=90)
    records.session(db, river.id, "EMR templates 2", date(2025, 4, 1),
                    dict.fromkeys(ids[2:9], 120), minutes=120)
    records.session(db, river.id, "Snowed out", date(2025, 1, 14),
                    status=SessionStatus.CANCELLED)
    records.session(db, river.id, "Next time", date(2025, 12, 2), status=SessionStatus.PLANNED)
    for met, rel, sat, bias in ((YesNoNa.YES, 4, 5, False), (YesNoNa.YES, 5, 5, True),
                                (YesNoNa.NO, 3, 4, False), (YesNoNa.NOT_APPLICABLE, 4, 4,
                                                            False)):
        records.evaluation(db, s1.session.id, met, rel, sat, bias)
    for person, outcome in zip(ids, (Outcome.IMPLEMENTED, Outcome.IMPLEMENTED, Outcome.PARTLY,
                                     None), strict=False):
        records.commitment(db, person, s1.session.id, outcome)
    records.action_items(db, river.id, (ItemStatus.DONE, date(2025, 1, 1)),
                         (ItemStatus.IN_PROGRESS, date(2020, 1, 1)),
                         (ItemStatus.BLOCKED, None),
                         (ItemStatus.NOT_STARTED, date(2099, 1, 1)))
    few = [records.member(db, f"Hill {i}", hill.id).id for i in range(3)]
    records.session(db, hill.id, "Wellness", date(2025, 5, 6), dict.fromkeys(few, 60),
                    minutes=60)
    return river, hill


def test_group_report_figures_match_the_records(db, north, tmp_path):
    river, _hill = north
    rep = activity.group_report(db, river.id, YEAR)
    written = output.save_csv(db, tmp_path / "river.csv", tables.activity_tables(rep),
                              "group report")
    summary = figures(written[0])
    assert summary["Sessions held"] == "3"
    assert summary["Sessions cancelled"] == "1" and summary["Sessions planned"] == "1"
    assert summary["Hours of sessions held"] == "4.50"
    assert summary["Distinct participants"] == "9"  # exact: the group's own report
    assert summary["Attendances"] == str(6 + 4 + 7)
    assert summary["Participant hours"] == f"{(6 * 60 + 4 * 90 + 7 * 120) / 60:.2f}"
    assert summary["Credits earned"] == f"{6 * 1 + 4 * 1.5 + 7 * 2:.2f}"  # one per hour
    folder = tmp_path
    roles = {r["Role"]: r["Participants"] for r in read_csv(folder / "river-roles.csv")}
    assert (roles["Physician"], roles["Medical office assistant"], roles["Nurse"]) == (
        "6", "2", "1")
    evaluation = figures(folder / "river-evaluation.csv")
    assert evaluation["Responses"] == "4"
    assert evaluation["Objectives met (% of yes or no answers)"] == "66.70"
    assert evaluation["Relevance (mean, 1–5)"] == "4.00"
    assert evaluation["Satisfaction (mean, 1–5)"] == "4.50"
    assert evaluation["Bias perceived"] == "1"
    commitments = {r["Figure"]: r for r in read_csv(folder / "river-commitments.csv")}
    assert commitments["Commitments made"]["Count"] == "4"
    assert commitments["Followed up"]["Count"] == "3"
    assert commitments["Implemented"]["% of followed up"] == "66.7"
    assert commitments["Partly implemented"]["% of followed up"] == "33.3"
    actions = {r["Status"]: r["Items"] for r in read_csv(folder / "river-actions.csv")}
    assert actions["Done"] == "1" and actions["Blocked"] == "1"
    assert actions["Overdue (past due, not done or dropped)"] == "1"
    assert actions["Total"] == "4"
    topics = {r["Topic"]: r["Sessions"] for r in read_csv(folder / "river-topics.csv")}
    assert sum(int(v) for v in topics.values()) == 3
    sessions = read_csv(folder / "river-sessions.csv")
    assert [s["Session"] for s in sessions] == ["Snowed out", "EMR templates",
                                                "Advanced access", "EMR templates 2",
                                                "Next time"]


def test_group_report_pdf_has_the_figures_and_charts(db, north, tmp_path):
    river, _hill = north
    rep = activity.group_report(db, river.id, YEAR)
    out = tmp_path / "river.pdf"
    pages = documents.activity_pdf(rep, out, paper="a4")
    assert pages == records.pdf_pages(out) >= 2
    text = " ".join(records.pdf_text(out).split())
    assert "Group report: Riverside" in text
    assert "Sessions held 3" in text and "Distinct participants 9" in text
    assert "Credits earned 26.00" in text
    assert len(pdf_images(out)) == 4  # charts: by month, by role, outcomes, action items
    assert "Implemented 2 66.7 %" in text
    assert f"Page 1 of {pages}" in text
    assert "Person 1" not in text  # no names in an aggregate report


def test_division_report_withholds_small_counts(db, north, tmp_path):
    rep = activity.division_report(db, "north", YEAR)
    assert rep.name == "North"
    written = output.save_csv(db, tmp_path / "north.csv", tables.activity_tables(rep),
                              "division report")
    summary = figures(written[0])
    assert summary["Distinct participants"] == "12"
    groups = {r["Group"]: r for r in read_csv(tmp_path / "north-groups.csv")}
    # Hilltop has 3 participants: withheld. Riverside too, or Hilltop's figures would
    # follow from the division totals by subtraction.
    assert groups["Hilltop"]["Participants"] == "<5"
    assert groups["Hilltop"]["Credits"] == "<5"
    assert groups["Riverside"]["Participants"] == "<5"
    assert groups["Hilltop"]["Sessions held"] == "1"  # sessions are not people
    roles = {r["Role"]: r["Participants"] for r in read_csv(tmp_path / "north-roles.csv")}
    assert roles["Physician"] == "9"
    assert roles["Medical office assistant"] == "<5" and roles["Nurse"] == "<5"
    evaluation = figures(tmp_path / "north-evaluation.csv")
    assert evaluation["Responses"] == "<5"  # four answers: too few to show their means
    assert evaluation["Relevance (mean, 1–5)"] == "<5"
    out = tmp_path / "north.pdf"
    documents.activity_pdf(rep, out)
    text = " ".join(records.pdf_text(out).split())
    assert "Division report: North" in text
    assert "shown as <5 so that no one can be identified" in text
    assert "Hilltop" in text and "Medical office assistant <5" in text


def test_empty_period_gives_a_report_of_zeros(db, north, tmp_path):
    river, _hill = north
    rep = activity.group_report(db, river.id, Period(date(2019, 1, 1), date(2019, 12, 31)))
    assert rep.sessions_held == 0 and rep.participants == 0 and rep.credits == 0
    out = tmp_path / "empty.pdf"
    documents.activity_pdf(rep, out)
    text = " ".join(records.pdf_text(out).split())
    assert "Sessions held 0" in text and "Credits earned 0.00" in text
    assert "No session was held in this period." in text


@pytest.mark.slow
def test_five_years_of_demo_data(db, tmp_path):
    demo.generate(db, groups=2, years=5, seed=11, as_of=date(2026, 6, 30))
    period = Period(date(2021, 7, 1), date(2026, 6, 30))
    rep = activity.division_report(db, None, period)
    with db.read() as orm:
        held = orm.scalar(select(func.count()).select_from(Session).where(
            Session.status == SessionStatus.COMPLETED, Session.deleted_at.is_(None),
            Session.scheduled_start >= period.starts_at,
            Session.scheduled_start < period.ends_before))
        credits = orm.scalar(select(func.sum(Attendance.credits))
                             .join(Session, Session.id == Attendance.session_id)
                             .where(Session.status == SessionStatus.COMPLETED,
                                    Attendance.status != AttendanceStatus.ABSENT,
                                    Session.scheduled_start >= period.starts_at,
                                    Session.scheduled_start < period.ends_before))
    assert held and held > 100
    written = output.save_csv(db, tmp_path / "five.csv", tables.activity_tables(rep), "five")
    summary = figures(written[0])
    assert summary["Sessions held"] == str(held)
    assert float(summary["Credits earned"]) == pytest.approx(credits, abs=0.01)
    series = read_csv(tmp_path / "five-series.csv")
    assert len(series) == 20  # five years by quarter
    assert sum(int(r["Sessions held"]) for r in series) == held
    out = tmp_path / "five.pdf"
    pages = documents.activity_pdf(rep, out, paper="letter")
    assert pages >= 2
    assert len(pdf_images(out)) == 4


def test_building_a_report_tells_its_progress(db, north):
    from clinicapp.core.reports.tables import Words
    from clinicapp.printing import jobs

    steps: list[tuple[int, int]] = []
    choice = jobs.Choice(kind=jobs.DIVISION, member_id=None, group_id=None, division="North",
                         session_id=None, period=YEAR, paper="a4")
    built = jobs.build(db, choice, Words(), lambda done, total, _text: steps.append(
        (done, total)))
    assert steps[0][0] == 0 and steps[-1][0] == steps[-1][1]  # from nothing to done
    assert [d for d, _t in steps] == sorted(d for d, _t in steps)
    assert built.chart is not None and built.detail.startswith("division report of North")
