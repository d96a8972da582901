"""Settings → Connect to a central server, against a real server: the fingerprint is shown
and must be confirmed before Connect works; once connected, the background sync brings the
workstation's group, and the status line and the Sync page say how the last sync went —
also when the server stops answering (then it retries later, waiting longer each time)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from clinicapp.core.services import groups
from clinicapp.core.sync import remote
from clinicapp.ui import network
from clinicapp.ui.dialogs.connect_server import ConnectServerDialog
from clinicapp.ui.ops import wait_for_ops
from tests.server.harness import ServerProcess, running

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running(tmp_path_factory.mktemp("uisrv") / "server", "Hub A") as proc:
        yield proc


def test_connect_confirm_the_fingerprint_then_sync_in_the_background(qtbot, main_window,
                                                                      server):
    ctx = main_window.ctx
    code, fingerprint = server.code("Hub A")
    dialog = ConnectServerDialog(ctx, main_window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.url, server.url)
    qtbot.keyClicks(dialog.code, code)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: fingerprint in dialog.fingerprint.text(), timeout=20_000)
    assert not dialog.connect_button.isEnabled()  # not before the person confirms
    dialog.confirmed.setChecked(True)
    assert dialog.connect_button.isEnabled()
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == ConnectServerDialog.DialogCode.Accepted,
                    timeout=20_000)

    def synced() -> bool:
        link = remote.load(ctx.db)
        return link is not None and link.last_success is not None

    qtbot.waitUntil(synced, timeout=30_000)
    assert [g.name for g in groups.list_groups(ctx.db).items] == ["Hub A"]
    status = main_window.statusBar()
    qtbot.waitUntil(lambda: "last sync 20" in status.connection.text(), timeout=10_000)
    sync_page = main_window.show_page("sync")
    assert "last sync 20" in sync_page.network.text()
    assert sync_page.sync_now_button.isEnabled()
    settings_page = main_window.show_page("settings")
    settings_page._show_server()
    assert fingerprint in settings_page.server_state.text()
    assert not settings_page.connect_button.isEnabled()  # connected once is enough

    # The server stops answering: no dialog, the reason in words, a longer wait each time.
    server.stop()
    controller = network.controller(ctx)
    qtbot.mouseClick(sync_page.sync_now_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not controller.running and controller.failures == 1,
                    timeout=60_000)
    first_wait = controller.timer.interval()
    assert controller.sync_now()
    qtbot.waitUntil(lambda: not controller.running and controller.failures == 2,
                    timeout=60_000)
    assert controller.timer.interval() == 2 * first_wait
    link = remote.load(ctx.db)
    assert link.failing and "did not answer" in link.last_failure
    qtbot.waitUntil(lambda: "failed" in status.connection.text()
                    and "did not answer" in status.connection.text(), timeout=10_000)
    controller.stop()
    assert wait_for_ops()
    server.start()  # the module's server, back for any later test


def test_a_server_with_its_own_certificate_is_checked_with_the_file_given(
        qtbot, main_window, tmp_path_factory):
    """TLS with a self-signed certificate: refused in words without its file, fingerprint
    shown and connected with it; the link keeps the file for every later sync."""
    from tests.server.test_tls import self_signed

    folder = tmp_path_factory.mktemp("uitls")
    cert, key = self_signed(folder)
    proc = ServerProcess(folder / "server", settings={"TLS_CERT": str(cert),
                                                      "TLS_KEY": str(key)}).init()
    proc.add_group("Hub A")
    proc.start()
    try:
        code, fingerprint = proc.code("Hub A")
        dialog = ConnectServerDialog(main_window.ctx, main_window)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClicks(dialog.url, proc.url)
        qtbot.keyClicks(dialog.code, code)
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "not trusted" in dialog.problem.text(), timeout=20_000)
        assert dialog.info is None and not dialog.connect_button.isEnabled()
        qtbot.keyClicks(dialog.ca_file, str(cert))
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: fingerprint in dialog.fingerprint.text(), timeout=20_000)
        dialog.confirmed.setChecked(True)
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.result() == ConnectServerDialog.DialogCode.Accepted,
                        timeout=20_000)
        link = remote.load(main_window.ctx.db)
        assert link.ca_file == str(cert.resolve())
        qtbot.waitUntil(lambda: remote.load(main_window.ctx.db).last_success is not None,
                        timeout=30_000)
        network.controller(main_window.ctx).stop()
        assert wait_for_ops()
    finally:
        proc.stop()
