"""The payload of a bundle: runs of changes, one JSON object a line, gzip-compressed.

Each run's line ``{"run": {"origin", "lo", "hi", "sig"}}`` is followed by its changes
``lo..hi`` in order. Reading inflates in bounded steps, never beyond the size the signed
manifest declares, never a line over ``MAX_LINE_BYTES``, never a line more than declared,
and checks every line's format before anything is returned.
"""

from __future__ import annotations

import gzip
import json
import unicodedata
import zlib
from collections.abc import Generator, Iterable
from dataclasses import dataclass
from typing import Any

from clinicapp.core.errors import ClinicAppError
from clinicapp.core.sync import formats
from clinicapp.core.sync.authorship import Run
from clinicapp.core.sync.values import loads_line

MAX_PAYLOAD_BYTES = 2 * 1024 * 1024 * 1024
_Block = list[str] | list[bytes]


class BundleError(ClinicAppError):
    """A bundle that cannot be used. ``kind`` names the case for callers and tests."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind



_LINE = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)  # the reference
_text = json.encoder.encode_basestring  # a JSON string literal, as _LINE writes it (C)


def _line(c: dict[str, Any]) -> str:
    """One change as _LINE would encode it, keys in CHANGE_KEYS order, written in one
    format call instead of building a dict and walking it: export encodes 100,000 of
    these, and this takes a third of the time."""
    prev_origin, prev_seq = c["prev_origin"], c["prev_seq"]
    return (f'{{"tbl":{_text(c["tbl"])},"row_id":{_text(c["row_id"])},'
            f'"field":{_text(c["field"])},"value":{_text(c["value"])},'
            f'"hlc":{_text(c["hlc"])},"origin":{_text(c["origin"])},"seq":{int(c["seq"])},'
            f'"prev_origin":{"null" if prev_origin is None else _text(prev_origin)},'
            f'"prev_seq":{"null" if prev_seq is None else int(prev_seq)}}}')
IN_CHUNK = 64 * 1024
OUT_CHUNK = 1024 * 1024
MAX_LINE_BYTES = 16 * 1024 * 1024  # one change (a sealed reflection is a few KiB)
MAX_LINES = 10_000_000
# Deflate expands at most ~1032x; change lines compress well under 100x. A payload that
# claims more is refused before a byte is inflated.
MAX_RATIO = 200
RATIO_ALLOWANCE = 4 * 1024 * 1024


def write_payload(runs: Iterable[tuple[Run, Iterable[dict[str, Any]]]]) -> tuple[bytes, int, int]:
    """Each run's line, then its changes, one JSON object a line, gzip-compressed (level
    5: +0.5% bytes against 6 for 7% less CPU) in one call. Returns the payload,
    its uncompressed size and its line count."""
    lines = []
    for run, changes in runs:
        lines.append(_LINE.encode({"run": run.to_json()}))
        lines.extend(_LINE.encode({"withheld": change}) if "withheld" in change
                     else _line(change) for change in changes)
    raw = ("\n".join(lines) + "\n").encode() if lines else b""
    return gzip.compress(raw, compresslevel=5, mtime=0), len(raw), len(lines)


def _blocks(payload: bytes | bytearray, expected_bytes: int) -> Generator[_Block, None, None]:
    """The payload's lines, a block at a time, inflated in bounded steps: never more than
    ``expected_bytes`` (the size the signed manifest declares) and never a line over
    MAX_LINE_BYTES. A block's lines are text when the block is UTF-8 (decoded in one call,
    as json.loads would decode each line: no line ending falls inside a character), else
    bytes, each left to its reader."""
    if expected_bytes > MAX_PAYLOAD_BYTES or expected_bytes > (
            MAX_RATIO * len(payload) + RATIO_ALLOWANCE):
        raise BundleError("too_large", "the bundle's payload claims to expand to "
                          f"{expected_bytes // 2**20} MiB from {len(payload) // 2**10} KiB: "
                          "refused")
    return _inflated(payload, expected_bytes)


def _inflated(payload: bytes | bytearray, expected_bytes: int
              ) -> Generator[_Block, None, None]:
    """``_blocks`` once the claimed size is found within bounds. (A second thread
    inflating a few blocks ahead was measured: zlib releases the GIL, but handing the GIL
    back and forth to split and decode the blocks cost what inflating took.)"""
    inflater = zlib.decompressobj(wbits=31)
    pending = b""
    total = 0
    try:
        for start in range(0, len(payload), IN_CHUNK):
            data = payload[start:start + IN_CHUNK]
            while data and not inflater.eof:
                out = inflater.decompress(data, OUT_CHUNK)
                data = inflater.unconsumed_tail
                total += len(out)
                if total > expected_bytes:
                    raise BundleError("too_large", "the bundle's payload expands beyond the "
                                      f"{expected_bytes} bytes its manifest declares: refused")
                block = pending + out
                cut = block.rfind(b"\n")
                pending = block[cut + 1:]
                if len(pending) > MAX_LINE_BYTES:
                    raise BundleError("damaged", "the bundle's payload holds a line over "
                                      f"{MAX_LINE_BYTES // 2**20} MiB: refused")
                if cut >= 0:
                    yield _split(block[:cut])
    except zlib.error as exc:
        raise BundleError("damaged", f"the bundle's payload does not decompress ({exc})") from None
    if payload and (not inflater.eof or inflater.unused_data):
        raise BundleError("damaged", "the bundle's payload is cut short or has trailing data")
    if total != expected_bytes:
        raise BundleError("damaged", "the bundle's payload is not the size its manifest "
                          "declares")
    if pending:
        yield _split(pending)


def _split(block: bytes) -> list[str] | list[bytes]:
    try:
        return block.decode("utf-8", "surrogatepass").split("\n")
    except UnicodeDecodeError:
        return block.split(b"\n")


def _loads(line: str | bytes) -> Any:
    """A line read the general way, from the bytes it came as (json.loads's own decoding)."""
    return loads_line(line if isinstance(line, bytes) else line.encode("utf-8", "surrogatepass"))


def _run(item: Any) -> Run:
    run = item.get("run") if isinstance(item, dict) and item.keys() == {"run"} else None
    if not (isinstance(run, dict) and run.keys() == {"origin", "lo", "hi", "sig"}
            and formats.is_id(run["origin"]) and formats.is_seq(run["lo"])
            and formats.is_seq(run["hi"]) and run["lo"] <= run["hi"]
            and isinstance(run["sig"], str) and len(run["sig"]) == 88):
        raise formats.FormatError("a run of changes is malformed")
    return Run(run["origin"], run["lo"], run["hi"], run["sig"])


def _withheld(item: Any) -> dict[str, Any]:
    """A change a relay did not pass on (outside the receiver's scope): its seq and digest,
    which the author's run signature covers."""
    if not (isinstance(item, dict) and item.keys() == {"seq", "withheld"}
            and formats.is_seq(item["seq"]) and isinstance(item["withheld"], str)
            and formats.DIGEST.fullmatch(item["withheld"])):
        raise formats.FormatError("a withheld change is malformed")
    return {"seq": item["seq"], "withheld": item["withheld"]}


def read_payload(payload: bytes | bytearray, expected_bytes: int, expected_lines: int
                 ) -> list[tuple[Run, list[dict[str, Any]]]]:
    """The runs of a payload with their changes, every line checked (``formats``), given
    the size and line count its signed manifest declares."""
    return read_runs(payload, expected_bytes, expected_lines)[0]


@dataclass
class Seen:
    """What a payload's changes hold, at most, noted while it is read (``read_runs``): a
    check that looks at every change for something rare (a stub, a clock repair, a stamp
    ahead) need not look when none can be among them. The defaults: not known."""

    tables: frozenset[str] | None = None  # the tables its changes name
    stubs: bool = True  # whether a change may be a stub
    newest: str | None = None  # its greatest stamp

    def lacks_table(self, tbl: str) -> bool:
        return self.tables is not None and tbl not in self.tables


def read_runs(payload: bytes | bytearray, expected_bytes: int, expected_lines: int,
              seen: Seen | None = None
              ) -> tuple[list[tuple[Run, list[dict[str, Any]]]], list[bytes]]:
    """``read_payload``, and each run's root: the sha256 of its changes' digests in order
    (``authorship.run_message``), computed while each line is read, so no change is
    looked at again to check its author's signature. ``seen``: filled once every line is
    read and found in order."""
    runs: list[tuple[Run, list[dict[str, Any]]]] = []
    roots: list[bytes] = []
    current: list[dict[str, Any]] = []
    run: Run | None = None
    most = min(MAX_LINES, expected_lines)
    count = 0
    left = 0  # changes still due in the current run
    origin, next_seq = "", 0
    check, append = formats.check_change, current.append
    reader = formats.ChangeLines()
    fast, take = reader.take_lines, reader.take
    blocks = _blocks(payload, expected_bytes)
    try:
        for lines in blocks:
            over = count + len(lines) > most
            if over:  # the lines up to the limit are read first (their refusal first)
                lines = lines[:most - count]
            count += len(lines)
            i, end = 0, len(lines)
            while i < end:
                if left:  # as many lines as can be taken the fast way
                    i, next_seq, left = fast(lines, i, current, origin, next_seq, left)
                    if not left:
                        roots.append(reader.root())
                    if i == end or not left:
                        continue
                line = lines[i]  # any other line: read the general way
                i += 1
                item = _loads(line)
                if not left:
                    run = _run(item)
                    current = []
                    append = current.append
                    runs.append((run, current))
                    left = run.hi - run.lo + 1
                    origin, next_seq = run.origin, run.lo
                    reader.start_run()
                    continue
                withheld = type(item) is dict and len(item) == 1 and "withheld" in item
                if withheld:
                    item = _withheld(item["withheld"])
                else:
                    check(item)
                    if item["origin"] != origin:
                        raise formats.FormatError("a change is not where its run says")
                if item["seq"] != next_seq:
                    raise formats.FormatError("a change is not where its run says")
                if withheld:
                    reader.take_withheld(item["withheld"])
                else:
                    take(item)
                append(item)
                next_seq += 1
                left -= 1
                if not left:
                    roots.append(reader.root())
            if over:
                raise formats.FormatError("it holds more lines than its manifest declares")
    except (formats.FormatError, ValueError, RecursionError) as exc:
        raise BundleError("damaged", f"the bundle is damaged: {exc}") from None
    finally:
        blocks.close()
    if left or count != expected_lines:
        raise BundleError("damaged", "the bundle is damaged: a run of changes is incomplete")
    if seen is not None:
        seen.tables, seen.stubs, seen.newest = reader.seen()
    return runs, roots


_CONTROL = {i: f"\\x{i:02x}" for i in (*range(32), 127)}


def printable(text: object, limit: int = 120) -> str:
    """Text from an unverified bundle, safe to print: control characters escaped,
    bidirectional overrides too, and bounded."""
    out = str(text)[:limit].translate(_CONTROL)
    return "".join(ch if unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp")
                   else f"\\u{ord(ch):04x}" for ch in out)
