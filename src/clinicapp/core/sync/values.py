"""How a field's value is written in a change (JSON) and read back into a column."""

from __future__ import annotations

import enum
import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Date

from clinicapp.core.models.base import UTCDateTime


def to_jsonable(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        raise TypeError("binary values do not sync")
    return value


def encode(value: Any) -> str:
    """Canonical JSON: the same value is always the same text on every replica."""
    return json.dumps(to_jsonable(value), sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False)


def decode(column: Column[Any], text: str) -> Any:
    """The Python value for ``column`` from a change's JSON text."""
    value = json.loads(text)
    if value is None:
        return None
    if isinstance(column.type, UTCDateTime):
        return datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return date.fromisoformat(value)
    return value
