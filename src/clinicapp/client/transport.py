"""HTTP over urllib, and requests signed with the workstation's key.

Every signed request uses a nonce the server issued (the previous answer carries the
next one), so neither a replay nor the clinic's clock can matter."""

from __future__ import annotations

import http.client
import json
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from clinicapp.core.errors import ClinicAppError
from clinicapp.core.keys.identity import ReplicaKeys
from clinicapp.core.sync import protocol

TIMEOUT = 60.0


class ServerUnreachable(ClinicAppError):
    """The server did not answer, or the connection broke: try again later."""


class ServerRefused(ClinicAppError):
    """The server answered with a refusal; ``status`` is its HTTP status."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body or b"null")


def _reason(status: int, body: bytes) -> str:
    try:
        detail = json.loads(body).get("detail")
    except (ValueError, AttributeError):
        detail = None
    if isinstance(detail, str) and detail:
        return detail
    if isinstance(detail, list):  # validation errors: name the fields, not the values
        fields = {".".join(str(p) for p in d.get("loc", [])[1:]) for d in detail
                  if isinstance(d, dict)}
        return "the server could not read the request (" + ", ".join(sorted(fields)) + ")"
    return f"the server answered {status}"


def _speaks_tls(base: str) -> bool:
    """Whether a TLS handshake succeeds at ``base``'s host and port (asked only after a
    plain http request was hung up on, to say why in words)."""
    parsed = urllib.parse.urlsplit(base)
    probe = ssl.create_default_context()
    probe.check_hostname = False
    probe.verify_mode = ssl.CERT_NONE  # only "does it speak TLS?": nothing is sent
    try:
        with socket.create_connection((parsed.hostname, parsed.port or 80), timeout=5) as raw, \
                probe.wrap_socket(raw, server_hostname=parsed.hostname):
            return True
    except (OSError, ssl.SSLError):
        return False


def tls_context(ca_file: str = "") -> ssl.SSLContext:
    """The system's certificate authorities, or only ``ca_file`` (a PEM file: the
    program office's own CA, or the server's self-signed certificate — pinned)."""
    if not ca_file:
        return ssl.create_default_context()
    try:
        return ssl.create_default_context(cafile=ca_file)
    except (OSError, ssl.SSLError) as exc:
        raise ClinicAppError(f"cannot use {ca_file} as the server's certificate authority "
                             f"({getattr(exc, 'strerror', None) or exc})") from None


class Transport:
    """Plain HTTP(S) requests to one server."""

    def __init__(self, url: str, timeout: float = TIMEOUT, ca_file: str = "") -> None:
        parsed = urllib.parse.urlsplit(url.strip())
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise ClinicAppError(f"'{url}' is not a server address: give one like "
                                 "https://sync.example.org")
        self.base = f"{parsed.scheme}://{parsed.netloc}{parsed.path.rstrip('/')}"
        self.prefix = parsed.path.rstrip("/")
        self.timeout = timeout
        self._opener = urllib.request.build_opener(
            urllib.request.HTTPHandler, urllib.request.HTTPSHandler(context=tls_context(ca_file)))

    def request(self, method: str, path: str, body: bytes = b"",
                headers: dict[str, str] | None = None) -> Reply:
        req = urllib.request.Request(self.base + path, data=body if method != "GET" else None,
                                     method=method, headers=dict(headers or {}))
        try:
            with self._opener.open(req, timeout=self.timeout) as resp:
                return Reply(resp.status, {k.lower(): v for k, v in resp.headers.items()},
                             resp.read())
        except urllib.error.HTTPError as exc:
            try:
                data = exc.read()
            except (OSError, http.client.HTTPException):
                data = b""
            return Reply(exc.code, {k.lower(): v for k, v in exc.headers.items()}, data)
        except (TimeoutError, urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            why = getattr(exc, "reason", None) or exc
            raise ServerUnreachable(self._unreachable(why)) from None

    def _unreachable(self, why: object) -> str:
        if isinstance(why, ssl.SSLCertVerificationError):
            return (f"the certificate of the server at {self.base} is not trusted "
                    f"({why.verify_message}): give the file of the certificate authority "
                    "that signed it (clinicapp connect --ca-file)")
        if (isinstance(why, http.client.RemoteDisconnected) and self.base.startswith("http:")
                and _speaks_tls(self.base)):
            return (f"the server at {self.base} did not answer plain http: it speaks TLS "
                    "there, so its address starts with https://")
        if isinstance(why, ssl.SSLError) and "WRONG_VERSION" in str(why):
            return (f"the server at {self.base} does not speak TLS there; if it serves plain "
                    "HTTP, its address starts with http://")
        return f"the server at {self.base} did not answer ({why})"

    def json(self, method: str, path: str, payload: Any = None) -> Any:
        body = b"" if payload is None else json.dumps(payload).encode()
        reply = self.request(method, path, body, {"Content-Type": "application/json"})
        if reply.status >= 300:
            raise ServerRefused(reply.status, _reason(reply.status, reply.body))
        return reply.json()


class SignedSession:
    """Requests signed by this workstation's key, each with a fresh server nonce."""

    def __init__(self, transport: Transport, keys: ReplicaKeys) -> None:
        self.transport = transport
        self.keys = keys
        self._nonce: str | None = None

    def _fresh_nonce(self) -> str:
        data = self.transport.json("POST", protocol.API_PREFIX + "/nonce")
        return str(data["nonce"])

    def call(self, method: str, path: str, body: bytes = b"",
             headers: dict[str, str] | None = None, ok: tuple[int, ...] = (200,)) -> Reply:
        full = protocol.API_PREFIX + path
        signed_path = self.transport.prefix + full
        for attempt in (1, 2):
            nonce = self._nonce or self._fresh_nonce()
            self._nonce = None  # a nonce is good once, whatever happens next
            message = protocol.request_message(method, signed_path, body,
                                               self.keys.replica_id, nonce)
            sent = {**(headers or {}), protocol.HEADER_DEVICE: self.keys.replica_id,
                    protocol.HEADER_NONCE: nonce,
                    protocol.HEADER_SIGNATURE: protocol.sign(self.keys, message)}
            reply = self.transport.request(method, full, body, sent)
            self._nonce = reply.headers.get(protocol.HEADER_NEXT_NONCE.lower())
            if reply.status == 401 and attempt == 1 and b"nonce" in reply.body:
                continue  # the nonce had expired while we were away: once more
            if reply.status not in ok:
                raise ServerRefused(reply.status, _reason(reply.status, reply.body))
            return reply
        raise AssertionError("unreachable")

    def json(self, method: str, path: str, payload: Any = None) -> Any:
        body = b"" if payload is None else json.dumps(payload).encode()
        return self.call(method, path, body, {"Content-Type": "application/json"}).json()
