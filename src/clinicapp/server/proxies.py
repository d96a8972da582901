"""Forwarded headers, believed only from the reverse proxies the server trusts.

Behind a proxy (README's nginx) the server sees the proxy's address; the proxy says in
``X-Forwarded-For``, ``X-Forwarded-Proto`` and ``X-Forwarded-Host`` who the client was, how
it connected and which host it asked for. Any client can send those headers too, so they
are taken only from a peer in ``forwarded_allow_ips`` (loopback by default: a proxy on
the same host). Either way the headers are then removed, so nothing below this
middleware (rate limits, the dashboard's origin check, the Secure cookie flag) can read a
forged one: it sees only the connection's ``client``, ``scheme`` and ``Host``.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from clinicapp.core.errors import ClinicAppError

Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Any, Any], Awaitable[None]]
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
FORWARDED = (b"x-forwarded-for", b"x-forwarded-proto", b"x-forwarded-host")
HOST = re.compile(r"[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|\[[0-9A-Fa-f:.]{2,45}\](:[0-9]{1,5})?")


class Trusted:
    """The peers whose forwarded headers are believed: addresses and networks, or "*"."""

    def __init__(self, spec: str) -> None:
        self.everyone = False
        self.networks: list[Network] = []
        for item in (part.strip() for part in spec.split(",")):
            if not item:
                continue
            if item == "*":
                self.everyone = True
                continue
            try:
                self.networks.append(ipaddress.ip_network(item, strict=False))
            except ValueError:
                raise ClinicAppError(f"forwarded_allow_ips: '{item[:60]}' is not an IP "
                                     "address or network (e.g. 127.0.0.1, 10.0.0.0/8, *)"
                                     ) from None

    def __contains__(self, host: object) -> bool:
        if self.everyone:
            return True
        try:
            address = ipaddress.ip_address(str(host))
        except ValueError:
            return False
        return any(address in network for network in self.networks)


def _client(forwarded_for: str, trusted: Trusted) -> str | None:
    """The client named by a trusted proxy: the nearest address that is not itself a
    trusted proxy (a chain of proxies appends one address each)."""
    hops = [h.strip() for h in forwarded_for.split(",") if h.strip()]
    for hop in reversed(hops):
        if hop not in trusted:
            return hop if _is_address(hop) else None
    return hops[0] if hops and _is_address(hops[0]) else None


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def rewritten(scope: Scope, trusted: Trusted) -> Scope:
    """``scope`` with the forwarded headers applied (from a trusted peer) and removed."""
    headers: list[tuple[bytes, bytes]] = scope.get("headers") or []
    given = {k.lower(): v for k, v in headers if k.lower() in FORWARDED}
    if not given:
        return scope
    scope = dict(scope)
    kept = [(k, v) for k, v in headers if k.lower() not in FORWARDED]
    peer = scope.get("client")
    if peer is not None and peer[0] in trusted:
        text = {k.decode("latin-1"): v.decode("latin-1").strip() for k, v in given.items()}
        client = _client(text.get("x-forwarded-for", ""), trusted)
        if client is not None:
            scope["client"] = (client, 0)
        proto = text.get("x-forwarded-proto", "").split(",")[-1].strip().lower()
        if proto in ("http", "https") and scope["type"] == "http":
            scope["scheme"] = proto
        host = text.get("x-forwarded-host", "").split(",")[-1].strip()
        if host and HOST.fullmatch(host):
            kept = [(k, v) for k, v in kept if k.lower() != b"host"]
            kept.append((b"host", host.encode("latin-1")))
    scope["headers"] = kept
    return scope


class TrustedProxies:
    """ASGI middleware: the outermost layer of the app (``app.create_app``)."""

    def __init__(self, app: ASGIApp, trusted: str) -> None:
        self.app = app
        self.trusted = Trusted(trusted)

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] in ("http", "websocket"):
            scope = rewritten(scope, self.trusted)
        await self.app(scope, receive, send)
