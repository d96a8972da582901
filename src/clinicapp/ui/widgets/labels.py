"""People-facing names of the domain's closed vocabularies, translated.

Built when first asked for in the current language (not at import) and kept until the
language changes (``i18n.generation``), so a language switch in Settings takes effect on
the next page refresh. Literal strings inside ``translate`` calls let ``pyside6-lupdate`` find
them.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QLocale

from clinicapp.core.vocabulary import (  # not core.models: no ORM before Today is drawn
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
from clinicapp.printing import words
from clinicapp.ui import i18n

_cache: dict[tuple[int, type[StrEnum]], dict[StrEnum, str]] = {}


def labels(enum_cls: type[StrEnum]) -> dict[StrEnum, str]:
    """Translated label of every member of ``enum_cls``, in declaration order. Kept until
    the language changes: a table's every painted cell asks for its label."""
    key = (i18n.generation(), enum_cls)
    found = _cache.get(key)
    if found is None:
        found = _cache[key] = _labels(enum_cls)
    return found


def _labels(enum_cls: type[StrEnum]) -> dict[StrEnum, str]:
    # Written out in full: pyside6-lupdate files a string under its context only when it
    # sees QCoreApplication.translate("Labels", ...) itself, not through an alias.
    table: dict[type[StrEnum], dict[StrEnum, str]] = {
        Role: {
            Role.PHYSICIAN: QCoreApplication.translate("Labels", "Physician"),
            Role.MOA: QCoreApplication.translate("Labels", "Medical office assistant"),
            Role.NURSE: QCoreApplication.translate("Labels", "Nurse"),
            Role.ALLIED_HEALTH: QCoreApplication.translate("Labels", "Allied health"),
            Role.ADMINISTRATOR: QCoreApplication.translate("Labels", "Administrator"),
            Role.OTHER: QCoreApplication.translate("Labels", "Other"),
        },
        SessionStatus: {
            SessionStatus.PLANNED: QCoreApplication.translate("Labels", "Planned"),
            SessionStatus.IN_PROGRESS: QCoreApplication.translate("Labels", "In progress"),
            SessionStatus.COMPLETED: QCoreApplication.translate("Labels", "Completed"),
            SessionStatus.CANCELLED: QCoreApplication.translate("Labels", "Cancelled"),
        },
        AccreditationBody: {
            AccreditationBody.MAINPRO_PLUS: QCoreApplication.translate("Labels", "Mainpro+ (CFPC)"),
            AccreditationBody.ROYAL_COLLEGE_MOC: QCoreApplication.translate(
                "Labels", "Royal College MOC"
            ),
            AccreditationBody.OTHER: QCoreApplication.translate("Labels", "Other accreditation"),
            AccreditationBody.NONE: QCoreApplication.translate("Labels", "Not accredited"),
        },
        CreditCategory: {
            CreditCategory.CERTIFIED: QCoreApplication.translate("Labels", "Certified"),
            CreditCategory.CERTIFIED_ASSESSMENT: QCoreApplication.translate(
                "Labels", "Certified assessment"
            ),
            CreditCategory.NON_CERTIFIED: QCoreApplication.translate("Labels", "Non-certified"),
        },
        AttendanceStatus: {
            AttendanceStatus.PRESENT: QCoreApplication.translate("Labels", "Present"),
            AttendanceStatus.LATE: QCoreApplication.translate("Labels", "Late"),
            AttendanceStatus.LEFT_EARLY: QCoreApplication.translate("Labels", "Left early"),
            AttendanceStatus.ABSENT: QCoreApplication.translate("Labels", "Absent"),
        },
        Visibility: {
            Visibility.PRIVATE: QCoreApplication.translate("Labels", "Private (only me)"),
            Visibility.GROUP: QCoreApplication.translate("Labels", "Shared with the group"),
        },
        Stance: {
            Stance.WILL_CHANGE: QCoreApplication.translate("Labels", "I will change my practice"),
            Stance.ALREADY_DOING: QCoreApplication.translate("Labels", "I already do this"),
            Stance.NEED_MORE_INFORMATION: QCoreApplication.translate(
                "Labels", "I need more information"
            ),
            Stance.WILL_NOT: QCoreApplication.translate("Labels", "I will not change"),
        },
        Outcome: {
            Outcome.IMPLEMENTED: QCoreApplication.translate("Labels", "Implemented"),
            Outcome.PARTLY: QCoreApplication.translate("Labels", "Partly implemented"),
            Outcome.NOT_YET: QCoreApplication.translate("Labels", "Not yet"),
            Outcome.ABANDONED: QCoreApplication.translate("Labels", "Abandoned"),
        },
        Horizon: {
            Horizon.IMMEDIATE: QCoreApplication.translate("Labels", "Immediate"),
            Horizon.WITHIN_A_YEAR: QCoreApplication.translate("Labels", "Within a year"),
            Horizon.ONE_TO_TWO_YEARS: QCoreApplication.translate("Labels", "One to two years"),
        },
        ItemStatus: {
            ItemStatus.NOT_STARTED: QCoreApplication.translate("Labels", "Not started"),
            ItemStatus.IN_PROGRESS: QCoreApplication.translate("Labels", "In progress"),
            ItemStatus.BLOCKED: QCoreApplication.translate("Labels", "Blocked"),
            ItemStatus.DONE: QCoreApplication.translate("Labels", "Done"),
            ItemStatus.DROPPED: QCoreApplication.translate("Labels", "Dropped"),
        },
        PdsaAct: {
            PdsaAct.ADOPT: QCoreApplication.translate("Labels", "Adopt"),
            PdsaAct.ADAPT: QCoreApplication.translate("Labels", "Adapt"),
            PdsaAct.ABANDON: QCoreApplication.translate("Labels", "Abandon"),
        },
        SupportKind: {
            SupportKind.PHYSICIAN_PEER: QCoreApplication.translate("Labels", "Physician peer"),
            SupportKind.MOA_PEER_MENTOR: QCoreApplication.translate("Labels", "MOA peer mentor"),
            SupportKind.RST_COORDINATOR: QCoreApplication.translate("Labels", "RST coordinator"),
        },
        SupportStatus: {
            SupportStatus.REQUESTED: QCoreApplication.translate("Labels", "Requested"),
            SupportStatus.SCHEDULED: QCoreApplication.translate("Labels", "Scheduled"),
            SupportStatus.DONE: QCoreApplication.translate("Labels", "Done"),
            SupportStatus.CANCELLED: QCoreApplication.translate("Labels", "Cancelled"),
        },
        YesNoNa: {
            YesNoNa.YES: QCoreApplication.translate("Labels", "Yes"),
            YesNoNa.NO: QCoreApplication.translate("Labels", "No"),
            YesNoNa.NOT_APPLICABLE: QCoreApplication.translate("Labels", "Not applicable"),
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


# One way of writing dates and times everywhere, in both languages: ISO dates
# (2026-12-01, as clinics here write them) and the 24-hour clock, the same as date fields
# and printed reports; never "12:00 p.m." beside "18:00".
DATE_FORMAT = "yyyy-MM-dd"
TIME_FORMAT = "HH:mm"


# Written in Python, not with QDate/QDateTime.toString (the same digits: Qt writes these
# numeric formats in the C locale): a table or Today list formats one per painted line,
# and Qt's way costs about 50 µs a call against 2. tests/unit/ui/widgets/test_labels.py
# checks both agree.

def fmt_date(day: date | None) -> str:
    """A date as 2026-12-01 ("" for none)."""
    if day is None:
        return ""
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def fmt_datetime(moment: datetime | None) -> str:
    """An aware datetime in local time, short format ("" for none)."""
    if moment is None:
        return ""
    local = moment.astimezone()
    return (f"{local.year:04d}-{local.month:02d}-{local.day:02d} "
            f"{local.hour:02d}:{local.minute:02d}")


def fmt_time(moment: datetime | None) -> str:
    if moment is None:
        return ""
    local = moment.astimezone()
    return f"{local.hour:02d}:{local.minute:02d}"


def fmt_credits(value: float | None) -> str:
    return "" if value is None else _locale().toString(float(value), "f", 2)


def fmt_minutes(minutes: int | None) -> str:
    """ "1 h 05 min" style duration ("" for none)."""
    if minutes is None:
        return ""
    hours, mins = divmod(int(minutes), 60)
    if hours:
        return (
            QCoreApplication.translate("Labels", "%1 h %2 min")
            .replace("%1", str(hours))
            .replace("%2", f"{mins:02d}")
        )
    return QCoreApplication.translate("Labels", "%1 min").replace("%1", str(mins))


def topic_title(title: str) -> str:
    """A topic's title in the interface language (the seeded catalogue translated; its one
    table is ``printing/words.py``, so printed reports word it the same)."""
    return words.topic_title(title)
