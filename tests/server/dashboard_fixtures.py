"""Fixtures of the dashboard tests: a real ``clinicapp-server serve`` on 127.0.0.1 whose
database holds a year of two demo groups up to today and one staff account; the test
process opens the same database to compute the expected figures with core's report code."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from clinicapp.core.sync import clock
from clinicapp.demo import generate as demo
from clinicapp.server import config as server_config
from clinicapp.server import staff
from clinicapp.server.store import Store, open_store
from tests.server.harness import ServerProcess

STAFF, STAFF_PASSWORD = "office", "a long enough password"
MAX_UPLOAD = 2 * 1024 * 1024


@dataclass
class Served:
    proc: ServerProcess
    store: Store

    @property
    def url(self) -> str:
        return self.proc.url

    def client(self, **kwargs: object) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60, **kwargs)  # type: ignore[arg-type]


@contextmanager
def serving(folder: Path, database_url: str = "") -> Iterator[Served]:
    """A served server on encrypted SQLite (or ``database_url``), with the demo records."""
    proc = ServerProcess(folder, database_url=database_url).init()
    # A small bound, so a test can pass it cheaply (the default is 512 MiB).
    (proc.folder / server_config.CONFIG_FILE).write_text(f"max_upload_bytes = {MAX_UPLOAD}\n")
    environ = dict(os.environ)
    if database_url:
        environ[server_config.ENV_PREFIX + "DATABASE_URL"] = database_url
    store = open_store(server_config.load(proc.folder, environ=environ))
    demo.generate(store.db, groups=2, years=1, seed=7, as_of=clock.today())
    staff.create(store, STAFF, STAFF_PASSWORD)
    proc.start()
    try:
        yield Served(proc, store)
    finally:
        proc.stop()
        store.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serving(tmp_path_factory.mktemp("dash") / "server") as running:
        yield running


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]{64})"', page)
    assert found, "the page has no CSRF token"
    return found.group(1)


def sign_in(client: httpx.Client, username: str = STAFF,
            password: str = STAFF_PASSWORD) -> httpx.Response:
    form = client.get("/dashboard/login")
    return client.post("/dashboard/login", data={
        "csrf": csrf_of(form.text), "username": username, "password": password,
        "next": "/dashboard/"})


def first_group(store: Store) -> tuple[str, str]:
    """(id, name) of the first demo group on the server."""
    from sqlalchemy import select

    from clinicapp.core.models import Group

    with store.db.read() as session:
        group = session.scalars(select(Group).where(Group.deleted_at.is_(None))
                                .order_by(Group.name)).first()
        assert group is not None
        return group.id, group.name


ROLES = ("physician", "physician", "moa", "nurse", "physician", "allied_health")


def workstation_bundle(served: Served, folder: Path, name: str = "riverside") -> Path:
    """A real workstation enrolled for the first demo group: it receives the group from the
    server, holds one session with six people in it, and exports its bundle for the
    central office (as it would onto a USB stick). Returns the bundle file."""
    from datetime import timedelta

    from clinicapp.client import enroll
    from clinicapp.core.services import attendance, members, sessions
    from clinicapp.core.sync import api as sync_api
    from clinicapp.server import enrollment
    from tests.server.harness import workstation

    group_id, group_name = first_group(served.store)
    code, fingerprint = served.proc.code(group_name)
    ws = workstation(folder, name)
    try:
        enroll.connect(ws, served.url, code, fingerprint=fingerprint)
        device = next(d for d in enrollment.list_devices(served.store)
                      if d.replica_id == ws.replica_id)
        peer = next(p.name for p in sync_api.peers_status(served.store.db)
                    if p.replica_id == device.replica_id)
        given = folder / f"{name}-from-server.clinicbundle"
        sync_api.export_bundle(served.store.db, given, peer=peer)
        sync_api.import_bundle(ws, given)
        now = clock.utcnow().replace(microsecond=0)
        start = now - timedelta(minutes=90)
        held = sessions.plan(ws, group_id, "Dashboard upload session", start,
                             planned_minutes=90)
        people = [members.create(ws, f"Upload person {i}", role) for i, role in
                  enumerate(ROLES)]
        for person in people:
            members.add_to_group(ws, group_id, person.id)
        sessions.start(ws, held.id, at=start)
        for person in people:
            attendance.check_in(ws, held.id, person.id, at=start)
        sessions.complete(ws, held.id, at=now)
        out = folder / f"{name}.clinicbundle"
        sync_api.export_bundle(ws, out)
        return out
    finally:
        ws.close()
