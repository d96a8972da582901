"""Signed sync routes: push (chunked upload, then apply) and pull (build, download with
HTTP Range, acknowledge)."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from clinicapp.core.sync import protocol
from clinicapp.server import pulls, uploads
from clinicapp.server.api import Device, store_of
from clinicapp.server.auth import Refusal
from clinicapp.server.store import Store

Sha = Annotated[str, Path(pattern="^[0-9a-f]{64}$", description="the bundle's SHA-256")]
RANGE = re.compile(r"bytes=(\d*)-(\d*)")


class UploadIn(BaseModel):
    sha256: str = Field(pattern="^[0-9a-f]{64}$")
    size: int = Field(gt=0)


class UploadOut(BaseModel):
    sha256: str
    size: int
    chunk_size: int
    chunks: int
    received: list[int]
    missing: list[int]
    state: str


class ApplyOut(BaseModel):
    status: str = Field(description="'imported'")
    received: int
    already_held: int
    conflicts: int
    rows_added: dict[str, int]
    rows_changed: dict[str, int]
    acknowledgement: dict[str, list[list[int]]] = Field(
        description="what the server now holds, per origin")


class PullOut(BaseModel):
    id: str
    size: int
    changes: int
    more: bool


class AckOut(BaseModel):
    acknowledged: int


def _out(s: uploads.UploadStatus) -> UploadOut:
    return UploadOut(sha256=s.sha256, size=s.size, chunk_size=s.chunk_size, chunks=s.chunks,
                     received=s.received, missing=s.missing, state=s.state)


REFUSED: dict[int | str, dict[str, Any]] = {
    401: {"description": "not signed, badly signed, or a replayed nonce"},
    403: {"description": "the workstation's enrollment was revoked"},
}


def install(router: APIRouter) -> None:
    def store(request: Request) -> Store:
        return store_of(request)

    @router.post("/uploads", response_model=UploadOut, responses=REFUSED)
    def start_upload(request: Request, body: UploadIn, caller: Device) -> UploadOut:
        """Start pushing a bundle (or find out how far a broken push got)."""
        return _out(uploads.begin(store(request), caller.replica_id, body.sha256, body.size))

    @router.get("/uploads/{sha256}", response_model=UploadOut, responses=REFUSED)
    def upload_status(request: Request, sha256: Sha, caller: Device) -> UploadOut:
        return _out(uploads.status(store(request), caller.replica_id, sha256))

    @router.put("/uploads/{sha256}/chunks/{index}", response_model=UploadOut,
                responses={**REFUSED, 409: {"description": "other bytes already stored"}},
                openapi_extra={"requestBody": {"required": True, "content": {
                    "application/octet-stream": {"schema": {
                        "type": "string", "format": "binary",
                        "maxLength": protocol.CHUNK_SIZE}}}}})
    async def put_chunk(request: Request, sha256: Sha,
                        index: Annotated[int, Path(ge=0, le=100_000)],
                        caller: Device) -> UploadOut:
        """Store one chunk (≤ 1 MiB); the same bytes again change nothing."""
        data = await request.body()
        done = await run_in_threadpool(uploads.put_chunk, store(request), caller.replica_id,
                                       sha256, index, data)
        return _out(done)

    @router.post("/uploads/{sha256}/apply", response_model=ApplyOut,
                 responses={**REFUSED, 422: {"description": "refused: the reason in words"}})
    def apply_upload(request: Request, sha256: Sha, caller: Device) -> Any:
        """Import the uploaded bundle, all or nothing, once."""
        outcome = uploads.apply(store(request), caller.replica_id, sha256)
        if outcome.refused:
            return JSONResponse({"detail": outcome.reason, "kind": outcome.kind},
                                status_code=422)
        data = outcome.to_json()
        return ApplyOut(status="imported", received=data["received"],
                        already_held=data["already_held"], conflicts=data["conflicts"],
                        rows_added=data["rows_added"], rows_changed=data["rows_changed"],
                        acknowledgement=data["acknowledgement"])

    @router.post("/pulls", response_model=PullOut, responses=REFUSED)
    def start_pull(request: Request, caller: Device) -> PullOut:
        """The next part of what this workstation lacks, within its groups."""
        info = pulls.request(store(request), caller)
        return PullOut(id=info.id, size=info.size, changes=info.changes, more=info.more)

    @router.get("/pulls/{part_id}", responses={
        **REFUSED, 200: {"content": {"application/octet-stream": {}}},
        206: {"description": "the requested byte range"},
        416: {"description": "the range is outside the part"}})
    def download_pull(request: Request, part_id: Sha, caller: Device,
                      range: Annotated[str | None, Header(max_length=100)] = None
                      ) -> Response:
        """The part's bytes; ``Range: bytes=N-`` resumes a broken download."""
        if not range:
            return Response(pulls.read(store(request), caller, part_id),
                            media_type="application/octet-stream",
                            headers={"Accept-Ranges": "bytes"})
        size = pulls.size(store(request), caller, part_id)
        match = RANGE.fullmatch(range.strip())
        if match is None or match.groups() == ("", ""):
            raise Refusal(416, "only one byte range, as bytes=START- or bytes=START-END")
        start_s, end_s = match.groups()
        if start_s:
            start, end = int(start_s), min(int(end_s) if end_s else size - 1, size - 1)
        else:  # the last N bytes
            start, end = max(0, size - int(end_s)), size - 1
        if start >= size or end < start:
            return Response(status_code=416, headers={"Content-Range": f"bytes */{size}"})
        return Response(pulls.read_range(store(request), caller, part_id, start, end),
                        status_code=206,
                        media_type="application/octet-stream",
                        headers={"Content-Range": f"bytes {start}-{end}/{size}",
                                 "Accept-Ranges": "bytes"})

    @router.post("/pulls/{part_id}/ack", response_model=AckOut, responses=REFUSED)
    def acknowledge_pull(request: Request, part_id: Sha, caller: Device) -> AckOut:
        """This workstation stored the part: it is dropped and not sent again."""
        return AckOut(acknowledged=pulls.acknowledge(store(request), caller, part_id))


