"""A reporting period: whole local days, first and last included."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from clinicapp.core.errors import ValidationError
from clinicapp.core.sync import clock


@dataclass(frozen=True)
class Period:
    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValidationError("to", "period_order", first=self.first.isoformat())

    @property
    def starts_at(self) -> datetime:
        """The first moment of the period (local midnight), in UTC."""
        return local_midnight(self.first)

    @property
    def ends_before(self) -> datetime:
        """The first moment after the period, in UTC."""
        return local_midnight(self.last + timedelta(days=1))

    @property
    def months(self) -> int:
        return (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last


def local_midnight(day: date) -> datetime:
    """The first moment of ``day`` in the clinic's time zone, in UTC. (Sessions are stored
    in UTC; a person's "1 July" is the clinic's local day, see ``clock.zone``.)"""
    zone = clock.zone()
    if zone is None:
        return datetime.combine(day, time.min).astimezone().astimezone(UTC)
    return datetime.combine(day, time.min, tzinfo=zone).astimezone(UTC)


def local_day(moment: datetime) -> date:
    """The clinic's local day of ``moment``."""
    return clock.local(moment).date()


def parse_day(text: str, field: str) -> date:
    """An ISO date typed by a person (YYYY-MM-DD)."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(field, "not_date_text", text=text) from None
