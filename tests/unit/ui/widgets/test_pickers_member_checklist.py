"""The facilitators checklist in the narrowest Plan session dialog, in English and
French: long names wrap within the list, whole, with no sideways scroll bar (it scrolled
sideways and cut "Geneviève Tremblay" short), and each name is its tooltip."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from clinicapp.core.models import Role
from clinicapp.core.services import groups, members
from clinicapp.ui import i18n
from clinicapp.ui.dialogs.plan_session import PlanSessionDialog
from tests.unit.ui.everyday import make_ctx, settle

NAMES = ("Geneviève Tremblay-Bouchard de la Vallée-du-Richelieu",
         "Martin Okafor-Nwachukwu Abernathy-Castellanos", "Jean Côté")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_narrowest_dialog_shows_every_facilitator_whole(qtbot, db, paths, language):
    group = groups.create(db, "Riverside small group")
    for name in NAMES:
        members.add_to_group(db, group.id, members.create(db, name, Role.PHYSICIAN).id)
    try:
        assert i18n.install(language) or language == "en"
        dialog = PlanSessionDialog(make_ctx(db, paths), group_id=group.id)
        qtbot.addWidget(dialog)
        dialog.show()
        settle()
        dialog.resize(1, dialog.height())  # as narrow as the person can drag it
        settle()
        listing = dialog.facilitators
        assert listing.count() == len(NAMES)
        assert not listing.horizontalScrollBar().isVisible()
        assert listing.horizontalScrollBar().maximum() == 0
        room = listing.viewport().width()
        spacing = listing.fontMetrics().lineSpacing()
        for row in range(listing.count()):
            item = listing.item(row)
            shown = listing.visualItemRect(item)
            assert shown.left() >= 0 and shown.right() <= room, item.text()
            needed = listing.fontMetrics().boundingRect(
                0, 0, shown.width() - 30, 1000, Qt.TextFlag.TextWordWrap, item.text()).height()
            assert shown.height() // spacing * spacing >= needed, item.text()
            assert item.toolTip() == item.text()
    finally:
        i18n.install("en")
