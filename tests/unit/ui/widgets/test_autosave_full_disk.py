"""Autosave on a full disk: the form says, in the interface's language, that the disk is
full and this was not saved (not the crash dialog: a full disk is no bug), the text stays
on screen still to be saved, and the next save after room is freed keeps it."""

from __future__ import annotations

import pytest

from clinicapp.core.services import groups
from clinicapp.ui.dialogs import crash
from clinicapp.ui.dialogs.group_edit import GroupDialog
from clinicapp.ui.ops import wait_for_ops
from tests.unit.core.storage.full_disk import disk_full
from tests.unit.ui.everyday import make_ctx

LONG = "We meet in the back room of the clinic on the first Tuesday of the month. " * 300


@pytest.fixture
def crashes(monkeypatch):  # type: ignore[no-untyped-def]
    shown: list[BaseException] = []
    monkeypatch.setattr(crash, "presenter", lambda _parent, exc: shown.append(exc))
    return shown


def test_a_save_on_a_full_disk_says_so_and_keeps_the_text_to_save(qtbot, db, paths,
                                                                   crashes):
    group = groups.create(db, "Riverside")
    dialog = GroupDialog(make_ctx(db, paths), group=group)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    with disk_full(db):
        dialog.description.setFocus()
        dialog.description.setPlainText(LONG)
        dialog.saver.save_soon()
        assert wait_for_ops()
        assert dialog.indicator.text().startswith("Not saved — The disk is full")
        assert "Free some space" in dialog.indicator.text()
        assert "description" in dialog.saver.dirty
        assert dialog.description.toPlainText() == LONG  # still on screen
        assert groups.get(db, group.id).description == ""
    assert crashes == []  # a full disk is no bug: no crash dialog
    dialog.saver.save_soon()  # room again: the next save keeps it
    assert wait_for_ops()
    assert groups.get(db, group.id).description == LONG
    assert dialog.indicator.text() == "All changes saved"
    assert not dialog.saver.dirty
