"""Rate limits on the unauthenticated routes, against a real server: a burst of wrong
enrollment codes from one address is answered 429 (with Retry-After) before a right code
can be heard from it, while another address enrolls and syncs as usual; a flood of nonce
requests is cut off the same way, and honest sync never notices. Addresses other than
127.0.0.1 come through ``X-Forwarded-For``, which uvicorn takes from a trusted proxy
(127.0.0.1 by default), as behind the README's nginx."""

from __future__ import annotations

from pathlib import Path

import httpx
from sqlalchemy import func, select

from clinicapp.client import enroll
from clinicapp.client.sync import sync
from clinicapp.core.keys.identity import load_keys
from clinicapp.core.sync import api as sync_api
from clinicapp.core.sync import protocol
from clinicapp.server import limits
from clinicapp.server.config import ServerConfig
from clinicapp.server.models import Device, EnrollmentCode, Nonce
from tests.server.harness import workstation

DEFAULTS = ServerConfig(data_dir=Path("."))  # the defaults the served server runs with


def attempt(client: httpx.Client, db, code: str, address: str) -> httpx.Response:
    """One enrollment attempt as a script would make it, from ``address``."""
    via = {"X-Forwarded-For": address}
    nonce = client.post("/api/v1/nonce", headers=via).json()["nonce"]
    line = sync_api.public_identity(db).line()
    with db.read() as session:
        keys = load_keys(session)
    return client.post("/api/v1/enroll", headers=via, json={
        "code": code, "identity": line, "name": "guesser", "nonce": nonce,
        "signature": protocol.sign(keys, protocol.enroll_message(code, line, nonce))})


def test_wrong_codes_earn_429_before_a_right_one_is_heard(server, ws_dir):
    code, fingerprint = server.code("Hub A")
    guesser = workstation(ws_dir, "guesser")
    attacker = "203.0.113.7"
    with httpx.Client(base_url=server.url, timeout=30) as client:
        for n in range(DEFAULTS.enroll_failures):
            wrong = attempt(client, guesser, f"AAAA-BBBB-CCCC-{n:04d}", attacker)
            assert wrong.status_code == 400 and "not known" in wrong.json()["detail"]
        right = attempt(client, guesser, code, attacker)
        assert right.status_code == 429
        wait = int(right.headers["retry-after"])
        assert 0 < wait <= limits.ENROLL_WINDOW
        assert f"try again in {wait} s" in right.json()["detail"]
    # Unheard: the code is still unused and nothing was enrolled.
    with server.store.tables(write=False) as s:
        row = s.get(EnrollmentCode, protocol.code_hash(code))
        assert row is not None and row.used_at is None
        assert s.get(Device, guesser.replica_id) is None
    # Another address (this one, 127.0.0.1) is not slowed: it enrolls and syncs.
    honest = workstation(ws_dir, "honest")
    enroll.connect(honest, server.url, code, fingerprint=fingerprint)
    assert sync(honest).in_step


def test_successful_enrollments_are_not_counted(server, ws_dir):
    """A clinic enrolling more workstations than the limit from one address."""
    for n in range(DEFAULTS.enroll_failures + 2):
        code, fingerprint = server.code("Hub B")
        enroll.connect(workstation(ws_dir, f"desk-{n}"), server.url, code,
                       fingerprint=fingerprint)


def test_a_nonce_flood_is_cut_off_and_honest_sync_goes_on(server, ws_dir):
    code, fingerprint = server.code("Hub A")
    desk = workstation(ws_dir, "desk")
    enroll.connect(desk, server.url, code, fingerprint=fingerprint)
    flooder = {"X-Forwarded-For": "198.51.100.4"}
    with server.store.tables(write=False) as s:
        before = s.scalar(select(func.count()).select_from(Nonce))
    with httpx.Client(base_url=server.url, timeout=30) as client:
        answers = [client.post("/api/v1/nonce", headers=flooder).status_code
                   for _ in range(DEFAULTS.nonces_per_minute + 20)]
        refused = client.post("/api/v1/nonce", headers=flooder)
    assert answers.count(200) == DEFAULTS.nonces_per_minute
    assert set(answers[DEFAULTS.nonces_per_minute:]) == {429}
    assert refused.status_code == 429 and 0 < int(refused.headers["retry-after"]) <= 60
    with server.store.tables(write=False) as s:  # the table grew by the limit, no more
        assert s.scalar(select(func.count()).select_from(Nonce)) <= (
            before + DEFAULTS.nonces_per_minute + 5)
    # Honest sync, several rounds, from another address: never a 429.
    for _ in range(5):
        assert sync(desk).in_step
