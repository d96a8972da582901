"""The global search box of the toolbar: results as you type, Enter opens the record.

The query runs in the background (``run_op``) after a short pause in typing, so a fast
typist never waits on FTS5; a result that arrives for an older text is dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from clinicapp.ui.context import AppContext
from clinicapp.ui.ops import run_op

if TYPE_CHECKING:
    from clinicapp.core.services import search

DEBOUNCE_MS = 200

def record_for(hit: search.Hit) -> tuple[str, str]:
    """What to open for a hit: reflections open their session, notes their action item."""
    if hit.kind == "reflection" and hit.session_id:
        return "session", hit.session_id
    if hit.kind == "note" and hit.item_id:
        return "action_item", hit.item_id
    return hit.kind, hit.row_id


class SearchBox(QLineEdit):
    """Type to search everything; Up/Down choose a result, Enter opens it."""

    open_record = Signal(str, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setPlaceholderText(self.tr("Search sessions, members, notes… (Ctrl+F)"))
        self.setAccessibleName(self.tr("Search everything"))
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(200)
        self.setMaximumWidth(480)
        self.popup = QFrame(self, Qt.WindowType.ToolTip)
        self.popup.setFrameShape(QFrame.Shape.StyledPanel)
        self.popup.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.results = QListWidget(self.popup)
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.itemClicked.connect(self._open_item)
        layout = QVBoxLayout(self.popup)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.results)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self._run)
        self.textEdited.connect(lambda _text: self.timer.start())
        self._asked = ""
        self.installEventFilter(self)

    def kind_labels(self) -> dict[str, str]:
        return {"group": self.tr("Group"), "member": self.tr("Member"),
                "session": self.tr("Session"), "reflection": self.tr("Reflection"),
                "note": self.tr("Progress note")}

    def _run(self) -> None:
        from clinicapp.core.services import search  # the ORM: not before the window

        text = self.text().strip()
        self._asked = text
        if not search.terms_of(text):
            self._show([])
            return
        db = self.ctx.db
        def arrived(hits: list[search.Hit]) -> None:
            self._arrived(text, hits)

        run_op(self, lambda: search.search(db, text, limit=30), on_success=arrived)

    def _arrived(self, asked: str, hits: list[search.Hit]) -> None:
        if asked == self._asked:  # a newer search is on its way: drop this one
            self._show(hits)

    def _show(self, hits: list[search.Hit]) -> None:
        self.results.clear()
        for hit in hits:
            label = self.kind_labels().get(hit.kind, hit.kind)
            item = QListWidgetItem(f"{label}: {hit.title}")
            if hit.snippet:
                item.setToolTip(hit.snippet)
            item.setData(Qt.ItemDataRole.UserRole, record_for(hit))
            self.results.addItem(item)
        if not hits and self._asked:
            empty = QListWidgetItem(self.tr("Nothing found for “%1”").replace("%1", self._asked))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(empty)
        if self.results.count() and self.hasFocus():
            self.results.setCurrentRow(0)
            self._place_popup()
            self.popup.show()
        else:
            self.popup.hide()

    def _place_popup(self) -> None:
        below = self.mapToGlobal(QPoint(0, self.height()))
        rows = min(self.results.count(), 12)
        self.popup.setGeometry(below.x(), below.y(), max(self.width(), 420),
                               rows * (self.results.sizeHintForRow(0) + 2) + 8)

    def hits_shown(self) -> list[tuple[str, str]]:
        """The (kind, id) of every result listed (for tests and accessibility)."""
        return [self.results.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.results.count())
                if self.results.item(i).data(Qt.ItemDataRole.UserRole)]

    def _open_item(self, item: QListWidgetItem | None) -> None:
        record: Any = item.data(Qt.ItemDataRole.UserRole) if item else None
        if record:
            self.popup.hide()
            self.open_record.emit(*record)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
                step = 1 if key == Qt.Key.Key_Down else -1
                row = (self.results.currentRow() + step) % self.results.count()
                self.results.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.timer.isActive():  # Enter before the pause: search now
                    self.timer.stop()
                    self._run()
                    return True
                self._open_item(self.results.currentItem())
                return True
            if key == Qt.Key.Key_Escape:
                self.popup.hide()
                self.clear()
                return True
        elif watched is self and event.type() == QEvent.Type.FocusOut:
            QTimer.singleShot(150, self._hide_unless_focused)
        return super().eventFilter(watched, event)

    def _hide_unless_focused(self) -> None:
        if not self.hasFocus():
            self.popup.hide()
