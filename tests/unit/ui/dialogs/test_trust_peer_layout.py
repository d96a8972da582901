"""Choosing the groups a workstation may change, in the smallest trust dialog: every
group's whole name shows, wrapped, with no sideways scroll bar (the list shrank to one
row, "Bella Coola Family Physicians Pra" cut behind a sideways scroll bar)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from clinicapp.core.services import groups
from clinicapp.ui import i18n
from clinicapp.ui.dialogs.trust_peer import TrustPeerDialog
from tests.unit.ui.everyday import make_ctx, settle

NAMES = ("Bella Coola Family Physicians Practice-Based Small Group",
         "Duncan Primary Care Small Group")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_smallest_dialog_shows_every_group_whole(qtbot, db, paths, language):
    for name in NAMES:
        groups.create(db, name)
    try:
        assert i18n.install(language) or language == "en"
        dialog = TrustPeerDialog(make_ctx(db, paths))
        qtbot.addWidget(dialog)
        dialog.show()
        settle()
        dialog.resize(1, 1)  # as small as the person can drag it
        settle()
        listing = dialog.groups
        assert not listing.horizontalScrollBar().isVisible()
        viewport = listing.viewport().rect()
        for row in range(listing.count()):
            shown = listing.visualItemRect(listing.item(row))
            assert viewport.contains(shown), listing.item(row).text()
            lines = shown.height() // listing.fontMetrics().lineSpacing()
            needed = listing.fontMetrics().boundingRect(
                0, 0, shown.width() - 30, 1000, Qt.TextFlag.TextWordWrap,
                listing.item(row).text()).height()
            assert lines * listing.fontMetrics().lineSpacing() >= needed
    finally:
        i18n.install("en")
