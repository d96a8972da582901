"""Small-count suppression for aggregates that leave a group.

A count under the threshold (setting ``small_count_threshold``, 5 by default) could point
at one person, so it is shown as "<5" instead. Zero is suppressed too: "nobody" is as
telling as "one". When a breakdown whose total is shown has exactly one suppressed cell,
that cell could be recovered by subtraction, so the next smallest cell is suppressed as
well (complementary suppression). Figures derived from few people (a mean of three
answers, the credits of two participants) are suppressed with their count.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

K = TypeVar("K")


@dataclass(frozen=True)
class Suppressed:
    """A figure withheld because it rests on fewer than ``threshold`` people."""

    threshold: int

    def __str__(self) -> str:
        return f"<{self.threshold}"


Count = int | Suppressed
Figure = float | Suppressed | None  # None: nothing to show (no answers at all)


def count(value: int, threshold: int | None) -> Count:
    if threshold is not None and value < threshold:
        return Suppressed(threshold)
    return value


def figure(value: float | None, basis: int, threshold: int | None) -> Figure:
    """``value`` computed from ``basis`` people: withheld when the basis is small."""
    if threshold is not None and basis < threshold:
        return Suppressed(threshold)
    return value


def breakdown(counts: Mapping[K, int], threshold: int | None) -> dict[K, Count]:
    """Each count of a breakdown whose total is also shown, with complementary
    suppression so no withheld cell can be recovered by subtraction."""
    shown: dict[K, Count] = {key: count(value, threshold) for key, value in counts.items()}
    if threshold is None:
        return shown
    hidden = [k for k, v in shown.items() if isinstance(v, Suppressed)]
    visible = [k for k, v in shown.items() if not isinstance(v, Suppressed)]
    if len(hidden) == 1 and visible:
        smallest = min(visible, key=lambda k: counts[k])
        shown[smallest] = Suppressed(threshold)
    return shown


def is_suppressed(value: object) -> bool:
    return isinstance(value, Suppressed)
