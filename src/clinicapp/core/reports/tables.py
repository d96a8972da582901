"""Every report as a list of tables: the one shape that both the PDF and the CSV files are
made from, so the two always show the same figures.

A table holds raw values (numbers, dates, enums, ``Suppressed``); each renderer formats
them its own way (CSV: plain numbers and ISO dates that a spreadsheet reads back; PDF: the
interface language's). Words (headers, enum names) come from a ``Words`` given by the
caller, English by default: core does not translate.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from clinicapp.core.models import (
    AccreditationBody,
    CreditCategory,
    ItemStatus,
    Outcome,
    Role,
    SessionStatus,
    Stance,
    YesNoNa,
)
from clinicapp.core.reports.activity import ActivityReport
from clinicapp.core.reports.certificates import Certificate
from clinicapp.core.reports.statement import CreditStatement
from clinicapp.core.reports.suppression import Suppressed

# The same English words as the app's labels (ui/widgets/labels.py, context "Labels"), so
# a translated interface translates these too.
_ENGLISH: list[tuple[StrEnum, str]] = [
    (Role.PHYSICIAN, "Physician"),
    (Role.MOA, "Medical office assistant"),
    (Role.NURSE, "Nurse"),
    (Role.ALLIED_HEALTH, "Allied health"),
    (Role.ADMINISTRATOR, "Administrator"),
    (Role.OTHER, "Other"),
    (SessionStatus.PLANNED, "Planned"),
    (SessionStatus.IN_PROGRESS, "In progress"),
    (SessionStatus.COMPLETED, "Completed"),
    (SessionStatus.CANCELLED, "Cancelled"),
    (AccreditationBody.MAINPRO_PLUS, "Mainpro+ (CFPC)"),
    (AccreditationBody.ROYAL_COLLEGE_MOC, "Royal College MOC"),
    (AccreditationBody.OTHER, "Other accreditation"),
    (AccreditationBody.NONE, "Not accredited"),
    (CreditCategory.CERTIFIED, "Certified"),
    (CreditCategory.CERTIFIED_ASSESSMENT, "Certified assessment"),
    (CreditCategory.NON_CERTIFIED, "Non-certified"),
    (Stance.WILL_CHANGE, "I will change my practice"),
    (Stance.ALREADY_DOING, "I already do this"),
    (Stance.NEED_MORE_INFORMATION, "I need more information"),
    (Stance.WILL_NOT, "I will not change"),
    (Outcome.IMPLEMENTED, "Implemented"),
    (Outcome.PARTLY, "Partly implemented"),
    (Outcome.NOT_YET, "Not yet"),
    (Outcome.ABANDONED, "Abandoned"),
    (ItemStatus.NOT_STARTED, "Not started"),
    (ItemStatus.IN_PROGRESS, "In progress"),
    (ItemStatus.BLOCKED, "Blocked"),
    (ItemStatus.DONE, "Done"),
    (ItemStatus.DROPPED, "Dropped"),
    (YesNoNa.YES, "Yes"),
    (YesNoNa.NO, "No"),
    (YesNoNa.NOT_APPLICABLE, "Not applicable"),
]
# Keyed by (enum, value): Role.OTHER and AccreditationBody.OTHER are equal strings.
ENGLISH: dict[tuple[type, str], str] = {(type(v), str(v)): text for v, text in _ENGLISH}


def english_label(value: StrEnum) -> str:
    return ENGLISH.get((type(value), str(value)), str(value).replace("_", " ").capitalize())


@dataclass(frozen=True)
class Words:
    """How a renderer says things: ``tr`` for report words, ``label`` for enum values."""

    tr: Callable[[str], str] = field(default=lambda text: text)
    label: Callable[[StrEnum], str] = field(default=english_label)


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = "text"  # text | int | num (2 decimals) | hours | percent | date | yesno

    @property
    def numeric(self) -> bool:
        return self.kind in ("int", "num", "hours", "percent")


@dataclass
class Table:
    key: str  # stable: names the CSV file ("sessions", "years", ...)
    title: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    total: list[Any] | None = None  # a totals row, printed bold and written last in CSV
    note: str = ""
    width: int = 100  # printed width, % of the page

    def column(self, key: str) -> int:
        return [c.key for c in self.columns].index(key)


# --- the reports as tables --------------------------------------------------------------

def statement_tables(st: CreditStatement, words: Words | None = None) -> list[Table]:
    w = words or Words()
    t = w.tr
    sessions = Table("sessions", t("Sessions attended"), [
        Column("date", t("Date"), "date"), Column("credit_year", t("Credit year")),
        Column("session", t("Session")), Column("topic", t("Topic")),
        Column("group", t("Group")), Column("minutes", t("Minutes"), "int"),
        Column("credits", t("Credits"), "num"), Column("certified", t("Certified"), "yesno"),
        Column("category", t("Category")), Column("body", t("Accrediting body")),
        Column("certification_id", t("Certification ID")),
        Column("certificate", t("Certificate no."))])
    for li in st.lines:
        sessions.rows.append([
            li.day, _year_label(li.credit_year), li.title, li.topic, li.group, li.minutes,
            li.credits, li.certified, w.label(li.category), w.label(li.body),
            li.certification_id, li.certificate_number])
    sessions.total = [t("Total"), "", "", "", "", st.total_minutes,
                      st.total_credits, "", "", "", "", ""]
    years = Table("years", t("By credit year (1 July – 30 June)"), [
        Column("credit_year", t("Credit year")), Column("sessions", t("Sessions"), "int"),
        Column("hours", t("Hours"), "hours"), Column("credits", t("Credits"), "num"),
        Column("certified", t("Certified credits"), "num")])
    for y in st.years:
        years.rows.append([y.label, y.sessions, y.minutes / 60, y.credits, y.certified])
    years.total = [t("Total"), len(st.lines), st.total_minutes / 60, st.total_credits,
                   st.certified_credits]
    bodies = Table("bodies", t("By accrediting body"), [
        Column("body", t("Accrediting body")), Column("credits", t("Credits"), "num")])
    bodies.rows = [[w.label(body), value] for body, value in st.by_body.items()]
    cycle = st.cycle
    cyc = Table("cycle", t("Mainpro+ cycle") + f" {cycle.first.year}–{cycle.last.year}", [
        Column("credit_year", t("Credit year")), Column("credits", t("Credits"), "num"),
        Column("certified", t("Certified credits"), "num"),
        Column("minimum", t("Yearly minimum met"), "yesno")])
    cyc.rows = [[y.label, y.credits, y.certified, y.meets_minimum] for y in cycle.years]
    cyc.total = [t("Total"), cycle.total, cycle.certified, cycle.met]
    cyc.note = (t("Target: {total} credits in five years, at least {certified} certified and "
                  "{minimum} each year. Still needed: {left} credits, {left_cert} certified.")
                .format(total=f"{cycle.target_total:g}", certified=f"{cycle.target_certified:g}",
                        minimum=f"{cycle.yearly_minimum:g}", left=f"{cycle.total_remaining:g}",
                        left_cert=f"{cycle.certified_remaining:g}"))
    return [sessions, years, bodies, cyc]


def _year_label(start_year: int) -> str:
    return f"{start_year}–{start_year + 1}"


def certificate_tables(certs: Sequence[Certificate], words: Words | None = None) -> list[Table]:
    t = (words or Words()).tr
    table = Table("certificates", t("Attendance certificates"), [
        Column("certificate", t("Certificate no.")), Column("participant", t("Participant")),
        Column("licence", t("Licence / CFPC no.")), Column("session", t("Session")),
        Column("date", t("Date"), "date"), Column("minutes", t("Minutes"), "int"),
        Column("credits", t("Credits"), "num"), Column("certification_id", t("Certification ID"))])
    table.rows = [[c.certificate_number, c.participant, c.licence_number, c.title, c.day,
                   c.minutes, c.credits, c.certification_id] for c in certs]
    return [table]


def activity_tables(rep: ActivityReport, words: Words | None = None) -> list[Table]:
    w = words or Words()
    t = w.tr
    summary = Table("summary", t("Summary"), [Column("figure", t("Figure")),
                                              Column("value", t("Value"), "num")], width=70)
    summary.rows = [
        [t("Sessions held"), rep.sessions_held],
        [t("Sessions planned"), rep.sessions_planned],
        [t("Sessions cancelled"), rep.sessions_cancelled],
        [t("Hours of sessions held"), round(rep.session_minutes / 60, 2)],
        [t("Distinct participants"), rep.participants],
        [t("Attendances"), rep.attendances],
        [t("Participant hours"), rep.participant_hours],
        [t("Credits earned"), rep.credits],
    ]
    if rep.possible_duplicates:  # counted twice until merged on Groups & members
        summary.rows.append([t("Possible duplicates included (merge them on Groups & "
                               "members)"), rep.possible_duplicates])
    roles = Table("roles", t("Distinct participants by role"), [
        Column("role", t("Role")), Column("participants", t("Participants"), "int")],
        width=70)
    roles.rows = [[w.label(role), n] for role, n in rep.participants_by_role.items()]
    roles.total = [t("Total"), rep.participants]
    topics = Table("topics", t("Topics of sessions held"), [
        Column("topic", t("Topic")), Column("sessions", t("Sessions"), "int")], width=70)
    topics.rows = [[name or t("(no topic)"), n] for name, n in rep.topics]
    ev = rep.evaluation
    evaluation = Table("evaluation", t("Session evaluations"), [
        Column("figure", t("Figure")), Column("value", t("Value"), "num")], width=70)
    evaluation.rows = [
        [t("Responses"), ev.responses],
        [t("Objectives met (% of yes or no answers)"), _percent(ev.objectives_met_share)],
        *[[t("Objectives met:") + " " + w.label(k), v] for k, v in ev.objectives.items()],
        [t("Bias perceived"), ev.bias_flags],
        [t("Relevance (mean, 1–5)"), ev.relevance],
        [t("Satisfaction (mean, 1–5)"), ev.satisfaction],
        [t("Facilitation (mean, 1–5)"), ev.facilitation],
        [t("Intent to change (mean, 1–5)"), ev.intent_to_change],
    ]
    cm = rep.commitments
    commitments = Table("commitments", t("Commitments to change and their follow-up"), [
        Column("figure", t("Figure")), Column("count", t("Count"), "int"),
        Column("share", t("% of followed up"), "percent")], width=70)
    commitments.rows = [[t("Commitments made"), cm.made, None]]
    commitments.rows += [[w.label(s), n, None] for s, n in cm.by_stance.items()]
    commitments.rows.append([t("Followed up"), cm.followed_up, None])
    commitments.rows += [[w.label(o), n, _percent(cm.outcome_shares[o])]
                         for o, n in cm.by_outcome.items()]
    commitments.rows.append([t("Follow-up due, not yet recorded"), cm.awaiting, None])
    ac = rep.actions
    actions = Table("actions", t("Action items"), [
        Column("status", t("Status")), Column("items", t("Items"), "int")], width=70)
    actions.rows = [[w.label(s), n] for s, n in ac.by_status.items()]
    actions.rows.append([t("Overdue (past due, not done or dropped)"), ac.overdue])
    actions.total = [t("Total"), ac.total]
    series = Table("series", t("Sessions and attendances over time"), [
        Column("start", t("From"), "date"), Column("sessions", t("Sessions held"), "int"),
        Column("attendances", t("Attendances"), "int")])
    series.rows = [[p.start, p.sessions, p.attendances] for p in rep.series]
    tables = [summary, roles, topics, evaluation, commitments, actions, series]
    if rep.kind == "group":
        sessions = Table("sessions", t("Sessions"), [
            Column("date", t("Date"), "date"), Column("session", t("Session")),
            Column("topic", t("Topic")), Column("status", t("Status")),
            Column("attendees", t("Attendees"), "int"), Column("minutes", t("Minutes"), "int"),
            Column("credits", t("Credits"), "num")])
        sessions.rows = [[s.day, s.title, s.topic, w.label(s.status), s.attendees, s.minutes,
                          s.credits] for s in rep.sessions]
        tables.append(sessions)
    else:
        groups = Table("groups", t("Groups"), [
            Column("group", t("Group")), Column("sessions", t("Sessions held"), "int"),
            Column("participants", t("Participants"), "int"),
            Column("attendances", t("Attendances"), "int"),
            Column("hours", t("Participant hours"), "num"),
            Column("credits", t("Credits"), "num")])
        groups.rows = [[g.name, g.sessions, g.participants, g.attendances,
                        g.participant_hours, g.credits] for g in rep.by_group]
        tables.append(groups)
    return tables


def _percent(share: float | Suppressed | None) -> float | Suppressed | None:
    if share is None or isinstance(share, Suppressed):
        return share
    return round(share * 100, 1)


# --- plain text of a cell (CSV) ---------------------------------------------------------

def plain(value: Any, column: Column, words: Words | None = None) -> str:
    """A cell as a spreadsheet reads it back: ISO dates, dot decimals, "<5" when withheld."""
    t = (words or Words()).tr
    if value is None:
        return ""
    if isinstance(value, Suppressed):
        return str(value)
    if isinstance(value, bool):
        return t("Yes") if value else t("No")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return (words or Words()).label(value)
    if isinstance(value, float) and column.kind in ("num", "hours", "percent"):
        return f"{value:.1f}" if column.kind == "percent" else f"{value:.2f}"
    return str(value)
