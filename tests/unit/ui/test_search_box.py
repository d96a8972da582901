"""The search box: type, results appear as you type, choose one and its record opens."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from clinicapp.core.models import Role, Visibility
from clinicapp.core.services import attendance, groups, members, reflections, sessions
from clinicapp.ui.main_window import MainWindow
from tests.unit.ui.everyday import settle

CTRL = Qt.KeyboardModifier.ControlModifier


def shown_texts(window: MainWindow) -> list[str]:
    results = window.search.results
    return [results.item(i).text() for i in range(results.count())]


def seed(db):  # type: ignore[no-untyped-def]
    group = groups.create(db, "Riverside small group")
    maria = members.create(db, "Maria Lopez", Role.PHYSICIAN)
    members.add_to_group(db, group.id, maria.id)
    session = sessions.plan(db, group.id, "Opioid tapering in primary care",
                            datetime(2025, 3, 12, 18, 0).astimezone(),
                            location="Riverside clinic")
    sessions.start(db, session.id)
    attendance.check_in(db, session.id, maria.id)
    other = sessions.plan(db, group.id, "Diabetes foot checks",
                          datetime(2025, 4, 9, 18, 0).astimezone())
    reflections.save(db, session.id, maria.id, what="Tapering needs the pharmacy on board",
                     visibility=Visibility.GROUP)
    return maria, session, other


def search_for(qtbot, window: MainWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    QTest.keyClick(window, Qt.Key.Key_F, CTRL)
    assert window.search.hasFocus()
    qtbot.keyClicks(window.search, text)
    qtbot.waitUntil(lambda: window.search.popup.isVisible() and window.search.results.count()
                    and window.search.text() == window.search._asked, timeout=3000)


def test_results_as_you_type_and_enter_opens_the_session(main_window: MainWindow, db, qtbot):
    _maria, session, other = seed(db)
    settle()
    search_for(qtbot, main_window, "taper")
    texts = shown_texts(main_window)
    assert "Session: Opioid tapering in primary care" in texts
    assert any(t.startswith("Reflection:") for t in texts)
    assert ("session", other.id) not in main_window.search.hits_shown()
    # Down to the session, Enter: it opens, ready to run.
    while main_window.search.results.currentItem().text() != \
            "Session: Opioid tapering in primary care":
        QTest.keyClick(main_window.search, Qt.Key.Key_Down)
    QTest.keyClick(main_window.search, Qt.Key.Key_Return)
    settle()
    page = main_window.current_page()
    assert page is main_window.page("sessions")
    assert page.stack.currentWidget() is page.run_view
    assert page.run_view.session_id == session.id
    assert page.run_view.title_label.text() == "Opioid tapering in primary care"
    assert not main_window.search.popup.isVisible()

    # Typing more narrows the results; nothing found says so.
    main_window.search.clear()
    search_for(qtbot, main_window, "zzyzx")
    assert shown_texts(main_window) == ["Nothing found for “zzyzx”"]
    QTest.keyClick(main_window.search, Qt.Key.Key_Escape)
    assert not main_window.search.popup.isVisible()
    assert main_window.search.text() == ""


def test_click_a_member_result_opens_their_journal(main_window: MainWindow, db, qtbot):
    maria, _session, _other = seed(db)
    settle()
    search_for(qtbot, main_window, "lopez")
    results = main_window.search.results
    item = next(results.item(i) for i in range(results.count())
                if results.item(i).text() == "Member: Maria Lopez")
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton,
                     pos=results.visualItemRect(item).center())
    settle()
    page = main_window.current_page()
    assert page is main_window.page("reflections")
    assert page.members_table.selected_id() == maria.id
    assert page.journal_model.rowCount() == 1
    assert page.journal_model.index(0, 2).data() == "Tapering needs the pharmacy on board"
