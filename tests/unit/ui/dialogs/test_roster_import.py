"""The roster import's preview speaks the interface's language: column headings in words,
each bad row's problem worded from its code, its column named by its heading."""

from __future__ import annotations

from PySide6.QtCore import Qt

from clinicapp.core.services import groups, members
from clinicapp.ui import i18n
from clinicapp.ui.dialogs.roster_import import RosterImportDialog
from clinicapp.ui.ops import wait_for_ops
from tests.unit.ui.everyday import make_ctx

ROSTER = ("Name,Role,Email,Phone\n"
          "Amrit Gill,physician,amrit@example.ca,\n"
          ",nurse,nobody@example.ca,\n"
          "Bo Diaz,surgeon,,\n"
          "Cy Roy,nurse,cy-at-example,\n"
          "Amrit G.,physician,AMRIT@example.ca,\n")


def preview(qtbot, db, paths) -> RosterImportDialog:
    group = groups.create(db, "Nelson small group")
    dialog = RosterImportDialog(make_ctx(db, paths), group.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.text.setPlainText(ROSTER)
    dialog.preview()
    assert wait_for_ops()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 5, timeout=5000)
    return dialog


def table(dialog: RosterImportDialog) -> tuple[list[str], dict[int, str]]:
    """The headers, and each line's text in the Problem column."""
    model = dialog.model
    headers = [str(model.headerData(c, Qt.Orientation.Horizontal))
               for c in range(model.columnCount())]
    last = model.columnCount() - 1
    problems = {int(model.data(model.index(r, 0))): str(model.data(model.index(r, last)) or "")
                for r in range(model.rowCount())}
    return headers, problems


def test_the_preview_in_english_names_columns_and_problems_in_words(qtbot, db, paths):
    dialog = preview(qtbot, db, paths)
    headers, problems = table(dialog)
    assert headers == ["Line", "Name", "Role", "Email", "Phone", "Problem"]
    assert problems[2] == ""
    assert problems[3] == "Name: is required"
    assert problems[4].startswith("Role: “surgeon” is not a role")
    assert problems[5] == "Email: “cy-at-example” is not an email address"
    assert problems[6] == "The same person as line 2"
    assert dialog.summary.text().startswith("5 rows: 1 valid, 4 with a problem")
    assert dialog.import_button.text().replace("&", "") == "Import 1 valid row"
    assert members.list_members(db).total == 0  # a preview writes nothing


def test_a_bad_rows_problem_reads_in_french(qtbot, db, paths):
    try:
        assert i18n.install("fr")
        dialog = preview(qtbot, db, paths)
        headers, problems = table(dialog)
        internal = {"full_name", "role", "email", "phone", "licence_number", "facilitator"}
        assert not internal & set(headers)
        assert headers == ["Ligne", "Nom", "Rôle", "Courriel", "Téléphone", "Problème"]
        assert problems[3] == "Nom\u00a0: est obligatoire"
        assert problems[4].startswith("Rôle\u00a0: «\u00a0surgeon\u00a0» n’est pas un rôle")
        assert problems[5] == ("Courriel\u00a0: «\u00a0cy-at-example\u00a0» n’est pas une "
                               "adresse courriel")
        assert problems[6] == "La même personne qu’à la ligne 2"
        for english in ("is required", "not a role", "same person", "email address"):
            assert not any(english in text for text in problems.values())
        assert dialog.summary.text().startswith("5 lignes\u00a0: 1 valide, 4 avec un problème")
        assert dialog.import_button.text().replace("&", "") == "Importer 1 ligne valide"
    finally:
        i18n.install("en")
