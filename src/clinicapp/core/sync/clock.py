"""Wall clock and hybrid logical clock (HLC).

An HLC timestamp is ``(wall_ms, counter)``: it never goes backwards on one replica, even
when the workstation clock does, and it is always later than every timestamp the replica
has seen, so causal order survives badly set clocks. Timestamps are written as fixed-width
strings so they sort the same as text and as tuples, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

# The wall clock every part of ClinicApp reads. Tests replace it with ``set_wall_clock``.
_wall_clock: Callable[[], float] = time.time


def set_wall_clock(clock: Callable[[], float] | None) -> None:
    """Replace the wall clock (seconds since the epoch); ``None`` restores the real one."""
    global _wall_clock
    _wall_clock = clock or time.time


def now_ms() -> int:
    return int(_wall_clock() * 1000)


def utcnow() -> datetime:
    return datetime.fromtimestamp(_wall_clock(), tz=UTC)


# The clinic's time zone (the ``time_zone`` setting, applied when a database opens):
# every local day — session dates, credit years, report periods, "today" — is a day
# there, so a server running in UTC counts the same days as the clinic. None: this
# computer's own zone.
_zone: tzinfo | None = None


def set_zone(zone: tzinfo | None) -> None:
    """Use ``zone`` for local days from now on (None: this computer's zone)."""
    global _zone
    _zone = zone


def zone() -> tzinfo | None:
    return _zone


def local(moment: datetime) -> datetime:
    """``moment`` (aware) as the clinic's local time."""
    return moment.astimezone(_zone)


def today() -> date:
    """Today's date in the clinic's time zone."""
    return datetime.fromtimestamp(_wall_clock(), tz=_zone).date()


@dataclass(frozen=True, order=True)
class Hlc:
    wall_ms: int
    counter: int

    def __str__(self) -> str:
        return f"{self.wall_ms:015d}.{self.counter:06d}"

    @classmethod
    def parse(cls, text: str) -> Hlc:
        wall, _, counter = text.partition(".")
        return cls(int(wall), int(counter))

    def as_datetime(self) -> datetime:
        return datetime.fromtimestamp(self.wall_ms / 1000, tz=UTC)


ZERO = Hlc(0, 0)


def tick(last: Hlc) -> Hlc:
    """The timestamp for a local event after ``last``."""
    wall = now_ms()
    if wall > last.wall_ms:
        return Hlc(wall, 0)
    return Hlc(last.wall_ms, last.counter + 1)


def receive(last: Hlc, remote: Hlc) -> Hlc:
    """The local clock after seeing a remote timestamp (the caller bounds the drift)."""
    wall = now_ms()
    top = max(wall, last.wall_ms, remote.wall_ms)
    if top == last.wall_ms == remote.wall_ms:
        return Hlc(top, max(last.counter, remote.counter) + 1)
    if top == last.wall_ms:
        return Hlc(top, last.counter + 1)
    if top == remote.wall_ms:
        return Hlc(top, remote.counter + 1)
    return Hlc(top, 0)
