"""Attendance certificates: one participant, or every participant of a session in one PDF,
each on its own page with what an auditor asks for."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest

from clinicapp.core.errors import ValidationError
from clinicapp.core.models import SessionStatus
from clinicapp.core.reports import certificates
from clinicapp.printing import documents
from tests.unit.core.reports import records


@pytest.fixture
def workshop(db):
    grp = records.group(db, "Bella Coola Small Group")
    lead = records.member(db, "Siobhan Desjardins", grp.id)
    ana = records.member(db, "Ana Lima", grp.id, licence="123456")
    ben = records.member(db, "Ben Okafor", grp.id)
    held = records.session(db, grp.id, "Chronic pain: case review", date(2025, 2, 11),
                           {ana.id: 120, ben.id: 75}, minutes=120, rate=1.0,
                           max_credits=2.0, facilitators=(lead.id,),
                           location="Bella Coola Hospital")
    return held, ana, ben


def test_all_participants_in_one_pdf_one_page_each(db, workshop, tmp_path):
    held, _ana, _ben = workshop
    certs = certificates.for_session(db, held.session.id)
    out = tmp_path / "certificates.pdf"
    assert documents.certificates_pdf(certs, out, paper="letter") == 2
    assert records.pdf_pages(out) == 2
    pages = records.pdf_text(out).split("\f")
    first, second = (" ".join(p.split()) for p in pages[:2])
    assert "Certificate of attendance" in first
    assert "Ana Lima" in first and "123456" in first and "Ben Okafor" not in first
    assert "Ben Okafor" in second and "Ana Lima" not in second
    for page, hours, credits in ((first, "2.00", "2.00"), (second, "1.25", "1.25")):
        assert "Chronic pain: case review" in page
        assert "2025-02-11" in page and "Bella Coola Hospital" in page
        assert "Siobhan Desjardins" in page and "Bella Coola Small Group" in page
        assert f"Time attended {hours} hours" in page
        assert f"Credits earned {credits}" in page
        assert "up to 2.00 credits" in page  # the certified maximum is printed
        assert "certified by the College" in page  # the accreditation statement
        assert "Page" in page


def test_one_participant_certificate(db, workshop, tmp_path):
    held, ana, _ben = workshop
    certs = certificates.for_session(db, held.session.id, ana.id)
    assert [c.participant for c in certs] == ["Ana Lima"]
    out = tmp_path / "ana.pdf"
    assert documents.certificates_pdf(certs, out) == 1
    # A person looks at it: the page renders to an image.
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(out),
                    str(tmp_path / "page")], check=True)
    assert (tmp_path / "page-1.png").stat().st_size > 1000


def test_no_certificate_for_a_planned_session_or_an_absent_member(db, workshop):
    held, _ana, _ben = workshop
    grp_id = held.session.group_id
    stranger = records.member(db, "Not There")
    with pytest.raises(ValidationError, match="did not attend"):
        certificates.for_session(db, held.session.id, stranger.id)
    planned = records.session(db, grp_id, "Next month", date(2025, 3, 11),
                              status=SessionStatus.PLANNED)
    with pytest.raises(ValidationError, match="is planned"):
        certificates.for_session(db, planned.session.id)


def test_only_earned_credits_are_certified(db):
    from clinicapp.core.models import Role

    grp = records.group(db, "Hazelton Small Group")
    doctor = records.member(db, "Ana Lima", grp.id)
    nurse = records.member(db, "Noor Haddad", grp.id, role=Role.NURSE)
    late = records.member(db, "Ben Okafor", grp.id)
    held = records.session(db, grp.id, "Wound care", date(2025, 2, 11),
                           {doctor.id: 90, nurse.id: 90, late.id: 10}, minutes=90)
    certs = {c.participant: c for c in certificates.for_session(db, held.session.id)}
    # Ten minutes earn nothing: nothing to certify.
    assert set(certs) == {"Ana Lima", "Noor Haddad"}
    with pytest.raises(ValidationError, match="earned no credits"):
        certificates.for_session(db, held.session.id, late.id)
    assert certs["Ana Lima"].accredited and certs["Ana Lima"].credits == 1.5
    # A nurse's attendance is certified, not Mainpro+ credits.
    plain = certs["Noor Haddad"]
    assert plain.plain and not plain.accredited and plain.credits == 0
    html = documents.certificates_document([plain]).html()
    assert "Noor Haddad" in html and "1.50 hours (90 minutes)" in html
    for word in ("Credits earned", "Accreditation", "Certification ID", "certified by"):
        assert word not in html


def test_a_certificate_times_agree_with_its_minutes_after_a_correction(db, tmp_path):
    from datetime import timedelta

    from clinicapp.core.services import attendance, groups, members, sessions


    grp = groups.create(db, "Riverside small group")
    ana = members.create(db, "Ana Lima")
    members.add_to_group(db, grp.id, ana.id)
    start = records.at(date(2025, 2, 11))
    session = sessions.plan(db, grp.id, "Deprescribing", start, planned_minutes=60)
    sessions.start(db, session.id, at=start)
    attendance.check_in(db, session.id, ana.id, at=start + timedelta(minutes=10))
    sessions.complete(db, session.id, at=start + timedelta(minutes=70))
    (cert,) = certificates.for_session(db, session.id)
    assert cert.minutes == 60
    assert cert.arrived_at is not None and cert.left_at is not None
    assert int((cert.left_at - cert.arrived_at).total_seconds() // 60) == cert.minutes
    assert "1.00 hours (60 minutes), " in documents.certificates_document([cert]).html()
    # The facilitator corrects the minutes: no time on the page contradicts them.
    attendance.set_minutes(db, session.id, ana.id, 45)
    (cert,) = certificates.for_session(db, session.id)
    html = documents.certificates_document([cert]).html()
    assert cert.minutes == 45 and cert.arrived_at is None
    assert "0.75 hours (45 minutes)" in html
    shown = start.astimezone().strftime("%H:%M")
    assert shown not in html
