"""The warning shown before saving text that looks like it identifies a patient.

Each finding is listed with the words that triggered it and the reason; the person
chooses "Reword" (back to that field) or "Keep as written".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from clinicapp.ui.dialogs.screen_fit import fit_screen
from clinicapp.ui.dialogs.whole_text import keep_wrapped_text_whole


def _attr(finding: Any, *names: str) -> str:
    for name in names:
        value = getattr(finding, name, None)
        if value is None and isinstance(finding, Mapping):
            value = finding.get(name)
        if value:
            return str(value)
    return ""


class IdentifierWarningDialog(QDialog):
    """``exec()`` returns Accepted for "Keep as written", Rejected for "Reword"."""

    REWORD, KEEP = "reword", "keep"

    def __init__(self, findings: Sequence[Any], field_labels: Mapping[str, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.findings = list(findings)
        self.choice = self.REWORD
        self.setWindowTitle(self.tr("This may identify a patient"))
        keep_wrapped_text_whole(self)
        intro = QLabel(self.tr(
            "Some of what you wrote looks like it could identify a patient. A reflection "
            "must not name a patient or give their health number, birth date or address — "
            "write “patient X” instead."), self)
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("What looks like an identifier"))
        self.list.setWordWrap(True)
        for finding in self.findings:
            where = field_labels.get(_attr(finding, "field"), _attr(finding, "field"))
            text = _attr(finding, "text", "match", "matched")
            reason = _attr(finding, "reason", "why", "kind")
            line = f"“{text}” — {reason}" if text else reason
            self.list.addItem(f"{where}: {line}" if where else line)
        buttons = QDialogButtonBox(self)
        self.reword_button = buttons.addButton(self.tr("&Reword"),
                                               QDialogButtonBox.ButtonRole.RejectRole)
        self.keep_button = buttons.addButton(self.tr("&Keep as written"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.reword_button.setDefault(True)  # the safe choice is the one Enter picks
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        fit_screen(self, 520, 320)

    def accept(self) -> None:
        self.choice = self.KEEP
        super().accept()

    def reject(self) -> None:
        self.choice = self.REWORD
        super().reject()

    def first_field(self) -> str:
        return _attr(self.findings[0], "field") if self.findings else ""
