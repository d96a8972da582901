"""Core's errors reach the interface in its language: every code has a wording here, with
the same placeholders, and a French translation; a dialog shows a French rule."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from clinicapp.core.errors import ValidationError
from clinicapp.core.messages import messages, placeholders
from clinicapp.ui import i18n
from clinicapp.ui.error_text import error_text, templates
from clinicapp.ui.ops import wait_for_ops
from tests.unit.ui.everyday import make_ctx


def test_every_core_code_has_a_wording_with_the_same_placeholders():
    ours = templates()
    assert set(ours) == set(messages()), "codes without a wording in ui/error_text.py"
    for code, english in messages().items():
        assert ours[code] == english, f"{code}: the English template changed in core"
        assert placeholders(ours[code]) == placeholders(english), code


def test_every_core_code_has_a_french_wording(qtbot):
    try:
        assert i18n.install("fr")
        french = templates()
        untranslated = [code for code, english in messages().items()
                        if french[code] == english]
        assert not untranslated, f"no French for: {untranslated}"
        for code, english in messages().items():
            assert placeholders(french[code]) == placeholders(english), code
    finally:
        i18n.install("en")


def test_a_validation_message_in_french(qtbot, db, paths):
    from clinicapp.ui.dialogs.member_edit import MemberDialog

    try:
        i18n.install("fr")
        assert error_text(ValidationError("title", "too_long", limit=200)) == \
            "doit compter au plus 200 caractères"
        # An enum value given as a parameter is worded too, not shown as "in_progress".
        text = error_text(ValidationError("status", "complete_not_in_progress",
                                          status="in_progress"))
        assert "in_progress" not in text and "en cours" in text.lower()
        dialog = MemberDialog(make_ctx(db, paths))
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.accept()  # no name typed
        assert wait_for_ops()  # the refusal comes back from the worker
        shown = dialog.error_label.text()
        assert dialog.isVisible() and shown.startswith(
            QCoreApplication.translate("MemberDialog", "Full &name").replace("&", ""))
        assert "obligatoire" in shown or "vide" in shown, shown
    finally:
        i18n.install("en")
