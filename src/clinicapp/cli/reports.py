"""``clinicapp report``: credit statements, certificates, group and division reports as PDF
or CSV, and the calendar of planned sessions as .ics, headless."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path

from clinicapp.cli.common import open_db, paths_from
from clinicapp.core.reports import (
    activity,
    calendar,
    certificates,
    lookup,
    output,
    statement,
    tables,
)
from clinicapp.core.reports.period import Period, parse_day
from clinicapp.core.reports.tables import Table, Words
from clinicapp.core.rules import credits as rules
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import clock
from clinicapp.printing import documents, pdf

PDF_OR_CSV = (".pdf", ".csv")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = sub.add_parser("report", help="print a report: credits, certificate, group, "
                                           "division or calendar")
    kinds = report.add_subparsers(dest="report", metavar="KIND", required=True)

    p = kinds.add_parser("credits", aliases=["statement"],
                         help="a member's credit statement (PDF or CSV)")
    p.add_argument("--member", required=True, help="member id or (part of) the name")
    _period_options(p)
    _out_option(p, "F.pdf or F.csv")
    p.set_defaults(handler=cmd_credits)

    p = kinds.add_parser("certificate", help="attendance certificates of a completed session "
                                             "(all participants in one PDF, or one)")
    p.add_argument("--session", required=True, help="session id or (part of) the title")
    p.add_argument("--member", help="only this participant (id or name)")
    _out_option(p, "F.pdf (or F.csv: the list of certificates)")
    p.set_defaults(handler=cmd_certificate)

    p = kinds.add_parser("group", help="a group's report with charts (PDF) or tables (CSV)")
    p.add_argument("--group", required=True, help="group id or (part of) the name")
    _period_options(p)
    p.add_argument("--suppress", action="store_true",
                   help="withhold small counts, as for a report that leaves the group")
    _out_option(p, "F.pdf or F.csv")
    p.set_defaults(handler=cmd_group)

    p = kinds.add_parser("division", help="figures of all groups of a division; small "
                                          "counts are always withheld")
    p.add_argument("--division", help="division name (default: every group here)")
    _period_options(p)
    _out_option(p, "F.pdf or F.csv")
    p.set_defaults(handler=cmd_division)

    p = kinds.add_parser("calendar", help="planned sessions as an .ics calendar file")
    p.add_argument("--group", help="only this group (id or name)")
    p.add_argument("--from", dest="first", metavar="YYYY-MM-DD", help="from (default: today)")
    p.add_argument("--to", dest="last", metavar="YYYY-MM-DD", help="until (default: all)")
    _out_option(p, "F.ics")
    p.set_defaults(handler=cmd_calendar)


def _period_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="first", metavar="YYYY-MM-DD",
                   help="first day (default: 1 July of the current credit year)")
    p.add_argument("--to", dest="last", metavar="YYYY-MM-DD", help="last day (default: today)")


def _out_option(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help=what)
    if what != "F.ics":
        p.add_argument("--paper", choices=sorted(pdf.PAPERS),
                       help="paper size of a PDF (default: Letter in Canada and the US, "
                            "else A4)")


def period_from(args: argparse.Namespace) -> Period:
    today = clock.today()
    first = (parse_day(args.first, "from") if args.first
             else rules.credit_year_bounds(rules.credit_year_start(today))[0])
    last = parse_day(args.last, "to") if args.last else today
    return Period(first, last)


def words_for(args: argparse.Namespace) -> Words:
    """The app's language for printed words (the Settings choice), as in the app."""
    pdf.ensure_app()
    label = None
    try:
        from clinicapp.ui import i18n
        from clinicapp.ui.widgets.labels import label as ui_label

        i18n.install(i18n.effective(paths_from(args)))
        label = ui_label
    except ImportError:  # a build without the desktop app: English
        pass
    return pdf.qt_words(label)


def _write(db: Database, args: argparse.Namespace, detail: str,
           render: Callable[[Path, Words], int], make_tables: Callable[[Words], list[Table]],
           ) -> int:
    out = output.check_destination(args.out, PDF_OR_CSV)
    words = words_for(args)
    if out.suffix.lower() == ".csv":
        written = output.save_csv(db, out, make_tables(words), detail, words)
        for path in written:
            print(f"Wrote {path}")
        return 0
    pages = [0]

    def write(tmp: Path) -> None:
        pages[0] = render(tmp, words)

    output.save(db, out, write, f"{detail} (PDF)")
    print(f"Wrote {out} ({pages[0]} page{'s' if pages[0] != 1 else ''})")
    return 0


def cmd_credits(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        member = lookup.member(db, args.member)
        period = period_from(args)
        st = statement.credit_statement(db, member.id, period)
        return _write(db, args, output.statement_detail(member.id, period),
                      lambda tmp, w: documents.statement_pdf(st, tmp, args.paper, w),
                      lambda w: tables.statement_tables(st, w))
    finally:
        db.close()


def cmd_certificate(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        ses = lookup.session(db, args.session)
        member_id = lookup.member(db, args.member).id if args.member else None
        certs = certificates.for_session(db, ses.id, member_id)
        if not certs:
            from clinicapp.core.errors import ValidationError

            raise ValidationError("session", "certificate_nobody_present", title=ses.title)
        return _write(db, args, output.certificates_detail(ses.id, member_id, len(certs)),
                      lambda tmp, w: documents.certificates_pdf(certs, tmp, args.paper, w),
                      lambda w: tables.certificate_tables(certs, w))
    finally:
        db.close()


def cmd_group(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        group = lookup.group(db, args.group)
        period = period_from(args)
        rep = activity.group_report(db, group.id, period, suppress=args.suppress)
        return _write(db, args, output.group_detail(group.id, period),
                      lambda tmp, w: documents.activity_pdf(rep, tmp, args.paper, w),
                      lambda w: tables.activity_tables(rep, w))
    finally:
        db.close()


def cmd_division(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        period = period_from(args)
        rep = activity.division_report(db, args.division, period)
        return _write(db, args, output.division_detail(args.division, period),
                      lambda tmp, w: documents.activity_pdf(rep, tmp, args.paper, w),
                      lambda w: tables.activity_tables(rep, w))
    finally:
        db.close()


def cmd_calendar(args: argparse.Namespace) -> int:
    out = output.check_destination(args.out, (".ics",))
    db = open_db(args)
    try:
        group_id = lookup.group(db, args.group).id if args.group else None
        first: date | None = parse_day(args.first, "from") if args.first else None
        last: date | None = parse_day(args.last, "to") if args.last else None
        events = calendar.upcoming_sessions(db, first, group_id, last)
        text = calendar.to_ics(events, calendar.calendar_name(db, calendar.CalendarLabels()))
        output.save(db, out, lambda tmp: tmp.write_bytes(text.encode("utf-8")),
                    f"calendar of {len(events)} planned sessions")
    finally:
        db.close()
    print(f"Wrote {out} ({len(events)} session{'s' if len(events) != 1 else ''})")
    return 0
