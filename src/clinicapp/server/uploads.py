"""Pushed bundles, uploaded in chunks of at most 1 MiB and identified by their SHA-256.

A chunk stored once is final: the same bytes again are a no-op, different bytes are
refused (409). A broken upload resumes from what is stored. Applying runs the same
all-or-nothing import as a USB bundle, once: a second apply (in sequence or at the same
time, on any worker) gets the first one's answer."""

from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from clinicapp.core.sync import protocol
from clinicapp.core.sync.clock import utcnow
from clinicapp.server import ingest
from clinicapp.server.auth import Refusal
from clinicapp.server.models import Upload, UploadChunk
from clinicapp.server.store import Store

SHA256 = re.compile(r"[0-9a-f]{64}")
MAX_OPEN_UPLOADS = 8  # unfinished uploads one device may keep on the server
STALE_CLAIM = timedelta(minutes=15)  # an apply whose worker died may be taken over


@dataclass(frozen=True)
class UploadStatus:
    sha256: str
    size: int
    chunk_size: int
    chunks: int
    received: list[int]
    state: str
    result: dict[str, Any] = field(default_factory=dict)

    @property
    def missing(self) -> list[int]:
        have = set(self.received)
        return [i for i in range(self.chunks) if i not in have]


def _chunks(size: int, chunk_size: int) -> int:
    return max(1, -(-size // chunk_size))


def _check_sha(sha: str) -> str:
    if not SHA256.fullmatch(sha):
        raise Refusal(400, "a bundle is named by its SHA-256: 64 lowercase hex digits")
    return sha


def _status(session: Any, upload: Upload) -> UploadStatus:
    received = list(session.scalars(select(UploadChunk.idx).where(
        UploadChunk.upload_id == upload.id).order_by(UploadChunk.idx)))
    if upload.state in ("applied", "refused"):
        received = list(range(_chunks(upload.size, upload.chunk_size)))
    return UploadStatus(upload.sha256, upload.size, upload.chunk_size,
                        _chunks(upload.size, upload.chunk_size), received, upload.state,
                        json.loads(upload.result or "{}"))


def _find(session: Any, device_id: str, sha: str) -> Upload:
    upload = session.scalar(select(Upload).where(Upload.device_id == device_id,
                                                 Upload.sha256 == _check_sha(sha)))
    if upload is None:
        raise Refusal(404, "no upload of that bundle from this workstation: start it first")
    return upload  # type: ignore[no-any-return]


def begin(store: Store, device_id: str, sha: str, size: int) -> UploadStatus:
    """Start (or find again) the upload of one bundle."""
    _check_sha(sha)
    if not 0 < size <= store.config.max_upload_bytes:
        raise Refusal(413, f"a bundle may be 1 to {store.config.max_upload_bytes} bytes")
    with store.tables() as session:
        upload = session.scalar(select(Upload).where(Upload.device_id == device_id,
                                                     Upload.sha256 == sha))
        if upload is None:
            open_count = session.scalar(select(func.count()).select_from(Upload).where(
                Upload.device_id == device_id, Upload.state == "receiving")) or 0
            if open_count >= MAX_OPEN_UPLOADS:
                raise Refusal(409, f"this workstation already has {open_count} unfinished "
                              "uploads: finish or apply them first")
            upload = Upload(device_id=device_id, sha256=sha, size=size,
                            chunk_size=protocol.CHUNK_SIZE)
            session.add(upload)
            try:
                session.flush()
            except IntegrityError:  # the same upload started at once on another worker
                session.rollback()
                upload = _find(session, device_id, sha)
        if upload.size != size:
            raise Refusal(409, "this bundle was started with another size")
        return _status(session, upload)


def status(store: Store, device_id: str, sha: str) -> UploadStatus:
    with store.tables(write=False) as session:
        return _status(session, _find(session, device_id, sha))


def put_chunk(store: Store, device_id: str, sha: str, idx: int, data: bytes) -> UploadStatus:
    digest = hashlib.sha256(data).hexdigest()
    with store.tables() as session:
        upload = _find(session, device_id, sha)
        if upload.state != "receiving":
            return _status(session, upload)  # already applied: nothing more to store
        count = _chunks(upload.size, upload.chunk_size)
        if not 0 <= idx < count:
            raise Refusal(400, f"chunk {idx} is outside this bundle (0 to {count - 1})")
        expected = min(upload.chunk_size, upload.size - idx * upload.chunk_size)
        if len(data) != expected:
            raise Refusal(400, f"chunk {idx} must be {expected} bytes, not {len(data)}")
        stored = session.get(UploadChunk, (upload.id, idx))
        if stored is None:
            session.add(UploadChunk(upload_id=upload.id, idx=idx, sha256=digest, data=data))
            try:
                session.flush()
            except IntegrityError:
                session.rollback()
                upload = _find(session, device_id, sha)
                stored = session.get(UploadChunk, (upload.id, idx))
        if stored is not None and stored.sha256 != digest:
            raise Refusal(409, f"chunk {idx} is already stored with other bytes: a bundle's "
                          "chunks never change")
        return _status(session, upload)


def _claim(store: Store, device_id: str, sha: str) -> tuple[bool, Upload]:
    now = utcnow()
    with store.tables() as session:
        upload = _find(session, device_id, sha)
        count = _chunks(upload.size, upload.chunk_size)
        have = session.scalar(select(func.count()).select_from(UploadChunk).where(
            UploadChunk.upload_id == upload.id)) or 0
        if upload.state == "receiving" and have < count:
            missing = _status(session, upload).missing
            raise Refusal(409, f"{len(missing)} of {count} chunks are still missing "
                          f"(first: {missing[0]})")
        taken = session.execute(update(Upload).where(
            Upload.id == upload.id,
            (Upload.state == "receiving")
            | ((Upload.state == "applying") & (Upload.claimed_at < now - STALE_CLAIM)))
            .values(state="applying", claimed_at=now)).rowcount  # type: ignore[attr-defined]
        return taken == 1, upload


def apply(store: Store, device_id: str, sha: str) -> ingest.Outcome:
    """Import the uploaded bundle once; every later call answers the same."""
    mine, upload = _claim(store, device_id, sha)
    if not mine:
        return _wait_for_result(store, upload.id, sha)
    try:
        with store.tables(write=False) as session:
            data = b"".join(session.scalars(select(UploadChunk.data).where(
                UploadChunk.upload_id == upload.id).order_by(UploadChunk.idx)))
        if hashlib.sha256(data).hexdigest() != sha or len(data) != upload.size:
            # Chunks that do not add up: forget them so the device can upload again.
            with store.tables() as session:
                session.execute(delete(UploadChunk).where(UploadChunk.upload_id == upload.id))
                session.execute(update(Upload).where(Upload.id == upload.id)
                                .values(state="receiving", claimed_at=None))
            raise Refusal(409, "the uploaded chunks do not add up to the bundle's SHA-256: "
                          "upload it again")
        outcome = ingest.apply_bytes(store, data, source="network", label="the pushed bundle",
                                     device_id=device_id)
    except BaseException:
        with store.tables() as session:
            session.execute(update(Upload).where(Upload.id == upload.id,
                                                 Upload.state == "applying")
                            .values(state="receiving", claimed_at=None))
        raise
    with store.tables() as session:
        session.execute(update(Upload).where(Upload.id == upload.id).values(
            state="refused" if outcome.refused else "applied",
            result=json.dumps(outcome.to_json())))
        session.execute(delete(UploadChunk).where(UploadChunk.upload_id == upload.id))
    return outcome


def _wait_for_result(store: Store, upload_id: int, sha: str,
                     timeout: float = 300.0) -> ingest.Outcome:
    deadline = time.monotonic() + timeout
    while True:
        with store.tables(write=False) as session:
            upload = session.get(Upload, upload_id)
            assert upload is not None
            state, result = upload.state, upload.result
        if state in ("applied", "refused"):
            return ingest.Outcome.from_json(sha, json.loads(result))
        if state == "receiving" or time.monotonic() > deadline:
            raise Refusal(409, "this bundle is being applied by another request: ask again "
                          "in a moment")
        time.sleep(0.1)
