"""Credit arithmetic (Mainpro+ and Royal College MOC group learning).

Credits follow time actually attended: arrival to departure, clipped to the session,
minus the breaks recorded on the session, times the session's credits per hour, capped
at its certified maximum, rounded *down* to the configured step (0.25 by default; no
rounding rule is published, so it is a setting). Exact fractions avoid float edges:
59 minutes at 1 credit/hour with step 0.25 is 0.75, never 0.9833 rounded up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from fractions import Fraction


def overlap_minutes(a_start: datetime, a_end: datetime, b_start: datetime,
                    b_end: datetime) -> int:
    start, end = max(a_start, b_start), min(a_end, b_end)
    return max(0, int((end - start).total_seconds() // 60))


def attended_minutes(arrived: datetime, left: datetime, session_start: datetime,
                     session_end: datetime,
                     breaks: Iterable[Sequence[datetime]] = ()) -> int:
    """Minutes of agenda time this person was in the room."""
    present_from, present_to = max(arrived, session_start), min(left, session_end)
    if present_to <= present_from:
        return 0
    total = int((present_to - present_from).total_seconds() // 60)
    for brk_start, brk_end in breaks:
        total -= overlap_minutes(present_from, present_to, brk_start, brk_end)
    return max(0, total)


def credits_for(minutes: int, credits_per_hour: float, max_credits: float | None = None,
                step: float = 0.25) -> float:
    """Credits earned for ``minutes`` attended."""
    if minutes <= 0 or credits_per_hour <= 0:
        return 0.0
    earned = Fraction(minutes) * Fraction(str(credits_per_hour)) / 60
    if max_credits is not None:
        earned = min(earned, Fraction(str(max_credits)))
    step_f = Fraction(str(step))
    rounded = (earned // step_f) * step_f
    return float(rounded)


def credit_year_start(day: date) -> int:
    """The calendar year in which the Mainpro+ credit year holding ``day`` begins
    (credit years run 1 July to 30 June)."""
    return day.year if day.month >= 7 else day.year - 1


def credit_year_label(start_year: int) -> str:
    return f"{start_year}–{start_year + 1}"


def credit_year_bounds(start_year: int) -> tuple[date, date]:
    return date(start_year, 7, 1), date(start_year + 1, 6, 30)


# Mainpro+ five-year cycle targets.
CYCLE_YEARS = 5
CYCLE_TOTAL = 250.0
CYCLE_CERTIFIED = 125.0
YEARLY_MINIMUM = 25.0
