"""The clinic's time zone decides every local day: a computer running in UTC (the central
server) counts the same session dates, credit years and report periods as the clinic."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from clinicapp.core.errors import ValidationError
from clinicapp.core.reports.period import Period, local_day, local_midnight
from clinicapp.core.rules.credits import credit_year_start
from clinicapp.core.services import audit, groups, sessions, settings, today
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import clock
from tests.conftest import PASSPHRASE

FAR = "Pacific/Kiritimati"  # UTC+14: its day begins ten hours before UTC's


@pytest.fixture
def computer_in_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_computer_in_utc_counts_the_clinics_days(db: Database, computer_in_utc) -> None:
    settings.change(db, "time_zone", FAR)
    moment = datetime(2026, 3, 1, 11, 0, tzinfo=UTC)  # 01:00 on 2 March at the clinic
    assert local_day(moment) == date(2026, 3, 2)
    assert local_midnight(date(2026, 3, 2)) == datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
    march_2 = Period(date(2026, 3, 2), date(2026, 3, 2))
    assert (march_2.starts_at, march_2.ends_before) == (
        datetime(2026, 3, 1, 10, 0, tzinfo=UTC), datetime(2026, 3, 2, 10, 0, tzinfo=UTC))
    # 30 June 12:00 UTC is already 1 July there: the next credit year.
    assert credit_year_start(local_day(datetime(2026, 6, 30, 12, 0, tzinfo=UTC))) == 2026
    clock.set_wall_clock(lambda: moment.timestamp())
    try:
        assert clock.today() == date(2026, 3, 2)
    finally:
        clock.set_wall_clock(None)


def test_sessions_are_listed_and_shown_on_the_clinics_day(db: Database,
                                                          computer_in_utc) -> None:
    settings.change(db, "time_zone", FAR)
    group = groups.create(db, "North clinic")
    ses = sessions.plan(db, group.id, "Rounds", datetime(2026, 3, 1, 11, 0, tzinfo=UTC))
    on_march_2 = sessions.list_sessions(db, date_from=date(2026, 3, 2),
                                        date_to=date(2026, 3, 2)).items
    assert [s.id for s in on_march_2] == [ses.id]
    assert sessions.list_sessions(db, date_from=date(2026, 3, 1),
                                  date_to=date(2026, 3, 1)).items == []
    upcoming = today.dashboard(db, date(2026, 3, 2)).upcoming_sessions
    assert [(e.id, e.date) for e in upcoming] == [(ses.id, date(2026, 3, 2))]


def test_the_zone_is_applied_whenever_the_data_is_opened(created, paths,
                                                         computer_in_utc) -> None:
    db, _code = created
    settings.change(db, "time_zone", FAR)
    db.close()
    clock.set_zone(None)
    reopened = Database.open(paths, passphrase=PASSPHRASE)
    try:
        assert local_day(datetime(2026, 3, 1, 11, 0, tzinfo=UTC)) == date(2026, 3, 2)
        assert ("setting_changed", f"time_zone = {FAR}") in [
            (e.action, e.detail) for e in audit.list_entries(reopened).items]
    finally:
        reopened.close()


@pytest.mark.parametrize("name", ["Mars/Olympus_Mons", "../../etc/passwd", "/etc/localtime"])
def test_a_name_that_is_not_a_time_zone_is_refused_and_changes_nothing(db: Database,
                                                                       name: str) -> None:
    with pytest.raises(ValidationError) as err:
        settings.change(db, "time_zone", name)
    assert (err.value.field, err.value.code) == ("time_zone", "unknown_time_zone")
    assert settings.read(db, "time_zone") == ""
    assert clock.zone() is None


def test_by_default_days_are_this_computers(db: Database) -> None:
    assert settings.read(db, "time_zone") == ""
    moment = datetime(2026, 3, 1, 11, 0, tzinfo=UTC)
    assert local_day(moment) == moment.astimezone().date()
