"""``/api/v1``: the server's identity, nonces, enrollment, and the signed sync routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Header, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from clinicapp.core.sync import protocol
from clinicapp.server import auth, enrollment, limits, nonces
from clinicapp.server.auth import Caller, Refusal
from clinicapp.server.store import Store

router = APIRouter(prefix=protocol.API_PREFIX)


def store_of(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


class IdentityOut(BaseModel):
    identity: str = Field(description="the server's identity line (clinicapp-identity:v1:…)")
    fingerprint: str = Field(description="what is printed beside every enrollment code")
    name: str


class NonceOut(BaseModel):
    nonce: str
    expires_in: int


class EnrollIn(BaseModel):
    code: str = Field(max_length=64)
    identity: str = Field(max_length=400, description="the workstation's identity line")
    name: str = Field(default="", max_length=200)
    nonce: str = Field(max_length=64)
    signature: str = Field(max_length=200, description="base64 Ed25519 signature of the "
                           "enrollment message by the workstation's key")


class EnrollOut(BaseModel):
    device_id: str
    server_identity: str
    fingerprint: str
    groups: list[str]


async def signed(
    request: Request,
    x_clinic_device: Annotated[str, Header(max_length=64)] = "",
    x_clinic_nonce: Annotated[str, Header(max_length=64)] = "",
    x_clinic_signature: Annotated[str, Header(max_length=200)] = "",
) -> Caller:
    """The device that signed this request (401/403 otherwise); its answer carries the
    next nonce."""
    body = await request.body()
    path = request.scope.get("raw_path", request.url.path.encode()).decode("latin-1")
    if request.url.query:
        path += "?" + request.url.query
    store = store_of(request)
    caller = await run_in_threadpool(auth.authenticate, store, request.method, path, body,
                                     x_clinic_device, x_clinic_nonce, x_clinic_signature)
    request.state.next_nonce = await run_in_threadpool(nonces.issue, store, caller.replica_id)
    return caller


Device = Annotated[Caller, Depends(signed)]


@router.get("/identity", response_model=IdentityOut)
def identity(request: Request) -> IdentityOut:
    me = enrollment.server_identity(store_of(request))
    return IdentityOut(identity=me.line(), fingerprint=protocol.fingerprint(me), name=me.name)


def address_of(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def too_many(wait: int, what: str) -> Refusal:
    return Refusal(429, f"too many {what} from this address: try again in {wait} s",
                   {"Retry-After": str(wait)})


LIMITED = {429: {"description": "too many requests from this address; see Retry-After"}}


@router.post("/nonce", response_model=NonceOut, responses=LIMITED)
def nonce(request: Request,
          x_clinic_device: Annotated[str | None, Header(max_length=64)] = None) -> NonceOut:
    """A challenge for one signed request or one enrollment."""
    store = store_of(request)
    wait = limits.hit(store, limits.nonce_limit(store), address_of(request))
    if wait:
        raise too_many(wait, "nonce requests")
    return NonceOut(nonce=nonces.issue(store, x_clinic_device or None),
                    expires_in=store.config.nonce_seconds)


@router.post("/enroll", response_model=EnrollOut,
             responses={400: {"description": "refused, with the reason in words"}, **LIMITED})
def enroll(request: Request, body: EnrollIn) -> EnrollOut:
    store = store_of(request)
    limit, address = limits.enroll_limit(store), address_of(request)
    # Counted before it is heard (parallel guesses cannot slip past), given back on success.
    wait = limits.hit(store, limit, address)
    if wait:
        raise too_many(wait, "failed enrollment attempts")
    try:
        done = enrollment.enroll(store, body.code, body.identity, body.name,
                                 body.nonce, body.signature)
    except enrollment.EnrollmentError as exc:
        raise Refusal(400, str(exc)) from None
    limits.forgive(store, limit, address)
    return EnrollOut(device_id=done.device_id, server_identity=done.server_identity,
                     fingerprint=done.fingerprint, groups=done.groups)


class WhoAmI(BaseModel):
    device_id: str
    name: str
    groups: list[str]


@router.get("/me", response_model=WhoAmI)
def me(caller: Device) -> WhoAmI:
    """The calling device as the server knows it (a signed request)."""
    return WhoAmI(device_id=caller.replica_id, name=caller.name, groups=list(caller.groups))


_installed: list[bool] = []


def register(app: FastAPI) -> None:
    from clinicapp.server import sync_routes

    if not _installed:  # the routes are the same for every app built in this process
        sync_routes.install(router)
        _installed.append(True)
    app.include_router(router)
