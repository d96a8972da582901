"""People-facing names of the domain's closed vocabularies, translated.

Built on each call (not at import) so a language switch in Settings takes effect on the
next page refresh. Literal strings inside ``translate`` calls let ``pyside6-lupdate`` find
them.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime

from clinicapp.core.models import (
    AccreditationBody,
    AttendanceStatus,
    CreditCategory,
    Horizon,
    ItemStatus,
    Outcome,
    PdsaAct,
    Role,
    SessionStatus,
    Stance,
    SupportKind,
    SupportStatus,
    Visibility,
    YesNoNa,
)


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def labels(enum_cls: type[StrEnum]) -> dict[StrEnum, str]:
    """Translated label of every member of ``enum_cls``, in declaration order."""
    tr = QCoreApplication.translate
    table: dict[type[StrEnum], dict[StrEnum, str]] = {
        Role: {
            Role.PHYSICIAN: tr("Labels", "Physician"),
            Role.MOA: tr("Labels", "Medical office assistant"),
            Role.NURSE: tr("Labels", "Nurse"),
            Role.ALLIED_HEALTH: tr("Labels", "Allied health"),
            Role.ADMINISTRATOR: tr("Labels", "Administrator"),
            Role.OTHER: tr("Labels", "Other"),
        },
        SessionStatus: {
            SessionStatus.PLANNED: tr("Labels", "Planned"),
            SessionStatus.IN_PROGRESS: tr("Labels", "In progress"),
            SessionStatus.COMPLETED: tr("Labels", "Completed"),
            SessionStatus.CANCELLED: tr("Labels", "Cancelled"),
        },
        AccreditationBody: {
            AccreditationBody.MAINPRO_PLUS: tr("Labels", "Mainpro+ (CFPC)"),
            AccreditationBody.ROYAL_COLLEGE_MOC: tr("Labels", "Royal College MOC"),
            AccreditationBody.OTHER: tr("Labels", "Other accreditation"),
            AccreditationBody.NONE: tr("Labels", "Not accredited"),
        },
        CreditCategory: {
            CreditCategory.CERTIFIED: tr("Labels", "Certified"),
            CreditCategory.CERTIFIED_ASSESSMENT: tr("Labels", "Certified assessment"),
            CreditCategory.NON_CERTIFIED: tr("Labels", "Non-certified"),
        },
        AttendanceStatus: {
            AttendanceStatus.PRESENT: tr("Labels", "Present"),
            AttendanceStatus.LATE: tr("Labels", "Late"),
            AttendanceStatus.LEFT_EARLY: tr("Labels", "Left early"),
            AttendanceStatus.ABSENT: tr("Labels", "Absent"),
        },
        Visibility: {
            Visibility.PRIVATE: tr("Labels", "Private (only me)"),
            Visibility.GROUP: tr("Labels", "Shared with the group"),
        },
        Stance: {
            Stance.WILL_CHANGE: tr("Labels", "I will change my practice"),
            Stance.ALREADY_DOING: tr("Labels", "I already do this"),
            Stance.NEED_MORE_INFORMATION: tr("Labels", "I need more information"),
            Stance.WILL_NOT: tr("Labels", "I will not change"),
        },
        Outcome: {
            Outcome.IMPLEMENTED: tr("Labels", "Implemented"),
            Outcome.PARTLY: tr("Labels", "Partly implemented"),
            Outcome.NOT_YET: tr("Labels", "Not yet"),
            Outcome.ABANDONED: tr("Labels", "Abandoned"),
        },
        Horizon: {
            Horizon.IMMEDIATE: tr("Labels", "Immediate"),
            Horizon.WITHIN_A_YEAR: tr("Labels", "Within a year"),
            Horizon.ONE_TO_TWO_YEARS: tr("Labels", "One to two years"),
        },
        ItemStatus: {
            ItemStatus.NOT_STARTED: tr("Labels", "Not started"),
            ItemStatus.IN_PROGRESS: tr("Labels", "In progress"),
            ItemStatus.BLOCKED: tr("Labels", "Blocked"),
            ItemStatus.DONE: tr("Labels", "Done"),
            ItemStatus.DROPPED: tr("Labels", "Dropped"),
        },
        PdsaAct: {
            PdsaAct.ADOPT: tr("Labels", "Adopt"),
            PdsaAct.ADAPT: tr("Labels", "Adapt"),
            PdsaAct.ABANDON: tr("Labels", "Abandon"),
        },
        SupportKind: {
            SupportKind.PHYSICIAN_PEER: tr("Labels", "Physician peer"),
            SupportKind.MOA_PEER_MENTOR: tr("Labels", "MOA peer mentor"),
            SupportKind.RST_COORDINATOR: tr("Labels", "RST coordinator"),
        },
        SupportStatus: {
            SupportStatus.REQUESTED: tr("Labels", "Requested"),
            SupportStatus.SCHEDULED: tr("Labels", "Scheduled"),
            SupportStatus.DONE: tr("Labels", "Done"),
            SupportStatus.CANCELLED: tr("Labels", "Cancelled"),
        },
        YesNoNa: {
            YesNoNa.YES: tr("Labels", "Yes"),
            YesNoNa.NO: tr("Labels", "No"),
            YesNoNa.NOT_APPLICABLE: tr("Labels", "Not applicable"),
        },
    }
    return table[enum_cls]


def label(value: StrEnum | str | None, enum_cls: type[StrEnum] | None = None) -> str:
    """The label of one value ("" for None); unknown strings are shown as they are."""
    if value is None:
        return ""
    cls = enum_cls or type(value)
    if not (isinstance(cls, type) and issubclass(cls, StrEnum)):
        return str(value)
    try:
        return labels(cls)[cls(value)]
    except (KeyError, ValueError):
        return str(value)


def _locale() -> QLocale:
    """The interface locale; Canadian English where the system gives none (the "C" locale
    of a bare Linux session would print dates as "25 11 2026")."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.Canada)
    return locale


def fmt_date(day: date | None) -> str:
    """A date in the interface language's short format ("" for none)."""
    if day is None:
        return ""
    return _locale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


def fmt_datetime(moment: datetime | None) -> str:
    """An aware datetime in local time, short format ("" for none)."""
    if moment is None:
        return ""
    local = moment.astimezone()
    qdt = QDateTime(QDate(local.year, local.month, local.day),
                    QTime(local.hour, local.minute))
    return _locale().toString(qdt, QLocale.FormatType.ShortFormat)


def fmt_time(moment: datetime | None) -> str:
    if moment is None:
        return ""
    local = moment.astimezone()
    return _locale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)


def fmt_credits(value: float | None) -> str:
    return "" if value is None else _locale().toString(float(value), "f", 2)


def fmt_minutes(minutes: int | None) -> str:
    """"1 h 05 min" style duration ("" for none)."""
    if minutes is None:
        return ""
    hours, mins = divmod(int(minutes), 60)
    if hours:
        return _t("%1 h %2 min").replace("%1", str(hours)).replace("%2", f"{mins:02d}")
    return _t("%1 min").replace("%1", str(mins))

