"""Choosers for records: members (type part of a name), groups, sessions.

Choices load in the background; until they arrive a picker keeps the value it was given
and shows it as soon as the choice is there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QListWidget, QListWidgetItem, QWidget

from clinicapp.core.storage.db import Database
from clinicapp.ui.ops import run_op

MEMBER_CHOICES = 2000  # an editable list: more than any clinic's roster, bounded anyway


class RecordCombo(QComboBox):
    """A combo of (label, id) pairs, optionally with an empty first choice."""

    valueChanged = Signal()
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None, none_text: str | None = None,
                 editable: bool = False, sticky: bool = True) -> None:
        super().__init__(parent)
        self.setProperty("fills_in_background", True)  # see ui.widgets.inputs
        self._none_text = none_text
        # sticky: a value missing from the choices is kept (a former member stays the
        # owner); otherwise the first choice is taken (another group's plans).
        self._sticky = sticky
        self._wanted: str | None = None
        self._loading = False
        self.setEditable(editable)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        if editable:
            completer = QCompleter(self.model(), self)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            self.setCompleter(completer)
        self.currentIndexChanged.connect(self._index_changed)
        self.set_choices([])

    def _index_changed(self, _index: int) -> None:
        if not self._loading:
            self._wanted = None
            self.valueChanged.emit()

    def set_choices(self, choices: Sequence[tuple[str, str]]) -> None:
        keep = self._wanted if self._wanted is not None else self.value()
        self._loading = True
        try:
            self.clear()
            if self._none_text is not None:
                self.addItem(self._none_text, None)
            for text, row_id in choices:
                self.addItem(text, row_id)
            found = self.findData(keep) if keep is not None else -1
            self.setCurrentIndex(found if found >= 0 else (0 if self.count() else -1))
            self._wanted = keep if found < 0 and keep is not None and self._sticky else None
        finally:
            self._loading = False
        self.loaded.emit()

    def load(self, work: Callable[[], Sequence[tuple[str, str]]]) -> None:
        """Fill the choices from ``work()``, run in the background."""
        run_op(self, work, on_success=self.set_choices)

    def value(self) -> Any:
        if self._wanted is not None:
            return self._wanted
        index = self.currentIndex()
        if index < 0:
            return None
        if self.isEditable() and self.currentText() != self.itemText(index):
            return None  # typed text that matches no choice
        return self.itemData(index)

    def setValue(self, row_id: str | None) -> None:
        index = self.findData(row_id)
        if index >= 0:
            self._loading = True
            self.setCurrentIndex(index)
            self._loading = False
            self._wanted = None
        else:
            self._wanted = row_id
        self.valueChanged.emit()


def member_choices(db: Database, group_id: str | None = None) -> list[tuple[str, str]]:
    """(name, id) of a group's roster, or of all active members."""
    from clinicapp.core.services import members

    if group_id:
        return [(m.full_name, m.id) for m, _ms in members.roster(db, group_id)]
    page = members.list_members(db, offset=0, limit=MEMBER_CHOICES, active_only=True)
    return [(m.full_name, m.id) for m in page.items]


def group_choices(db: Database) -> list[tuple[str, str]]:
    from clinicapp.core.services import groups

    return [(g.name, g.id) for g in groups.list_groups(db, 0, 1000).items]


class MemberPicker(RecordCombo):
    """A member, found by typing part of their name."""

    def __init__(self, db: Database, parent: QWidget | None = None,
                 group_id: str | None = None, none_text: str | None = None) -> None:
        super().__init__(parent, none_text=none_text, editable=True)
        self.db = db
        self.reload(group_id)

    def reload(self, group_id: str | None = None) -> None:
        db = self.db
        self.load(lambda: member_choices(db, group_id))


class GroupPicker(RecordCombo):
    """``load=False``: the owner reads the choices itself (``group_choices``) and hands
    them over with ``set_choices``."""

    def __init__(self, db: Database, parent: QWidget | None = None,
                 none_text: str | None = None, load: bool = True) -> None:
        super().__init__(parent, none_text=none_text)
        self.db = db
        if load:
            self.reload()

    def reload(self) -> None:
        db = self.db
        self.load(lambda: group_choices(db))


def wrap_items(listing: QListWidget) -> None:
    """A list whose long items wrap within its width, never behind a sideways scroll
    bar (a word too long for a line ends in "…")."""
    listing.setWordWrap(True)
    listing.setResizeMode(QListWidget.ResizeMode.Adjust)
    listing.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)


class MemberChecklist(QListWidget):
    """Several members of a group, ticked (an action item's supporters)."""

    valueChanged = Signal()

    def __init__(self, db: Database, group_id: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._wanted: list[str] = []
        self._filling = False
        self.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        # A long name wraps within the list (in the narrowest plan-session dialog it
        # was cut behind a sideways scroll bar); a word too long for a line ends in
        # "…" and the whole name is the item's tooltip.
        wrap_items(self)
        self.itemChanged.connect(self._item_changed)
        self.reload(group_id)

    def reload(self, group_id: str | None) -> None:
        """Offer another group's members (ticks of members not in it are kept)."""
        db = self.db
        if not group_id:
            self._fill([])
            return
        run_op(self, lambda: member_choices(db, group_id), on_success=self._fill)

    def _fill(self, choices: Sequence[tuple[str, str]]) -> None:
        self._filling = True
        try:
            self.clear()
            for text, row_id in choices:
                item = QListWidgetItem(text, self)
                item.setData(Qt.ItemDataRole.UserRole, row_id)
                item.setToolTip(text)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                checked = row_id in self._wanted
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        finally:
            self._filling = False

    def _item_changed(self, _item: QListWidgetItem) -> None:
        if not self._filling:
            self._wanted = self._checked()
            self.valueChanged.emit()

    def _checked(self) -> list[str]:
        return [str(self.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]

    def value(self) -> list[str]:
        return list(self._wanted)

    def setValue(self, ids: Sequence[str]) -> None:
        self._wanted = list(ids)
        self._filling = True
        try:
            for i in range(self.count()):
                item = self.item(i)
                on = item.data(Qt.ItemDataRole.UserRole) in self._wanted
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        finally:
            self._filling = False
