"""The FastAPI application: ``create_app(config)`` builds it; each worker opens its own
connection pool at start-up, so workers share nothing but the database."""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from clinicapp import __version__
from clinicapp.core.errors import StorageFullError
from clinicapp.core.sync import protocol
from clinicapp.server import config as server_config
from clinicapp.server.auth import Refusal
from clinicapp.server.proxies import TrustedProxies
from clinicapp.server.store import Store, open_store

log = logging.getLogger("clinicapp.server")

# Parts of the server that add their routes; each has ``register(app)``.
ROUTE_MODULES = ("clinicapp.server.api", "clinicapp.server.dashboard")
ENV_CONFIG_FILE = "CLINICAPP_SERVER_CONFIG"
MAX_BODY = protocol.CHUNK_SIZE + 64 * 1024  # an API request: a chunk at most
FULL_RETRY_AFTER = 300  # seconds: a full disk is not freed in a moment
DISK_FULL = "the server's disk is full: nothing of this request was kept; try again later"
DISK_FULL_PAGE = ("The server's disk is full: nothing of this was kept. Tell whoever runs "
                  "the server, then try again later.")


def create_app(config: server_config.ServerConfig, store: Store | None = None) -> FastAPI:
    """The server application over ``config``'s database (``store`` if already open)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        opened = store is None
        app.state.store = store or open_store(config)
        try:
            yield
        finally:
            if opened:
                app.state.store.close()

    app = FastAPI(title="ClinicApp central server", version=__version__, lifespan=lifespan,
                  openapi_url=f"{protocol.API_PREFIX}/openapi.json",
                  docs_url=None, redoc_url=None)
    app.state.config = config
    if store is not None:
        app.state.store = store

    @app.exception_handler(Refusal)
    async def _refused(request: Request, exc: Refusal) -> Response:
        # Only the status and the path, never a body or a name: logs hold no free text.
        log.info("refused %s %s: %d", request.method, request.url.path, exc.status)
        return JSONResponse({"detail": exc.reason}, status_code=exc.status,
                            headers=exc.headers)

    @app.exception_handler(StorageFullError)
    async def _full(request: Request, exc: StorageFullError) -> Response:
        # Nothing of the request was kept (its transaction rolled back): a device tries
        # again later, as after any answer it did not get; the operator reads the log.
        log.error("%s %s: the server's disk is full", request.method, request.url.path)
        headers = {"Retry-After": str(FULL_RETRY_AFTER)}
        dash = getattr(request.app.state, "dashboard", None)
        if dash is not None and request.url.path.startswith(dash.prefix):
            page = dash.render(request, "message.html", dash.state(request), status=503,
                               error=dash.catalogue(request).t(DISK_FULL_PAGE))
            page.headers.update(headers)
            return page
        return JSONResponse({"detail": DISK_FULL}, status_code=503, headers=headers)

    @app.middleware("http")
    async def _next_nonce(request: Request, call_next):  # type: ignore[no-untyped-def]
        if (request.method in ("POST", "PUT", "PATCH")
                and request.url.path.startswith(protocol.API_PREFIX)):
            # API bodies are bounded before anything reads them: a chunk is at most 1 MiB.
            length = request.headers.get("content-length")
            if length is None and request.headers.get("transfer-encoding"):
                return JSONResponse({"detail": "give the body's Content-Length"},
                                    status_code=411)
            if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
                return JSONResponse({"detail": f"a request body may be at most {MAX_BODY} "
                                     "bytes"}, status_code=413)
        response = await call_next(request)
        nonce = getattr(request.state, "next_nonce", None)
        if nonce:
            response.headers[protocol.HEADER_NEXT_NONCE] = nonce
        return response

    for name in ROUTE_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # that part is not built yet
            raise
        module.register(app)
    # Added last, so outermost: nothing inside reads a forwarded header it did not check.
    app.add_middleware(TrustedProxies, trusted=config.forwarded_allow_ips)
    return app


def app_from_environment() -> FastAPI:
    """The factory ``serve`` hands uvicorn, so every worker builds the same app."""
    return create_app(server_config.load(os.environ.get(server_config.ENV_PREFIX + "DATA_DIR"),
                                         os.environ.get(ENV_CONFIG_FILE) or None))
