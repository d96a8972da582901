"""Today: what needs attention now. Every line opens its record with a click or Enter.

Started with the key from the OS credential store, the page is first drawn from
``core.reports.today.first_read`` (plain SQL, before the ORM is imported: ``show_first``);
every later refresh reads through the services.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Set
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinicapp.core.reports import today
from clinicapp.core.sync import clock
from clinicapp.ui.context import AppContext
from clinicapp.ui.ops import run_op
from clinicapp.ui.pages.base import Page
from clinicapp.ui.widgets.labels import fmt_date, fmt_datetime, label

if TYPE_CHECKING:
    from clinicapp.core.reports.today import FirstRead
    from clinicapp.core.storage.db import Database

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


class EntryList(QListWidget):
    """One of the Today lists; activating a line opens its record."""

    def __init__(self, name: str, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.empty_text = empty_text
        self.setAlternatingRowColors(True)
        self.setUniformItemSizes(True)
        # A long line ends in "…" (its tooltip has all of it) rather than scrolling the
        # box sideways.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)

    def set_entries(self, entries: list[today.TodayEntry], overdue_text: str) -> None:
        current = self.currentItem().data(ID_ROLE) if self.currentItem() else None
        self.clear()
        for entry in entries:
            when = fmt_datetime(entry.at) if entry.at else fmt_date(entry.date)
            title = entry.title or (label(entry.kind_title, type(entry.kind_title))
                                    if entry.kind_title is not None else "")
            text = f"{when}  {title}" if when else title
            extra = " · ".join(p for p in (entry.extra, *(label(v, type(v))
                                                          for v in entry.labels)) if p)
            if entry.overdue:
                text = f"{text}  ({overdue_text})"
            item = QListWidgetItem(text)
            item.setToolTip(text)
            if extra:
                item.setToolTip(f"{text}\n{extra}")
                item.setText(f"{text}\n    {extra}")
            item.setData(KIND_ROLE, entry.kind)
            item.setData(ID_ROLE, entry.id)
            if entry.overdue:
                font = QFont(self.font())
                font.setBold(True)
                item.setFont(font)
                item.setForeground(QBrush(QColor("#b3261e")))
            self.addItem(item)
            if entry.id == current:
                self.setCurrentItem(item)
        self.setWordWrap(not entries)  # the advice wraps; entries end in "…" instead
        if not entries:
            # One sentence a line: the box is narrow, and the advice must be read whole.
            placeholder = QListWidgetItem(self.empty_text.replace(". ", ".\n"))
            placeholder.setToolTip(self.empty_text)
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(placeholder)


class TodayPage(Page):
    key: ClassVar[str] = "today"
    shows: ClassVar[frozenset[str]] = frozenset({
        "sessions", "commitments", "action_items", "action_plans", "support_requests",
        "members", "groups"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.refresh_button = QPushButton(self.tr("&Refresh"), self)
        self.refresh_button.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.refresh_button)

        self.lists: dict[str, EntryList] = {
            "upcoming": EntryList(self.tr("Upcoming sessions"),
                                  self.tr("No sessions planned in the next two weeks.")),
            "in_progress": EntryList(self.tr("Sessions in progress"),
                                     self.tr("No session is running. To start one, open it "
                                             "from Sessions and press Start session.")),
            "followups": EntryList(self.tr("Commitments due for follow-up"),
                                   self.tr("No follow-up is due.")),
            "items": EntryList(self.tr("Action items due or overdue"),
                               self.tr("No action item is due in the next two weeks.")),
            "support": EntryList(self.tr("Open support requests"),
                                 self.tr("No support request is open.")),
        }
        titles = {
            "upcoming": self.tr("&Upcoming sessions"),
            "in_progress": self.tr("Sessions in &progress"),
            "followups": self.tr("&Follow-ups due"),
            "items": self.tr("&Action items due"),
            "support": self.tr("Open &support requests"),
        }
        grid = QGridLayout()
        positions = {"in_progress": (0, 0), "upcoming": (0, 1), "followups": (1, 0),
                     "items": (1, 1), "support": (2, 0)}
        self.boxes: dict[str, QGroupBox] = {}
        for name, entry_list in self.lists.items():
            box = QGroupBox(titles[name], self)
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(entry_list)
            entry_list.setParent(box)
            entry_list.itemActivated.connect(self._activated)
            entry_list.itemClicked.connect(self._activated)
            row, column = positions[name]
            grid.addWidget(box, row, column, 1, 2 if name == "support" else 1)
            self.boxes[name] = box  # Alt+mnemonic of a box title focuses its list
        # An empty list says what to do next, with the button that does it.
        self.next_steps: dict[str, QPushButton] = {}
        for name, text, kind in (
                ("upcoming", self.tr("Plan a session…"), "new_session"),
                ("support", self.tr("Record a support request…"), "new_support_request")):
            button = QPushButton(text, self.boxes[name])
            button.clicked.connect(lambda _=False, k=kind: self.open_record.emit(k, ""))
            button.hide()
            box_layout = self.boxes[name].layout()
            assert box_layout is not None
            box_layout.addWidget(button)
            self.next_steps[name] = button
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid, 1)
        order = ["in_progress", "upcoming", "followups", "items", "support"]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(self.lists[first], self.lists[second])
        self.setFocusProxy(self.lists["in_progress"])
        self.dashboard: today.Today | None = None

    def title(self) -> str:
        return self.tr("Today")

    def refresh(self) -> None:
        from clinicapp.core.services import today as service  # the ORM: after the window

        db, as_of = self.ctx.db, clock.today()
        private = self.tr("Private commitment")
        run_op(self, lambda: _without_private_text(db, service.dashboard(db, as_of), private),
               on_success=self._show)

    def show_first(self, first: FirstRead) -> None:
        """Draw Today as read before the database was open; it reloads on the next change
        of what it shows, as after any refresh."""
        self._stale = False
        self._show(hide_private(first.today, first.private, self.tr("Private commitment")))

    def _show(self, dashboard: today.Today) -> None:
        self.dashboard = dashboard
        self.heading.setText(self.tr("Today, %1").replace("%1", fmt_date(dashboard.as_of)))
        overdue = self.tr("overdue")
        self.lists["upcoming"].set_entries(dashboard.upcoming_sessions, overdue)
        self.lists["in_progress"].set_entries(dashboard.sessions_in_progress, overdue)
        self.lists["followups"].set_entries(dashboard.followups_due, overdue)
        self.lists["items"].set_entries(dashboard.action_items_due, overdue)
        self.lists["support"].set_entries(dashboard.open_support_requests, overdue)
        counts = {
            "upcoming": len(dashboard.upcoming_sessions),
            "in_progress": len(dashboard.sessions_in_progress),
            "followups": len(dashboard.followups_due),
            "items": len(dashboard.action_items_due),
            "support": len(dashboard.open_support_requests),
        }
        for name, button in self.next_steps.items():
            button.setVisible(not counts[name])
        for name, count in counts.items():
            self.boxes[name].setAccessibleDescription(
                self.tr("%n items", "", count))

    def _activated(self, item: QListWidgetItem) -> None:
        kind, row_id = item.data(KIND_ROLE), item.data(ID_ROLE)
        if kind and row_id:
            self.open_record.emit(str(kind), str(row_id))


def _without_private_text(db: Database, dashboard: today.Today, text: str) -> today.Today:
    """Runs in the background: see ``hide_private``."""
    from clinicapp.core.services import commitments

    private = commitments.private_ids(db, (e.id for e in dashboard.followups_due))
    return hide_private(dashboard, private, text)


def hide_private(dashboard: today.Today, private: Set[str], text: str) -> today.Today:
    """A private commitment's words stay off the screen: the line says only whose it is
    and when it is due."""
    if not private:
        return dashboard
    return dataclasses.replace(dashboard, followups_due=[
        dataclasses.replace(e, title=text) if e.id in private else e
        for e in dashboard.followups_due])
