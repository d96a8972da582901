"""Groups & members lists possible duplicates, merges them and undoes the merge."""

from __future__ import annotations

from clinicapp.core.services import duplicates, members
from clinicapp.ui.app import build_window
from clinicapp.ui.ops import wait_for_ops
from clinicapp.ui.widgets.duplicates import DuplicatesBox


def test_duplicates_are_listed_merged_and_unmerged_on_the_groups_page(qtbot, db, paths):
    a = members.create(db, "Dr. Ana Silva", email="ana@clinic.ca")
    b = members.create(db, "Ana Silva", email="ana@clinic.ca")
    window = build_window(db, paths)
    qtbot.addWidget(window)
    page = window.show_page("groups")
    box = page.findChild(DuplicatesBox)
    assert box is not None
    assert wait_for_ops()
    qtbot.waitUntil(lambda: box.list.count() == 1, timeout=10_000)
    assert "“Dr. Ana Silva” / “Ana Silva” — same e-mail" in box.list.item(0).text()
    box.merge_selected(confirm=False)
    assert wait_for_ops()
    qtbot.waitUntil(lambda: box.list.count() == 0 and box.undo_button.isEnabled(),
                    timeout=10_000)
    assert [m.id for m in members.list_members(db).items] == [a.id]
    box.undo_button.click()
    assert wait_for_ops()
    qtbot.waitUntil(lambda: not box.undo_button.isEnabled(), timeout=10_000)
    assert {m.id for m in members.list_members(db).items} == {a.id, b.id}
    assert box.list.count() == 0  # an undone pair is two people: not offered again
    assert all(m.undone_at is not None for m in duplicates.list_merges(db))
