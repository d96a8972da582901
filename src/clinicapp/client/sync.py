"""Network sync for a connected workstation: push what the server lacks, then pull what
this workstation lacks, both resumable.

- Push: the bundle is written to ``outbox/`` first, so a broken upload resumes with the
  same bytes (the server keeps the chunks it has); it is deleted once the server applied
  or refused it.
- Pull: each part is downloaded in ranges of at most one chunk into ``inbox/``, so a cut
  connection costs at most one chunk; it is checked against its hash, imported all or
  nothing, then acknowledged.
"""

from __future__ import annotations

import errno
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from clinicapp.client.transport import TIMEOUT, ServerRefused, SignedSession, Transport
from clinicapp.core.errors import ClinicAppError
from clinicapp.core.keys.identity import load_keys
from clinicapp.core.storage.db import Database, is_storage_full
from clinicapp.core.sync import api as sync_api
from clinicapp.core.sync import protocol, remote, vector
from clinicapp.core.sync.bundle import BundleError

MAX_PARTS = 500  # a safety bound: 500 parts is 25 million changes
Say = Callable[[str], None]


class SyncRefused(ClinicAppError):
    """The server refused this workstation's bundle; the message is its reason."""


@dataclass(frozen=True)
class SyncResult:
    pushed: int  # changes the server received new
    pulled: int  # changes this workstation received new
    parts: int
    in_step: bool


def changes(n: int, noun: str = "change") -> str:
    """'1 change', '3 changes' (English: the command line and the log)."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _folder(db: Database, name: str) -> Path:
    if db.paths is None:
        raise ClinicAppError("network sync needs a workstation data folder")
    folder = db.paths.data_dir / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _unwritable(exc: OSError, what: str) -> ClinicAppError:
    """A write into the data folder that failed, in words (the sync stops there)."""
    if is_storage_full(exc) or exc.errno == errno.EFBIG:
        reason = "the disk is full; free some space on the drive of the data folder"
    else:
        reason = exc.strerror or type(exc).__name__
    return ClinicAppError(f"{what}: {reason}, then sync again (nothing was lost)")


def _write_atomically(path: Path, data: bytes) -> None:
    """``data`` at ``path`` whole or not at all: a drive that cannot take it is left no
    half-written file (it would only take the room a later try needs)."""
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise _unwritable(exc, f"could not keep the changes to send in {path.parent}") \
            from exc


def _upload(session: SignedSession, data: bytes) -> tuple[int, vector.Vector]:
    """Push one bundle; returns the changes new to the server and what it now holds."""
    sha = hashlib.sha256(data).hexdigest()
    status = session.json("POST", "/uploads", {"sha256": sha, "size": len(data)})
    size = int(status["chunk_size"])
    for idx in status["missing"] if status["state"] == "receiving" else []:
        session.call("PUT", f"/uploads/{sha}/chunks/{idx}", data[idx * size:(idx + 1) * size],
                     {"Content-Type": "application/octet-stream"})
    reply = session.call("POST", f"/uploads/{sha}/apply", ok=(200, 422))
    answer = reply.json()
    if reply.status == 422:
        raise SyncRefused(f"the server refused this workstation's changes: {answer['detail']}")
    return int(answer["received"]), vector.from_json(answer["acknowledgement"])


def push(db: Database, link: remote.ServerLink, session: SignedSession,
         say: Say | None = None) -> int:
    """Send what the server lacks (and this workstation's vector, its acknowledgement)."""
    outbox = _folder(db, "outbox")
    received = 0
    acknowledged: vector.Vector | None = None
    for waiting in sorted(outbox.glob("*.clinicbundle")):  # an interrupted earlier push
        try:
            got, acknowledged = _upload(session, waiting.read_bytes())
            received += got
        except SyncRefused:
            waiting.unlink(missing_ok=True)
            raise
        waiting.unlink(missing_ok=True)
    # What the server just acknowledged is not sent again (its next bundle confirms it).
    data, result = sync_api.export_bundle_data(db, link.peer_name, also_held=acknowledged)
    path = outbox / f"{hashlib.sha256(data).hexdigest()}.clinicbundle"
    _write_atomically(path, data)
    if say:
        say(f"sending {changes(result.changes)}")
    try:
        received += _upload(session, data)[0]
    except SyncRefused:
        path.unlink(missing_ok=True)  # refused for good: its reason is kept, not the file
        raise
    path.unlink(missing_ok=True)
    return received


def _download(session: SignedSession, part_id: str, size: int, inbox: Path) -> bytes:
    path = inbox / f"{part_id}.part"
    have = path.stat().st_size if path.exists() else 0
    if have > size:
        path.unlink()
        have = 0
    with path.open("ab") as handle:
        while have < size:
            end = min(have + protocol.CHUNK_SIZE, size) - 1
            reply = session.call("GET", f"/pulls/{part_id}", b"",
                                 {"Range": f"bytes={have}-{end}"}, ok=(200, 206))
            body = reply.body if reply.status == 206 else reply.body[have:end + 1]
            if not body:
                raise ClinicAppError("the server sent an empty part of a pull: try again")
            try:
                handle.write(body)
                handle.flush()
            except OSError as exc:  # what is stored is kept: the next try resumes there
                raise _unwritable(exc, f"could not store the server's part in {inbox}"
                                  ) from exc
            have += len(body)
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != part_id:
        path.unlink(missing_ok=True)
        raise ClinicAppError("a downloaded part does not match its hash (damaged in "
                             "transit): it will be downloaded again")
    return data


def pull(db: Database, session: SignedSession, say: Say | None = None) -> tuple[int, int]:
    """Receive, import and acknowledge parts until the server has nothing more."""
    inbox = _folder(db, "inbox")
    received = 0
    for parts in range(1, MAX_PARTS + 1):
        info = session.json("POST", "/pulls")
        part_id, size = str(info["id"]), int(info["size"])
        if say:
            say(f"receiving {changes(int(info['changes']))}")
        data = _download(session, part_id, size, inbox)
        try:
            received += sync_api.import_bundle_bytes(db, data, name="the server's bundle"
                                                     ).received
        except BundleError as exc:
            if exc.kind != "replayed":  # imported before the acknowledgement was lost
                (inbox / f"{part_id}.part").unlink(missing_ok=True)
                raise
        session.json("POST", f"/pulls/{part_id}/ack")
        (inbox / f"{part_id}.part").unlink(missing_ok=True)
        if not info["more"]:
            return received, parts
    raise ClinicAppError("the server keeps sending parts: stopped after "
                         f"{MAX_PARTS}; sync again to continue")


def sync(db: Database, say: Say | None = None, timeout: float | None = None) -> SyncResult:
    """Push then pull. Records the outcome for the status line; raises on failure with the
    reason in plain words."""
    link = remote.load(db)
    if link is None:
        raise ClinicAppError("this workstation is not connected to a central server: "
                             "connect it first (Settings, or 'clinicapp connect')")
    with db.read() as s:
        keys = load_keys(s)
    transport = Transport(link.url, timeout if timeout is not None else TIMEOUT,
                          ca_file=link.ca_file)
    session = SignedSession(transport, keys)
    try:
        pushed = push(db, link, session, say)
        pulled, parts = pull(db, session, say)
    except ServerRefused as exc:
        remote.record_failure(db, exc.reason)
        raise ClinicAppError(exc.reason) from None
    except ClinicAppError as exc:
        remote.record_failure(db, str(exc))
        raise
    remote.record_success(db)
    return SyncResult(pushed, pulled, parts, in_step=True)
