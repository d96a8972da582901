"""One participant's reflection (What? / So what? / Now what?, barriers, supports) and
optional commitment to change practice. Holds no record: the round saves what it says."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from clinicapp.core.models import Stance, Visibility
from clinicapp.ui.widgets.fields import EnumCombo, OptionalDateEdit, RatingCombo, TextArea
from clinicapp.ui.widgets.inputs import input_state, input_widgets, set_input_state
from clinicapp.ui.widgets.wrap_label import WrapLabel

REFLECTION_FIELDS = ("what", "so_what", "now_what", "barriers", "supports_needed")
COMMITMENT_FIELDS = ("change", "stance", "confidence", "commitment_barriers", "supports",
                     "target_date")


class ReflectionForm(QWidget):
    edited = Signal()  # any field of the reflection or the commitment changed
    visibility_changed = Signal()
    set_up_journal = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = WrapLabel("", self)  # a long name wraps, not widens the round
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        hint = QLabel(self.tr("Only you see this form, and it is saved as you type. Do not "
                              "name patients: write “patient X”."), self)
        hint.setWordWrap(True)

        reflection = QGroupBox(self.tr("My reflection"), self)
        form = QFormLayout(reflection)
        self.fields: dict[str, Any] = {}
        self.labels: dict[str, str] = {}
        for name, text, help_text in (
                ("what", self.tr("&What?"), self.tr("What happened, what did I learn?")),
                ("so_what", self.tr("&So what?"), self.tr("Why does it matter for my "
                                                          "patients and my practice?")),
                ("now_what", self.tr("&Now what?"), self.tr("What will I do differently?")),
                ("barriers", self.tr("&Barriers"), self.tr("What could get in the way?")),
                ("supports_needed", self.tr("Su&pports needed"),
                 self.tr("What help would make it work?"))):
            self._add(form, name, text, TextArea(self, 2), help_text)

        self.private = QRadioButton(self.tr("Pri&vate — only I can read it, with my "
                                            "journal passphrase"), self)
        # Alt+G: Alt+H is "The c&hange".
        self.shared = QRadioButton(self.tr("Share with the &group"), self)
        self.visibility_group = QButtonGroup(self)
        self.visibility_group.addButton(self.private)
        self.visibility_group.addButton(self.shared)
        self.private.setChecked(True)
        self.journal_note = WrapLabel("", self)
        self.journal_button = QPushButton(self.tr("Set up my private &journal…"), self)
        self.journal_button.clicked.connect(self.set_up_journal)
        # Under both columns, across the whole width: it says who reads the reflection
        # and the commitment, and its long choices fit an 800-pixel round in French
        # (beside the reflection's fields they made the form 1014 pixels wide).
        self.who = QGroupBox(self.tr("Who can read it"), self)
        visibility = QVBoxLayout(self.who)
        visibility.addWidget(self.private)
        visibility.addWidget(self.shared)
        journal_row = QHBoxLayout()
        journal_row.addWidget(self.journal_note, 1)
        journal_row.addWidget(self.journal_button)
        visibility.addLayout(journal_row)
        self.private.toggled.connect(lambda _on: self._visibility_toggled())

        self.commitment = QGroupBox(self.tr("I &commit to a change in practice (optional)"),
                                    self)
        self.commitment.setCheckable(True)
        self.commitment.setChecked(False)
        cform = QFormLayout(self.commitment)
        self._add(cform, "change", self.tr("The c&hange"), TextArea(self, 2))
        self._add(cform, "stance", self.tr("S&tance"), EnumCombo(Stance))
        self._add(cform, "confidence", self.tr("C&onfidence (1–5)"),
                  RatingCombo(self.tr("not sure"), self.tr("certain"), self))
        self._add(cform, "commitment_barriers", self.tr("Ba&rriers to it"), TextArea(self, 2))
        self._add(cform, "supports", self.tr("S&upports I need"), TextArea(self, 2))
        self._add(cform, "target_date", self.tr("T&arget date"),
                  OptionalDateEdit(self.tr("By"), self))
        self.commitment.toggled.connect(lambda _on: self.edited.emit())

        columns = QHBoxLayout()
        columns.addWidget(reflection, 3)
        columns.addWidget(self.commitment, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(hint)
        layout.addLayout(columns, 1)
        layout.addWidget(self.who)
        # Tab follows the screen: the reflection, the commitment beside it, then who
        # can read them both.
        chain = [*input_widgets(reflection), self.commitment,
                 *input_widgets(self.commitment), self.private, self.shared,
                 self.journal_button]
        for first, second in pairwise(chain):
            self.setTabOrder(first, second)
        self.has_journal = False
        self.setFocusProxy(self.fields["what"])
        # What a blank form holds, taken from every input widget it contains (not a list
        # of field names): a field added later is reset for the next person too.
        self._blank = [(editor, input_state(editor)) for editor in input_widgets(self)]

    def _add(self, form: QFormLayout, name: str, text: str, editor: Any,
             help_text: str = "") -> None:
        caption = QLabel(text, self)
        caption.setBuddy(editor)
        plain = text.replace("&", "")
        editor.setAccessibleName(plain)
        if help_text:
            editor.setPlaceholderText(help_text)
            editor.setAccessibleDescription(help_text)
        form.addRow(caption, editor)
        self.fields[name] = editor
        self.labels[name] = plain.rstrip("?") if name in REFLECTION_FIELDS else plain
        signal = getattr(editor, "valueChanged", None) or editor.textChanged
        signal.connect(self.edited)

    # --- state --------------------------------------------------------------------

    def start(self, name: str, has_journal: bool) -> None:
        """A blank form for the next participant."""
        self.heading.setText(self.tr("Your reflection, %1").replace("%1", name))
        self.clear()
        self.set_has_journal(has_journal)
        self.fields["what"].setFocus()

    def clear(self) -> None:
        """Every input back to what a blank form holds: nothing of the previous person's
        words, choices or dates stays, not even inside a switched-off date."""
        # Unticking first, then ticking: an exclusive radio group refuses to untick its
        # checked button, but gives way when another one is ticked.
        for editor, state in sorted(self._blank, key=lambda pair: pair[1] is True):
            set_input_state(editor, state)

    def set_has_journal(self, has_journal: bool) -> None:
        self.has_journal = has_journal
        self._visibility_toggled()

    def _visibility_toggled(self) -> None:
        needs_journal = self.private.isChecked() and not self.has_journal
        self.journal_button.setVisible(needs_journal)
        if needs_journal:
            self.journal_note.setText(self.tr(
                "To keep it private, set up your journal (a passphrase only you know). "
                "Until then it cannot be saved — or share it with the group."))
        elif self.private.isChecked():
            self.journal_note.setText(self.tr(
                "Your reflection is sealed to your journal: no one else can read it. If you "
                "commit to a change, others see only that you made a commitment and when "
                "its follow-up is due — not its wording, stance or target date."))
        else:
            self.journal_note.setText(self.tr(
                "Your group will be able to read your reflection and your commitment."))
        self.visibility_changed.emit()

    def visibility(self) -> Visibility:
        return Visibility.PRIVATE if self.private.isChecked() else Visibility.GROUP

    def reflection_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {name: self.fields[name].toPlainText()
                                  for name in REFLECTION_FIELDS}
        values["visibility"] = self.visibility()
        return values

    def has_reflection(self) -> bool:
        return any(self.fields[name].toPlainText().strip() for name in REFLECTION_FIELDS)

    def commitment_values(self) -> dict[str, Any] | None:
        """The commitment to save, or None when the box is not ticked."""
        if not self.commitment.isChecked():
            return None
        target: date | None = self.fields["target_date"].value()
        return {
            "change": self.fields["change"].toPlainText(),
            "stance": self.fields["stance"].value(),
            "confidence": self.fields["confidence"].value(),
            "barriers": self.fields["commitment_barriers"].toPlainText(),
            "supports": self.fields["supports"].toPlainText(),
            "target_date": target,
        }

    def focus_field(self, name: str) -> None:
        editor = self.fields.get(name)
        if editor is not None:
            editor.setFocus()

