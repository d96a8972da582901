"""Adding an existing member: the list of people fits the dialog, in English and French,
with no sideways scroll bar (at its opening size the email column ran off the right edge
behind one), and a cut-short cell still shows all of it on hover."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from clinicapp.core.models import Role
from clinicapp.core.services import members
from clinicapp.ui import i18n
from clinicapp.ui.dialogs.member_search import MemberSearchDialog
from tests.unit.ui.everyday import make_ctx, settle


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_people_fit_the_dialog_without_scrolling_sideways(qtbot, db, paths, language):
    for name, role in (("Marc-André Kowalski", Role.PHYSICIAN),
                       ("Geneviève Tremblay-Bouchard", Role.MOA),
                       ("Aiyana Côté", Role.NURSE)):
        members.create(db, name, role,
                       email=name.lower().replace(" ", ".") + "@clinique-riviere.example.org")
    try:
        assert i18n.install(language) or language == "en"
        dialog = MemberSearchDialog(make_ctx(db, paths))
        qtbot.addWidget(dialog)
        dialog.show()
        settle()
        assert dialog.model.rowCount() == 3
        for width in (dialog.width(), dialog.minimumSizeHint().width()):
            dialog.resize(width, dialog.height())
            settle()
            assert not dialog.table.horizontalScrollBar().isVisible(), width
        model = dialog.model
        email = model.index(0, 2)
        assert model.data(email, Qt.ItemDataRole.ToolTipRole) == model.data(email)
    finally:
        i18n.install("en")
