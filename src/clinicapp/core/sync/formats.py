"""Strict formats: every change of a bundle is checked against fixed ASCII formats, the
models' tables and fields, the column types and the enums before anything is written.

``str.isdigit()`` and ``int()`` accept other scripts' digits ("١٢٣"): every pattern here
spells its digits ``[0-9]`` and every text is checked to be ASCII where ASCII is meant.
"""

from __future__ import annotations

import hashlib
import json.decoder
import math
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Date, Float, Integer, String

from clinicapp.core.models import MODEL_BY_TABLE, StrEnumType, UTCDateTime
from clinicapp.core.sync.authorship import STUB, digest
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
# A change line exactly as this version writes it (payload._line), in four parts: keys in
# order, no space, plain ASCII names, ids, stamps and numbers; the value a JSON string.
#   {"tbl":"T","row_id":"R","field":"    _HEAD (the same for a row's fields)
#   F","value":"V                        a known field name, then the value (C scanner)
#   ,"hlc":"H","origin":"O","seq":       _MID (the same for a transaction's changes)
#   S,"prev_origin":null,"prev_seq":null}   or _SEQ_PREV
_HEAD = re.compile(r'\{"tbl":"([a-z_]{1,40})","row_id":"(' + _UUID + r')","field":"')
_FIELD = re.compile(r"[a-z0-9_]{1,60}")
_VALUE = '","value":"'
_MID = re.compile(r',"hlc":"([0-9]{15}\.[0-9]{6})","origin":"(' + _UUID + r')","seq":')
_NO_PREV = ',"prev_origin":null,"prev_seq":null}'
_NO_PREV_LEN = len(_NO_PREV)
_SEQ_PREV = re.compile(r"(" + _SEQ + r'),"prev_origin":"(' + _UUID + r')","prev_seq":('
                       + _SEQ + r")\}")
_SEQ_AT = re.compile(r"(" + _SEQ + r'),"prev_origin":')
_sha256 = hashlib.sha256


class _Fields:
    """The attributes of one change, only to be handed out as their ``__dict__``: an
    instance's attribute dict is a *split* dict (CPython keeps its keys once per class),
    140 bytes against 272 for a dict of its own. A 1,000,000-change import holds them all
    at once, so this is 110 MiB. It is an ordinary dict in every other way (its keys in
    CHANGE_KEYS order; adding another key makes it a combined one)."""

    tbl: str
    row_id: str
    field: str
    value: str
    hlc: str
    origin: str
    seq: int
    prev_origin: str | None
    prev_seq: int | None


class _Field:
    """One syncable field as the fast reader knows it, with the short values it has
    already found valid for it in this payload (the check is a pure function of both)."""

    __slots__ = ("check", "name", "nullable", "tbl", "valid")

    def __init__(self, tbl: str, name: str, check: Check, nullable: bool) -> None:
        self.tbl, self.name, self.check, self.nullable = tbl, name, check, nullable
        self.valid: dict[str, tuple[str, bytes]] = {}  # value: (shared text, its hash)


SHORT_VALUE = 48  # characters: longer values are rarely repeated (and cost more to hash)
assert len(STUB) + 64 > SHORT_VALUE  # a stub is never short (ChangeLines.seen counts on it)
# Before the first line: no line can be taken for one with these parts (a line starting
# with NUL finds no field; after a value, NUL is no digit of a seq).
_NONE = "\0"


