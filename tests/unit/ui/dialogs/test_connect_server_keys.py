"""Connect to a central server from the keyboard: each underlined letter reaches its own
field (Alt+F reached nothing: the certificate row's label had no field; and Alt+C was
both the enrollment code and "Check the server", so it did neither at once)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clinicapp.ui import i18n
from clinicapp.ui.dialogs.connect_server import ConnectServerDialog
from tests.unit.ui.everyday import make_ctx


@pytest.mark.parametrize("language", ["en", "fr"])
def test_alt_letters_reach_every_field(qtbot, db, paths, language):
    try:
        assert i18n.install(language) or language == "en"
        dialog = ConnectServerDialog(make_ctx(db, paths))
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        letters = {"a": dialog.url, "c": dialog.code, "f": dialog.ca_file}  # both languages
        for letter, field in letters.items():
            dialog.url.setFocus() if field is not dialog.url else dialog.code.setFocus()
            qtbot.keyClick(QApplication.focusWidget(), getattr(Qt.Key, f"Key_{letter.upper()}"),
                           Qt.KeyboardModifier.AltModifier)
            assert QApplication.focusWidget() is field, letter
        checked = []
        dialog.check_server = lambda: checked.append(True)  # type: ignore[method-assign]
        dialog.check_button.clicked.disconnect()
        dialog.check_button.clicked.connect(dialog.check_server)
        key = "S" if language == "en" else "V"
        qtbot.keyClick(dialog.url, getattr(Qt.Key, f"Key_{key}"),
                       Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: checked == [True])  # a button's Alt key clicks it shortly
    finally:
        i18n.install("en")
