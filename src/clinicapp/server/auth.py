"""Checking a device's signed request: the signature over method, path, body digest,
device id and nonce must match the device's enrolled key, and the nonce must be one the
server issued and nobody used. The clinic's clock plays no part."""

from __future__ import annotations

import json
from dataclasses import dataclass

from clinicapp.core.sync import protocol
from clinicapp.core.sync.clock import utcnow
from clinicapp.server import nonces
from clinicapp.server.models import Device
from clinicapp.server.store import Store


class Refusal(Exception):
    """A request refused with an HTTP status and the reason in words."""

    def __init__(self, status: int, reason: str,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.headers = headers or {}


@dataclass(frozen=True)
class Caller:
    """The authenticated device of one request."""

    replica_id: str
    name: str
    groups: tuple[str, ...]
    minisign_key: str
    age_recipient: str


def authenticate(store: Store, method: str, path: str, body: bytes, device_id: str,
                 nonce: str, signature: str) -> Caller:
    if not device_id or not nonce or not signature:
        raise Refusal(401, "this request is not signed: enroll the workstation first")
    with store.tables(write=False) as session:
        device = session.get(Device, device_id[:36])
    if device is None:
        raise Refusal(401, "this workstation is not enrolled with this server")
    message = protocol.request_message(method, path, body, device_id, nonce)
    if not protocol.verify(device.minisign_key, message, signature):
        raise Refusal(401, "the request's signature does not match (altered in transit "
                      "or signed with another key)")
    if device.revoked_at is not None:
        raise Refusal(403, "this workstation's enrollment was revoked by the program "
                      "office")
    if not nonces.consume(store, nonce, device_id):
        raise Refusal(401, "the request's nonce is unknown, expired or already used "
                      "(a replayed request)")
    with store.tables() as session:
        row = session.get(Device, device_id)
        if row is not None:
            row.last_seen_at = utcnow()
    return Caller(device.replica_id, device.name, tuple(json.loads(device.groups)),
                  device.minisign_key, device.age_recipient)
