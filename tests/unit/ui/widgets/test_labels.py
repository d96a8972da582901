"""Dates and times are written as Qt writes them (ISO dates, 24-hour clock), in both
languages, without a call into Qt per painted line."""

from __future__ import annotations

import datetime as dt
import random

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

from clinicapp.ui import i18n
from clinicapp.ui.widgets.labels import (
    DATE_FORMAT,
    TIME_FORMAT,
    fmt_date,
    fmt_datetime,
    fmt_time,
)


def moments() -> list[dt.datetime]:
    rng = random.Random(21)
    found = [dt.datetime(1, 1, 1, 0, 0, tzinfo=dt.UTC) + dt.timedelta(days=2),
             dt.datetime(999, 3, 4, 5, 6, tzinfo=dt.UTC),
             dt.datetime(9999, 12, 30, 23, 59, tzinfo=dt.UTC),
             dt.datetime(2026, 3, 8, 10, 30, tzinfo=dt.UTC),  # around a DST change
             dt.datetime(2026, 11, 1, 6, 30, tzinfo=dt.UTC)]
    start = dt.datetime(1990, 1, 1, tzinfo=dt.UTC)
    found += [start + dt.timedelta(seconds=rng.randrange(0, 60 * 365 * 86_400))
              for _ in range(300)]
    return found


def test_dates_and_times_read_as_qt_writes_them_in_english_and_french(qapp):
    try:
        for language in ("en", "fr"):
            i18n.install(language)
            QLocale.setDefault(QLocale(language))
            for moment in moments():
                local = moment.astimezone()
                qt_day = QDate(local.year, local.month, local.day)
                qt_time = QTime(local.hour, local.minute)
                assert fmt_date(local.date()) == qt_day.toString(DATE_FORMAT)
                assert fmt_time(moment) == qt_time.toString(TIME_FORMAT)
                assert fmt_datetime(moment) == QDateTime(qt_day, qt_time).toString(
                    f"{DATE_FORMAT} {TIME_FORMAT}")
    finally:
        QLocale.setDefault(QLocale.system())
        i18n.install("en")
    assert fmt_date(None) == fmt_datetime(None) == fmt_time(None) == ""
