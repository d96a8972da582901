"""The main window: move around by keyboard, search, lock, and find it as it was left."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from clinicapp.core.services import action_plans, groups
from clinicapp.ui.app import build_window
from clinicapp.ui.main_window import PAGES, MainWindow
from clinicapp.ui.ops import wait_for_ops
from tests.conftest import PASSPHRASE

CTRL = Qt.KeyboardModifier.ControlModifier


def settle() -> None:
    for _ in range(3):
        assert wait_for_ops()
        QTest.qWait(40)


def test_every_section_is_in_the_sidebar_in_order_with_a_shortcut(main_window: MainWindow):
    # Only the page shown is built at start; the others wait for their first visit.
    assert [type(page).__name__ for page in main_window.pages.built()] == ["TodayPage"]
    titles = [main_window.sidebar.item(row).text() for row in range(main_window.sidebar.count())]
    assert titles == ["Today", "Groups & members", "Sessions", "Reflections & commitments",
                      "Action plans", "Support requests", "Reports", "Sync", "Settings"]
    for number in range(9, 0, -1):
        QTest.keyClick(main_window, Qt.Key(Qt.Key.Key_0 + number), CTRL)
        assert main_window.stack.currentIndex() == number - 1
        assert main_window.current_page().isVisible()
    main_window.sidebar.setFocus()
    QTest.keyClick(main_window.sidebar, Qt.Key.Key_Down)
    assert main_window.current_page() is main_window.page("groups")
    # The sidebar's titles (known before a page is built) are the pages' own.
    assert len(list(main_window.pages.built())) == len(PAGES)
    for entry, page, title in zip(PAGES, main_window.pages, titles, strict=True):
        assert page.title() == title == entry.translated_title()
        assert main_window.page(entry.key) is page  # built once, kept


def test_the_window_reopens_as_it_was_left(qtbot, db, paths, crashes):
    first = build_window(db, paths)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.activateWindow()
    qtbot.waitUntil(first.isActiveWindow)  # shortcuts go to the active window
    first.resize(760, 690)
    QTest.keyClick(first, Qt.Key.Key_8, CTRL)
    settle()
    assert first.current_page() is first.page("sync")
    first.close()

    again = build_window(db, paths)
    qtbot.addWidget(again)
    again.show()
    settle()
    assert (again.width(), again.height()) == (760, 690)
    assert again.current_page() is again.page("sync")
    again.close()
    assert not crashes


def test_status_line_refreshes_after_a_write(main_window: MainWindow, db):
    status = main_window.status_line
    settle()
    before = status.summary
    assert before is not None
    assert status.connection.text() == "Offline — bundles only"
    groups.create(db, "Riverside clinic")
    settle()
    assert status.summary is not before  # re-read after the commit
    assert status.summary.pending > before.pending
    assert status.pending.text().startswith("Not yet sent to the office: ")
    assert "1 group" in status.pending.text()


def test_search_as_you_type_and_enter_opens_the_record(main_window: MainWindow, db, qtbot):
    group = groups.create(db, "Riverside clinic")
    plan = action_plans.create_plan(db, group.id, "Screening")
    item = action_plans.add_item(db, plan.id, "Remind patients")
    action_plans.add_progress_note(db, item.id, "Fluvoxamine handout printed")
    settle()
    QTest.keyClick(main_window, Qt.Key.Key_F, CTRL)
    assert main_window.search.hasFocus()
    qtbot.keyClicks(main_window.search, "fluvox")
    qtbot.waitUntil(lambda: ("action_item", item.id) in main_window.search.hits_shown(),
                    timeout=3000)
    QTest.keyClick(main_window.search, Qt.Key.Key_Return)
    settle()
    assert main_window.current_page() is main_window.page("action_plans")


def test_lock_hides_everything_until_the_passphrase(main_window: MainWindow, qtbot):
    QTest.keyClick(main_window, Qt.Key.Key_L, CTRL)
    assert main_window.locked
    assert not main_window.stack.isVisible()
    assert not main_window.search.isVisible()  # nothing to search the data with either
    QTest.keyClick(main_window, Qt.Key.Key_2, CTRL)  # shortcuts are off while locked
    assert main_window.locked and not main_window.stack.isVisible()
    screen = main_window.lock_screen
    secret = screen.findChild(QLineEdit)
    qtbot.keyClicks(secret, "not the passphrase")
    QTest.keyClick(secret, Qt.Key.Key_Return)
    # The passphrase is checked in the background (scrypt): wait for the verdict.
    qtbot.waitUntil(lambda: not secret.isReadOnly(), timeout=10_000)
    assert main_window.locked
    assert "Wrong passphrase" in screen.message.text()
    secret.clear()
    qtbot.keyClicks(secret, PASSPHRASE)
    QTest.keyClick(secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not main_window.locked, timeout=10_000)
    assert main_window.stack.isVisible()


def test_about_names_the_version(main_window: MainWindow):
    from clinicapp import __version__

    assert __version__ in main_window.about_text()


def test_crash_dialog_says_what_happened_where_the_log_is_and_that_data_is_safe(
        qtbot, paths):
    from clinicapp.ui.dialogs import crash

    crash.set_log_file(paths.log_file)
    try:
        raise ValueError("Private reflection text: Dr Lee felt unsure")
    except ValueError as exc:
        dialog = crash.CrashDialog(exc)
    qtbot.addWidget(dialog)
    shown = " ".join(label.text() for label in dialog.findChildren(type(dialog.log_label)))
    assert "ValueError" in shown and "what was saved before this stays saved" in shown
    # Never "everything was saved": the failure may have been a save's.
    assert "everything you entered was saved" not in shown
    assert str(paths.log_file) in dialog.log_label.text()
    assert "test_main_window.py" in dialog.report  # where it happened…
    assert "Dr Lee" not in dialog.report  # …but never the data it was handling
    crash.set_log_file(None)


def test_a_window_closed_while_locked_reopens_with_its_toolbar(qtbot, db, paths):
    first = build_window(db, paths)
    qtbot.addWidget(first)
    first.show()
    first.lock()
    assert first.locked and not first.toolbar.isVisible()
    first.close()
    again = build_window(db, paths)
    qtbot.addWidget(again)
    again.show()
    assert again.toolbar.isVisible() and again.search.isVisible()


def test_the_menu_bar_has_the_usual_menus_and_ctrl_q_quits(main_window: MainWindow, qtbot):
    titles = [m.title().replace("&", "") for m in main_window.menus]
    assert titles == ["File", "Edit", "View", "Help"]
    view = main_window.menus[2]
    assert [a.text() for a in view.actions()] == [p.title() for p in main_window.pages]
    view.actions()[2].trigger()
    assert main_window.current_page() is main_window.pages[2]
    file_entries = [a.text().replace("&", "") for a in main_window.menus[0].actions()
                    if not a.isSeparator()]
    assert file_entries == ["Lock", "Quit"]
    assert main_window.quit_action.shortcut().toString() == "Ctrl+Q"
    QTest.keyClick(main_window, Qt.Key.Key_Q, CTRL)
    qtbot.waitUntil(lambda: not main_window.isVisible(), timeout=3000)


def test_ctrl_l_locks_from_the_search_popup_and_the_passphrase_has_the_focus(
        main_window: MainWindow, qtbot, db):
    groups.create(db, "Riverside clinic")
    settle()
    main_window.search.setFocus()
    qtbot.keyClicks(main_window.search, "River")
    qtbot.waitUntil(lambda: main_window.search.popup.isVisible(), timeout=3000)
    focused = QApplication.focusWidget() or main_window.search.popup
    QTest.keyClick(focused, Qt.Key.Key_L, CTRL)
    assert main_window.locked
    assert not main_window.menuBar().isVisible()
    secret = main_window.lock_screen.secret
    qtbot.waitUntil(secret.hasFocus, timeout=2000)


def test_todays_next_steps_open_pages_not_built_yet(main_window: MainWindow):
    """Pages are built on first visit: a link from Today still finds its page."""
    from clinicapp.ui.dialogs.plan_session import PlanSessionDialog

    assert [type(p).__name__ for p in main_window.pages.built()] == ["TodayPage"]
    today = main_window.current_page()
    today.next_steps["upcoming"].click()  # "Plan a session…"
    settle()
    assert main_window.current_page() is main_window.page("sessions")
    dialogs = main_window.page("sessions").findChildren(PlanSessionDialog)
    assert dialogs and dialogs[-1].isVisible()
    for dialog in dialogs:
        dialog.reject()
    today.next_steps["support"].click()  # "Record a support request…"
    settle()
    assert main_window.current_page() is main_window.page("support")
    built = {type(p).__name__ for p in main_window.pages.built()}
    assert built == {"TodayPage", "SessionsPage", "SupportPage"}  # no other page built


def test_a_window_closed_after_every_page_is_collected_and_rebuilding_does_not_grow(
        qtbot, db, paths, crashes):
    """Nothing long-lived (the change signal, the thread pool, an op's callbacks) keeps a
    closed window, its pages or their rows: rebuilding it leaves nothing behind but what
    the first rebuild cached."""
    import gc
    import weakref

    from PySide6.QtCore import QCoreApplication, QEvent

    def build_visit_close(live: list[int] | None = None) -> weakref.ref[MainWindow]:
        window = build_window(db, paths)
        window.show()
        settle()
        for row in range(len(PAGES)):
            window.go_to(row)
            settle()
        if live is not None:  # what an open window with its nine pages holds
            gc.collect()
            live.append(len(gc.get_objects()))
        window.close()
        db.remove_listener(window.ctx.events.notify)
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        return weakref.ref(window)

    counts: list[int] = []
    live: list[int] = []
    for n in range(4):
        gone = build_visit_close(live if n == 0 else None)
        gc.collect()
        assert gone() is None
        counts.append(len(gc.get_objects()))
    window = live[0] - counts[0]  # Python's share of a window: ~1,400 objects
    assert window > 500
    # The first rebuild fills caches (statements compiled, signatures, interned strings:
    # 300-500 objects, up and down from run to run); after it a rebuild leaves far less
    # than a window behind (a window kept each time would add all of it).
    assert (counts[3] - counts[1]) / 2 < window / 4, (counts, window)
    assert not crashes
