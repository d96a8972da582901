"""Sync page: conflicts a person settles (keep, use the other value, restore a record
deleted while it was changed), several bundles or a folder imported at once (chosen or
dropped), and what is not yet sent in words a facilitator reads."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from clinicapp.core.services import groups
from clinicapp.core.sync import api
from clinicapp.paths import resolve
from clinicapp.ui.app import build_window
from clinicapp.ui.ops import wait_for_ops
from clinicapp.ui.pages.sync import SyncPage
from tests.unit.core.sync.helpers import send, trust_all


def sync_page(qtbot, db, folder) -> SyncPage:
    window = build_window(db, resolve(folder))
    qtbot.addWidget(window)
    page = window.show_page("sync")
    assert isinstance(page, SyncPage)
    assert wait_for_ops(30_000)
    return page


def select_row(page: SyncPage, row: int) -> None:
    page.conflict_table.selectRow(row)
    QApplication.processEvents()


def test_restore_a_record_deleted_while_it_was_changed(qtbot, make_db, tmp_path):
    clinic, office, hub = make_db("clinic"), make_db("office"), make_db("hub")
    trust_all(clinic, office, hub)
    group = groups.create(clinic, "Diabetes group")
    send(clinic, office, tmp_path)
    groups.delete(office, group.id)
    groups.update(clinic, group.id, description="Meets on Tuesdays")  # not seeing it
    send(office, clinic, tmp_path)
    page = sync_page(qtbot, clinic, tmp_path / "clinic")
    page.refresh()
    assert wait_for_ops()
    qtbot.waitUntil(lambda: page.conflicts.rowCount() == 1, timeout=5000)
    # Nothing chosen: nothing can be decided.
    assert not page.keep_button.isEnabled() and not page.restore_button.isEnabled()
    select_row(page, 0)
    assert page.restore_button.isEnabled() and page.keep_button.isEnabled()
    assert not page.replace_button.isEnabled()  # there is no "other value" to a delete
    assert "Keep it deleted" in page.keep_button.text().replace("&", "")
    assert "deleted on office" in page.conflicts.data(page.conflicts.index(0, 0))
    page.restore_button.click()
    assert wait_for_ops()
    qtbot.waitUntil(lambda: page.conflicts.rowCount() == 0, timeout=5000)
    assert not page.keep_button.isEnabled() and not page.restore_button.isEnabled()
    assert groups.get(clinic, group.id).description == "Meets on Tuesdays"
    # The decision travels: restored everywhere, nothing left open.
    for a, b in ((clinic, office), (clinic, hub), (office, hub)):
        send(a, b, tmp_path)
    for db in (office, hub):
        restored = groups.get(db, group.id)
        assert restored.deleted_at is None and restored.description == "Meets on Tuesdays"
        assert api.list_conflicts(db) == []


def test_keep_and_use_follow_the_selection_of_an_edit_conflict(qtbot, make_db, tmp_path):
    clinic, office = make_db("clinic"), make_db("office")
    trust_all(clinic, office)
    group = groups.create(clinic, "Riverside")
    send(clinic, office, tmp_path)
    groups.update(clinic, group.id, name="Riverside hub")
    groups.update(office, group.id, name="Riverside CoP")
    send(office, clinic, tmp_path)
    page = sync_page(qtbot, clinic, tmp_path / "clinic")
    qtbot.waitUntil(lambda: page.conflicts.rowCount() == 1, timeout=5000)
    empty = page.conflict_table.empty
    assert empty is not None and not empty.isVisibleTo(page.conflict_table)
    assert not page.keep_button.isEnabled() and not page.replace_button.isEnabled()
    select_row(page, 0)
    assert page.keep_button.isEnabled() and page.replace_button.isEnabled()
    assert not page.restore_button.isEnabled()
    page.conflict_table.clearSelection()
    QApplication.processEvents()
    assert not page.keep_button.isEnabled()
    select_row(page, 0)
    lost = page.conflicts.conflict(0).lost_value
    page.replace_button.click()
    assert wait_for_ops()
    qtbot.waitUntil(lambda: page.conflicts.rowCount() == 0, timeout=5000)
    assert f'"{groups.get(clinic, group.id).name}"' == lost
    # Settled: the list says there is nothing left to review, rather than lie blank.
    assert empty.isVisibleTo(page.conflict_table)
    assert page.conflict_table.empty_label.text().startswith("No conflicts to review.")


def bundles_from(senders, receiver, folder) -> list:
    out = []
    for i, db in enumerate(senders):
        groups.create(db, f"Group {i}")
        path = folder / f"from-{i}.clinicbundle"
        api.export_bundle(db, path, peer="office")
        out.append(path)
    return out


def test_several_files_and_a_folder_each_import_once_and_are_reported(qtbot, make_db,
                                                                      tmp_path):
    office, a, b = make_db("office"), make_db("clinic-a"), make_db("clinic-b")
    trust_all(office, a, b)
    stick = tmp_path / "stick"
    stick.mkdir()
    files = bundles_from([a, b], office, stick)
    page = sync_page(qtbot, office, tmp_path / "office")
    page.import_many([files[1], stick, files[0]])  # each named twice: imported once
    assert wait_for_ops(30_000)
    qtbot.waitUntil(lambda: bool(getattr(page, "last_outcomes", None)), timeout=10_000)
    statuses = [o.status for o in page.last_outcomes]
    assert statuses == ["imported", "imported"]
    lines = page.result.text().splitlines()
    assert len(lines) == 2 and all(line.startswith("Imported") for line in lines)
    assert all(" new changes from clinic-" in line and "Added: 1 group" in line
               for line in lines)
    assert sorted(g.name for g in groups.list_groups(office).items) == ["Group 0", "Group 1"]
    page.import_many([stick])  # again: nothing new, said so, nothing refused
    assert wait_for_ops(30_000)
    qtbot.waitUntil(lambda: [o.status for o in page.last_outcomes] != statuses, timeout=5000)
    assert all(o.ok and o.status != "imported" for o in page.last_outcomes)


def test_a_folder_dropped_on_the_page_is_imported(qtbot, make_db, tmp_path):
    office, a = make_db("office"), make_db("clinic-a")
    trust_all(office, a)
    stick = tmp_path / "stick"
    stick.mkdir()
    bundles_from([a], office, stick)
    page = sync_page(qtbot, office, tmp_path / "office")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(stick)), QUrl("https://example.invalid/x")])
    drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    page.dropEvent(drop)
    assert drop.isAccepted()
    assert wait_for_ops(30_000)
    qtbot.waitUntil(lambda: "Imported" in page.result.text(), timeout=10_000)
    assert [g.name for g in groups.list_groups(office).items] == ["Group 0"]


def test_what_is_not_yet_sent_is_said_in_records_with_details_under_advanced(
        qtbot, make_db, tmp_path):
    clinic, office = make_db("clinic"), make_db("office")
    trust_all(clinic, office)
    page = sync_page(qtbot, clinic, tmp_path / "clinic")
    groups.create(clinic, "Riverside")
    page.refresh()
    assert wait_for_ops()
    qtbot.waitUntil(lambda: "Not yet sent" in page.summary.text(), timeout=5000)
    assert "1 group" in page.summary.text() and "1 groups" not in page.summary.text()
    unsent_line = page.summary.text().splitlines()[-1]
    assert unsent_line == "Not yet sent to the office: 1 group"  # not "8" field changes
    assert not page.advanced.isVisibleTo(page)  # folded away
    page.advanced_box.setChecked(True)
    assert page.advanced.isVisibleTo(page)
    assert "Field changes not yet sent to any workstation: 8" in page.advanced.text()
    assert "24 hours ahead" in page.advanced.text() and "14 days" in page.advanced.text()
    groups.create(clinic, "Lakes")
    api.export_bundle(clinic, tmp_path / "x.clinicbundle", peer="office")
    page.refresh()
    assert wait_for_ops()
    qtbot.waitUntil(lambda: "All changes sent" in page.summary.text(), timeout=5000)


def test_each_workstation_says_in_words_where_it_stands(qtbot, make_db, tmp_path):
    clinic, office, hub = make_db("clinic"), make_db("office"), make_db("hub")
    trust_all(clinic, office, hub)
    groups.create(clinic, "Diabetes group")
    send(clinic, office, tmp_path)
    send(office, clinic, tmp_path)  # the office acknowledges what it holds
    page = sync_page(qtbot, clinic, tmp_path / "clinic")
    page.refresh()
    assert wait_for_ops()
    lines = dict(line.split(":", 1) for line in page.peers.text().splitlines())
    assert lines["office"].endswith("— up to date")
    assert "nothing exchanged yet; " in lines["hub"]
    assert lines["hub"].endswith(" changes it lacks")
    assert "lacking" not in page.peers.text()  # words, not the engine's
