"""Every underlined letter of a dialog is its own, in English and French: Alt and the
letter goes to one field or presses one button. (In English Alt+P was both Topic and
Plan session, Alt+L Planned length and Location, Alt+O Requested on and Notes, Alt+A
Action and Add item, Alt+T Title and Period to, Alt+W Who and Why, Alt+N "Put my name"
and Submit and next, Alt+O Outcome and Followed up on: Qt then only moves between the
two, and the button is never pressed.)"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QTabWidget, QWidget

from clinicapp.core.models import Role
from clinicapp.core.services import action_plans, commitments, groups, members, sessions, support
from clinicapp.core.sync import clock
from clinicapp.ui import i18n
from clinicapp.ui.dialogs.action_item_edit import ActionItemDialog
from clinicapp.ui.dialogs.action_plan_edit import ActionPlanDialog
from clinicapp.ui.dialogs.commitment_followup import FollowUpDialog
from clinicapp.ui.dialogs.connect_server import ConnectServerDialog
from clinicapp.ui.dialogs.evaluation_form import EvaluationDialog
from clinicapp.ui.dialogs.plan_session import PlanSessionDialog
from clinicapp.ui.dialogs.support_request import SupportRequestDialog
from tests.unit.ui.everyday import make_ctx, settle


def records(db):  # type: ignore[no-untyped-def]
    group = groups.create(db, "Riverside small group")
    member = members.create(db, "Maria Lopez", Role.PHYSICIAN)
    members.add_to_group(db, group.id, member.id)
    session = sessions.plan(db, group.id, "Deprescribing", clock.utcnow())
    plan = action_plans.create_plan(db, group.id, "Access plan")
    return {"group": group, "member": member, "session": session, "plan": plan,
            "request": support.request(db, "physician_peer", member_id=member.id),
            "commitment": commitments.create(db, member.id, session.id, "Fewer refills")}


BUILDERS: dict[str, Callable[..., QWidget]] = {
    "plan a session": lambda ctx, r: PlanSessionDialog(ctx, group_id=r["group"].id),
    "session details": lambda ctx, r: PlanSessionDialog(ctx, session=r["session"]),
    "new support request": lambda ctx, r: SupportRequestDialog(ctx, group_id=r["group"].id),
    "support request": lambda ctx, r: SupportRequestDialog(ctx, request=r["request"]),
    "new action item": lambda ctx, r: ActionItemDialog(ctx, r["plan"].id, r["group"].id),
    "new action plan": lambda ctx, r: ActionPlanDialog(ctx, r["group"].id),
    "action plan": lambda ctx, r: ActionPlanDialog(ctx, r["group"].id, plan=r["plan"]),
    "evaluation": lambda ctx, r: EvaluationDialog(
        ctx, r["session"].id, [(r["member"].full_name, r["member"].id)]),
    "follow-up": lambda ctx, r: FollowUpDialog(ctx, r["commitment"],
                                               member_name=r["member"].full_name),
    "connect to a server": lambda ctx, r: ConnectServerDialog(ctx),
}


def shared_letters(dialog: QWidget) -> dict[str, list[str]]:
    texts = [w.text() for w in (*dialog.findChildren(QLabel),
                                *dialog.findChildren(QAbstractButton)) if w.isVisible()]
    for tabs in dialog.findChildren(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    by_letter: dict[str, list[str]] = defaultdict(list)
    for text in texts:
        found = re.search(r"&(\w)", text.replace("&&", ""))
        if found:
            by_letter[found.group(1).lower()].append(text)
    return {letter: shown for letter, shown in by_letter.items() if len(shown) > 1}


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("name", list(BUILDERS))
def test_each_alt_letter_has_one_place_to_go(qtbot, db, paths, language, name):
    made = records(db)
    try:
        assert i18n.install(language) or language == "en"
        dialog = BUILDERS[name](make_ctx(db, paths), made)
        qtbot.addWidget(dialog)
        dialog.show()
        settle()
        assert shared_letters(dialog) == {}
    finally:
        i18n.install("en")
