"""Printed reports word the seeded topic catalogue as the interface does: in French, a
group report names its topics in French (read back from the PDF with pdftotext); a topic
people added keeps its own words."""

from __future__ import annotations

from datetime import date

import pytest

from clinicapp.core.models import Session, Topic
from clinicapp.core.reports import activity
from clinicapp.core.reports.period import Period
from clinicapp.core.storage.seed import topic_id
from clinicapp.printing import documents, pdf
from clinicapp.printing.words import topic_title
from clinicapp.ui import i18n
from tests.unit.core.reports import records

YEAR = Period(date(2025, 1, 1), date(2025, 12, 31))


@pytest.fixture(autouse=True)
def _english_after(qapp):  # type: ignore[no-untyped-def]
    yield
    i18n.install("en")


def river(db):
    """A group with one session on a seeded topic and one on a topic of its own."""
    group = records.group(db, "Riverside")
    ana = records.member(db, "Ana Silva", group.id)
    seeded = records.session(db, group.id, "Tuesday evening", date(2025, 2, 4),
                             {ana.id: 60}, minutes=60)
    own = records.session(db, group.id, "Wednesday lunch", date(2025, 3, 4),
                          {ana.id: 60}, minutes=60)
    with db.write() as s:
        local = Topic(title="Wound care in the bush")
        s.add(local)
        s.flush()
        s.get(Session, seeded.session.id).topic_id = topic_id("End-of-life care")
        s.get(Session, own.session.id).topic_id = local.id
    return group


def words_of(path) -> str:
    return " ".join(records.pdf_text(path).split())


def test_a_french_group_report_prints_seeded_topics_in_french(db, tmp_path):
    group = river(db)
    assert i18n.install("fr")
    assert topic_title("End-of-life care") == "Soins de fin de vie"
    out = tmp_path / "rapport.pdf"
    documents.activity_pdf(activity.group_report(db, group.id, YEAR), out, "letter",
                           pdf.qt_words())
    text = words_of(out)
    assert "Soins de fin de vie" in text
    assert "End-of-life care" not in text
    assert "Wound care in the bush" in text  # a topic people added keeps its words


def test_an_english_report_keeps_the_catalogue_in_english(db, tmp_path):
    group = river(db)
    out = tmp_path / "report.pdf"
    documents.activity_pdf(activity.group_report(db, group.id, YEAR), out, "letter",
                           pdf.qt_words())
    text = words_of(out)
    assert "End-of-life care" in text and "Soins de fin de vie" not in text


def test_the_interface_and_the_page_share_one_table_of_topic_titles(qapp):
    from clinicapp.ui.widgets.labels import topic_title as shown

    assert i18n.install("fr")
    for title in ("EMR messaging and tasks", "Physician and team wellness",
                  "Wound care in the bush"):
        assert shown(title) == topic_title(title)
    assert topic_title("Physician and team wellness") != "Physician and team wellness"
