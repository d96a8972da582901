"""A member's credit statement as PDF and CSV: every session, its credits by the credit
rule (one per hour, capped, rounded down to 0.25), grouped by credit year, with totals."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from clinicapp.core.models import AccreditationBody, Attendance, CreditCategory
from clinicapp.core.reports import output, statement, tables
from clinicapp.core.reports.period import Period
from clinicapp.core.rules.credits import credits_for
from clinicapp.printing import documents
from tests.unit.core.reports import records

PERIOD = Period(date(2024, 6, 1), date(2025, 6, 30))


@pytest.fixture
def ana(db):
    """Dr Ana Lima's year: five sessions across the 1 July credit-year boundary."""
    grp = records.group(db, "Riverside Small Group")
    ana = records.member(db, "Ana Lima", grp.id, licence="CFPC 123456")
    other = records.member(db, "Ben Okafor", grp.id)
    records.session(db, grp.id, "Opioid agonist therapy", date(2024, 6, 30), {ana.id: 60})
    records.session(db, grp.id, "EMR templates", date(2024, 7, 1), {ana.id: 59, other.id: 60})
    records.session(db, grp.id, "FMPE module: sepsis", date(2024, 9, 10), {ana.id: 90},
                    rate=3.0, max_credits=3.0)
    records.session(db, grp.id, "Lunch and learn", date(2024, 10, 1), {ana.id: 60},
                    body=AccreditationBody.NONE)
    records.session(db, grp.id, "Team huddles", date(2024, 11, 5), {ana.id: 135},
                    minutes=135, category=CreditCategory.NON_CERTIFIED)
    records.session(db, grp.id, "Outside the period", date(2025, 7, 2), {ana.id: 60})
    return ana


def test_statement_pdf_shows_each_session_its_credits_and_the_totals(db, ana, tmp_path):
    st = statement.credit_statement(db, ana.id, PERIOD)
    out = tmp_path / "statement.pdf"
    documents.statement_pdf(st, out, paper="a4")
    text = records.pdf_text(out)

    assert "Credit statement" in text and "Ana Lima" in text and "CFPC 123456" in text
    assert "2024-06-01 to 2025-06-30" in text
    # Grouped by Mainpro+ credit year: 30 June and 1 July fall in different years.
    assert "Credit year 2023–2024" in text and "Credit year 2024–2025" in text
    rows = {line.split()[0]: line for line in text.splitlines() if line[:4] == "2024"}
    assert "60" in rows["2024-06-30"].split() and "1.00" in rows["2024-06-30"].split()
    assert "0.75" in rows["2024-07-01"].split()  # 59 minutes: rounded down, not up to 1
    assert "3.00" in rows["2024-09-10"].split()  # 3 per hour for 90 min, capped at 3
    assert "0.00" in rows["2024-10-01"].split() and "Not accredited" in rows["2024-10-01"]
    assert "2.25" in rows["2024-11-05"].split()
    assert "Outside the period" not in text
    totals = " ".join(text.split())
    assert "Credits 7.00" in totals and "Certified credits 4.75" in totals
    assert "Sessions attended 5" in totals
    assert "Page 1 of" in text and "Generated" in text


