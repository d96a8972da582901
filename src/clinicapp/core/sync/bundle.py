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

Reading checks everything before anything is returned: size limits, decryption (which
authenticates every byte), the archive's shape, the manifest, the signature and the
payload hash. Each failure is a ``BundleError`` whose message says what is wrong.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import tarfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from clinicapp import __version__
from clinicapp.core.keys.identity import ReplicaKeys, minisign_key_id
from clinicapp.core.sync import formats
from clinicapp.core.sync.authorship import Run
from clinicapp.core.sync.payload import BundleError, printable, read_payload, write_payload

__all__ = ["BundleError", "Manifest", "OpenedBundle", "printable", "read_payload",
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
    payload: bytes  # compressed

    def runs(self) -> list[tuple[Run, list[dict[str, Any]]]]:
        """The runs and their changes: call only once the sender is trusted and the
        signature holds (inflating is what a stranger must not cost)."""
        return read_payload(self.payload, self.manifest.payload_bytes, self.manifest.lines)

    def changes(self) -> list[dict[str, Any]]:
        return [c for _run, part in self.runs() for c in part]


# --- minisign ------------------------------------------------------------------------


def sign(keys: ReplicaKeys, message: bytes, comment: str) -> str:
    """A minisign signature file (prehashed, algorithm 'ED') for ``message``."""
    key_id = minisign_key_id(keys.public_key)
    digest = hashlib.blake2b(message, digest_size=64).digest()
    signature = keys.signing_key.sign(digest)
    trusted = f"timestamp:{int(time.time())}\t{comment}"
    global_sig = keys.signing_key.sign(signature + trusted.encode())
    return (f"untrusted comment: signature from ClinicApp replica {keys.replica_id}\n"
            f"{base64.b64encode(b'ED' + key_id + signature).decode()}\n"
            f"trusted comment: {trusted}\n"
            f"{base64.b64encode(global_sig).decode()}\n")


def public_key_file(keys: ReplicaKeys) -> str:
    return (f"untrusted comment: minisign public key of ClinicApp replica {keys.replica_id}\n"
            f"{keys.public().minisign_key}\n")


def verify(message: bytes, sig_file: str, minisign_key: str) -> bool:
    """True if ``sig_file`` is a valid minisign signature of ``message`` by that key."""
    try:
        raw_key = base64.b64decode(minisign_key)
        public = Ed25519PublicKey.from_public_bytes(raw_key[10:])
        lines = sig_file.splitlines()
        sig = base64.b64decode(lines[1])
        trusted = lines[2].removeprefix("trusted comment: ")
        global_sig = base64.b64decode(lines[3])
        algorithm, key_id, signature = sig[:2], sig[2:10], sig[10:]
        if key_id != raw_key[2:10] or len(signature) != 64:
            return False
        if algorithm == b"ED":
            signed = hashlib.blake2b(message, digest_size=64).digest()
        elif algorithm == b"Ed":
            signed = message
        else:
            return False
        public.verify(signature, signed)
        public.verify(global_sig, signature + trusted.encode())
        return True
    except (InvalidSignature, ValueError, IndexError):
        return False


def signer_key_of(sig_file: str, sender_key: str) -> str:
    """The minisign key that made ``sig_file``: the included ``sender.pub`` if its key id
    matches, otherwise the key id alone (all we know of an unknown signer)."""
    try:
        key_id = base64.b64decode(sig_file.splitlines()[1])[2:10]
    except (ValueError, IndexError):
        return ""
    try:
        if base64.b64decode(sender_key)[2:10] == key_id:
            return sender_key
    except ValueError:
        pass
    return f"key id {key_id[::-1].hex().upper()}"


# --- payload -------------------------------------------------------------------------


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
    partial.write_bytes(encrypted)
    partial.replace(path)


def _decrypt(data: bytes, keys: ReplicaKeys, name: str) -> bytes:
    if not data.startswith(AGE_MAGIC):
        raise BundleError("not_bundle", f"{name} is not a ClinicApp bundle (it is not an "
                          "age-encrypted file)")
    header_end = data.find(b"\n---")
    if header_end < 0 or data.find(b"\n", header_end + 1) < 0:
        raise BundleError("damaged", f"{name} is incomplete: it ends inside its header "
                          "(the file was cut short); ask for a new copy")
    try:
        return bytes(pyrage.decrypt(data, [keys.age_identity]))
    except pyrage.DecryptError as exc:
        text = str(exc)
        if "No matching keys" in text:
            stanzas = data[:header_end].count(b"\n-> X25519 ")
            others = "1 other recipient" if stanzas == 1 else f"{stanzas} other recipients"
            raise BundleError("not_for_us", f"{name} was not encrypted for this workstation "
                              f"(it is for {others}): ask the sender to export it for this "
                              "workstation") from None
        raise BundleError("damaged", f"{name} is damaged or incomplete (cut short or altered "
                          f"in transit; {len(data)} bytes failed the encryption check): "
                          "ask for a new copy") from None


def _untar(plain: bytes, name: str) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    try:
        with tarfile.open(fileobj=io.BytesIO(plain), mode="r:") as tar:
            for member in tar:
                if member.name not in MEMBERS or not member.isfile() or member.name in files:
                    raise BundleError("damaged", f"{name} holds an unexpected entry "
                                      f"'{member.name}': not a ClinicApp bundle")
                limit = MAX_MANIFEST_BYTES if member.name != "changes.jsonl.gz" else MAX_FILE_BYTES
                if member.size > limit:
                    raise BundleError("too_large", f"{name}: '{member.name}' is too large")
                handle = tar.extractfile(member)
                assert handle is not None
                files[member.name] = handle.read()
    except tarfile.TarError as exc:
        raise BundleError("damaged", f"{name} decrypts but is not a bundle archive "
                          f"({exc})") from None
    missing = [m for m in MEMBERS if m not in files]
    if missing:
        raise BundleError("damaged", f"{name} lacks {', '.join(missing)}: not a complete "
                          "ClinicApp bundle")
    return files


def read(path: Path, keys: ReplicaKeys) -> OpenedBundle:
    """Decrypt and check a bundle. The signature is checked against the key the bundle
    names; whether that key is trusted is the caller's decision (``signer_key``)."""
    name = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise BundleError("missing", f"no bundle file at {path}") from None
    if size > MAX_FILE_BYTES:
        raise BundleError("too_large", f"{name} is {size // 2**20} MiB, over the "
                          f"{MAX_FILE_BYTES // 2**20} MiB a bundle may be: refused")
    return open_bytes(path.read_bytes(), keys, name)


def read_stream(stream: BinaryIO, keys: ReplicaKeys, name: str = "the bundle") -> OpenedBundle:
    """``read`` for a stream (an HTTP body): reads at most MAX_FILE_BYTES + 1 bytes."""
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise BundleError("too_large", f"{name} is over the {MAX_FILE_BYTES // 2**20} MiB "
                          "a bundle may be: refused")
    return open_bytes(data, keys, name)


def open_bytes(data: bytes, keys: ReplicaKeys, name: str = "the bundle") -> OpenedBundle:
    """``read`` for a bundle held in memory; ``name`` is how messages refer to it."""
    if len(data) > MAX_FILE_BYTES:
        raise BundleError("too_large", f"{name} is {len(data) // 2**20} MiB, over the "
                          f"{MAX_FILE_BYTES // 2**20} MiB a bundle may be: refused")
    files = _untar(_decrypt(data, keys, name), name)
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
    payload = files["changes.jsonl.gz"]
    if hashlib.sha256(payload).hexdigest() != manifest.content_hash:
        raise BundleError("damaged", f"{name}: the payload does not match the hash in its "
                          "manifest (altered after signing)")
    return OpenedBundle(manifest, hashlib.sha256(manifest_bytes).hexdigest(), signer, valid,
                        payload)
