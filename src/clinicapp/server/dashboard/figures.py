"""What the figures page shows: the desktop's own division and group reports (core's
``activity``), as its tables and charts (core's ``tables`` and ``charts``). Nothing here
computes a figure; this module only chooses the report and the tables to show."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from clinicapp.core.errors import ValidationError
from clinicapp.core.reports import activity, charts, tables
from clinicapp.core.reports.activity import ActivityReport
from clinicapp.core.reports.charts import Chart
from clinicapp.core.reports.period import Period, parse_day
from clinicapp.core.reports.suppression import Suppressed
from clinicapp.core.reports.tables import Table, Words
from clinicapp.core.rules import credits as credit_rules
from clinicapp.core.services import groups as group_service
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import clock
from clinicapp.server.dashboard.catalogue import Catalogue

# The group report's per-session lines carry session titles (typed text): not shown here.
HIDDEN_TABLES = frozenset({"sessions"})
MAX_GROUPS_LISTED = 500


@dataclass(frozen=True)
class Selection:
    division: str  # "" = every group on the server
    group_id: str  # "" = the whole division
    period: Period

    def query(self, **extra: str) -> str:
        values = {"division": self.division, "group": self.group_id,
                  "from": self.period.first.isoformat(), "to": self.period.last.isoformat()}
        values.update(extra)
        return urlencode({k: v for k, v in values.items() if v})


def default_period(today: date | None = None) -> Period:
    """The current Mainpro+ credit year so far, as the desktop's reports default to."""
    today = today or clock.today()
    first, _last = credit_rules.credit_year_bounds(credit_rules.credit_year_start(today))
    return Period(first, today)


def selection(query: Mapping[str, str]) -> Selection:
    """The selection a page's query names; ValidationError names a bad field."""
    default = default_period()
    raw_first, raw_last = query.get("from", ""), query.get("to", "")
    first = parse_day(raw_first, "from") if raw_first else default.first
    last = parse_day(raw_last, "to") if raw_last else default.last
    division = query.get("division", "").strip()[:200]
    group_id = query.get("group", "").strip()[:36]
    return Selection(division, group_id, Period(first, last))


def report(db: Database, sel: Selection) -> ActivityReport:
    """The report for a selection; always with small counts withheld (it leaves the group)."""
    if sel.group_id:
        return activity.group_report(db, sel.group_id, sel.period, suppress=True)
    return activity.division_report(db, sel.division or None, sel.period)


def shown_tables(rep: ActivityReport, words: Words) -> list[Table]:
    return [t for t in tables.activity_tables(rep, words) if t.key not in HIDDEN_TABLES]


def table(rep: ActivityReport, words: Words, key: str) -> Table:
    for candidate in shown_tables(rep, words):
        if candidate.key == key:
            return candidate
    raise ValidationError("table", "no_such_report_table", key=key)


def chart_list(rep: ActivityReport, words: Words) -> list[Chart]:
    return charts.activity_charts(rep, words)


@dataclass(frozen=True)
class Choices:
    divisions: list[str]
    groups: list[tuple[str, str, str]]  # id, name, division


def choices(db: Database) -> Choices:
    page = group_service.list_groups(db, limit=MAX_GROUPS_LISTED)
    return Choices(activity.division_names(db),
                   [(g.id, g.name, g.division) for g in page.items])


@dataclass(frozen=True)
class Cell:
    text: str  # for a person, in the page's language
    plain: str  # as the CSV writes it (core's ``tables.plain``), for machines and tests
    numeric: bool
    withheld: bool


def cells(tab: Table, cat: Catalogue, words: Words) -> list[tuple[bool, list[Cell]]]:
    """Each row of ``tab`` (the totals row last, flagged True) as cells."""
    rows = [(False, r) for r in tab.rows] + ([(True, tab.total)] if tab.total else [])
    return [(total, [Cell(cat.cell(v, c), tables.plain(v, c, words), c.numeric,
                          isinstance(v, Suppressed))
                     for v, c in zip(row, tab.columns, strict=True)])
            for total, row in rows]