class ChangeLines:
    """Payload lines as ``json.loads`` then ``check_change`` would take them, when they
    are written as this version writes them, and the digest of each (what its author's
    run signature covers, ``authorship.digest``), added to the root of the current run.

    ``read`` gives None when a line is anything else or wrong in any way: the caller then
    parses and checks it the general way, which accepts what it accepts and refuses with
    its own message, and hands the change to ``take``. A line is read by plain string
    comparisons where it repeats the previous line's parts (a row's fields, a
    transaction's stamp and origin): only a new row or a new stamp costs a regular
    expression, and a short value already found valid for its field is not decoded
    again. Those repeated parts are one string shared by every change that has them, and
    so is a short value (null, a group's id, a row's two stamps, a default): less memory
    per change."""

    def __init__(self) -> None:
        self._tables: dict[str, dict[str, _Field]] = {}
        for (tbl, name), (check, nullable) in FIELDS.items():
            if _FIELD.fullmatch(name):  # _HEAD checks the table's name
                # keyed by the name and what follows it: one look-up checks both
                self._tables.setdefault(tbl, {})[name + _VALUE] = _Field(tbl, name, check,
                                                                         nullable)
        self._head = self._mid = _NONE
        self._head_len = self._mid_len = 0
        self._fields: dict[str, _Field] = {}
        self._row_id = self._hlc = self._origin = ""
        self._row_meta = self._mid_meta = ""
        self._ids: dict[str, str] = {}  # the last few ids and stamps
        self._values: dict[str, tuple[str, bytes]] = {}  # short values: (shared, hash)
        self._proto: dict[str, Any] | None = None  # the last change read, but its own parts
        # What the changes read hold, at most (``seen``): their tables, whether a stub,
        # the greatest stamp.
        self._tables_seen: set[str] = set()
        self._stubs_seen = False
        self._newest = ""
        self.start_run()

    def _shared(self, text: str) -> str:
        """``text``, or the equal string a recent line had (a row's id comes back with its
        later changes, an origin with its stamps)."""
        ids = self._ids
        shared = ids.get(text)
        if shared is not None:
            return shared
        if len(ids) > 64:  # bounded: only neighbours share
            ids.clear()
        ids[text] = text
        return text

    def start_run(self) -> None:
        """A run begins: its root starts afresh."""
        self._root = _sha256()
        self._add = self._root.update

    def root(self) -> bytes:
        """sha256 of the digests of the current run's changes so far, in order."""
        return self._root.digest()

    def take(self, change: dict[str, Any]) -> None:
        """A change of the current run read the general way (already checked)."""
        self._add(digest_of(change))
        self._tables_seen.add(change["tbl"])
        self._stubs_seen = self._stubs_seen or change["value"].startswith(STUB)
        self._newest = max(self._newest, change["hlc"])

    def seen(self) -> tuple[frozenset[str] | None, bool, str | None]:
        """What the changes read so far hold, at most (also lines looked at but then read
        the general way): the tables they name, whether any is a stub, the greatest stamp.
        None: not known (``payload.Seen``)."""
        return frozenset(self._tables_seen), self._stubs_seen, self._newest

    def take_withheld(self, hex_digest: str) -> None:
        """A change of the current run a relay withheld: only its digest travels."""
        self._add(bytes.fromhex(hex_digest))

    def read(self, line: str | bytes) -> dict[str, Any] | None:
        """One line as a change of the current run, or None (then read it generally)."""
        taken: list[dict[str, Any]] = []
        text = line if isinstance(line, str) else _decoded(line)
        if text is None:
            return None
        at = text.rfind(',"seq":')  # the seq it must have: the one it names, if any
        m = _SEQ_AT.match(text, at + 7) if at >= 0 else None
        if m is None:
            return None
        self.take_lines([text], 0, taken, None, int(m.group(1)), 1)
        return taken[0] if taken else None

    def take_lines(self, lines: list[str] | list[bytes], i: int, part: list[dict[str, Any]],
                   origin: str | None, next_seq: int, left: int) -> tuple[int, int, int]:
        """Read ``lines`` from ``i`` on as changes of the current run (of ``origin``, None:
        any; the next being ``next_seq``, ``left`` still due), appending each to ``part``,
        until the run is complete or a line is not written as this version writes it or
        not where the run says. Returns where it stopped, the next seq due and how many
        changes are still due. One loop over the lines with its state in local
        variables: an import reads every line of a bundle here."""
        if i < len(lines) and type(lines[i]) is not str:
            return self._take_bytes(lines, i, part, origin, next_seq, left)  # type: ignore[arg-type]
        tables, short, values, shared = self._tables, SHORT_VALUE, self._values, self._shared
        head, head_len, fields = self._head, self._head_len, self._fields
        row_id, row_meta = self._row_id, self._row_meta
        mid, mid_len, hlc, mid_origin, mid_meta = (self._mid, self._mid_len, self._hlc,
                                                   self._origin, self._mid_meta)
        if origin is not None and mid_origin != origin:  # a new run's origin: its stamps
            mid, mid_len = _NONE, 0                     # are matched in full again
        add, scan, sha256, check_stub = self._add, _string, _sha256, STUB_VALUE
        proto = self._proto  # this row's and stamp's change: each change is a copy
        tables_seen, stubs_seen, newest = self._tables_seen, self._stubs_seen, self._newest
        append, n, start = part.append, next_seq, i
        stop = min(len(lines), i + left)
        if n + (stop - start) > MAX_SEQ + 1:  # (a run's seqs are in range: read()'s may not)
            stop = start if n > MAX_SEQ else start + MAX_SEQ + 1 - n
        try:
            for i in range(start, stop):  # i: where it stopped
                line: str = lines[i]  # type: ignore[assignment]
                if line.startswith(head):
                    p = head_len
                else:
                    m = _HEAD.match(line)
                    if m is None or m.group(1) not in tables:
                        break
                    tbl = m.group(1)
                    row_id = shared(m.group(2))
                    fields = tables[tbl]
                    tables_seen.add(tbl)
                    head = m.group(0)
                    p = head_len = m.end()
                    row_meta = f"{tbl}\x1f{row_id}\x1f"
                    proto = None
                q = line.find('"', p)
                known = fields.get(line[p:q + 11]) if q > 0 else None  # name","value":"
                if known is None:
                    break
                try:  # the value's JSON string as json.loads reads it (strict)
                    value, e = scan(line, q + 11)
                except ValueError:
                    break
                if line.startswith(mid, e):
                    r = e + mid_len
                else:
                    m = _MID.match(line, e)
                    if m is None or (origin is not None and m.group(2) != origin):
                        break
                    hlc, mid_origin = shared(m.group(1)), shared(m.group(2))
                    if hlc > newest:
                        newest = hlc
                    mid = m.group(0)
                    r = m.end()
                    mid_len = r - e
                    mid_meta = f"\x1f{hlc}\x1f{mid_origin}\x1f"
                    proto = None
                seq = str(n)  # the only text its place allows (ASCII digits, no 0 first)
                if line.endswith(_NO_PREV):
                    if line[r:-_NO_PREV_LEN] != seq:
                        break
                    prev_origin = prev_seq = None
                    tail = "\x1f\x1f"
                else:
                    m = _SEQ_PREV.fullmatch(line, r)
                    if m is None or m.group(1) != seq:
                        break
                    prev_origin, prev_text = shared(m.group(2)), m.group(3)
                    prev_seq = int(prev_text)
                    if prev_seq > MAX_SEQ:
                        break
                    tail = f"\x1f{prev_origin}\x1f{prev_text}"
                hit = known.valid.get(value)
                if hit is not None:  # a short value found valid for this field
                    value, value_hash = hit
                else:
                    if value.startswith(STUB):  # (never short: never found in valid)
                        if check_stub.fullmatch(value) is None:
                            break
                        stubs_seen = True
                    else:
                        try:
                            decoded = loads(value)
                        except (ValueError, RecursionError):
                            break
                        if not (known.nullable if decoded is None else known.check(decoded)):
                            break
                    if len(value) <= short:
                        hit = values.get(value)  # the same text of another field
                        if hit is None:
                            try:
                                hit = (value, sha256(value.encode()).digest())
                            except UnicodeEncodeError:  # a lone surrogate: refused generally
                                break
                            if len(values) > 256:  # bounded: only neighbours share
                                values.clear()
                            values[value] = hit
                        valid = known.valid
                        if len(valid) > 64:
                            valid.clear()
                        valid[value] = hit
                        value, value_hash = hit
                    elif value.startswith(STUB):
                        value_hash = bytes.fromhex(value[1:])
                    else:
                        try:
                            value_hash = sha256(value.encode()).digest()
                        except UnicodeEncodeError:
                            break
                name = known.name
                add(sha256(f"{row_meta}{name}{mid_meta}{seq}{tail}".encode()
                           + value_hash).digest())
                if proto is None:
                    made = _Fields()
                    made.tbl, made.row_id, made.field, made.value = known.tbl, row_id, "", ""
                    made.hlc, made.origin, made.seq = hlc, mid_origin, 0
                    made.prev_origin = made.prev_seq = None
                    proto = made.__dict__
                c = proto.copy()  # a split dict too: its keys shared (see _Fields)
                c["field"], c["value"], c["seq"] = name, value, n
                if prev_origin is not None:
                    c["prev_origin"], c["prev_seq"] = prev_origin, prev_seq
                append(c)
                n += 1
            else:
                i = stop
        finally:  # what the next call starts from
            self._head, self._head_len, self._fields = head, head_len, fields
            self._row_id, self._row_meta, self._proto = row_id, row_meta, proto
            self._stubs_seen, self._newest = stubs_seen, newest
            self._mid, self._mid_len, self._hlc, self._origin, self._mid_meta = (
                mid, mid_len, hlc, mid_origin, mid_meta)
        return i, n, left - (i - start)

    def _take_bytes(self, lines: list[bytes], i: int, part: list[dict[str, Any]],
                    origin: str | None, next_seq: int, left: int) -> tuple[int, int, int]:
        """``take_lines`` for a block that is not UTF-8 as a whole: line by line, each
        decoded as json.loads decodes UTF-8 (a line that is not is read generally)."""
        while left and i < len(lines):
            text = _decoded(lines[i])
            if text is None:
                break
            _i, next_seq, still = self.take_lines([text], 0, part, origin, next_seq, left)
            if still == left:
                break
            i, left = i + 1, still
        return i, next_seq, left


def _decoded(line: bytes) -> str | None:
    try:  # decoded as json.loads decodes UTF-8
        return line.decode("utf-8", "surrogatepass")
    except ValueError:
        return None


def digest_of(c: dict[str, Any]) -> bytes:
    """``authorship.digest`` of a change read from a bundle, whose text may be anything
    the JSON reader takes: text that is not UTF-8 (a lone surrogate) is damage, not a
    crash."""
    try:
        return digest(c)
    except UnicodeEncodeError:
        raise FormatError(f"a change to {c['tbl']}.{c['field']} carries text that is not "
                          "UTF-8") from None


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
