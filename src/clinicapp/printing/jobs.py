"""One entry point for "make this report" as the Reports page asks for it: what the person
chose (``Choice``) in, the report's printable document, tables and chart out (``Built``).
"""

from __future__ import annotations

from dataclasses import dataclass

from clinicapp.core.errors import ClinicAppError
from clinicapp.core.reports import (
    activity,
    calendar,
    certificates,
    charts,
    output,
    statement,
    tables,
)
from clinicapp.core.reports.activity import ProgressFn
from clinicapp.core.reports.charts import Chart
from clinicapp.core.reports.period import Period
from clinicapp.core.reports.tables import Column, Table, Words
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import clock
from clinicapp.printing import documents
from clinicapp.printing.pdf import ReportDocument

STATEMENT, CERTIFICATES, GROUP, DIVISION, CALENDAR = (
    "statement", "certificates", "group", "division", "calendar")


@dataclass(frozen=True)
class Choice:
    """What the person picked, read on the UI thread and handed to the worker."""

    kind: str
    member_id: str | None
    group_id: str | None
    division: str | None
    session_id: str | None
    period: Period
    paper: str


@dataclass
class Built:
    choice: Choice
    document: ReportDocument
    tables: list[Table]
    chart: Chart | None
    detail: str  # what the audit trail records (ids and period, never content)
    ics: str = ""


def build(db: Database, choice: Choice, words: Words,
          progress: ProgressFn | None = None) -> Built:
    """The report's figures, its printable document and its tables (slow: run it in a
    worker)."""
    update = progress
    if choice.kind == STATEMENT:
        if not choice.member_id:
            raise ClinicAppError(words.tr("Choose a member for the credit statement."))
        st = statement.credit_statement(db, choice.member_id, choice.period)
        return Built(choice, documents.statement_document(st, words),
                     tables.statement_tables(st, words), charts.statement_chart(st, words),
                     output.statement_detail(choice.member_id, choice.period))
    if choice.kind == CERTIFICATES:
        if not choice.session_id:
            raise ClinicAppError(words.tr("Choose a completed session for the certificates."))
        certs = certificates.for_session(db, choice.session_id, choice.member_id)
        if not certs:
            raise ClinicAppError(words.tr("Nobody was present at this session."))
        return Built(choice, documents.certificates_document(certs, words),
                     tables.certificate_tables(certs, words), None,
                     output.certificates_detail(choice.session_id, choice.member_id,
                                                len(certs)))
    if choice.kind in (GROUP, DIVISION):
        if choice.kind == GROUP:
            if not choice.group_id:
                raise ClinicAppError(words.tr("Choose a group for the group report."))
            rep = activity.group_report(db, choice.group_id, choice.period, progress=update)
            detail = output.group_detail(choice.group_id, choice.period)
        else:
            rep = activity.division_report(db, choice.division, choice.period, progress=update)
            detail = output.division_detail(choice.division, choice.period)
        return Built(choice, documents.activity_document(rep, words),
                     tables.activity_tables(rep, words),
                     charts.activity_charts(rep, words)[0], detail)
    events = calendar.upcoming_sessions(db, choice.period.first, choice.group_id,
                                        choice.period.last)
    ics = calendar.to_ics(events, calendar.calendar_name(db, calendar.CalendarLabels(
        objectives=words.tr("Objectives"), group=words.tr("Group"),
        facilitators=words.tr("Facilitators"), calendar_name=words.tr("ClinicApp sessions"))))
    table = Table("events", words.tr("Planned sessions"), [
        Column("start", words.tr("Starts")), Column("session", words.tr("Session")),
        Column("group", words.tr("Group")), Column("location", words.tr("Location")),
        Column("status", words.tr("Status"))])
    table.rows = [[e.starts_at.astimezone().strftime("%Y-%m-%d %H:%M"), e.title, e.group,
                   e.location, words.tr("Cancelled") if e.cancelled else words.tr("Planned")]
                  for e in events]
    doc = ReportDocument(words.tr("Planned sessions"), "", clock.utcnow(), words)
    doc.table(table, empty=words.tr("No session is planned in this period."))
    return Built(choice, doc, [table], None, f"calendar of {len(events)} planned sessions",
                 ics=ics)
