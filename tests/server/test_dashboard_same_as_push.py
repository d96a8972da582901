"""A bundle uploaded on the dashboard lands the same records as the same changes pushed
over HTTP. Two servers start as byte-for-byte copies of one (the same replica, with the
workstation enrolled); the workstation writes a session, then carries its bundle to one
server on a USB stick (uploaded on that server's dashboard) and pushes to the other over
the network. Both then hold the same rows and the same change history."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import timedelta

import httpx
from sqlalchemy import select

from clinicapp.client.sync import sync
from clinicapp.core.models import Change
from clinicapp.core.services import attendance, members, sessions
from clinicapp.core.sync import api as sync_api
from clinicapp.core.sync import clock, remote
from clinicapp.server import config as server_config
from clinicapp.server import staff
from clinicapp.server.store import open_store
from tests.server.dashboard_fixtures import STAFF, STAFF_PASSWORD, csrf_of, sign_in
from tests.server.harness import ServerProcess
from tests.server.helpers import enrolled, group_id
from tests.unit.core.sync.helpers import data

# The dashboard's own upload is recorded in the audit trail; a push is not (yet): the audit
# entries are the one thing the two ways are allowed to differ in.
AUDIT = "audit_entries"


def history(folder) -> set[tuple[object, ...]]:
    store = open_store(server_config.load(folder))
    try:
        with store.db.read() as session:
            return {tuple(r) for r in session.execute(select(
                Change.origin, Change.seq, Change.tbl, Change.row_id, Change.field,
                Change.value, Change.hlc).where(Change.tbl != AUDIT))}
    finally:
        store.close()


def records(folder) -> dict[str, list[tuple[object, ...]]]:
    store = open_store(server_config.load(folder))
    try:
        return {k: v for k, v in data(store.db).items() if k != AUDIT}
    finally:
        store.close()


def test_a_usb_bundle_uploaded_on_the_dashboard_lands_what_a_push_lands(tmp_path):
    network = ServerProcess(tmp_path / "network").init()
    network.add_group("Hub A", "North")
    store = open_store(server_config.load(network.folder))
    staff.create(store, STAFF, STAFF_PASSWORD)
    store.close()
    network.start()
    usb: ServerProcess | None = None
    try:
        ws = enrolled(network, tmp_path, "riverside", "Hub A")
        assert sync(ws).in_step  # the workstation holds its group, the server its start
        network.stop()
        shutil.copytree(network.folder, tmp_path / "usb")  # the same replica, twice
        usb = ServerProcess(tmp_path / "usb")
        network.start()
        usb.start()
        link = remote.load(ws)  # the restarted server listens on another free port
        assert link is not None
        remote.save(ws, dataclasses.replace(link, url=network.url))
        assert records(network.folder) == records(usb.folder)

        hub = group_id(ws, "Hub A")
        now = clock.utcnow().replace(microsecond=0)
        start = now - timedelta(minutes=75)
        held = sessions.plan(ws, hub, "Deprescribing in older adults", start,
                             planned_minutes=75)
        people = [members.create(ws, f"Person {i}", role) for i, role in
                  enumerate(("physician", "moa", "nurse", "physician", "physician"))]
        for person in people:
            members.add_to_group(ws, hub, person.id)
        sessions.start(ws, held.id, at=start)
        for person in people:
            attendance.check_in(ws, held.id, person.id, at=start)
        sessions.complete(ws, held.id, at=now)

        stick = tmp_path / "riverside.clinicbundle"
        exported = sync_api.export_bundle(ws, stick)
        assert exported.changes > 0
        with httpx.Client(base_url=usb.url, timeout=60) as office:
            assert sign_in(office).status_code == 303
            token = csrf_of(office.get("/dashboard/bundles").text)
            done = office.post("/dashboard/bundles", data={"csrf": token},
                               files={"bundle": (stick.name, stick.read_bytes())})
            assert done.status_code == 200, done.text
        result = sync(ws)
        assert result.in_step and result.pushed > 0
        ws.close()
    finally:
        network.stop()
        if usb is not None:
            usb.stop()

    by_usb, by_network = records(usb.folder), records(network.folder)
    assert by_usb == by_network
    assert len(by_usb["attendance"]) == 5 and len(by_usb["sessions"]) == 1
    assert history(usb.folder) == history(network.folder)
