"""The dashboard's office pages: bundles uploaded from a USB stick and the bundles the
server refused, the enrolled devices, and the enrollment codes."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from sqlalchemy import select

from clinicapp.core.errors import ClinicAppError
from clinicapp.core.services import audit
from clinicapp.core.services import groups as group_service
from clinicapp.core.sync import protocol
from clinicapp.server import enrollment, ingest
from clinicapp.server.dashboard import figures, uploads
from clinicapp.server.dashboard.auth import SessionState
from clinicapp.server.dashboard.signin import SignedIn
from clinicapp.server.dashboard.web import EXPIRED, PREFIX, Dashboard, SignInNeeded, to_login
from clinicapp.server.models import EnrollmentCode
from clinicapp.server.store import Store

MAX_CODE_DAYS = 90
CODES_LISTED = 200


@dataclass(frozen=True)
class CodeLine:
    hint: str  # the first characters only: the code itself is stored as a hash
    groups: list[str]
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None


def code_lines(store: Store) -> list[CodeLine]:
    names = {gid: name for gid, name, _division in figures.choices(store.db).groups}
    with store.tables(write=False) as session:
        rows = list(session.scalars(select(EnrollmentCode).order_by(
            EnrollmentCode.created_at.desc()).limit(CODES_LISTED)))
    return [CodeLine(r.hint, [names.get(g, g) for g in json.loads(r.groups)], r.created_at,
                     r.expires_at, r.used_at) for r in rows]


def build(dash: Dashboard) -> APIRouter:
    r = APIRouter(prefix=PREFIX, include_in_schema=False)
    Render = Callable[..., Response]

    def viewer(request: Request) -> tuple[SignedIn, SessionState] | Response:
        """Who is signed in, or the redirect to the sign-in page."""
        try:
            return dash.signed_in(request)
        except SignInNeeded:
            return to_login(request)

    async def posted(request: Request, page: Render
                     ) -> tuple[SignedIn, SessionState, Any] | Response:
        """Who posted, and their form once its CSRF check passed; otherwise the sign-in
        page, or ``page`` again saying the form expired (403)."""
        seen = viewer(request)
        if isinstance(seen, Response):
            return seen
        who, state = seen
        try:
            form = await dash.form(request, state)
        except HTTPException:
            return page(request, state, who, 403, error=dash.catalogue(request).t(EXPIRED))
        return who, state, form

    # --- bundles --------------------------------------------------------------------

    def bundles(request: Request, state: SessionState, who: SignedIn, status: int = 200,
                outcome: ingest.Outcome | None = None, file_name: str = "",
                error: str = "") -> Response:
        store = dash.store(request)
        return dash.render(request, "bundles.html", state, status=status,
                           who=who, outcome=outcome, file_name=file_name, error=error,
                           refused=ingest.refused_bundles(store),
                           device_names={d.replica_id: d.name
                                         for d in enrollment.list_devices(store)},
                           limit_mib=store.config.max_upload_bytes // (1024 * 1024))

    @r.get("/bundles")
    def bundles_page(request: Request) -> Response:
        seen = viewer(request)
        return seen if isinstance(seen, Response) else bundles(request, seen[1], seen[0])

    @r.post("/bundles")
    async def upload(request: Request) -> Response:
        seen = viewer(request)
        if isinstance(seen, Response):
            return seen
        who, state = seen
        store = dash.store(request)
        cat = dash.catalogue(request)
        limit = store.config.max_upload_bytes
        too_large = cat.t("The file is larger than {n} MiB.", n=limit // (1024 * 1024))
        length = request.headers.get("content-length", "")
        if not length.isdigit():
            return bundles(request, state, who, 411, error=cat.t("Choose a bundle file to "
                                                                 "upload."))
        if int(length) > limit + 64 * 1024:  # refused before a byte of it is read
            return bundles(request, state, who, 413, error=too_large)
        got = await posted(request, bundles)
        if isinstance(got, Response):
            return got
        form = got[2]
        upload = form.get("bundle")
        if upload is None or isinstance(upload, str) or not upload.filename:
            return bundles(request, state, who, 400,
                           error=cat.t("Choose a bundle file to upload."))

        async def chunks() -> AsyncIterator[bytes]:
            while chunk := await upload.read(uploads.CHUNK):
                yield chunk

        try:
            data = await uploads.read_bounded(chunks(), limit)
        except uploads.TooLarge:
            return bundles(request, state, who, 413, error=too_large)
        name = uploads.safe_name(upload.filename)
        device = await run_in_threadpool(uploads.enrolled_sender, store, data, name)
        # Core records the exchange (imported or refused) in its audit, naming this user.
        outcome = await run_in_threadpool(audit.as_actor, who.username, ingest.apply_bytes,
                                          store, data, "upload", name, device)
        return bundles(request, state, who, 422 if outcome.refused else 200, outcome=outcome,
                       file_name=name)

    # --- devices and enrollment codes --------------------------------------------------

    @r.get("/devices")
    def devices_page(request: Request) -> Response:
        seen = viewer(request)
        if isinstance(seen, Response):
            return seen
        return dash.render(request, "devices.html", seen[1], who=seen[0],
                           devices=enrollment.list_devices(dash.store(request)))

    def codes(request: Request, state: SessionState, who: SignedIn, status: int = 200,
              issued: enrollment.IssuedCode | None = None, error: str = "",
              added: str = "") -> Response:
        store = dash.store(request)
        return dash.render(request, "enrollment.html", state, status=status,
                           who=who, codes=code_lines(store), issued=issued, error=error,
                           added=added,
                           groups=figures.choices(store.db).groups, max_days=MAX_CODE_DAYS,
                           fingerprint=protocol.fingerprint(enrollment.server_identity(store)))

    @r.get("/enrollment")
    def enrollment_page(request: Request) -> Response:
        seen = viewer(request)
        return seen if isinstance(seen, Response) else codes(request, seen[1], seen[0])

    @r.post("/enrollment")
    async def issue(request: Request) -> Response:
        got = await posted(request, codes)
        if isinstance(got, Response):
            return got
        who, state, form = got
        cat = dash.catalogue(request)
        store = dash.store(request)
        known = {gid: name for gid, name, _d in figures.choices(store.db).groups}
        chosen = [known[g] for g in form.getlist("group") if isinstance(g, str) and g in known]
        days = str(form.get("days", "7"))
        if not chosen:
            return codes(request, state, who, 400, error=cat.t("Choose at least one group."))
        if not days.isdigit() or not 1 <= int(days) <= MAX_CODE_DAYS:
            return codes(request, state, who, 400, error=cat.t(
                "Valid for 1 to {n} days.", n=MAX_CODE_DAYS))
        try:
            issued = await run_in_threadpool(enrollment.issue_code, store, chosen,
                                             timedelta(days=int(days)))
        except ClinicAppError as exc:
            return codes(request, state, who, 400, error=dash.catalogue(request).error(exc))
        groups = "1 group" if len(chosen) == 1 else f"{len(chosen)} groups"
        await run_in_threadpool(audit.log, store.db, "enroll_code",
                                f"dashboard code {issued.code[:4]}… for {groups}",
                                who.username)
        return codes(request, state, who, 200, issued=issued)

    @r.post("/groups")
    async def add_group(request: Request) -> Response:
        """The program office's groups (as ``clinicapp-server group add``), to enroll for."""
        got = await posted(request, codes)
        if isinstance(got, Response):
            return got
        who, state, form = got
        store = dash.store(request)
        name = " ".join(str(form.get("name", "")).split())
        division = " ".join(str(form.get("division", "")).split())
        try:
            group = await run_in_threadpool(group_service.create, store.db, name,
                                            division=division)
        except ClinicAppError as exc:
            return codes(request, state, who, 400, error=dash.catalogue(request).error(exc))
        return codes(request, state, who, 200, added=group.name)

    return r
