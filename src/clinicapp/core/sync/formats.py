"""Strict formats: every change of a bundle is checked against fixed ASCII formats, the
models' tables and fields, the column types and the enums before anything is written.

``str.isdigit()`` and ``int()`` accept other scripts' digits ("١٢٣"): every pattern here
spells its digits ``[0-9]`` and every text is checked to be ASCII where ASCII is meant.
"""

from __future__ import annotations

import json.decoder
import math
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Date, Float, Integer, String

from clinicapp.core.models import MODEL_BY_TABLE, StrEnumType, UTCDateTime
from clinicapp.core.sync.authorship import STUB
from clinicapp.core.sync.values import loads

_string = json.decoder.scanstring  # type: ignore[attr-defined]

HLC = re.compile(r"[0-9]{15}\.[0-9]{6}")
ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
STUB_VALUE = re.compile(re.escape(STUB) + r"[0-9a-f]{64}")
DIGEST = re.compile(r"[0-9a-f]{64}")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?"
                      r"(Z|[+-][0-9]{2}:[0-9]{2})")
AGE_RECIPIENT = re.compile(r"age1[0-9a-z]{58}")
MAX_SEQ = 2**62
KEYS = frozenset(("tbl", "row_id", "field", "value", "hlc", "origin", "seq",
                  "prev_origin", "prev_seq"))
NOT_SYNCED = frozenset({"id"})


class FormatError(ValueError):
    """A change that is not in the format this version writes (the bundle is damaged)."""


def is_id(text: object) -> bool:
    return isinstance(text, str) and ID.fullmatch(text) is not None


def is_seq(n: object) -> bool:
    return type(n) is int and 1 <= n <= MAX_SEQ


def is_hlc(text: object) -> bool:
    return isinstance(text, str) and HLC.fullmatch(text) is not None


Check = Callable[[Any], bool]


def _kind(column: Column[Any]) -> Check:
    """A predicate for the JSON value of ``column`` (None is handled by the caller)."""
    kind = column.type
    if column.foreign_keys:
        return is_id
    if isinstance(kind, StrEnumType):
        allowed = frozenset(e.value for e in kind.enum_cls)
        return lambda v: isinstance(v, str) and v in allowed
    if isinstance(kind, UTCDateTime):
        return lambda v: (isinstance(v, str) and DATETIME.fullmatch(v) is not None
                          and _parses(datetime.fromisoformat, v))
    if isinstance(kind, Date):
        return lambda v: (isinstance(v, str) and DATE.fullmatch(v) is not None
                          and _parses(date.fromisoformat, v))
    if isinstance(kind, Boolean):
        return lambda v: type(v) is bool
    if isinstance(kind, Integer):
        return lambda v: type(v) is int and -(2**63) <= v < 2**63
    if isinstance(kind, Float):
        return lambda v: type(v) in (int, float) and math.isfinite(v)
    if isinstance(kind, JSON):
        return lambda v: isinstance(v, list)
    if isinstance(kind, String):
        length = kind.length
        if column.name == "journal_recipient":
            return lambda v: isinstance(v, str) and (v == "" or AGE_RECIPIENT.fullmatch(v)
                                                     is not None)
        if length is None:  # Text
            return lambda v: isinstance(v, str)
        return lambda v: isinstance(v, str) and len(v) <= length
    raise TypeError(f"no format for column {column}")  # a model change without a format


def _parses(parse: Callable[[str], Any], text: str) -> bool:
    try:
        parse(text)
        return True
    except ValueError:
        return False


def _field_checks() -> dict[tuple[str, str], tuple[Check, bool]]:
    checks = {}
    for tbl, model in MODEL_BY_TABLE.items():
        for column in model.__table__.c:  # type: ignore[attr-defined]
            if column.name in NOT_SYNCED:
                continue
            # NULL is accepted where the column is nullable or has a default (what older
            # bundles sent for a default the ORM filled in at insert).
            checks[(tbl, column.name)] = (_kind(column),
                                          bool(column.nullable) or column.default is not None)
    return checks


FIELDS = _field_checks()


_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_SEQ = r"[1-9][0-9]{0,18}"
# A change line exactly as this version writes it (payload._line): keys in order, no
# space, plain ASCII names, ids, stamps and numbers; the value a JSON string.
CHANGE_LINE = re.compile(
    r'\{"tbl":"([a-z_]{1,40})","row_id":"(' + _UUID + r')","field":"([a-z0-9_]{1,60})",'
    r'"value":"([^"\\]*(?:\\.[^"\\]*)*)","hlc":"([0-9]{15}\.[0-9]{6})","origin":"(' + _UUID
    + r')","seq":(' + _SEQ + r'),"prev_origin":(?:null|"(' + _UUID + r')"),'
    r'"prev_seq":(?:null|(' + _SEQ + r'))\}')
_line_match = CHANGE_LINE.fullmatch
# (table, field) -> the names (one string each, shared by every change) and the check.
_BY_NAMES = {(t, f): (t, f, found) for (t, f), found in FIELDS.items()}


class _Fields:
    """The attributes of one change, only to be handed out as their ``__dict__``."""

    tbl: str
    row_id: str
    field: str
    value: str
    hlc: str
    origin: str
    seq: int
    prev_origin: str | None
    prev_seq: int | None


