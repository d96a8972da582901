"""Settings: every change is kept at once, backups are made and restored with a
confirmation, the passphrase can be changed, and all of it leaves an audit trail."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from clinicapp.core.keys.keystore import Keystore
from clinicapp.core.services import audit, groups, settings
from clinicapp.core.storage.db import Database
from clinicapp.ui import i18n
from clinicapp.ui.dialogs.passphrase import ChangePassphraseDialog
from clinicapp.ui.main_window import MainWindow
from clinicapp.ui.ops import wait_for_ops
from clinicapp.ui.pages.settings import SettingsPage
from tests.conftest import PASSPHRASE
from tests.unit.ui.conftest import answer_next_dialog


def open_settings(window: MainWindow) -> SettingsPage:
    QTest.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    assert isinstance(page, SettingsPage)
    assert wait_for_ops()
    return page


def test_a_changed_setting_is_kept_and_audited(main_window: MainWindow, db: Database, qtbot):
    page = open_settings(main_window)
    # Every declared setting has an editor, named for screen readers.
    assert set(page.editors) == set(settings.SETTINGS)
    rounding = page.editors["credit_rounding_step"]
    rounding.setFocus()
    QTest.keyClick(rounding, Qt.Key.Key_Down)  # 0.25 -> 0.5
    idle = page.editors["idle_lock_minutes"]
    idle.setFocus()
    idle.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(idle, "25")
    QTest.keyClick(idle, Qt.Key.Key_Return)
    with db.read() as session:
        assert settings.get(session, "credit_rounding_step") == 0.5
        assert settings.get(session, "idle_lock_minutes") == 25
    actions = [(e.action, e.detail) for e in audit.list_entries(db).items]
    assert ("setting_changed", "credit_rounding_step = 0.5") in actions
    # The idle lock follows its setting at once, without a restart.
    qtbot.waitUntil(lambda: main_window._idle.timer.interval() == 25 * 60_000, timeout=2000)

    fresh = SettingsPage(main_window.ctx)
    qtbot.addWidget(fresh)
    assert fresh.editors["credit_rounding_step"].currentData() == 0.5  # type: ignore[attr-defined]
    assert fresh.editors["idle_lock_minutes"].value() == 25  # type: ignore[attr-defined]


def test_language_choice_is_remembered_for_the_next_start(main_window: MainWindow, paths):
    page = open_settings(main_window)
    page.language.setCurrentIndex(page.language.findData("fr"))
    assert i18n.chosen(paths) == "fr"
    assert "restarts" in page.language_note.text()


def test_back_up_now_then_restore_with_confirmation(main_window: MainWindow, db: Database,
                                                    qtbot, paths):
    page = open_settings(main_window)
    # No backup yet: the list says what to do, and that line cannot be restored.
    [hint] = [page.backups.item(i) for i in range(page.backups.count())]
    assert "Back up now" in hint.text() and not page.restore_button.isEnabled()
    assert not hint.flags() & Qt.ItemFlag.ItemIsSelectable
    groups.create(db, "Before the backup")
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    assert wait_for_ops()
    assert page.backups.count() == 1
    groups.create(db, "After the backup")

    page.backups.setCurrentRow(0)
    answer_next_dialog(qtbot, "Cancel")
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert wait_for_ops()
    assert len(groups.list_groups(db).items) == 2  # cancelled: nothing changed

    answer_next_dialog(qtbot, "Yes")
    QTest.qWait(0)
    page.backups.setCurrentRow(0)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    # The confirmation after restoring names the safety copy of the replaced data.
    answer_next_dialog(qtbot, "OK")
    assert wait_for_ops()
    qtbot.waitUntil(lambda: page.backups.count() == 2)
    assert [g.name for g in groups.list_groups(db).items] == ["Before the backup"]
    assert any("before-restore" in p.name for p in paths.backups.iterdir())


def test_change_the_workstation_passphrase(main_window: MainWindow, qtbot, paths):
    dialog = ChangePassphraseDialog(main_window.ctx, main_window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.current, "not it at all")
    qtbot.keyClicks(dialog.new, "a brand new phrase")
    qtbot.keyClicks(dialog.again, "a brand new phrase")
    dialog.change()
    assert wait_for_ops()  # checked and written on a worker
    assert "wrong passphrase" in dialog.message.text().lower()
    dialog.current.clear()
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    dialog.change()
    assert wait_for_ops()  # checked and written on a worker
    assert dialog.result() == dialog.DialogCode.Accepted
    assert Keystore.load(paths.keystore).unlock("a brand new phrase") == main_window.ctx.db.key


def test_french_catalogue_is_complete_and_loads(qtbot):
    import xml.etree.ElementTree as ET

    from PySide6.QtCore import QCoreApplication

    from clinicapp.paths import resource

    tree = ET.parse(resource("translations", "clinicapp_fr.ts"))
    unfinished = [m.findtext("source") for m in tree.getroot().iter("message")
                  if m.find("translation").get("type") == "unfinished"]
    assert not unfinished, f"untranslated: {unfinished[:10]}"
    try:
        assert i18n.install("fr")
        assert QCoreApplication.translate("SettingsPage", "Settings") == "Paramètres"
        assert QCoreApplication.translate("StatusLine", "%n sessions", "", 3) == \
            "3 séances"
    finally:
        i18n.install("en")
    assert QCoreApplication.translate("SettingsPage", "Settings") == "Settings"


def test_the_audit_trail_names_every_action_in_words(main_window: MainWindow, db: Database):
    page = open_settings(main_window)
    assert set(audit.KNOWN_ACTIONS) <= set(page._action_names)
    audit.log(db, "backup", "clinicapp-manual.db")
    page.on_data_changed(frozenset({"audit_entries"}))
    assert wait_for_ops()
    shown = {page.audit_model.index(r, 2).data() for r in range(page.audit_model.rowCount())}
    assert "Backup made" in shown


def test_the_settings_page_never_scrolls_sideways_in_a_small_window(
        main_window: MainWindow, qtbot):
    """A long line (the backups' explanation) made the whole page scroll sideways at 800
    pixels; every explanation wraps instead."""
    main_window.resize(800, 640)
    page = main_window.show_page("settings")
    assert isinstance(page, SettingsPage)
    assert wait_for_ops()
    from PySide6.QtWidgets import QScrollArea

    scroll = page.findChild(QScrollArea)
    qtbot.waitUntil(lambda: scroll.viewport().width() > 0)
    QTest.qWait(50)
    assert scroll.horizontalScrollBar().maximum() == 0


def test_a_long_data_folder_path_does_not_widen_the_page(qtbot, tmp_path, crashes):
    """On a clean CI clone the test's data folder (pytest's temporary folders, a worker's
    own) was long enough that its label, a path with no space to wrap at, made the page
    scroll sideways at 800 pixels. The path is shown whole in a read-only field of the
    page's width instead, to read and copy."""
    from PySide6.QtWidgets import QLineEdit, QScrollArea

    from clinicapp.paths import resolve
    from tests.conftest import PASSPHRASE
    from tests.unit.ui.everyday import small_window

    deep = tmp_path / ("a-clinic-workstation-folder-with-a-long-name-" * 4) / "data"
    paths = resolve(deep)
    db, _ = Database.create(paths, PASSPHRASE, name="deep workstation")
    with small_window(qtbot, db, paths, "settings") as page:
        scroll = page.findChild(QScrollArea)
        qtbot.waitUntil(lambda: scroll.viewport().width() > 0)
        QTest.qWait(50)
        assert scroll.horizontalScrollBar().maximum() == 0
        shown = [f for f in page.findChildren(QLineEdit) if f.isReadOnly()]
        assert str(deep) in [f.text() for f in shown]  # whole, to copy
    db.close()
    assert not crashes, f"unexpected errors: {crashes!r}"


def test_the_hint_before_the_first_backup_wraps_in_french(qtbot, db, paths):
    """The backups list's hint (no backup yet) is a sentence; in French at 800 pixels it
    ran past the list's right edge behind a sideways scroll bar. It wraps instead."""
    from PySide6.QtWidgets import QScrollArea

    from tests.unit.ui.everyday import small_window

    try:
        i18n.install("fr")
        with small_window(qtbot, db, paths, "settings") as page:
            assert isinstance(page, SettingsPage)
            QTest.qWait(50)
            assert page.findChild(QScrollArea).horizontalScrollBar().maximum() == 0
            hint = page.backups.item(0)
            assert hint.text().startswith("Aucune sauvegarde")
            assert page.backups.horizontalScrollBar().maximum() == 0
            shown = page.backups.visualItemRect(hint)
            assert shown.right() <= page.backups.viewport().width()
            line = page.backups.fontMetrics().height()
            assert shown.height() >= 3 * line  # the first line wrapped: three lines
    finally:
        i18n.install("en")
