"""A report saved from the Reports page is recorded in the audit trail exactly as the same
report saved with ``clinicapp report`` (core words both entries: core.reports.output)."""

from __future__ import annotations

from clinicapp.core.reports import output
from clinicapp.core.services import audit
from clinicapp.ui.pages.reports import CERTIFICATES, STATEMENT
from tests.unit.cli.runner import run
from tests.unit.ui.everyday import settle
from tests.unit.ui.pages.test_reports import moving_clock, open_page, pick, riverside

__all__ = ["moving_clock", "riverside"]  # fixtures


def reports_to(db, name: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The report entries naming the file ``name`` (the page's clock is set back to 2025,
    the command's is not: order by time says nothing here)."""
    return [e.detail for e in audit.list_entries(db, action=output.AUDIT_ACTION).items
            if e.detail.endswith(f" to {name}")]


def test_a_statement_and_certificates_are_audited_like_the_command_line(
        qtbot, db, paths, moving_clock, riverside, tmp_path):
    _grp, ana = riverside
    (tmp_path / "ui").mkdir()
    (tmp_path / "cli").mkdir()
    page = open_page(qtbot, db, paths)
    pick(page.kind, STATEMENT)
    pick(page.member, ana.id)  # the credit year so far: 1 July 2024 to 12 March 2025
    settle()
    with qtbot.waitSignal(page.report_saved, timeout=20_000):
        page.save_to(tmp_path / "ui" / "ana.pdf")
    settle()
    assert len(reports_to(db, "ana.pdf")) == 1
    done = run(paths.data_dir, "report", "credits", "--member", "Ana Lima", "--from",
               "2024-07-01", "--to", "2025-03-12", "--out", str(tmp_path / "cli" / "ana.pdf"))
    assert done.code == 0, done.err
    assert reports_to(db, "ana.pdf") == 2 * [
        f"credit statement of member {ana.id}, 2024-07-01..2025-03-12 (PDF) to ana.pdf"]

    pick(page.kind, CERTIFICATES)
    settle()
    pick(page.session, next(page.session.itemData(i) for i in range(page.session.count())
                            if page.session.itemText(i).endswith("EMR templates")))
    settle()
    with qtbot.waitSignal(page.report_saved, timeout=20_000):
        page.save_to(tmp_path / "ui" / "all.pdf")
    settle()
    (from_page,) = reports_to(db, "all.pdf")
    done = run(paths.data_dir, "report", "certificate", "--session", "EMR templates",
               "--out", str(tmp_path / "cli" / "all.pdf"))
    assert done.code == 0, done.err
    assert reports_to(db, "all.pdf") == [from_page, from_page]
    assert from_page.startswith("certificates of session ")
    assert from_page.endswith(" (6 participants) (PDF) to all.pdf")
