"""Forwarded headers are believed only from a trusted reverse proxy (``server.proxies``),
against real servers: one that trusts a proxy elsewhere (so this test, on 127.0.0.1, is a
client talking to it directly and its X-Forwarded-* headers are forgeries), and one with
the default trust (loopback: this test plays the proxy on the same host)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from clinicapp.server import staff
from clinicapp.server.proxies import Trusted, rewritten
from tests.server.dashboard_fixtures import csrf_of
from tests.server.harness import ServerProcess

PASSWORD = "a long enough password"
NONCES = 3


def _served(folder, settings: dict[str, str]) -> Iterator[ServerProcess]:
    proc = ServerProcess(folder, settings={"NONCES_PER_MINUTE": str(NONCES), **settings})
    proc.init()
    staff.create(proc.store, "office", PASSWORD)
    proc.start()
    try:
        yield proc
    finally:
        proc.stop()


@pytest.fixture(scope="module")
def direct(tmp_path_factory) -> Iterator[ServerProcess]:
    """Trusts only a proxy at 192.0.2.10: this test's requests come from elsewhere."""
    yield from _served(tmp_path_factory.mktemp("direct") / "server",
                       {"FORWARDED_ALLOW_IPS": "192.0.2.10"})


@pytest.fixture(scope="module")
def proxied(tmp_path_factory) -> Iterator[ServerProcess]:
    """Default trust: 127.0.0.1 and ::1, a proxy on the same host."""
    yield from _served(tmp_path_factory.mktemp("proxied") / "server", {})


def sign_in(url: str, headers: dict[str, str]) -> tuple[httpx.Response, bool]:
    """A sign-in posted with ``headers``; whether the client is signed in afterwards."""
    with httpx.Client(base_url=url, timeout=60) as c:
        token = csrf_of(c.get("/dashboard/login").text)
        answer = c.post("/dashboard/login", headers=headers, data={
            "csrf": token, "username": "office", "password": PASSWORD,
            "next": "/dashboard/"})
        # Signed out, a page sends to the sign-in form.
        return answer, c.get("/dashboard/devices").status_code != 303


def test_a_forged_forwarded_host_does_not_pass_the_origin_check(direct):
    answer, signed_in = sign_in(direct.url, {"Origin": "http://evil.example",
                                             "X-Forwarded-Host": "evil.example"})
    assert answer.status_code == 403 and not signed_in
    # The same form from this server's own page is heard.
    answer, signed_in = sign_in(direct.url, {"Origin": direct.url})
    assert answer.status_code == 303 and signed_in


def test_a_forged_forwarded_proto_does_not_mark_the_cookie_secure(direct):
    answer, _ = sign_in(direct.url, {"X-Forwarded-Proto": "https"})
    assert answer.status_code == 303 and "Secure" not in answer.headers["set-cookie"]


def test_a_forged_forwarded_for_does_not_choose_the_counted_address(direct):
    with httpx.Client(base_url=direct.url, timeout=30) as client:
        answers = [client.post("/api/v1/nonce",
                               headers={"X-Forwarded-For": f"198.51.100.{n}"}).status_code
                   for n in range(NONCES + 2)]
    # Every request counted against 127.0.0.1, whatever address it claimed.
    assert answers == [200] * NONCES + [429, 429]


def test_a_trusted_proxy_is_believed(proxied):
    answer, signed_in = sign_in(proxied.url, {
        "Origin": "https://sync.example.org", "X-Forwarded-Host": "sync.example.org",
        "X-Forwarded-Proto": "https"})
    assert answer.status_code == 303 and signed_in is False  # Secure cookie: not on http
    assert "Secure" in answer.headers["set-cookie"]
    # A forwarded host that is no host name is not believed.
    answer, _ = sign_in(proxied.url, {"Origin": "http://evil.example",
                                      "X-Forwarded-Host": "evil.example/x"})
    assert answer.status_code == 403
    with httpx.Client(base_url=proxied.url, timeout=30) as client:
        answers = [client.post("/api/v1/nonce",
                               headers={"X-Forwarded-For": f"198.51.100.{n}"}).status_code
                   for n in range(NONCES + 2)]
    assert answers == [200] * (NONCES + 2)  # each forwarded client counted on its own


def test_a_chain_of_proxies_names_the_nearest_untrusted_address():
    trusted = Trusted("127.0.0.1, 10.0.0.0/8")
    scope = {"type": "http", "client": ("127.0.0.1", 5000), "scheme": "http", "headers": [
        (b"host", b"127.0.0.1:8443"),
        (b"x-forwarded-for", b"6.6.6.6, 203.0.113.9, 10.1.2.3")]}
    out = rewritten(scope, trusted)
    assert out["client"] == ("203.0.113.9", 0)  # not the client's own forged first entry
    assert [k for k, _v in out["headers"]] == [b"host"]  # forwarded headers are gone
    untrusted = rewritten({**scope, "client": ("192.0.2.1", 5000)}, trusted)
    assert untrusted["client"] == ("192.0.2.1", 5000)
    assert [k for k, _v in untrusted["headers"]] == [b"host"]


def test_a_setting_that_names_no_address_stops_the_server(tmp_path):
    proc = ServerProcess(tmp_path / "server", settings={"FORWARDED_ALLOW_IPS": "proxy.lan"})
    done = proc.cli("init", check=False)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "clinicapp-server init: forwarded_allow_ips: 'proxy.lan' is not an IP address or "
        "network (e.g. 127.0.0.1, 10.0.0.0/8, *)"]
    served = ServerProcess(tmp_path / "other").init()
    refused = served.cli("serve", "--forwarded-allow-ips", "10.0.0.300", check=False)
    assert refused.returncode == 1 and "'10.0.0.300' is not an IP address" in refused.stderr
