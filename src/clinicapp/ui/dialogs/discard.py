"""Nothing typed is lost by a stray Escape: a dialog with this mixin remembers what its
inputs held when it opened and, when closed with something typed since, asks first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QMessageBox, QWidget

from clinicapp.ui import wheel_guard
from clinicapp.ui.widgets.inputs import snapshot, typed_since


class DiscardGuard:
    """Mix in before QDialog; call ``may_discard()`` at the top of ``reject()``."""

    _opened_with: list[tuple[QWidget, Any]] | None = None

    def showEvent(self, event: QShowEvent) -> None:
        wheel_guard.guard(self)  # the wheel never changes a value it passes over
        if self._opened_with is None:  # filled in by then, choices still loading
            self._opened_with = snapshot(self)  # type: ignore[arg-type]
        super().showEvent(event)  # type: ignore[misc]

    def has_typed_input(self) -> bool:
        return self._opened_with is not None and typed_since(self._opened_with)

    def may_discard(self) -> bool:
        """True when there is nothing to lose, or the person chose to discard it."""
        if not self.has_typed_input():
            return True
        box = QMessageBox(QMessageBox.Icon.Question,
                          QCoreApplication.translate("DiscardGuard", "Discard what you typed?"),
                          QCoreApplication.translate("DiscardGuard",
                             "What you typed here has not been saved. Discard it?"),
                          QMessageBox.StandardButton.NoButton,
                          self)  # type: ignore[arg-type]
        discard = box.addButton(QCoreApplication.translate("DiscardGuard", "&Discard"),
                                QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(QCoreApplication.translate("DiscardGuard", "&Keep editing"),
                             QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is discard
