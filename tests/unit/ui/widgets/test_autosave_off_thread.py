"""Autosave while typing runs on a worker: typing goes on while a save waits for the disk,
a refused save says why and keeps the field to save, and closing the form waits for the
save in flight and then saves the last keystrokes too."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from clinicapp.core.services import groups
from clinicapp.ui.dialogs.group_edit import GroupDialog
from clinicapp.ui.ops import wait_for_ops
from tests.unit.ui.everyday import make_ctx


@pytest.fixture
def dialog(qtbot, db, paths) -> GroupDialog:  # type: ignore[no-untyped-def]
    group = groups.create(db, "Riverside")
    opened = GroupDialog(make_ctx(db, paths), group=group)
    qtbot.addWidget(opened)
    opened.show()
    qtbot.waitExposed(opened)
    return opened


@pytest.fixture
def disk_busy(db) -> Iterator[threading.Event]:  # type: ignore[no-untyped-def]
    """Another writer holds the database's write lock until the event is set (as a big
    import or a slow disk would): a save started meanwhile waits for it."""
    release = threading.Event()
    holding = threading.Event()

    def hold() -> None:
        raw = db.engine.raw_connection()  # one of the database's own connections
        try:
            raw.driver_connection.execute("BEGIN IMMEDIATE")
            holding.set()
            release.wait(30)
            raw.driver_connection.execute("ROLLBACK")
        finally:
            raw.close()

    holder = threading.Thread(target=hold)
    holder.start()
    assert holding.wait(10)
    yield release
    release.set()
    holder.join(10)


def stored_name(db, group_id: str) -> str:  # type: ignore[no-untyped-def]
    return groups.get(db, group_id).name


def test_a_save_while_typing_runs_off_the_ui_thread(qtbot, db, dialog):
    threads: list[int] = []
    db.on_commit(lambda _tables: threads.append(threading.get_ident()))
    dialog.name.setFocus()
    qtbot.keyClicks(dialog.name, " small group")
    dialog.saver.save_soon()  # what the half-second timer does
    assert wait_for_ops()
    assert stored_name(db, dialog.group.id) == "Riverside small group"
    assert threads and threading.get_ident() not in threads
    assert dialog.indicator.text() == "All changes saved"


def test_typing_goes_on_while_a_save_waits_for_the_disk(qtbot, db, dialog, disk_busy):
    dialog.name.setFocus()
    qtbot.keyClicks(dialog.name, " small")
    dialog.saver.save_soon()
    assert dialog.saver.saving
    qtbot.keyClicks(dialog.name, " group")  # the UI thread is free: the keys go in
    assert dialog.name.text() == "Riverside small group"
    assert dialog.saver.saving and stored_name(db, dialog.group.id) == "Riverside"
    disk_busy.set()
    qtbot.waitUntil(lambda: not dialog.saver.saving, timeout=5000)
    dialog.saver.save_soon()  # the keys typed meanwhile are saved in their turn
    assert wait_for_ops()
    assert stored_name(db, dialog.group.id) == "Riverside small group"
    assert not dialog.saver.dirty


def test_closing_waits_for_the_save_in_flight_then_keeps_the_last_keystrokes(
        qtbot, db, dialog, disk_busy):
    dialog.name.setFocus()
    qtbot.keyClicks(dialog.name, " small")
    dialog.saver.save_soon()
    qtbot.keyClicks(dialog.name, " group")
    # The disk frees up while the window is already closing.
    threading.Timer(0.3, disk_busy.set).start()
    dialog.close()
    # Nothing left to wait for: both saves are done when close() returns.
    assert not dialog.saver.saving and not dialog.saver.dirty
    assert stored_name(db, dialog.group.id) == "Riverside small group"


def test_a_refused_save_says_why_and_keeps_the_text_to_save(qtbot, db, dialog):
    dialog.name.setFocus()
    dialog.name.selectAll()
    qtbot.keyClicks(dialog.name, " ")  # a blank name: the service refuses it
    dialog.saver.save_soon()
    assert wait_for_ops()
    assert dialog.name.text() == " "
    assert "name" in dialog.saver.dirty
    assert dialog.error_label.text() == "Name: must not be empty"
    assert dialog.indicator.text().startswith("Not saved — ")
    assert stored_name(db, dialog.group.id) == "Riverside"
    qtbot.keyClicks(dialog.name, "Lakes")  # corrected: saved, the message goes
    dialog.saver.save_soon()
    assert wait_for_ops()
    assert stored_name(db, dialog.group.id) == "Lakes"
    assert not dialog.error_label.isVisible()
