"""Editors that speak the domain's types: optional dates, enums, ratings, line lists.

Each has ``value()``, ``setValue()`` and a ``valueChanged`` signal so forms and the
``Autosaver`` treat them alike.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QHBoxLayout,
    QPlainTextEdit,
    QWidget,
)

from clinicapp.core.sync import clock
from clinicapp.ui.widgets.labels import DATE_FORMAT, TIME_FORMAT, labels


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DateEdit(QDateEdit):
    """A date typed as 2026-12-01 (each part typed or stepped with the arrow keys), or
    picked from the calendar: the same format as every date the app shows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(DATE_FORMAT)
        self.setCalendarPopup(True)
        self.setToolTip(self.tr("Type the date as YYYY-MM-DD, or pick it from the calendar"))


class OptionalDateEdit(QWidget):
    """A date that may be left empty: a check box turns the date on or off."""

    valueChanged = Signal()

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(text or self.tr("Set"), self)
        self.edit = DateEdit(self)
        self.edit.setDate(to_qdate(clock.today()))
        self.edit.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.check.toggled.connect(self._toggled)
        self.edit.dateChanged.connect(lambda _d: self.valueChanged.emit())
        self.setFocusProxy(self.check)
        # A caption's Alt letter reaches its buddy only if the buddy takes focus (a
        # plain QWidget does not: Alt+A reached nothing on "T&arget date").
        self.setFocusPolicy(self.check.focusPolicy())

    def _toggled(self, on: bool) -> None:
        self.edit.setEnabled(on)
        if on:
            self.edit.setFocus()
        self.valueChanged.emit()

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.check.setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def value(self) -> date | None:
        return self.edit.date().toPython() if self.check.isChecked() else None

    def setValue(self, day: date | None) -> None:
        self.check.setChecked(day is not None)
        if day is not None:
            self.edit.setDate(to_qdate(day))


class LocalDateTimeEdit(QDateTimeEdit):
    """A local date and time that reads back as an aware UTC datetime."""

    valueChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dateTimeChanged.connect(lambda _dt: self.valueChanged.emit())
        self.setCalendarPopup(True)
        self.setDisplayFormat(f"{DATE_FORMAT} {TIME_FORMAT}")  # typed or picked

    def value(self) -> datetime:
        local = self.dateTime().toPython()  # naive local time
        return local.astimezone(UTC)

    def setValue(self, moment: datetime) -> None:
        local = moment.astimezone()
        self.setDateTime(QDateTime(QDate(local.year, local.month, local.day),
                                   QTime(local.hour, local.minute)))


class EnumCombo(QComboBox):
    """One value of a closed vocabulary, shown by its translated label."""

    valueChanged = Signal()

    def __init__(self, enum_cls: type[StrEnum], parent: QWidget | None = None,
                 none_text: str | None = None) -> None:
        super().__init__(parent)
        self.enum_cls = enum_cls
        if none_text is not None:
            self.addItem(none_text, None)
        for value, text in labels(enum_cls).items():
            self.addItem(text, value.value)
        self.currentIndexChanged.connect(lambda _i: self.valueChanged.emit())

    def value(self) -> Any:
        data = self.currentData()
        return None if data is None else self.enum_cls(data)

    def setValue(self, value: StrEnum | str | None) -> None:
        index = self.findData(None if value is None else self.enum_cls(value).value)
        self.setCurrentIndex(max(index, 0))


class RatingCombo(QComboBox):
    """A 1–5 rating that may be left unanswered."""

    valueChanged = Signal()

    def __init__(self, low_text: str = "", high_text: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem(self.tr("— not answered —"), None)
        for n in range(1, 6):
            text = str(n)
            if n == 1 and low_text:
                text = f"1 — {low_text}"
            elif n == 5 and high_text:
                text = f"5 — {high_text}"
            self.addItem(text, n)
        self.currentIndexChanged.connect(lambda _i: self.valueChanged.emit())

    def value(self) -> int | None:
        data = self.currentData()
        return None if data is None else int(data)

    def setValue(self, value: int | None) -> None:
        self.setCurrentIndex(max(self.findData(value), 0))


class LinesEdit(QPlainTextEdit):
    """Several short entries, one per line (learning objectives)."""

    valueChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.textChanged.connect(self.valueChanged.emit)

    def value(self) -> list[str]:
        return [line.strip() for line in self.toPlainText().splitlines() if line.strip()]

    def setValue(self, lines: list[str] | tuple[str, ...]) -> None:
        self.setPlainText("\n".join(lines))


class TextArea(QPlainTextEdit):
    """A multi-line answer where Tab moves on (keyboard users fill forms with Tab)."""

    def __init__(self, parent: QWidget | None = None, lines: int = 3) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        metrics = self.fontMetrics()
        self.setMinimumHeight(metrics.lineSpacing() * lines + 12)
