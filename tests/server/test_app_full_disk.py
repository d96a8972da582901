"""The server's disk is full: a request that would write is answered 503 with the reason
in words and a Retry-After (the device tries again later, as after any failed sync),
never a bare 500, and nothing of it is kept: an enrollment code refused so is not used
up, and enrolls the workstation once there is room again. A real uvicorn on 127.0.0.1
serving the server's application over its encrypted SQLite database, in this process (so
that the database's room can be taken away: SQLite's ``max_page_count``)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from fastapi import FastAPI

from clinicapp.client import enroll, sync
from clinicapp.core.errors import ClinicAppError
from clinicapp.core.services import groups, members
from clinicapp.server import enrollment
from clinicapp.server.app import create_app
from clinicapp.server.config import ServerConfig
from clinicapp.server.store import Store, initialise
from tests.server.harness import free_port, workstation
from tests.server.helpers import group_id, rows_of
from tests.unit.core.storage.full_disk import disk_full


@pytest.fixture
def served(tmp_path) -> Iterator[tuple[Store, str, FastAPI]]:
    config = ServerConfig(data_dir=tmp_path / "server")
    store = initialise(config)
    groups.create(store.db, "Riverside hub")
    port = free_port()
    app = create_app(config, store)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield store, f"http://127.0.0.1:{port}", app
    finally:
        server.should_exit = True
        thread.join(20)
        store.close()


def test_a_full_server_disk_is_a_503_in_words_and_the_push_lands_once_there_is_room(
        served, tmp_path):
    store, url, _app = served
    issued = enrollment.issue_code(store, ["Riverside hub"])
    clinic = workstation(tmp_path, "clinic")
    try:
        enroll.connect(clinic, url, issued.code, fingerprint=issued.fingerprint)
        sync.sync(clinic, timeout=30)  # its group arrives
        hub = group_id(clinic, "Riverside hub")
        for n in range(60):  # a bundle that needs new pages on the server to store
            person = members.create(clinic, f"Member {n}", profession_detail="Rural " * 30)
            members.add_to_group(clinic, hub, person.id)
        with disk_full(store):
            with pytest.raises(ClinicAppError) as refused:
                sync.sync(clinic, timeout=20)
            assert "the server's disk is full" in str(refused.value)
            assert "try again later" in str(refused.value)
        assert rows_of(store.db, "members") == set()  # nothing of the push was kept
        result = sync.sync(clinic, timeout=30)  # room again: it lands, whole
        assert result is not None
        assert len(rows_of(store.db, "members")) == 60
    finally:
        clinic.close()


def test_a_dashboard_page_that_finds_the_disk_full_says_so_as_a_page_in_french(
        served, tmp_path):
    """The dashboard's own answer (a page in the reader's language, not the API's JSON),
    through the same handler: here a request whose write found no room, made to fail
    for certain by a route of the test's (small writes can still fit in a page that has
    room, so which dashboard form fails first on a nearly full disk is not fixed)."""
    import httpx
    from fastapi.routing import APIRoute

    from clinicapp.core.errors import StorageFullError

    _store, url, app = served

    def no_room() -> None:
        raise StorageFullError()

    # First, before the dashboard's own "page not found" for any other address.
    app.router.routes.insert(0, APIRoute("/dashboard/test-no-room", no_room,
                                         methods=["POST"]))
    with httpx.Client(base_url=url, timeout=20) as client:
        page = client.post("/dashboard/test-no-room", headers={"Accept-Language": "fr"})
        assert page.status_code == 503
        assert page.headers["Retry-After"] == "300"
        assert page.headers["content-type"].startswith("text/html")
        assert "Le disque du serveur est plein" in page.text
        assert '<p class="error" role="alert">' in page.text
