"""A participant's evaluation of a session: anonymous unless they choose to sign it.

Participants take turns at the keyboard: "Submit and next" saves and clears the form, so
the next person starts from a blank one and never sees the previous answers.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialogButtonBox, QWidget

from clinicapp.core.errors import ValidationError
from clinicapp.core.models import SessionEvaluation, YesNoNa
from clinicapp.core.services import evaluations
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.base import RecordDialog
from clinicapp.ui.widgets.fields import EnumCombo, RatingCombo, TextArea
from clinicapp.ui.widgets.pickers import RecordCombo


class EvaluationDialog(RecordDialog):
    def __init__(self, ctx: AppContext, session_id: str,
                 participants: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.session_id = session_id
        self.submitted = 0
        self.setWindowTitle(self.tr("Session evaluation"))
        self.set_create_text(self.tr("&Submit"))
        self.signed = QCheckBox(self.tr("Put my &name on this evaluation (it is anonymous "
                                        "otherwise)"), self)
        self.form.addRow(self.signed)
        self.member = RecordCombo(self, none_text=self.tr("— anonymous —"))
        self.member.set_choices(participants)
        self.member.setEnabled(False)
        self.add_field("member_id", self.tr("&Who"), self.member)
        self.signed.toggled.connect(self._signed_toggled)
        self.met = self.add_field("objectives_met", self.tr("&Objectives met?"),
                                  EnumCombo(YesNoNa, none_text=self.tr("— not answered —")))
        self.why = self.add_field("objectives_why", self.tr("W&hy"), TextArea(self, 2))
        self.bias = QComboBox(self)
        for text, value in ((self.tr("— not answered —"), None), (self.tr("No"), False),
                            (self.tr("Yes"), True)):
            self.bias.addItem(text, value)
        self.add_field("bias_perceived",
                       self.tr("Commercial or other &bias perceived?"), self.bias)
        self.bias_text = self.add_field("bias_description", self.tr("&Describe the bias"),
                                        TextArea(self, 2))
        low, high = self.tr("not at all"), self.tr("very")
        self.relevance = self.add_field("relevance", self.tr("&Relevance to my practice"),
                                        RatingCombo(low, high, self))
        self.satisfaction = self.add_field("satisfaction", self.tr("O&verall satisfaction"),
                                           RatingCombo(low, high, self))
        self.facilitation = self.add_field("facilitation", self.tr("&Facilitation"),
                                           RatingCombo(self.tr("poor"), self.tr("excellent"),
                                                       self))
        self.intent = self.add_field("intent_to_change", self.tr("&Intent to change practice"),
                                     RatingCombo(self.tr("none"), self.tr("strong"), self))
        self.motivation = self.add_field("motivation",
                                         self.tr("What &motivates you to change?"),
                                         TextArea(self, 2))
        self.barriers = self.add_field("barriers", self.tr("B&arriers to change"),
                                       TextArea(self, 2))
        self.comments = self.add_field("comments", self.tr("&Comments"), TextArea(self, 2))
        self.next_button = self.buttons.addButton(self.tr("Submit and ne&xt"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.submit_and_next)
        self.finish_layout()
        # Its natural height (five roomy text boxes) is taller than a laptop screen: keep
        # it on the screen; the text boxes give up the room first.
        screen = self.screen().availableGeometry().height() if self.screen() else 768
        self.resize(620, min(self.sizeHint().height(), int(screen * 0.9), 720))

    def _signed_toggled(self, on: bool) -> None:
        self.member.setEnabled(on)
        if not on:
            self.member.setValue(None)

    def values_for_create(self) -> dict[str, Any]:
        values = self.values()
        if not self.signed.isChecked():
            values["member_id"] = None
        elif not values.get("member_id"):
            raise ValidationError("member_id", "evaluation_unsigned")
        return values

    def create(self, values: dict[str, Any]) -> SessionEvaluation:
        return evaluations.submit(self.ctx.db, self.session_id, **values)

    def _created(self, record: Any) -> None:
        self.submitted += 1
        super()._created(record)

    def submit_and_next(self) -> None:
        """Save this evaluation and give the next participant a blank form."""
        self.start_create(self._next)

    def _next(self, record: SessionEvaluation) -> None:
        self.result_record = record
        self.submitted += 1
        self.clear()
        self.error_label.setText(self.tr("Thank you — evaluation saved. Next participant, "
                                         "please."))
        self.error_label.setStyleSheet("")
        self.error_label.show()

    def clear(self) -> None:
        self.signed.setChecked(False)
        for combo in (self.met, self.bias, self.relevance, self.satisfaction,
                      self.facilitation, self.intent):
            combo.setCurrentIndex(0)
        for area in (self.why, self.bias_text, self.motivation, self.barriers, self.comments):
            area.setPlainText("")  # also drops the undo history: nothing to recall
        self.met.setFocus()
