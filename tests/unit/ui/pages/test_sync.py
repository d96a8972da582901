"""Sync page: carry a bundle from one workstation to another, with no network."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from clinicapp.core.services import groups
from clinicapp.core.sync import api
from clinicapp.paths import resolve
from clinicapp.ui.app import build_window
from clinicapp.ui.ops import wait_for_ops
from clinicapp.ui.pages.sync import SyncPage
from tests.unit.core.sync.helpers import trust_all
from tests.unit.ui.conftest import answer_next_dialog


def test_a_bundle_is_described_in_sentences_and_nothing_is_imported_when_declined(
        qtbot, make_db, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    clinic, office = make_db("clinic"), make_db("office")
    trust_all(clinic, office)
    groups.create(clinic, "Riverside small group")
    bundle = tmp_path / "riverside.clinicbundle"
    api.export_bundle(clinic, bundle, peer="office")
    window = build_window(office, resolve(tmp_path / "office"))
    qtbot.addWidget(window)
    page = window.show_page("sync")
    assert isinstance(page, SyncPage)
    seen: list[str] = []

    def read_and_decline() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QMessageBox) and "Import this bundle" in dialog.text():
            seen.append(dialog.text())
            dialog.button(QMessageBox.StandardButton.No).click()
        else:
            QTimer.singleShot(20, read_and_decline)

    QTimer.singleShot(0, read_and_decline)
    page.import_bundle(bundle)
    assert wait_for_ops(30_000)
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    lines = seen[0].splitlines()[2:]
    assert lines[0].startswith("From clinic, made ")
    assert lines[1:] == ["Signed by a trusted workstation.", "8 changes, 8 of them new here."]
    assert groups.list_groups(office).items == []  # declined: nothing written


def test_ctrl_8_opens_the_sync_page_ready_to_export_with_nothing_exchanged_yet(main_window):
    QTest.keyClick(main_window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    page = main_window.current_page()
    assert isinstance(page, SyncPage)
    assert wait_for_ops()
    assert page.export_button.isEnabled() and page.import_button.isEnabled()
    assert "Last export: never" in page.summary.text()
    assert page.identity.text().startswith("clinicapp-identity:")


def test_export_and_import_a_bundle_between_two_data_folders(qtbot, make_db, tmp_path,
                                                             crashes):
    clinic, office = make_db("clinic"), make_db("office")
    api.add_trusted(clinic, api.public_identity(office), "office", central=True)
    api.add_trusted(office, api.public_identity(clinic), "clinic")
    groups.create(clinic, "Riverside small group")

    sender = build_window(clinic, resolve(tmp_path / "clinic"))
    qtbot.addWidget(sender)
    page = sender.show_page("sync")
    assert isinstance(page, SyncPage)
    bundle = tmp_path / "riverside.clinicbundle"
    page.export_bundle(bundle)
    assert wait_for_ops(30_000)
    assert bundle.exists() and "Exported" in page.result.text()
    assert page.result.text().splitlines()[1] == "8 changes for office."  # in words

    receiver = build_window(office, resolve(tmp_path / "office"))
    qtbot.addWidget(receiver)
    inbox = receiver.show_page("sync")
    assert isinstance(inbox, SyncPage)
    answer_next_dialog(qtbot, "Yes")  # after reading what the bundle is
    inbox.import_bundle(bundle)
    assert wait_for_ops(30_000)
    qtbot.waitUntil(lambda: "Imported" in inbox.result.text(), timeout=10_000)
    assert [g.name for g in groups.list_groups(office).items] == ["Riverside small group"]
    # What came in, in sentences with the records' own words, never field names.
    assert inbox.result.text().splitlines()[1:] == ["8 new changes from clinic.",
                                                    "Added: 1 group."]
    assert not crashes


def test_two_workstations_trust_each_other_through_the_page(qtbot, make_db, tmp_path):
    from clinicapp.ui.dialogs.trust_peer import TrustPeerDialog

    clinic, office = make_db("clinic"), make_db("office")
    windows = {}
    for name, db in (("clinic", clinic), ("office", office)):
        window = build_window(db, resolve(tmp_path / name))
        qtbot.addWidget(window)
        page = window.show_page("sync")
        assert wait_for_ops()
        windows[name] = page
    clinic_page, office_page = windows["clinic"], windows["office"]
    assert office_page.identity.text().startswith("clinicapp-identity:")

    dialog = clinic_page.trust_peer()
    assert isinstance(dialog, TrustPeerDialog)
    dialog.line.setText("not an identity line")
    dialog.name.setText("Program office")
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.error.text()  # a clear refusal, nothing trusted
    dialog.line.setText(office_page.identity.text())
    dialog.central.setChecked(True)
    dialog.ok_button.click()
    assert not dialog.isVisible()
    assert wait_for_ops()
    qtbot.waitUntil(lambda: "Program office" in clinic_page.peers.text(), timeout=5000)


def test_a_clock_that_ran_ahead_offers_to_restamp(qtbot, db, paths, monkeypatch):
    import time

    from clinicapp.core.sync import clock

    clock.set_wall_clock(lambda: time.time() + 3 * 365 * 86400)  # three years ahead
    try:
        groups.create(db, "Written while the clock was wrong")
    finally:
        clock.set_wall_clock(None)  # the clock is corrected
    window = build_window(db, paths)
    qtbot.addWidget(window)
    assert wait_for_ops()
    # Said at start, in the status line, before anyone opens the Sync page.
    qtbot.waitUntil(lambda: "ahead" in window.statusBar().currentMessage(), timeout=5000)
    page = window.show_page("sync")
    assert wait_for_ops()
    qtbot.waitUntil(lambda: "ahead" in page.warnings.text(), timeout=5000)
    assert page.restamp_button.isVisibleTo(page)
    answer_next_dialog(qtbot, "Yes")
    page.restamp_button.click()
    assert wait_for_ops()
    qtbot.waitUntil(lambda: "issued again" in page.result.text(), timeout=5000)
    qtbot.waitUntil(lambda: page.warnings.text() == "", timeout=5000)
    assert not page.restamp_button.isVisibleTo(page)


def test_every_conflict_heading_is_readable_in_a_small_window(main_window, qtbot):
    """On an 800-pixel window the first heading was squeezed to "hat happene"."""
    main_window.resize(800, 640)
    page = main_window.show_page("sync")
    assert isinstance(page, SyncPage)
    qtbot.waitUntil(lambda: page.conflict_table.viewport().width() > 0)
    header = page.conflict_table.horizontalHeader()
    qtbot.waitUntil(lambda: header.sectionSize(0) > 0)
    metrics = header.fontMetrics()
    for column, heading in enumerate(page.conflicts.headers):
        assert header.sectionSize(column) >= metrics.horizontalAdvance(heading) + 8, heading
