"""In French, the reflection round's End round button has its own Alt letter (Alt+T was
both « Sou&tiens nécessaires » and « &Terminer le tour », so it only moved the cursor
between them and never ended the round)."""

from __future__ import annotations

import re
from collections import Counter

from PySide6.QtWidgets import QAbstractButton, QLabel

from clinicapp.core.models import Role
from clinicapp.core.services import attendance, groups, members, sessions
from clinicapp.core.sync import clock
from clinicapp.ui import i18n
from clinicapp.ui.dialogs.reflection_round import ReflectionRound
from tests.unit.ui.everyday import make_ctx, settle


def test_every_alt_letter_of_the_french_round_is_its_own(qtbot, db, paths):
    group = groups.create(db, "Riverside small group")
    member = members.create(db, "Maria Lopez", Role.PHYSICIAN)
    members.add_to_group(db, group.id, member.id)
    session = sessions.plan(db, group.id, "Deprescribing", clock.utcnow())
    sessions.start(db, session.id)
    attendance.check_in(db, session.id, member.id)
    try:
        assert i18n.install("fr")
        dialog = ReflectionRound(make_ctx(db, paths, require_unlock=lambda: True), session,
                                 [("Maria Lopez", member.id)])
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.begin_button.click()
        settle()
        texts = [w.text() for w in (*dialog.findChildren(QLabel),
                                    *dialog.findChildren(QAbstractButton)) if w.isVisible()]
        letters = Counter(found.group(1).lower() for text in texts
                          if (found := re.search(r"&(\w)", text.replace("&&", ""))))
        assert [letter for letter, times in letters.items() if times > 1] == []
        assert "&" in dialog.end_button.text()
        dialog._may_close = True
        dialog.reject()
        settle()
    finally:
        i18n.install("en")
