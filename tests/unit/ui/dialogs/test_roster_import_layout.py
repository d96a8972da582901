"""The roster preview at the size it opens at on a screen with room for it (1000 pixels
wide; a smaller screen gets a smaller dialog, see test_screen_fit.py), in English and
French: a phone number and a licence number show whole (9 characters cut "819-555-0101"
to "819-555-0…"), and the columns still fit without a sideways scroll bar."""

from __future__ import annotations

import pytest

from clinicapp.core.services import groups
from clinicapp.ui import i18n
from clinicapp.ui.dialogs.roster_import import RosterImportDialog
from tests.unit.ui.everyday import make_ctx, settle

ROSTER = ("full_name,role,email,phone,licence_number\n"
          "Geneviève Tremblay-Bouchard,physician,gtb@example.org,819-555-0101,CFPC-123456\n"
          "Jean Côté,nurse,not-an-email,819-555-0199,\n")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_preview_shows_numbers_whole_without_scrolling_sideways(qtbot, db, paths,
                                                                      language):
    group = groups.create(db, "Riverside small group")
    try:
        assert i18n.install(language) or language == "en"
        dialog = RosterImportDialog(make_ctx(db, paths), group.id)
        qtbot.addWidget(dialog)
        dialog.resize(1000, 600)  # what it asks for; the test screen is 800 wide
        dialog.show()
        dialog.text.setPlainText(ROSTER)
        dialog.preview()
        settle()
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=5000)
        table, metrics = dialog.table, dialog.table.fontMetrics()
        for column, text in ((4, "819-555-0101"), (5, "CFPC-123456")):
            assert table.columnWidth(column) >= metrics.horizontalAdvance(text) + 8, text
        assert table.horizontalScrollBar().maximum() == 0
    finally:
        i18n.install("en")
