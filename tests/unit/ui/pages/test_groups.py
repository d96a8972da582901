"""Groups & members: import a roster from CSV with one bad row — the preview points at
the row and says what is wrong; the import makes the others members of the group."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from clinicapp.core.models import Role
from clinicapp.core.services import groups, members
from clinicapp.ui.dialogs.roster_import import RosterImportDialog
from clinicapp.ui.pages.groups import GroupsPage
from tests.unit.ui.everyday import make_ctx, settle, show_page

LEFT = Qt.MouseButton.LeftButton

ROSTER = (
    "Name,Role,Email,Facilitator\n"
    "Maria Lopez,physician,maria@example.org,yes\n"
    "Tom Baker,surgeon,tom@example.org,\n"
    "Dana Whitefeather,MOA,dana@example.org,\n"
    "Martin Okafor,nurse,,\n"
)


@pytest.fixture
def page(qtbot, db, paths, crashes):
    groups.create(db, "Riverside small group")
    page = GroupsPage(make_ctx(db, paths))
    messages: list[str] = []
    page.status_message.connect(messages.append)
    page.messages = messages  # type: ignore[attr-defined]
    show_page(qtbot, page)
    yield page
    settle()
    assert not crashes, f"unexpected errors: {crashes!r}"


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    assert button.isEnabled(), f"{button.text()!r} is disabled"
    qtbot.mouseClick(button, LEFT, pos=QPoint(button.width() // 2, button.height() // 2))


def preview_rows(dialog: RosterImportDialog) -> dict[str, dict[str, str]]:
    """The preview as shown: line number → {column title: text}."""
    model = dialog.model
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return {model.index(r, 0).data(): {titles[c]: model.index(r, c).data()
                                       for c in range(1, model.columnCount())}
            for r in range(model.rowCount())}


def open_import(qtbot, page: GroupsPage) -> RosterImportDialog:  # type: ignore[no-untyped-def]
    assert page.groups_table.selected_id()  # the only group is chosen
    click(qtbot, page.import_button)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, RosterImportDialog)
    return dialog


def test_import_a_pasted_roster_with_one_bad_row(qtbot, db, page):
    group_id = page.groups_table.selected_id()
    dialog = open_import(qtbot, page)
    assert not dialog.import_button.isEnabled()  # nothing to import yet

    # Paste the rows copied from a spreadsheet.
    QApplication.clipboard().setText(ROSTER)
    dialog.text.setFocus()
    QTest.keyClick(dialog.text, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 4, timeout=3000)
    settle()

    rows = preview_rows(dialog)
    assert list(rows) == ["2", "3", "4", "5"]  # the lines of the file
    assert rows["3"]["Problem"].startswith("Role: “surgeon” is not a role")
    assert all(rows[line]["Problem"] == "" for line in ("2", "4", "5"))
    assert rows["2"]["Name"] == "Maria Lopez"
    # The bad row stands out.
    bad = dialog.model.index(1, 0).data(Qt.ItemDataRole.FontRole)
    assert bad is not None and bad.bold()
    assert "4 rows: 3 valid, 1 with a problem" in dialog.summary.text()
    assert dialog.import_button.text() == "&Import 3 valid rows"
    assert members.list_members(db).total == 0  # the preview writes nothing

    click(qtbot, dialog.import_button)
    settle()
    assert not dialog.isVisible()
    roster = {m.full_name: (m.role, ms.is_facilitator) for m, ms in members.roster(db, group_id)}
    assert roster == {"Maria Lopez": (Role.PHYSICIAN, True), "Dana Whitefeather": (Role.MOA, False),
                      "Martin Okafor": (Role.NURSE, False)}
    # The page shows the new roster and says what happened.
    names = [page.roster_model.index(r, 0).data() for r in range(page.roster_model.rowCount())]
    assert sorted(names) == ["Dana Whitefeather", "Maria Lopez", "Martin Okafor"]
    assert page.messages[-1] == (
        "3 new members created, 3 added to the group, 1 row skipped.")


def test_import_a_roster_file_saved_by_an_old_spreadsheet(qtbot, db, page, tmp_path: Path):
    # Windows-1252, semicolons, French headers: what an older Excel in Québec saves.
    path = tmp_path / "équipe.csv"
    path.write_bytes("Nom;Rôle;Courriel\nHélène Côté;médecin;helene@example.org\n"
                     ";nurse;\n".encode("cp1252"))
    dialog = open_import(qtbot, page)
    dialog.load_file(path)  # what "Choose file…" does with the chosen file
    settle()
    assert dialog.file_label.text() == "équipe.csv"
    rows = preview_rows(dialog)
    assert rows["2"]["Name"] == "Hélène Côté" and rows["2"]["Problem"] == ""
    assert rows["3"]["Problem"] == "Name: is required"
    click(qtbot, dialog.import_button)
    settle()
    (member, _ms), = members.roster(db, page.groups_table.selected_id())
    assert (member.full_name, member.role, member.email) == (
        "Hélène Côté", Role.PHYSICIAN, "helene@example.org")
