"""Record how a practice commitment turned out, about three months after its session."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from clinicapp.core.models import Outcome, PracticeCommitment
from clinicapp.core.services import commitments
from clinicapp.core.sync import clock
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.base import RecordDialog
from clinicapp.ui.widgets.fields import DateEdit, EnumCombo, TextArea, to_qdate
from clinicapp.ui.widgets.labels import fmt_date, label


class FollowUpDialog(RecordDialog):
    def __init__(self, ctx: AppContext, commitment: PracticeCommitment,
                 parent: QWidget | None = None, member_name: str = "",
                 private: bool = True) -> None:
        super().__init__(ctx, parent)
        self.commitment = commitment
        self.setWindowTitle(self.tr("Follow up a commitment"))
        self.set_create_text(self.tr("&Record follow-up"))
        summary = QLabel(self)
        summary.setWordWrap(True)
        summary.setTextFormat(Qt.TextFormat.PlainText)
        # Private unless its author shared it: then only they know what it says.
        lines = [self.tr("A private commitment: ask its author what they committed to and "
                         "how it went.")] if private else [commitment.change,
                                                           label(commitment.stance)]
        if member_name:
            lines.insert(0, member_name)
        if commitment.target_date and not private:
            lines.append(self.tr("Target date: %1").replace("%1",
                                                            fmt_date(commitment.target_date)))
        if commitment.followup_due:
            lines.append(self.tr("Follow-up due: %1").replace(
                "%1", fmt_date(commitment.followup_due)))
        summary.setText("\n".join(lines))
        summary.setAccessibleName(self.tr("Commitment"))
        self.form.addRow(self.tr("Commitment"), summary)
        self.outcome = self.add_field("outcome", self.tr("&Outcome"), EnumCombo(Outcome))
        self.note = self.add_field("note", self.tr("What &helped or hindered"),
                                   TextArea(self, 4))
        self.on = DateEdit(self)
        self.on.setCalendarPopup(True)
        self.on.setDate(to_qdate(clock.today()))
        self.add_field("on", self.tr("&Followed up on"), self.on)
        self.finish_layout()
        self.resize(520, self.sizeHint().height())
        if commitment.followup_outcome is not None:
            self.outcome.setValue(commitment.followup_outcome)
            self.note.setPlainText(commitment.followup_note)
            if commitment.followed_up_on:
                self.on.setDate(to_qdate(commitment.followed_up_on))

    def create(self, values: dict[str, Any]) -> PracticeCommitment:
        return commitments.record_followup(self.ctx.db, self.commitment.id, values["outcome"],
                                           values["note"], values["on"])