def test_statement_csv_parses_back_to_the_same_figures(db, ana, tmp_path):
    st = statement.credit_statement(db, ana.id, PERIOD)
    written = output.save_csv(db, tmp_path / "ana.csv", tables.statement_tables(st),
                              "test statement")
    assert [p.name for p in written] == ["ana.csv", "ana-years.csv", "ana-bodies.csv",
                                         "ana-cycle.csv"]
    with open(written[0], encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    *sessions, total = rows
    assert [r["Session"] for r in sessions] == [
        "Opioid agonist therapy", "EMR templates", "FMPE module: sepsis", "Lunch and learn",
        "Team huddles"]
    assert [r["Credits"] for r in sessions] == ["1.00", "0.75", "3.00", "0.00", "2.25"]
    assert [r["Certified"] for r in sessions] == ["Yes", "Yes", "Yes", "No", "No"]
    assert total["Date"] == "Total"
    assert float(total["Credits"]) == sum(float(r["Credits"]) for r in sessions) == 7.0
    assert int(total["Minutes"]) == 60 + 59 + 90 + 60 + 135
    with open(written[1], encoding="utf-8-sig", newline="") as handle:
        years = {r["Credit year"]: r for r in csv.DictReader(handle)}
    assert years["2023–2024"]["Credits"] == "1.00"
    assert years["2024–2025"]["Credits"] == "6.00"
    assert years["2024–2025"]["Certified credits"] == "3.75"


def test_statement_of_a_member_with_no_sessions_says_so_and_totals_zero(db, tmp_path):
    grp = records.group(db, "Quiet group")
    newcomer = records.member(db, "Chloé Tremblay", grp.id)
    st = statement.credit_statement(db, newcomer.id, PERIOD)
    out = tmp_path / "empty.pdf"
    assert documents.statement_pdf(st, out) == 1
    text = " ".join(records.pdf_text(out).split())
    assert "Chloé Tremblay" in text
    assert "No attended sessions were recorded" in text
    assert "Credits 0.00" in text
    written = output.save_csv(db, tmp_path / "empty.csv", tables.statement_tables(st), "test")
    with open(written[0], encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 1 and rows[0]["Date"] == "Total" and rows[0]["Credits"] == "0.00"


@pytest.mark.parametrize(("paper", "size"), [("a4", "(A4)"), ("letter", "612 x 792")])
def test_statement_fits_a4_and_letter(db, ana, tmp_path, paper, size):
    st = statement.credit_statement(db, ana.id, PERIOD)
    out = tmp_path / f"{paper}.pdf"
    documents.statement_pdf(st, out, paper=paper)
    assert size in records.page_size(out)


def test_saving_is_recorded_in_the_audit_trail_without_content(db, ana, tmp_path):
    from clinicapp.core.services import audit

    st = statement.credit_statement(db, ana.id, PERIOD)
    out = tmp_path / "audited.pdf"
    output.save(db, out, lambda tmp: documents.statement_pdf(st, tmp),
                f"credit statement of member {ana.id}")
    assert out.exists() and not list(Path(tmp_path).glob("*.partial"))
    entries = audit.list_entries(db, action=output.AUDIT_ACTION).items
    assert any(ana.id in e.detail and "audited.pdf" in e.detail for e in entries)
    assert not any("Ana Lima" in e.detail for e in entries)



def store_credits(db, member_id: str, credits: float) -> None:  # type: ignore[no-untyped-def]
    """What the attendance service stores when the rounding step setting is not 0.25."""
    with db.write() as s:
        for row in s.scalars(select(Attendance).where(Attendance.member_id == member_id)):
            row.credits = credits


@pytest.mark.parametrize(("minutes", "rate", "cap", "step", "credits"), [
    (14, 1.0, None, 0.25, 0.0),    # under a quarter hour earns nothing
    (15, 1.0, None, 0.25, 0.25),
    (59, 1.0, None, 0.25, 0.75),   # rounded down, never up
    (60, 1.0, None, 0.25, 1.0),
    (74, 1.0, None, 0.25, 1.0),
    (75, 1.0, None, 0.25, 1.25),
    (59, 1.0, None, 0.1, 0.9),
    (90, 3.0, 3.0, 0.25, 3.0),     # FMPE: three per hour, capped at the certified maximum
    (50, 3.0, 3.0, 0.25, 2.5),
])
def test_credit_rounding_at_the_edges_as_printed(db, tmp_path, minutes, rate, cap, step,
                                                 credits):
    assert credits_for(minutes, rate, cap, step) == credits
    grp = records.group(db, "Edge group")
    person = records.member(db, "Edge Case", grp.id)
    records.session(db, grp.id, "Edge session", date(2025, 1, 7), {person.id: minutes},
                    rate=rate, max_credits=cap)
    store_credits(db, person.id, credits_for(minutes, rate, cap, step))
    st = statement.credit_statement(db, person.id, PERIOD)
    assert st.total_credits == credits
    out = tmp_path / "edge.pdf"
    documents.statement_pdf(st, out)
    assert f"Credits {credits:.2f}" in " ".join(records.pdf_text(out).split())


def test_sums_of_small_steps_are_exact(db):
    grp = records.group(db, "Tenths")
    person = records.member(db, "Tenth Person", grp.id)
    for day in (7, 14, 21):  # 6 minutes at 1 per hour, step 0.1: 0.1 credit each
        records.session(db, grp.id, f"Short {day}", date(2025, 1, day), {person.id: 6})
    store_credits(db, person.id, 0.1)
    st = statement.credit_statement(db, person.id, PERIOD)
    assert st.total_credits == 0.3  # not 0.30000000000000004
    assert st.years[0].credits == 0.3
