"""The Credits tab prints the session's certificates in one PDF, named for the session."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from clinicapp.core.models import Role
from clinicapp.core.services import attendance, audit, groups, members, sessions
from clinicapp.ui.widgets.session_tabs import CreditsTab
from tests.unit.core.reports import records
from tests.unit.ui.everyday import make_ctx, settle


def test_print_certificates_from_the_credits_tab(qtbot, db, paths, tmp_path, crashes):
    grp = groups.create(db, "Riverside small group")
    people = [members.create(db, n, r) for n, r in (("Ana Lima", Role.PHYSICIAN),
                                                    ("Noor Haddad", Role.NURSE))]
    for person in people:
        members.add_to_group(db, grp.id, person.id)
    start = datetime(2025, 3, 12, 17, tzinfo=UTC)
    session = sessions.plan(db, grp.id, "Deprescribing: what/why?", start)
    tab = CreditsTab(make_ctx(db, paths))
    qtbot.addWidget(tab)
    tab.show()
    tab.set_session(sessions.get(db, session.id))
    settle()
    assert not tab.print_button.isEnabled()
    assert "once the session is completed" in tab.print_button.toolTip()

    sessions.start(db, session.id, at=start)
    for person in people:
        attendance.check_in(db, session.id, person.id, at=start)
    sessions.complete(db, session.id, at=start + timedelta(minutes=60))
    tab.set_session(sessions.get(db, session.id))
    settle()
    assert tab.print_button.isEnabled()
    suggested = tab.suggested_path()
    assert suggested.name == "Attendance certificates – Deprescribing  what why – 2025-03-12.pdf"
    out = tmp_path / suggested.name
    tab.print_certificates(out)
    settle()
    assert out.exists() and "Certificates saved" in tab.saved_label.text()
    assert records.pdf_pages(out) == 2  # the physician's and the nurse's plain one
    text = records.pdf_text(out)
    assert "Ana Lima" in text and "Noor Haddad" in text
    assert any("certificates of session" in (e.detail or "")
               for e in audit.list_entries(db).items)
    assert not crashes
