"""Connecting a workstation to a central server with a one-time enrollment code.

The workstation fetches the server's identity and checks its fingerprint (given, or
confirmed by a person) *before* it sends anything; it then proves it holds its key by
signing a server nonce, and trusts the server as its central peer only if the identity
the server enrolled it with is the one it checked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from clinicapp.client.transport import ServerRefused, Transport
from clinicapp.core.errors import ClinicAppError
from clinicapp.core.keys.identity import PublicIdentity
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import api as sync_api
from clinicapp.core.sync import protocol, remote
from clinicapp.core.sync.clock import utcnow

SERVER_PEER = "central server"


class FingerprintMismatch(ClinicAppError):
    """The server's fingerprint is not the one printed with the code: nothing trusted."""


@dataclass(frozen=True)
class ServerInfo:
    identity: PublicIdentity
    fingerprint: str
    name: str


def server_info(url: str, ca_file: str = "") -> ServerInfo:
    data = Transport(url, ca_file=ca_file).json("GET", protocol.API_PREFIX + "/identity")
    ident = PublicIdentity.parse(str(data["identity"]))
    return ServerInfo(ident, protocol.fingerprint(ident), str(data.get("name", "")))


def connect(db: Database, url: str, code: str, fingerprint: str | None = None,
            confirm: Callable[[ServerInfo], bool] | None = None,
            ca_file: str = "") -> remote.ServerLink:
    """Enroll this workstation; refuses unless ``fingerprint`` matches or ``confirm``
    (a person looking at it) says yes. Nothing is trusted or saved on a refusal."""
    if remote.load(db) is not None:
        raise ClinicAppError("this workstation is already connected to a central server")
    ca_file = str(Path(ca_file).resolve()) if ca_file else ""
    transport = Transport(url, ca_file=ca_file)
    info = server_info(url, ca_file)
    if fingerprint:
        if not protocol.same_fingerprint(fingerprint, info.fingerprint):
            raise FingerprintMismatch(
                f"the server at {transport.base} has fingerprint {info.fingerprint}, not the "
                "one given: do not connect (the address may be wrong or intercepted)")
    elif confirm is None or not confirm(info):
        raise FingerprintMismatch("the server's fingerprint was not confirmed: not connected")
    keys_identity = sync_api.public_identity(db)
    line = keys_identity.line()
    nonce = transport.json("POST", protocol.API_PREFIX + "/nonce")["nonce"]
    from clinicapp.core.keys.identity import load_keys

    with db.read() as session:
        keys = load_keys(session)
    signature = protocol.sign(keys, protocol.enroll_message(code, line, nonce))
    try:
        done = transport.json("POST", protocol.API_PREFIX + "/enroll", {
            "code": code, "identity": line, "name": keys.name or "workstation",
            "nonce": nonce, "signature": signature})
    except ServerRefused as exc:
        raise ClinicAppError(f"the server refused the enrollment: {exc.reason}") from None
    if str(done["server_identity"]).strip() != info.identity.line():
        raise FingerprintMismatch("the server enrolled this workstation under another "
                                  "identity than the one checked: not connected")
    sync_api.add_trusted(db, info.identity, SERVER_PEER, central=True)
    link = remote.ServerLink(url=transport.base, server_id=info.identity.replica_id,
                             peer_name=SERVER_PEER, fingerprint=info.fingerprint,
                             device_id=keys.replica_id, connected_at=utcnow().isoformat(),
                             ca_file=ca_file)
    return remote.save(db, link)
