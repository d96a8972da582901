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


_scan = json.JSONDecoder().scan_once  # type: ignore[attr-defined]  # json.loads's C scanner


def loads(text: str) -> Any:
    """``json.loads(text)`` for one JSON text, without its Python wrappers (a third of its
    cost on short texts): the C scanner reads the text, and only when it does not read
    it whole, exactly (leading or trailing space, an error), ``json.loads`` itself
    decides, so every result and every error is the one ``json.loads`` gives."""
    try:
        value, end = _scan(text, 0)
    except (ValueError, StopIteration, RecursionError):
        return json.loads(text)
    if end != len(text):
        return json.loads(text)
    return value


def loads_line(line: bytes) -> Any:
    """``json.loads(line)`` for one line of a payload (UTF-8), likewise: a line that is
    not a plain UTF-8 JSON object goes through ``json.loads`` (its encoding detection,
    its errors)."""
    if line[:1] != b"{" or line[1:2] == b"\x00":
        return json.loads(line)
    try:
        text = line.decode("utf-8", "surrogatepass")  # json.loads's decoding of UTF-8
        value, end = _scan(text, 0)
    except (ValueError, StopIteration, RecursionError):
        return json.loads(line)
    if end != len(text):
        return json.loads(line)
    return value


_loads = loads


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
