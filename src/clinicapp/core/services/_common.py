"""Small pieces every service uses: fetching live rows, tombstones, paging, validation."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.errors import NotFoundError, ValidationError
from clinicapp.core.models import Synced
from clinicapp.core.sync.clock import utcnow

T = TypeVar("T")
M = TypeVar("M", bound=Synced)


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: ``items`` from ``offset``, out of ``total`` matching rows."""

    items: list[T]
    offset: int
    total: int

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.items) < self.total


def get_live(session: OrmSession, model: type[M], row_id: str, kind: str | None = None) -> M:
    """The row with this id, unless it does not exist or is deleted."""
    obj = session.get(model, row_id)
    if obj is None or obj.deleted_at is not None:
        raise NotFoundError(kind or model.__name__.lower(), row_id)
    return obj


def tombstone(obj: Synced) -> None:
    obj.deleted_at = utcnow()


def paged(session: OrmSession, stmt: Select[T], offset: int = 0,
          limit: int = 100, count: bool = True) -> Page[T]:
    """A page of ``stmt``. ``count=False`` skips counting every match: ``total`` is then
    only known to be at least the rows so far, plus one when the page came back full (so
    ``has_more`` still holds) — for a list that shows its first rows before its count."""
    items = list(session.scalars(stmt.offset(offset).limit(limit)).all())
    if not count:
        return Page(items=items, offset=offset,
                    total=offset + len(items) + (1 if len(items) == limit else 0))
    return Page(items=items, offset=offset, total=count_of(session, stmt))


def count_of(session: OrmSession, stmt: Select[Any]) -> int:
    """How many rows ``stmt`` matches."""
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    return int(total or 0)


def apply_fields(obj: Any, values: Mapping[str, Any], allowed: Iterable[str]) -> None:
    """Set only the named fields; anything else is a mistake in the caller."""
    allowed_set = set(allowed)
    for key, value in values.items():
        if key not in allowed_set:
            raise ValidationError(key, "not_editable")
        if isinstance(value, list):
            value = list(value)  # assign a new list so the change is seen
        setattr(obj, key, value)


def require_text(field: str, value: str | None, max_len: int = 300) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(field, "empty")
    if len(text) > max_len:
        raise ValidationError(field, "too_long", limit=max_len)
    return text


def require_range(field: str, value: int | float | None, low: float, high: float,
                  optional: bool = False) -> None:
    if value is None:
        if optional:
            return
        raise ValidationError(field, "required")
    if not low <= value <= high:
        raise ValidationError(field, "out_of_range", low=low, high=high)


def require_choice(field: str, value: Any, enum_cls: Any) -> Any:
    try:
        return enum_cls(value)
    except ValueError:
        allowed = ", ".join(e.value for e in enum_cls)
        raise ValidationError(field, "not_one_of", allowed=allowed) from None


def ids_of(rows: Sequence[Any]) -> list[str]:
    return [row.id for row in rows]
