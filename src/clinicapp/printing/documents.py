"""The printed reports: credit statement, attendance certificates, group and division
reports, each put together from its data (and its ``tables``) into a ``pdf.ReportDocument``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from clinicapp.core.reports.activity import ActivityReport
from clinicapp.core.reports.certificates import Certificate
from clinicapp.core.reports.charts import activity_charts
from clinicapp.core.reports.period import Period
from clinicapp.core.reports.statement import CreditStatement
from clinicapp.core.reports.tables import (
    Column,
    Table,
    Words,
    activity_tables,
    statement_tables,
)
from clinicapp.printing import pdf
from clinicapp.printing.pdf import ReportDocument, esc
from clinicapp.printing.words import topic_title


def _period(period: Period, words: Words) -> str:
    return words.tr("{first} to {last}").format(first=period.first.isoformat(),
                                                last=period.last.isoformat())


def _topics_worded(table: Table) -> Table:
    """The table with its topic column in the app's language (a seeded topic is stored in
    English; the interface shows it translated, and so does the page)."""
    if "topic" in [c.key for c in table.columns]:
        at = table.column("topic")
        table.rows = [[topic_title(v) if i == at and isinstance(v, str) else v
                       for i, v in enumerate(row)] for row in table.rows]
    return table


def _num(value: float) -> str:
    return pdf.cell(value, Column("x", "", "num"), Words())


def statement_pdf(st: CreditStatement, path: Path, paper: str | None = None,
                  words: Words | None = None) -> int:
    """The statement as a PDF; returns its number of pages."""
    return statement_document(st, words).write(path, paper)


def statement_document(st: CreditStatement, words: Words | None = None) -> ReportDocument:
    w = words or pdf.qt_words()
    t = w.tr
    doc = ReportDocument(t("Credit statement"), st.organisation, st.generated_at, w)
    doc.heading(t("Credit statement"), 1)
    doc.facts([(t("Member"), st.member_name),
               (t("Licence / CFPC no."), st.licence_number),
               (t("Role"), w.label(st.role)),
               (t("Period"), _period(st.period, w)),
               (t("Sessions attended"), str(len(st.lines))),
               (t("Hours attended"), _num(st.total_minutes / 60)),
               (t("Credits"), _num(st.total_credits)),
               (t("Certified credits"), _num(st.certified_credits))])
    sessions, years, bodies, cycle = statement_tables(st, w)
    sessions = _topics_worded(sessions)
    doc.heading(sessions.title)
    if not st.lines:
        doc.paragraph(t("No attended sessions were recorded for this member in this period."))
    for year in st.years:  # grouped by Mainpro+ credit year, each with its subtotal
        first, last = year.bounds
        doc.heading(t("Credit year {label} ({first} to {last})").format(
            label=year.label, first=first.isoformat(), last=last.isoformat()), 3)
        doc.table(_year_sessions(sessions, year.label, [
            t("Subtotal"), "", year.minutes, year.credits, None, ""]), heading=False)
    if st.lines:
        doc.paragraph(t("Credits follow the time attended, at the session's credits per hour, "
                        "capped at its certified maximum and rounded down."), "note")
        doc.table(years)
        doc.table(bodies)
    doc.heading(cycle.title)
    doc.table(cycle, heading=False)
    return doc


def _year_sessions(table: Table, label: str, subtotal: list[object]) -> Table:
    """The printed sessions of one credit year: fewer columns than the CSV, so it fits
    portrait A4 and Letter."""
    keep = ["date", "session", "minutes", "credits", "certified", "body"]
    index = [table.column(k) for k in keep]
    year_col = table.column("credit_year")
    out = Table(table.key, table.title, [table.columns[i] for i in index])
    out.rows = [[row[i] for i in index] for row in table.rows if row[year_col] == label]
    out.total = subtotal
    return out


def certificates_pdf(certs: Sequence[Certificate], path: Path, paper: str | None = None,
                     words: Words | None = None) -> int:
    """One certificate per page, all in one PDF; returns the number of pages."""
    return certificates_document(certs, words).write(path, paper)


def certificates_document(certs: Sequence[Certificate],
                          words: Words | None = None) -> ReportDocument:
    w = words or pdf.qt_words()
    t = w.tr
    first = certs[0]
    title = t("Certificate of attendance")
    doc = ReportDocument(title, first.organisation, first.generated_at, w)
    for n, cert in enumerate(certs):
        if n:
            doc.page_break()
        doc.raw(_certificate_html(cert, w))
    return doc


def _certificate_html(c: Certificate, w: Words) -> str:
    t = w.tr
    hours = _num(c.hours)
    credits = _num(c.credits)
    attended = t("{hours} hours ({minutes} minutes)").format(hours=hours, minutes=c.minutes)
    if c.arrived_at is not None and c.left_at is not None:
        # The person's own arrival and departure: they agree with the minutes (a hand
        # correction leaves only the corrected minutes, see core.reports.certificates).
        attended = t("{hours} hours ({minutes} minutes), {start}–{end}").format(
            hours=hours, minutes=c.minutes,
            start=c.arrived_at.astimezone().strftime("%H:%M"),
            end=c.left_at.astimezone().strftime("%H:%M"))
    rows = [
        (t("Activity"), c.title), (t("Provider"), c.provider), (t("Date"), c.day.isoformat()),
        (t("Location"), c.location), (t("Group"), c.group),
        (t("Facilitators"), ", ".join(c.facilitators)),
        (t("Time attended"), attended),
    ]
    if c.accredited:  # a plain attendance certificate certifies no credits
        rows += [
            (t("Accreditation"), f"{w.label(c.body)} – {w.label(c.category)}"),
            (t("Credits earned"), credits),
            (t("Certification ID"), c.certification_id),
        ]
    rows.append((t("Certificate no."), c.certificate_number))
    if c.max_credits is not None and c.accredited:
        rows.insert(-2, (t("Maximum for this activity"),
                         t("up to {n} credits").format(n=_num(c.max_credits))))
    details = "".join(f'<tr><td class="k" width="32%">{esc(k)}</td><td>{esc(v)}</td></tr>'
                      for k, v in rows if v)
    statement = (f'<p class="note" style="margin-top: 14px;">{esc(c.accreditation_statement)}'
                 "</p>") if c.accreditation_statement else ""
    licence = (f'<p align="center">{esc(t("Licence / CFPC no."))} {esc(c.licence_number)}</p>'
               if c.licence_number else "")
    signature = t("Facilitator's signature")
    return (
        f'<p align="center" style="font-size: 13pt; color: #1d4e89; margin-top: 30px;">'
        f"{esc(c.organisation)}</p>"
        f'<p align="center" style="font-size: 24pt; font-weight: bold; margin-top: 18px;">'
        f'{esc(t("Certificate of attendance"))}</p>'
        f'<p align="center" style="margin-top: 24px;">{esc(t("This certifies that"))}</p>'
        f'<p align="center" style="font-size: 20pt; font-weight: bold; margin-top: 6px;">'
        f"{esc(c.participant)}</p>{licence}"
        f'<p align="center" style="margin-top: 10px;">{esc(t("attended"))}</p>'
        f'<p align="center" style="font-size: 15pt; font-weight: bold; margin-top: 6px; '
        f'margin-bottom: 24px;">{esc(c.title)}</p>'
        f'<table class="facts" width="100%" cellspacing="0" cellpadding="4" '
        f'style="font-size: 10.5pt;">{details}</table>'
        f"{statement}"
        f'<table width="100%" style="margin-top: 60px;"><tr>'
        f'<td width="45%" style="border-top: 1px solid #1f2933;">'
        f'{esc(signature)}</td><td width="10%"></td>'
        f'<td width="45%" style="border-top: 1px solid #1f2933;">{esc(t("Date"))}</td>'
        f"</tr></table>"
        f'<p class="note" style="margin-top: 24px;">'
        f'{esc(t("Keep this certificate for six years: credit audits are random."))}</p>')


def activity_pdf(rep: ActivityReport, path: Path, paper: str | None = None,
                 words: Words | None = None) -> int:
    """A group or division report with its charts; returns the number of pages."""
    return activity_document(rep, words).write(path, paper)


def activity_document(rep: ActivityReport, words: Words | None = None) -> ReportDocument:
    w = words or pdf.qt_words()
    t = w.tr
    title = (t("Group report") if rep.kind == "group" else t("Division report"))
    name = rep.name or t("All groups")
    doc = ReportDocument(f"{title}: {name}", rep.organisation, rep.generated_at, w)
    doc.heading(f"{title}: {name}", 1)
    facts = [(t("Period"), _period(rep.period, w))]
    if rep.kind == "division":
        facts.append((t("Groups"), ", ".join(rep.groups)))
    doc.facts(facts)
    if rep.threshold is not None:
        doc.paragraph(t("Counts under {n} (and figures resting on fewer than {n} people) are "
                        "shown as <{n} so that no one can be identified.")
                      .format(n=rep.threshold), "note")
    tables = {tb.key: _topics_worded(tb) for tb in activity_tables(rep, w)}
    charts = {c.key: c for c in activity_charts(rep, w)}
    doc.heading(t("Sessions and participants"))
    doc.table(tables["summary"], heading=False)
    if rep.sessions_held:
        doc.chart(charts["series"])
    doc.table(tables["roles"])
    if not charts["roles"].empty:
        doc.chart(charts["roles"], width=520)
    doc.table(tables["topics"], empty=t("No session was held in this period."))
    doc.heading(t("Evaluations"))
    doc.table(tables["evaluation"], heading=False)
    doc.heading(t("Practice change"))
    doc.table(tables["commitments"], heading=False)
    if not charts["outcomes"].empty:
        doc.chart(charts["outcomes"], width=520)
    doc.heading(t("Action plans"))
    doc.table(tables["actions"], heading=False)
    if not charts["actions"].empty:
        doc.chart(charts["actions"], width=520)
    last = tables["sessions"] if rep.kind == "group" else tables["groups"]
    doc.table(last, empty=t("Nothing in this period."))
    return doc
