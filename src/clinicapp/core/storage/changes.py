"""What one write changed, named by table and row id (like Anki's ``OpChanges``).

``Database.write()`` collects it from every flush of its transaction; ``Database.run``
hands it back with the operation's own result, and the commit listeners (the UI's one
change signal) get its tables. A page refreshes only when ``changes.touches(...)`` the
tables it shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Generic, TypeVar

T = TypeVar("T")


def _frozen(ids: Mapping[str, Iterable[str]]) -> Mapping[str, frozenset[str]]:
    return MappingProxyType({t: frozenset(i) for t, i in ids.items()})


@dataclass(frozen=True)
class Changes:
    """Rows written by one operation: table name -> ids (inserted, updated or
    soft-deleted)."""

    ids: Mapping[str, frozenset[str]] = field(default_factory=lambda: _frozen({}))

    @classmethod
    def of(cls, ids: Mapping[str, Iterable[str]]) -> Changes:
        return cls(_frozen({t: i for t, i in ids.items()}))

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(self.ids)

    def touches(self, tables: Iterable[str]) -> bool:
        """True when any of ``tables`` changed (a page's ``shows`` set)."""
        return not self.tables.isdisjoint(tables)

    def __bool__(self) -> bool:
        return bool(self.ids)

    def __or__(self, other: Changes) -> Changes:
        merged: dict[str, set[str]] = {t: set(i) for t, i in self.ids.items()}
        for table, ids in other.ids.items():
            merged.setdefault(table, set()).update(ids)
        return Changes.of(merged)


NOTHING = Changes()


@dataclass(frozen=True)
class Result(Generic[T]):
    """An operation's own return value and what it changed."""

    value: T
    changes: Changes