def compact(tbl: str, row_id: str, name: str, value: str, hlc: str, origin: str, seq: int,
            prev_origin: str | None, prev_seq: int | None) -> dict[str, Any]:
    """A change as a dict whose keys are shared with every other one: an instance's
    attribute dict is a *split* dict (CPython keeps its keys once per class), 140 bytes
    against 272 for a dict of its own. A 1,000,000-change import holds them all at once,
    so this is 110 MiB. It is an ordinary dict in every other way (its keys in
    CHANGE_KEYS order; adding another key makes it a combined one)."""
    c = _Fields()
    c.tbl, c.row_id, c.field, c.value, c.hlc, c.origin = tbl, row_id, name, value, hlc, origin
    c.seq, c.prev_origin, c.prev_seq = seq, prev_origin, prev_seq
    return c.__dict__


SHORT_VALUE = 48  # characters: longer values are rarely repeated (and cost more to hash)


class ChangeLines:
    """Payload lines as ``json.loads`` then ``check_change`` would take them, when they
    are written as this version writes them: one regular expression reads and checks a
    line (instead of a JSON parse and a dozen checks) and C reads the value's string.
    ``read`` gives None when a line is anything else or wrong in any way: the caller then
    parses and checks it the general way, which accepts what it accepts and refuses with
    its own message. A row id, stamp or origin equal to a recent line's is the same
    string (a row's fields and a run's stamps come together), and so is a short value
    (null, a group's id, a row's two stamps, a default): less memory per change."""

    def __init__(self) -> None:
        self._ids: dict[str, str] = {}  # the last few ids and stamps
        self._values: dict[str, str] = {}  # the last few short values

    def _shared(self, text: str) -> str:
        ids = self._ids
        if len(ids) > 64:  # bounded: only neighbours share
            ids.clear()
        ids[text] = text
        return text

    def read(self, line: bytes) -> dict[str, Any] | None:
        try:  # decoded as json.loads decodes UTF-8
            text = line.decode("utf-8", "surrogatepass")
        except ValueError:
            return None
        m = _line_match(text)
        if m is None:
            return None
        tbl, row_id, name, _body, hlc, origin, seq, prev_origin, prev_seq = m.groups()
        known = _BY_NAMES.get((tbl, name))
        if known is None or (prev_origin is None) != (prev_seq is None):
            return None
        try:  # the value's JSON string as json.loads reads it (strict)
            value, end = _string(text, m.start(4))
        except ValueError:
            return None
        n, p = int(seq), None if prev_seq is None else int(prev_seq)
        if end != m.end(4) + 1 or n > MAX_SEQ or (p is not None and p > MAX_SEQ):
            return None
        if value.startswith(STUB):
            if STUB_VALUE.fullmatch(value) is None:
                return None
        else:
            try:
                decoded = loads(value)
            except (ValueError, RecursionError):
                return None
            check, nullable = known[2]
            if not (nullable if decoded is None else check(decoded)):
                return None
        if len(value) <= SHORT_VALUE:
            values = self._values
            shared = values.get(value)
            if shared is None:
                if len(values) > 256:  # bounded, as the ids
                    values.clear()
                values[value] = value
            else:
                value = shared
        ids = self._ids
        return compact(known[0], ids.get(row_id) or self._shared(row_id), known[1], value,
                       ids.get(hlc) or self._shared(hlc), ids.get(origin) or self._shared(origin),
                       n, None if prev_origin is None
                       else ids.get(prev_origin) or self._shared(prev_origin), p)


def check_change(c: Any) -> Any:
    """Raise FormatError naming what is wrong with one change of a bundle; return its
    value decoded (None for a pruned change).

    Every line that ``ChangeLines`` does not take comes here."""
    if not isinstance(c, dict) or c.keys() != KEYS:
        raise FormatError("a line of the payload is not a change")
    tbl, name = c["tbl"], c["field"]
    if not isinstance(tbl, str) or not isinstance(name, str):
        raise FormatError("a change's table or field is not text")
    found = FIELDS.get((tbl, name))
    if found is None:
        if tbl not in MODEL_BY_TABLE:
            raise FormatError(f"a change names an unknown table {tbl[:40]!a}")
        raise FormatError(f"a change names an unknown field {tbl}.{name[:60]!a}")
    if not (is_id(c["row_id"]) and is_id(c["origin"]) and is_seq(c["seq"])):
        raise FormatError(f"a change to {tbl} has a malformed row id, origin or seq")
    if not is_hlc(c["hlc"]):
        raise FormatError(f"a change to {tbl} has a malformed stamp {str(c['hlc'])[:40]!a}")
    prev_origin, prev_seq = c["prev_origin"], c["prev_seq"]
    if not ((prev_origin is None and prev_seq is None)
            or (is_id(prev_origin) and is_seq(prev_seq))):
        raise FormatError(f"a change to {tbl} names a malformed previous change")
    value = c["value"]
    if not isinstance(value, str):
        raise FormatError(f"a change to {tbl}.{name} carries a value that is not text")
    if value.startswith(STUB):
        if STUB_VALUE.fullmatch(value) is None:
            raise FormatError(f"a pruned change to {tbl}.{name} is malformed")
        return None
    try:
        decoded = loads(value)
    except (ValueError, RecursionError):
        raise FormatError(f"a change to {tbl}.{name} carries a value that is not JSON") from None
    check, nullable = found
    if decoded is None:
        if not nullable:
            raise FormatError(f"a change sets the required {tbl}.{name} to nothing")
        return None
    if not check(decoded):
        raise FormatError(f"a change to {tbl}.{name} carries a value of the wrong kind")
    return decoded
