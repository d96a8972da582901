"""What the charts of a group or division report show, as plain data: drawn with QPainter
in the PDF (``pdf_charts``) and with Qt Charts on the Reports page, from the same points."""

from __future__ import annotations

from dataclasses import dataclass, field

from clinicapp.core.reports.activity import ActivityReport
from clinicapp.core.reports.statement import CreditStatement
from clinicapp.core.reports.suppression import Suppressed
from clinicapp.core.reports.tables import Words

Value = int | float | Suppressed | None


@dataclass(frozen=True)
class Series:
    name: str
    values: list[Value]


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    categories: list[str]
    series: list[Series] = field(default_factory=list)
    horizontal: bool = False  # category bars (roles, outcomes) read better lying down

    @property
    def empty(self) -> bool:
        # Only withheld bars ("<5") or zeros: nothing a chart could show.
        return not any(isinstance(v, int | float) and v > 0
                       for s in self.series for v in s.values)


def _period_label(rep: ActivityReport, index: int) -> str:
    point = rep.series[index]
    if point.unit == "quarter":
        return f"{point.start.year} Q{(point.start.month - 1) // 3 + 1}"
    return point.start.strftime("%Y-%m")


def activity_charts(rep: ActivityReport, words: Words | None = None) -> list[Chart]:
    w = words or Words()
    t = w.tr
    over_time = Chart(
        "series", t("Sessions held and attendances by quarter") if rep.series and
        rep.series[0].unit == "quarter" else t("Sessions held and attendances by month"),
        [_period_label(rep, i) for i in range(len(rep.series))],
        [Series(t("Sessions held"), [p.sessions for p in rep.series]),
         Series(t("Attendances"), [p.attendances for p in rep.series])])
    roles = Chart("roles", t("Distinct participants by role"),
                  [w.label(r) for r in rep.participants_by_role],
                  [Series(t("Participants"), list(rep.participants_by_role.values()))],
                  horizontal=True)
    outcomes = Chart("outcomes", t("Commitments followed up, by outcome"),
                     [w.label(o) for o in rep.commitments.by_outcome],
                     [Series(t("Commitments"), list(rep.commitments.by_outcome.values()))],
                     horizontal=True)
    actions = Chart("actions", t("Action items by status"),
                    [w.label(s) for s in rep.actions.by_status],
                    [Series(t("Items"), list(rep.actions.by_status.values()))],
                    horizontal=True)
    return [over_time, roles, outcomes, actions]


def statement_chart(st: CreditStatement, words: Words | None = None) -> Chart:
    """A member's credits per credit year, all and certified."""
    t = (words or Words()).tr
    return Chart("years", t("Credits by credit year"), [y.label for y in st.years],
                 [Series(t("Credits"), [y.credits for y in st.years]),
                  Series(t("Certified credits"), [y.certified for y in st.years])])
