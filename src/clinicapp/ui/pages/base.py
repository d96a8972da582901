"""What every page of the main window is."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from clinicapp.ui import wheel_guard

if TYPE_CHECKING:
    from clinicapp.ui.context import AppContext


class Page(QWidget):
    """A page in the navigation sidebar.

    ``shows`` names the tables whose changes make the page refresh; the main window calls
    ``on_data_changed(tables)`` for every commit, and the page refreshes only if it shows
    one of them and is visible (otherwise on the next ``on_shown``).
    ``open_record(kind, row_id)`` asks the main window to navigate (signal, no reaching in).
    """

    key: ClassVar[str] = ""  # stable id: "today", "sessions", ...
    shows: ClassVar[frozenset[str]] = frozenset()

    open_record = Signal(str, str)  # kind ("session", "member", ...), row id
    status_message = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True

    def title(self) -> str:
        raise NotImplementedError

    def showEvent(self, event: QShowEvent) -> None:
        wheel_guard.guard(self)  # the wheel never changes a value it passes over
        super().showEvent(event)

    def refresh(self) -> None:
        """Reload what the page shows (through ops.run_op for anything slow)."""

    def on_shown(self) -> None:
        if self._stale:
            self._stale = False
            self.refresh()

    def on_data_changed(self, tables: frozenset[str]) -> None:
        if not (tables & self.shows):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def show_record(self, kind: str, row_id: str) -> bool:
        """Select and show one record of this page; False if it is not this page's kind."""
        return False

    def self_test_dialogs(self) -> list[QWidget]:
        """Main dialogs of this page, opened (not exec'd) for --self-test screenshots."""
        return []
