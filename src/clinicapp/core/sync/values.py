"""How a field's value is written in a change (JSON) and read back into a column."""

from __future__ import annotations

import enum
import json
from collections.abc import Callable
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


_loads = json.JSONDecoder().decode  # json.loads for text, without its per-call checks


def decode(column: Column[Any], text: str) -> Any:
    """The Python value for ``column`` from a change's JSON text."""
    return decoder(column)(text)


def decoder(column: Column[Any]) -> Callable[[str], Any]:
    """``decode`` for one column, its type looked at once (the merge decodes many)."""
    if isinstance(column.type, UTCDateTime | Date):
        parse = datetime.fromisoformat if isinstance(column.type, UTCDateTime) \
            else date.fromisoformat

        def timely(text: str) -> Any:
            value = _loads(text)
            return None if value is None else parse(value)
        return timely
    return _loads
