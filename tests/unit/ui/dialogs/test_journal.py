"""“My journal”: a member opens their private reflections with their own passphrase (or
recovery code), reads them, and closing — or the app lock — forgets the key."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel
from sqlalchemy import select

from clinicapp.core.keys import journal
from clinicapp.core.models import Group, Session
from clinicapp.core.services import attendance, reflections, sessions
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.journal import (
    ChangeJournalPassphraseDialog,
    JournalDialog,
    SetUpJournalDialog,
    open_journal,
)
from clinicapp.ui.lock import LockController
from clinicapp.ui.ops import DataEvents, wait_for_ops
from tests.conftest import PASSPHRASE
from tests.unit.core.keys.test_journal import (
    MARKER,
    MEMBER_PASSPHRASE,
    give_journal,
    group_session_member,
    made_journal,  # noqa: F401  (a fixture, made once for the session)
    private_reflection,
)


@pytest.fixture
def ctx(db, paths) -> AppContext:
    return AppContext(db=db, paths=paths, events=DataEvents())


@pytest.fixture
def ana(db, request):
    """A member with a journal holding one private reflection; and her recovery code."""
    meeting, person = group_session_member(db)
    code = give_journal(db, person.id, request.getfixturevalue("made_journal"))
    private_reflection(db, meeting, person, what=MARKER, now_what="Ask the pharmacist")
    return person, code


def shown(qtbot, dialog):  # type: ignore[no-untyped-def]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def give(qtbot, dialog: JournalDialog, secret: str) -> None:
    qtbot.keyClicks(dialog.secret, secret)
    qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
    assert wait_for_ops(30_000)


def test_my_journal_opens_with_the_passphrase_and_forgets_on_close(qtbot, ctx, ana):
    person, _code = ana
    dialog = shown(qtbot, JournalDialog(ctx, person.id))
    assert dialog.member.currentText() == "Dr. Ana Roy"
    assert not dialog.set_up_button.isVisible()

    give(qtbot, dialog, "not my passphrase")
    assert dialog.message.text() == "Wrong journal passphrase."
    assert dialog.pages.currentIndex() == 0 and dialog.opened is None

    give(qtbot, dialog, MEMBER_PASSPHRASE)
    assert dialog.pages.currentIndex() == 1
    assert dialog.entry_list.count() == 1
    assert "Deprescribing in the elderly" in dialog.entry_list.item(0).text()
    text = dialog.text.toPlainText()
    assert MARKER in text and "Ask the pharmacist" in text and "Now what?" in text
    assert "Dr. Ana Roy" in dialog.reader_heading.text()

    qtbot.keyClicks(dialog.search_field, "pharmacist")
    assert not dialog.entry_list.item(0).isHidden()
    qtbot.keyClicks(dialog.search_field, " nowhere")
    assert dialog.entry_list.item(0).isHidden()
    assert dialog.text.toPlainText() == "Nothing in your journal matches."

    opened = dialog.opened
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert dialog.opened is None and not opened.is_open
    assert dialog.text.toPlainText() == "" and dialog.entry_list.count() == 0
    assert dialog.search_field.text() == ""


def test_the_recovery_code_opens_it_and_wrong_tries_are_slowed(qtbot, ctx, ana):
    person, code = ana
    dialog = shown(qtbot, JournalDialog(ctx, person.id))
    dialog.use_code.setChecked(True)
    for _ in range(3):
        give(qtbot, dialog, "AAAA-BBBB")
    assert "Wrong recovery code" in dialog.message.text()
    assert "wait 1 s" in dialog.message.text()
    assert dialog.secret.isReadOnly() and not dialog.open_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.secret.isReadOnly(), timeout=3000)
    give(qtbot, dialog, code)
    assert dialog.pages.currentIndex() == 1
    assert MARKER in dialog.text.toPlainText()
    dialog.close()


def test_closing_while_it_opens_leaves_nothing_open(qtbot, ctx, ana):
    person, _code = ana
    dialog = shown(qtbot, JournalDialog(ctx, person.id))
    qtbot.keyClicks(dialog.secret, MEMBER_PASSPHRASE)
    qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
    dialog.close()
    assert wait_for_ops(30_000)
    assert dialog.opened is None and dialog.entry_list.count() == 0


def test_the_app_lock_closes_an_open_journal(qtbot, ctx, ana, main_window):
    person, _code = ana
    dialog = open_journal(ctx, person.id, main_window)
    qtbot.waitExposed(dialog)
    give(qtbot, dialog, MEMBER_PASSPHRASE)
    opened = dialog.opened
    assert opened is not None and opened.is_open
    lock = LockController(main_window, ctx, idle_ms=600_000, shortcut=False)
    lock.lock()
    assert not opened.is_open
    assert not dialog.isVisible()
    assert lock.unlock(PASSPHRASE)


def test_a_member_without_a_journal_is_offered_to_set_one_up(qtbot, ctx, db):
    _meeting, person = group_session_member(db, "Ben Okafor")
    dialog = shown(qtbot, JournalDialog(ctx, person.id))
    assert dialog.set_up_button.isVisible()
    assert "has no private journal yet" in dialog.message.text()
    dialog.close()


def test_setting_up_explains_the_risk_and_shows_the_code_once(qtbot, ctx, db):
    _meeting, person = group_session_member(db, "Ben Okafor")
    dialog = shown(qtbot, SetUpJournalDialog(ctx, person.id))
    words = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "cannot be read again, by anyone" in words and "Ben Okafor" in words
    qtbot.keyClicks(dialog.passphrase, "short")
    assert "Too short" in dialog.hint.text() and not dialog.create_button.isEnabled()
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, "ben's journal words")
    qtbot.keyClicks(dialog.confirm, "ben's journal wordz")
    assert "differ" in dialog.hint.text() and not dialog.create_button.isEnabled()
    dialog.confirm.clear()
    qtbot.keyClicks(dialog.confirm, "ben's journal words")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert wait_for_ops(30_000)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1)
    code = dialog.code.text()
    assert len(journal.normalise_recovery_code(code)) == 32
    assert dialog.passphrase.text() == "" and not dialog.done_button.isEnabled()
    dialog.reject()  # a stray Escape does not lose the code
    assert dialog.isVisible()
    dialog.stored.setChecked(True)
    qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
    assert dialog.code.text() == ""  # shown once
    assert journal.has_journal(db, person.id)
    journal.open_journal(db, person.id, recovery_code=code).close()


def test_reflections_saved_by_the_service_are_listed_newest_session_first(qtbot, ctx, ana):
    person, _code = ana
    with ctx.db.write() as s:
        later = Session(group_id=s.scalars(select(Group.id)).first(), title="Opioid tapering",
                        scheduled_start=datetime(2025, 6, 3, 18, tzinfo=UTC))
        s.add(later)
    sessions.start(ctx.db, later.id)
    attendance.check_in(ctx.db, later.id, person.id)
    reflections.save(ctx.db, later.id, person.id, what="Start tapering plans earlier",
                     visibility="private")
    dialog = shown(qtbot, JournalDialog(ctx, person.id))
    give(qtbot, dialog, MEMBER_PASSPHRASE)
    titles = [dialog.entry_list.item(r).text() for r in range(dialog.entry_list.count())]
    assert [t.split("  ", 1)[1] for t in titles] == ["Opioid tapering",
                                                     "Deprescribing in the elderly"]
    assert titles[0].startswith("2025-06-0")  # the local date of the session
    assert "Start tapering plans earlier" in dialog.text.toPlainText()
    qtbot.keyClicks(dialog.search_field, "tapering")
    assert [dialog.entry_list.item(r).isHidden() for r in range(2)] == [False, True]
    dialog.close()


def test_a_forgotten_passphrase_is_replaced_with_the_recovery_code(qtbot, ctx, ana):
    person, code = ana
    dialog = shown(qtbot, JournalDialog(ctx, person.id))
    assert dialog.change_button.isVisible()
    change = ChangeJournalPassphraseDialog(ctx, person.id, dialog)
    shown(qtbot, change)
    change.use_code.setChecked(True)
    qtbot.keyClicks(change.current, "WRONG-CODE")
    qtbot.keyClicks(change.new, "a fresh journal phrase")
    qtbot.keyClicks(change.again, "a fresh journal phrase")
    qtbot.mouseClick(change.change_button, Qt.MouseButton.LeftButton)
    assert wait_for_ops(30_000)
    assert change.message.text() == "Wrong recovery code." and change.isVisible()
    qtbot.keyClicks(change.current, code)
    qtbot.mouseClick(change.change_button, Qt.MouseButton.LeftButton)
    assert wait_for_ops(30_000)
    assert change.result() == QDialog.DialogCode.Accepted
    give(qtbot, dialog, "a fresh journal phrase")
    assert MARKER in dialog.text.toPlainText()
    dialog.close()
