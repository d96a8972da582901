"""First run with a central server: after the recovery key, "Connect to a central
server…" enrolls the new workstation with a real server (the fingerprint confirmed), the
first-run window says so, and once ClinicApp opens its first sync brings the group the
code was for. Nothing syncs from the first-run window itself."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from clinicapp.core.services import groups
from clinicapp.core.sync import remote
from clinicapp.ui import network
from clinicapp.ui.dialogs.connect_server import ConnectServerDialog
from clinicapp.ui.dialogs.first_run import FirstRunDialog
from clinicapp.ui.ops import wait_for_ops
from tests.server.harness import running

pytestmark = pytest.mark.gui

PASSPHRASE = "river stones at dawn"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running(tmp_path_factory.mktemp("firstrun") / "server", "Hub North") as proc:
        yield proc


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_new_workstation_connects_during_first_run_and_gets_its_group(qtbot, paths,
                                                                        server):
    from clinicapp.ui.app import build_window

    first = FirstRunDialog(paths)
    qtbot.addWidget(first)
    first.show()
    qtbot.keyClicks(first.passphrase, PASSPHRASE)
    qtbot.keyClicks(first.confirm, PASSPHRASE)
    click(qtbot, first.create_button)
    assert wait_for_ops()
    qtbot.waitUntil(lambda: first.pages.currentIndex() == 1, timeout=20_000)
    first.stored.setChecked(True)
    click(qtbot, first.continue_button)
    assert first.server_button.isEnabled()

    code, fingerprint = server.code("Hub North")
    dialog = first.connect_server()
    assert isinstance(dialog, ConnectServerDialog)
    qtbot.keyClicks(dialog.url, server.url)
    qtbot.keyClicks(dialog.code, code)
    click(qtbot, dialog.check_button)
    qtbot.waitUntil(lambda: fingerprint in dialog.fingerprint.text(), timeout=20_000)
    assert not dialog.connect_button.isEnabled()  # not before the person confirms
    dialog.confirmed.setChecked(True)
    click(qtbot, dialog.connect_button)
    qtbot.waitUntil(lambda: dialog.result() == ConnectServerDialog.DialogCode.Accepted,
                    timeout=20_000)
    assert first.db is not None
    db = first.db
    link = remote.load(db)
    assert link is not None and link.fingerprint == fingerprint
    assert server.url in first.server_note.text()
    assert not first.server_button.isEnabled()  # connected once is enough
    # Nothing syncs from here: the group arrives once ClinicApp is open.
    qtbot.wait(2500)  # longer than the controller's first wait (2 s)
    assert remote.load(db).last_success is None
    assert groups.list_groups(db).items == []
    click(qtbot, first.finish_button)

    window = build_window(db, paths)
    qtbot.addWidget(window)
    window.show()

    def synced() -> bool:
        found = remote.load(db)
        return found is not None and found.last_success is not None

    qtbot.waitUntil(synced, timeout=30_000)
    assert [g.name for g in groups.list_groups(db).items] == ["Hub North"]
    network.controller(window.ctx).stop()
    assert wait_for_ops()
    window.close()
    db.close()
