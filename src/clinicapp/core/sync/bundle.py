"""The sync bundle file: what one replica hands another on a USB stick or by email.

A bundle is an age file (X25519) encrypted to its recipients (the peer or central server,
and the sender itself). Inside is an uncompressed tar archive with:

- ``manifest.json``: format and schema version, sender, recipients, the sender's version
  vector, the ranges of changes carried, counts, creation time and the SHA-256 of the
  payload (``content_hash``);
- ``manifest.json.minisig``: a minisign signature (prehashed Ed25519) of the manifest;
- ``sender.pub``: the sender's minisign public key (check it against the trusted one);
- ``changes.jsonl.gz``: the changes, one JSON object per line, gzip-compressed.

So the central office can open one with the standard tools alone::

    age -d -i central.key bundle.clinicbundle | tar x
    minisign -V -m manifest.json -P <sender's key>
    sha256sum changes.jsonl.gz   # equals content_hash in manifest.json
    zcat changes.jsonl.gz

Reading decrypts only the front of the file (``agestream``, 64 KiB at a time): size
limits, the archive's first entries (the manifest, its signature and the key, in that
order), the manifest and the signature, so a stranger is refused at the cost of a few
chunks whatever the file's size. The rest (the payload) is decrypted when asked for, once
the caller trusts the sender: then the whole file is authenticated to its end and the
payload's hash checked. Each failure is a ``BundleError`` whose message says what is
wrong.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import pyrage

from clinicapp import __version__
from clinicapp.core.keys.identity import ReplicaKeys
from clinicapp.core.sync import formats
from clinicapp.core.sync.agestream import AgeError, AgeReader
from clinicapp.core.sync.authorship import Run
from clinicapp.core.sync.minisig import public_key_file, sign, signer_key_of, verify
from clinicapp.core.sync.payload import (
    BundleError,
    Seen,
    printable,
    read_payload,
    read_runs,
    write_payload,
)

__all__ = ["BundleError", "Manifest", "OpenedBundle", "Seen", "printable", "read_payload",
           "write_payload"]

FORMAT = "clinicapp-bundle"
FORMAT_VERSION = 2  # 2: runs of changes signed by their origin
# Bumped with every migration that changes what a change may name (tables, fields).
SCHEMA_VERSION = 2
AGE_MAGIC = b"age-encryption.org/v1\n"
MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_MANIFEST_BYTES = 4 * 1024 * 1024
MEMBERS = ("manifest.json", "manifest.json.minisig", "sender.pub", "changes.jsonl.gz")
CHANGE_KEYS = ("tbl", "row_id", "field", "value", "hlc", "origin", "seq",
               "prev_origin", "prev_seq")


@dataclass(frozen=True)
class Manifest:
    sender: str
    sender_name: str
    sender_key: str  # minisign public key (base64 body)
    recipients: list[str]  # age recipients
    vector: dict[str, list[list[int]]]  # what the sender held when it made the bundle
    ranges: dict[str, list[list[int]]]  # what this bundle carries
    counts: dict[str, int]  # changes per table
    changes: int
    created_at: str  # ISO 8601, UTC, from the sender's clock
    max_hlc: str
    content_hash: str
    schema_version: int = SCHEMA_VERSION
    app_version: str = __version__
    format: str = FORMAT
    format_version: int = FORMAT_VERSION
    recipient_ids: list[str] = field(default_factory=list)
    # Format 2: the payload's size and line count (checked while it is inflated) and the
    # keys and groups of the workstations whose changes a central peer relays.
    payload_bytes: int = 0
    lines: int = 0
    directory: list[dict[str, Any]] = field(default_factory=list)

    def to_bytes(self) -> bytes:
        data = {k: getattr(self, k) for k in self.__dataclass_fields__}
        return json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False).encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> Manifest:
        try:
            data = json.loads(raw)
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ValueError("not a ClinicApp manifest")
            known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
            manifest = cls(**known)
        except (ValueError, TypeError, RecursionError) as exc:
            raise BundleError("damaged", "the bundle's manifest is unreadable "
                              f"({printable(exc)})") from None
        manifest.check_types()
        return manifest

    def check_types(self) -> None:
        """Every field of the kind it must be (the manifest may come from anyone)."""
        def ranges_ok(v: object) -> bool:
            return isinstance(v, dict) and all(
                formats.is_id(o) and isinstance(r, list) and all(
                    isinstance(p, list) and len(p) == 2 and all(formats.is_seq(n) for n in p)
                    and p[0] <= p[1] for p in r) for o, r in v.items())
        ints = (self.changes, self.schema_version, self.format_version, self.payload_bytes,
                self.lines)
        ok = (all(isinstance(t, str) for t in (
                  self.sender, self.sender_name, self.sender_key, self.created_at,
                  self.max_hlc, self.content_hash, self.app_version, self.format))
              and all(type(n) is int and n >= 0 for n in ints)
              and isinstance(self.recipients, list) and isinstance(self.recipient_ids, list)
              and isinstance(self.counts, dict)
              and all(isinstance(k, str) and type(n) is int for k, n in self.counts.items())
              and isinstance(self.directory, list))
        if not ok:
            raise BundleError("damaged", "the bundle's manifest is malformed")
        if self.format_version < FORMAT_VERSION:
            return  # refused by the reader with "made by an older ClinicApp"
        if not (formats.is_id(self.sender) and formats.is_hlc(self.max_hlc)
                and ranges_ok(self.vector) and ranges_ok(self.ranges)):
            raise BundleError("damaged", "the bundle's manifest is malformed")

    @property
    def bundle_id(self) -> str:
        """Identifies this bundle (the manifest names its payload's hash and time)."""
        return hashlib.sha256(self.to_bytes()).hexdigest()


@dataclass
class OpenedBundle:
    manifest: Manifest
    bundle_id: str
    signer_key: str  # the minisign key that signed it
    signature_valid: bool  # valid for ``signer_key``; the caller decides whether to trust it
    _rest: Callable[[], bytes | bytearray]  # decrypts the rest: the compressed payload
    _close: Callable[[], None] | None = None
    _payload: bytes | bytearray | None = None

    @property
    def payload(self) -> bytes | bytearray:
        """The compressed payload, decrypted on first use (the file authenticated to its
        end and its hash checked against the manifest)."""
        if self._payload is None:
            self._payload = self._rest()
        return self._payload

    def close(self) -> None:
        """Let go of the file when the payload is not wanted (a refused sender)."""
        if self._close is not None and self._payload is None:
            self._close()

    def runs(self, keep: bool = True) -> list[tuple[Run, list[dict[str, Any]]]]:
        """The runs and their changes: call only once the sender is trusted and the
        signature holds (inflating is what a stranger must not cost). ``keep=False``: let
        go of the compressed payload once read (an import reads it once)."""
        return self.runs_and_roots(keep)[0]

    def runs_and_roots(self, keep: bool = True, seen: Seen | None = None
                       ) -> tuple[list[tuple[Run, list[dict[str, Any]]]], list[bytes]]:
        """``runs``, and the root each run's signature covers (``payload.read_runs``,
        which fills ``seen``)."""
        read = read_runs(self.payload, self.manifest.payload_bytes, self.manifest.lines,
                         seen)
        if not keep:
            self._payload = b""
        return read

    def changes(self) -> list[dict[str, Any]]:
        return [c for _run, part in self.runs() for c in part]


# --- writing and reading -------------------------------------------------------------


def _tar(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o600
            info.mtime = int(time.time())
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def pack(keys: ReplicaKeys, manifest: Manifest, payload: bytes) -> bytes:
    """Sign, pack and encrypt: the bundle's bytes (a file's content or an HTTP body)."""
    recipients = [pyrage.x25519.Recipient.from_str(r) for r in manifest.recipients]
    manifest_bytes = manifest.to_bytes()
    files = {
        "manifest.json": manifest_bytes,
        "manifest.json.minisig": sign(keys, manifest_bytes, "file:manifest.json").encode(),
        "sender.pub": public_key_file(keys).encode(),
        "changes.jsonl.gz": payload,
    }
    return bytes(pyrage.encrypt(_tar(files), recipients))


def write(path: Path, keys: ReplicaKeys, manifest: Manifest, payload: bytes) -> None:
    """Sign, pack and encrypt to a file that appears complete or not at all."""
    encrypted = pack(keys, manifest, payload)
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_bytes(encrypted)
        partial.replace(path)
    except BaseException:  # a full stick: no half-written file left to be carried off
        partial.unlink(missing_ok=True)
        raise


def _age_refusal(exc: AgeError, name: str) -> BundleError:
    if exc.kind == "not_age":
        return BundleError("not_bundle", f"{name} is not a ClinicApp bundle (it is not an "
                           "age-encrypted file)")
    if exc.kind == "incomplete":
        return BundleError("damaged", f"{name} is incomplete: it ends inside its header "
                           "(the file was cut short); ask for a new copy")
    if exc.kind == "not_for_us":
        others = ("1 other recipient" if exc.stanzas == 1
                  else f"{exc.stanzas} other recipients")
        return BundleError("not_for_us", f"{name} was not encrypted for this workstation "
                           f"(it is for {others}): ask the sender to export it for this "
                           "workstation")
    return BundleError("damaged", f"{name} is damaged or incomplete (cut short or altered "
                       f"in transit: {exc}): ask for a new copy")


BLOCK = 512


def _next_member(reader: AgeReader, name: str) -> tuple[str, int] | None:
    """The next tar entry's name and size (None at the archive's end): a regular file of
    the bundle's, nothing else (no links, no extended headers, whose size would be read
    into memory before anything is checked)."""
    header = reader.read(BLOCK)
    if header == bytes(BLOCK) or not header:
        return None
    try:
        if len(header) < BLOCK:
            raise ValueError("cut short")
        stored = int(header[148:156].split(b"\0")[0].strip() or b"0", 8)
        if stored != sum(header[:148]) + 8 * 32 + sum(header[156:]):
            raise ValueError("checksum")
        size = int(header[124:136].split(b"\0")[0].strip() or b"0", 8)
    except ValueError:
        raise BundleError("damaged", f"{name} decrypts but is not a bundle archive") from None
    entry = header[:100].split(b"\0")[0].decode("utf-8", "replace")
    prefix = header[345:500].split(b"\0")[0] if header[257:262] == b"ustar" else b""
    if prefix or header[156:157] not in (b"0", b"\0") or entry not in MEMBERS:
        shown = printable((prefix.decode("utf-8", "replace") + "/" if prefix else "") + entry)
        raise BundleError("damaged", f"{name} holds an unexpected entry '{shown}': not a "
                          "ClinicApp bundle")
    return entry, size


def _body(reader: AgeReader, size: int, name: str) -> bytes | bytearray:
    data = reader.read(size) if size < 2**20 else reader.read_whole(size)
    reader.read(-size % BLOCK)
    if len(data) < size:
        raise BundleError("damaged", f"{name} decrypts but its archive is cut short")
    return data


def _untar(plain: bytes, name: str) -> dict[str, bytes]:
    """The members of a decrypted bundle held in memory (tests and tools)."""
    files: dict[str, bytes] = {}
    try:
        with tarfile.open(fileobj=io.BytesIO(plain), mode="r:") as tar:
            for member in tar:
                if member.name not in MEMBERS or not member.isfile() or member.name in files:
                    raise BundleError("damaged", f"{name} holds an unexpected entry "
                                      f"'{member.name}': not a ClinicApp bundle")
                handle = tar.extractfile(member)
                assert handle is not None
                files[member.name] = handle.read()
    except tarfile.TarError as exc:
        raise BundleError("damaged", f"{name} decrypts but is not a bundle archive "
                          f"({exc})") from None
    return files


def read(path: Path, keys: ReplicaKeys) -> OpenedBundle:
    """Decrypt the front of a bundle and check its manifest. The signature is checked
    against the key the bundle names; whether that key is trusted is the caller's
    decision (``signer_key``). The payload is decrypted only when asked for."""
    name = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise BundleError("missing", f"no bundle file at {path}") from None
    if size > MAX_FILE_BYTES:
        raise BundleError("too_large", f"{name} is {size // 2**20} MiB, over the "
                          f"{MAX_FILE_BYTES // 2**20} MiB a bundle may be: refused")
    handle = path.open("rb")
    try:
        return open_stream(handle, keys, name, handle.close)
    except BaseException:
        handle.close()
        raise


class _Bounded:
    """A stream read no further than MAX_FILE_BYTES (an HTTP body)."""

    def __init__(self, stream: BinaryIO, name: str) -> None:
        self.stream, self.name, self.count = stream, name, 0

    def read(self, n: int) -> bytes:
        data = self.stream.read(min(n, MAX_FILE_BYTES + 1 - self.count))
        self.count += len(data)
        if self.count > MAX_FILE_BYTES:
            raise BundleError("too_large", f"{self.name} is over the "
                              f"{MAX_FILE_BYTES // 2**20} MiB a bundle may be: refused")
        return data


def read_stream(stream: BinaryIO, keys: ReplicaKeys, name: str = "the bundle") -> OpenedBundle:
    """``read`` for a stream (an HTTP body): reads at most MAX_FILE_BYTES + 1 bytes."""
    return open_stream(_Bounded(stream, name), keys, name)  # type: ignore[arg-type]


def open_bytes(data: bytes, keys: ReplicaKeys, name: str = "the bundle") -> OpenedBundle:
    """``read`` for a bundle held in memory; ``name`` is how messages refer to it."""
    if len(data) > MAX_FILE_BYTES:
        raise BundleError("too_large", f"{name} is {len(data) // 2**20} MiB, over the "
                          f"{MAX_FILE_BYTES // 2**20} MiB a bundle may be: refused")
    return open_stream(io.BytesIO(data), keys, name)


def open_stream(source: BinaryIO, keys: ReplicaKeys, name: str,
                close: Callable[[], None] | None = None) -> OpenedBundle:
    """Decrypt the front of a bundle: its manifest, signature and key (the first entries,
    as ``pack`` writes them), at the cost of a few 64 KiB chunks whatever its size."""
    try:
        reader = AgeReader(source, str(keys.age_identity))
        files: dict[str, bytes] = {}
        while len(files) < 3:
            member = _next_member(reader, name)
            if member is None:
                missing = [m for m in MEMBERS if m not in files]
                raise BundleError("damaged", f"{name} lacks {', '.join(missing)}: not a "
                                  "complete ClinicApp bundle")
            entry, size = member
            if entry in files or entry == "changes.jsonl.gz":
                raise BundleError("damaged", f"{name} holds an unexpected entry '{entry}' "
                                  "before its manifest: not a ClinicApp bundle")
            if size > MAX_MANIFEST_BYTES:
                raise BundleError("too_large", f"{name}: '{entry}' is too large")
            files[entry] = bytes(_body(reader, size, name))
    except AgeError as exc:
        raise _age_refusal(exc, name) from None
    manifest_bytes = files["manifest.json"]
    manifest = Manifest.from_bytes(manifest_bytes)
    if manifest.format_version > FORMAT_VERSION or manifest.schema_version > SCHEMA_VERSION:
        version = printable(manifest.app_version, 40)
        raise BundleError("newer_schema", f"{name} was made by a newer ClinicApp "
                          f"({version}, bundle schema {manifest.schema_version}; "
                          f"this one reads up to {SCHEMA_VERSION}): update ClinicApp to "
                          f"version {version} or later, then import it again")
    if manifest.format_version < FORMAT_VERSION:
        raise BundleError("older_format", f"{name} was made by an older ClinicApp "
                          f"({printable(manifest.app_version, 40)}, bundle format "
                          f"{manifest.format_version}; this one reads format "
                          f"{FORMAT_VERSION}): update ClinicApp on the sending workstation "
                          "and export again")
    sig_file = files["manifest.json.minisig"].decode("utf-8", "replace")
    signer = signer_key_of(sig_file, manifest.sender_key)
    valid = verify(manifest_bytes, sig_file, manifest.sender_key)

    def rest() -> bytes | bytearray:
        try:
            member = _next_member(reader, name)
            if member is None:
                raise BundleError("damaged", f"{name} lacks changes.jsonl.gz: not a "
                                  "complete ClinicApp bundle")
            if member[1] > MAX_FILE_BYTES:
                raise BundleError("too_large", f"{name}: 'changes.jsonl.gz' is too large")
            payload = _body(reader, member[1], name)
            if _next_member(reader, name) is not None:
                raise BundleError("damaged", f"{name} holds an unexpected entry after its "
                                  "payload: not a ClinicApp bundle")
            reader.drain()  # every byte authenticated, to the end of the file
        except AgeError as exc:
            raise _age_refusal(exc, name) from None
        finally:
            if close is not None:
                close()
        if hashlib.sha256(payload).hexdigest() != manifest.content_hash:
            raise BundleError("damaged", f"{name}: the payload does not match the hash in "
                              "its manifest (altered after signing)")
        return payload

    return OpenedBundle(manifest, hashlib.sha256(manifest_bytes).hexdigest(), signer, valid,
                        rest, close)
