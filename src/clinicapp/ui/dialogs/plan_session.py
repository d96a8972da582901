"""Plan a session (or edit a planned one): what, when, who facilitates, and its
accreditation."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from clinicapp.core.models import AccreditationBody, CreditCategory, Session
from clinicapp.core.services import sessions, topics
from clinicapp.core.sync import clock
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.base import RecordDialog
from clinicapp.ui.dialogs.screen_fit import fit_screen
from clinicapp.ui.ops import run_op, show_error, write_op
from clinicapp.ui.widgets.fields import EnumCombo, LinesEdit, LocalDateTimeEdit, TextArea
from clinicapp.ui.widgets.labels import topic_title
from clinicapp.ui.widgets.pickers import GroupPicker, MemberChecklist, RecordCombo

NEW_TOPIC = "__new__"


def next_full_hour() -> datetime:
    now = clock.utcnow().astimezone()
    return (now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1))


class PlanSessionDialog(RecordDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 session: Session | None = None, group_id: str | None = None) -> None:
        super().__init__(ctx, parent, existing=session is not None)
        self.session = session
        self.setWindowTitle(self.tr("Session details") if session else self.tr("Plan a session"))
        self.set_create_text(self.tr("&Plan session"))
        db = ctx.db
        self.group = self.add_field("group_id", self.tr("&Group"), GroupPicker(db, self))
        self.group.setEnabled(session is None)  # a session stays with its group
        self.topic = RecordCombo(self, none_text=self.tr("— no topic —"))
        self.add_field("topic_id", self.tr("Top&ic"), self.topic)
        self.title_edit = self.add_field("title", self.tr("&Title"), QLineEdit(self))
        self.objectives = self.add_field("objectives", self.tr("&Objectives (one per line)"),
                                         LinesEdit(self))
        self.start = self.add_field("scheduled_start", self.tr("&Date and time"),
                                    LocalDateTimeEdit(self))
        self.minutes = QSpinBox(self)
        self.minutes.setRange(15, 12 * 60)
        self.minutes.setSingleStep(15)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setValue(60)
        self.add_field("planned_minutes", self.tr("Planned le&ngth"), self.minutes)
        self.location = self.add_field("location", self.tr("&Location"), QLineEdit(self))
        self.method = self.add_field("facilitation_method", self.tr("Facilitation &method"),
                                     QLineEdit(self))
        self.method.setPlaceholderText(self.tr("e.g. case-based discussion, PBSG module"))
        self.facilitators = self.add_field("facilitator_ids", self.tr("&Facilitators"),
                                           MemberChecklist(db, group_id, self))

        accreditation = QGroupBox(self.tr("Accreditation"), self)
        acc = QFormLayout(accreditation)
        self.provider = self.add_field("provider", self.tr("Pro&vider"), QLineEdit(self), form=acc)
        self.body = self.add_field("accreditation_body", self.tr("&Body"),
                                   EnumCombo(AccreditationBody), form=acc)
        self.category = self.add_field("credit_category", self.tr("C&ategory"),
                                       EnumCombo(CreditCategory), form=acc)
        self.rate = QDoubleSpinBox(self)
        self.rate.setRange(0.0, 3.0)
        self.rate.setSingleStep(0.5)
        self.rate.setDecimals(2)
        self.rate.setValue(1.0)
        self.add_field("credits_per_hour", self.tr("Credits per &hour"), self.rate, form=acc)
        self.max_credits = QDoubleSpinBox(self)
        self.max_credits.setRange(0.0, 100.0)
        self.max_credits.setSingleStep(0.5)
        self.max_credits.setSpecialValueText(self.tr("no maximum"))
        self.add_field("max_credits", self.tr("Ma&ximum credits"), self.max_credits,
                       getter=lambda: self.max_credits.value() or None, form=acc)
        self.statement = self.add_field("accreditation_statement", self.tr("&Statement"),
                                        TextArea(self, 3), form=acc)
        self.certification = self.add_field("certification_id",
                                            self.tr("&Certification ID"), QLineEdit(self),
                                            form=acc)
        self.layout_.removeWidget(self.form_widget)
        columns = QHBoxLayout()
        columns.addWidget(self.form_widget, 3)
        columns.addWidget(accreditation, 2)
        self.layout_.insertLayout(0, columns, 1)
        self.finish_layout()
        fit_screen(self, 1000, 620)

        self.topic.activated.connect(self._topic_chosen)
        self.group.valueChanged.connect(self._group_changed)
        # The first group is chosen when the choices arrive (no valueChanged then): offer
        # its members as facilitators too.
        self.group.loaded.connect(self._group_changed)
        self._roster_of = group_id
        self._load_topics()

        def fill() -> None:
            if session is None:
                self.start.setValue(next_full_hour())
                if group_id:
                    self.group.setValue(group_id)
                return
            self.group.setValue(session.group_id)
            self.topic.setValue(session.topic_id)
            self.title_edit.setText(session.title)
            self.objectives.setValue(session.objectives or [])
            self.start.setValue(session.scheduled_start)
            self.minutes.setValue(session.planned_minutes)
            self.location.setText(session.location)
            self.method.setText(session.facilitation_method)
            self.facilitators.setValue(session.facilitator_ids or [])
            self.provider.setText(session.provider)
            self.body.setValue(session.accreditation_body)
            self.category.setValue(session.credit_category)
            self.rate.setValue(session.credits_per_hour)
            self.max_credits.setValue(session.max_credits or 0.0)
            self.statement.setPlainText(session.accreditation_statement)
            self.certification.setText(session.certification_id)

        self.load(fill)
        if session is not None:
            self.facilitators.reload(session.group_id)

    # --- choices ------------------------------------------------------------------

    def _load_topics(self, select: str | None = None) -> None:
        db = self.ctx.db
        new_text = self.tr("New topic…")

        def choices() -> list[tuple[str, str]]:
            found = [(topic_title(t.title), t.id) for t in topics.list_topics(db)]
            return [*found, (new_text, NEW_TOPIC)]

        def show(found: list[tuple[str, str]]) -> None:
            self.topic.set_choices(found)
            if select:
                self.topic.setValue(select)

        run_op(self, choices, on_success=show)

    def _topic_chosen(self, _index: int) -> None:
        if self.topic.currentData() != NEW_TOPIC:
            return
        title, ok = QInputDialog.getText(self, self.tr("New topic"),
                                         self.tr("Title of the new topic:"))
        if not ok or not title.strip():
            self.topic.setValue(None)
            return
        def made(topic: Any) -> None:
            self._load_topics(select=topic.id)
            if not self.title_edit.text():
                self.title_edit.setText(topic_title(topic.title))

        def refused(exc: BaseException) -> None:
            show_error(self, exc)
            self.topic.setValue(None)

        write_op(self, self.ctx.db, topics.create, self.ctx.db, title.strip(), on_done=made,
                 on_failure=refused)

    def _group_changed(self) -> None:
        group_id = self.group.value()
        if self.session is None and group_id != self._roster_of:
            self._roster_of = group_id
            self.facilitators.setValue([])
            self.facilitators.reload(group_id)

    # --- saving -------------------------------------------------------------------

    def create(self, values: dict[str, Any]) -> Session:
        if values.get("topic_id") == NEW_TOPIC:
            values["topic_id"] = None
        group_id = values.pop("group_id")
        title = values.pop("title")
        start = values.pop("scheduled_start")
        return sessions.plan(self.ctx.db, group_id, title, start, **values)

    def save_changes(self, changes: dict[str, Any]) -> None:
        assert self.session is not None
        changes.pop("group_id", None)
        if changes.get("topic_id") == NEW_TOPIC:
            return  # the new-topic prompt sets the real topic next
        self.session = sessions.update(self.ctx.db, self.session.id, **changes)

