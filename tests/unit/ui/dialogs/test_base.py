"""A record dialog writes on a worker: the create runs off the UI thread, the dialog closes
only once the record is written, and a refusal keeps it open with what was typed."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from clinicapp.core.services import groups, members
from clinicapp.ui.dialogs.group_edit import GroupDialog
from clinicapp.ui.dialogs.member_edit import MemberDialog
from clinicapp.ui.ops import wait_for_ops
from tests.unit.ui.everyday import make_ctx


@pytest.fixture(autouse=True)
def put_away(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Dialogs a test leaves open are put away without the discard question."""
    yield
    assert wait_for_ops()
    for widget in qapp.topLevelWidgets():
        if isinstance(widget, QDialog) and shiboken6.isValid(widget) and widget.isVisible():
            widget.done(0)


def committing_threads(db) -> list[int]:  # type: ignore[no-untyped-def]
    """The threads on which the database committed a write (its own commit signal)."""
    seen: list[int] = []
    db.on_commit(lambda _tables: seen.append(threading.get_ident()))
    return seen


def open_new_group(qtbot, db, paths) -> GroupDialog:  # type: ignore[no-untyped-def]
    dialog = GroupDialog(make_ctx(db, paths))
    qtbot.addWidget(dialog, before_close_func=lambda d: d.done(0))
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_creating_a_group_writes_it_off_the_ui_thread_then_closes(qtbot, db, paths):
    threads = committing_threads(db)
    dialog = open_new_group(qtbot, db, paths)
    qtbot.keyClicks(dialog.name, "Riverside small group")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        # Until the record is written the dialog stays, its buttons waiting.
        assert dialog.isVisible() and not dialog.buttons.isEnabled()
    assert threads and threading.get_ident() not in threads
    assert [g.name for g in groups.list_groups(db).items] == ["Riverside small group"]
    assert dialog.result_record.name == "Riverside small group"
    assert not dialog.isVisible()


def test_pressing_create_twice_makes_one_record(qtbot, db, paths):
    dialog = open_new_group(qtbot, db, paths)
    qtbot.keyClicks(dialog.name, "Lakes hub")
    dialog.accept()
    dialog.accept()  # a double click, or Enter pressed twice
    dialog.reject()  # and Escape while it is written: the write finishes, the dialog closes
    assert wait_for_ops()
    assert [g.name for g in groups.list_groups(db).items] == ["Lakes hub"]
    assert dialog.result() == dialog.DialogCode.Accepted


def test_a_refused_create_keeps_the_dialog_open_with_the_text_and_the_reason(qtbot, db,
                                                                               paths):
    dialog = open_new_group(qtbot, db, paths)
    qtbot.keyClicks(dialog.description, "Monthly, Thursday evenings")
    dialog.accept()  # no name: the service refuses it, on the worker
    assert wait_for_ops()
    assert dialog.isVisible() and dialog.buttons.isEnabled()
    assert dialog.description.toPlainText() == "Monthly, Thursday evenings"
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == "Name: must not be empty"
    assert groups.list_groups(db).total == 0
    # Corrected, it goes through.
    qtbot.keyClicks(dialog.name, "Riverside")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.accept()
    assert [g.name for g in groups.list_groups(db).items] == ["Riverside"]


def test_a_member_whose_group_went_meanwhile_is_not_half_written(qtbot, db, paths):
    group = groups.create(db, "Riverside")
    dialog = MemberDialog(make_ctx(db, paths), group_id=group.id)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.done(0))
    dialog.show()
    qtbot.keyClicks(dialog.full_name, "Maria Lopez")
    groups.delete(db, group.id)  # e.g. on another window, or by a sync
    dialog.accept()
    assert wait_for_ops()
    assert dialog.isVisible() and dialog.full_name.text() == "Maria Lopez"
    assert dialog.error_label.text().startswith("This record no longer exists")
    # The member and the membership are one transaction: neither was written.
    assert members.list_members(db).total == 0
